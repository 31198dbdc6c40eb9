#include "bot/transports/matrix/matrix_renderer.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "bot/transports/matrix/matrix_html.hpp"

namespace relais::matrix {

using json = nlohmann::json;

namespace {

const std::map<std::string, std::string, std::less<>> action_emoji = {
    {"claim", "✋"},          {"helpful", "👍"},      {"not_helpful", "👎"}, {"ask_ambassador", "🙋"},
    {"pass", "⏭️"},          {"resolve", "✅"},      {"release", "↩️"},    {"reopen", "🔄"},
    {"cancel", "❌"},         {"available", "🟢"},    {"faq_draft", "📝"},  {"draft_approve", "✅"},
    {"draft_reject", "❌"},   {"help", "❓"}};

const char* const keycaps[] = {"1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"};
const char* const numbers[] = {"0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"};

/// A button labelled with a number from 0 to 10 (a scale) is pressed with that number's keycap.
std::string number_key(const std::string& label) {
  if (label.empty() || label.size() > 2 || !std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return "";
  const int n = std::stoi(label);
  return n <= 10 ? numbers[n] : "";
}

std::string card_markdown(const core::Card& card) {
  std::string md = "**" + card.title + "**";
  for (const auto& [name, value] : card.facts) md += "\n**" + name + ":** " + value;
  if (!card.body.empty()) md += "\n\n" + card.body;
  if (!card.status.empty()) md += "\n\n" + card.status;
  return md;
}

std::string hint_markdown(const std::vector<Choice>& choices, const Hints& hints) {
  std::string reacts, reply;
  for (const auto& c : choices) {
    if (c.key == reply_key) {
      reply = "✍️ " + hints.reply + " **" + c.button.label + "**";
      continue;
    }
    reacts += (reacts.empty() ? "" : " · ") + c.key + " " + c.button.label;
  }
  std::string md;
  if (!reacts.empty()) md = hints.react + ": " + reacts;
  if (!reply.empty()) md += (md.empty() ? "" : "\n") + reply;
  return md;
}

/// Makes the first appearance of each person's name a pill (a link to their user).
std::string with_pills(std::string html, const std::vector<Pill>& pills) {
  for (const auto& p : pills) {
    const auto name = html_escape(p.name);
    const auto at = name.empty() ? std::string::npos : html.find(name);
    if (at == std::string::npos) continue;
    html.replace(at, name.size(), "<a href=\"https://matrix.to/#/" + html_escape(p.user_id) + "\">" + name + "</a>");
  }
  return html;
}

}  // namespace

std::vector<Choice> choices_for(const std::vector<core::Button>& buttons) {
  std::vector<Choice> out;
  std::set<std::string> used;
  bool reply_used = false;
  std::size_t next_keycap = 0;
  for (const auto& b : buttons) {
    if (!b.input_placeholder.empty() && !reply_used) {
      out.push_back({reply_key, b});
      reply_used = true;
      continue;
    }
    const auto fixed = action_emoji.find(b.action);
    std::string key = number_key(b.label);
    if (key.empty() && fixed != action_emoji.end() && !used.contains(fixed->second)) key = fixed->second;
    if (used.contains(key)) key.clear();
    while (key.empty() && next_keycap < std::size(keycaps))
      if (!used.contains(keycaps[next_keycap])) key = keycaps[next_keycap++];
      else ++next_keycap;
    if (key.empty()) continue;  // more than nine: the rest stay typed commands
    used.insert(key);
    out.push_back({key, b});
  }
  return out;
}

Rendered render_message(const core::OutboundMessage& message, const Hints& hints, const std::vector<Pill>& pills) {
  Rendered r;
  r.choices = choices_for(message.buttons);
  std::string md = message.text;
  if (message.card) md += (md.empty() ? "" : "\n\n") + card_markdown(*message.card);
  if (const auto hint = hint_markdown(r.choices, hints); !hint.empty()) md += "\n\n" + hint;

  json mentions = json::array();
  for (const auto& p : pills) mentions.push_back(p.user_id);
  r.content = {{"msgtype", "m.notice"},
               {"body", markdown_to_plain(md)},
               {"format", "org.matrix.custom.html"},
               {"formatted_body", with_pills(markdown_to_html(md), pills)},
               {"m.mentions", {{"user_ids", mentions}}}};
  return r;
}

json in_thread(json content, const std::string& thread_root) {
  content["m.relates_to"] = {{"rel_type", "m.thread"},
                             {"event_id", thread_root},
                             {"is_falling_back", true},
                             {"m.in_reply_to", {{"event_id", thread_root}}}};
  return content;
}

json edit_of(const json& content, const std::string& original_event_id) {
  json fresh = content;
  fresh.erase("m.relates_to");
  json edit = {{"msgtype", content.value("msgtype", "m.notice")},
               {"body", "* " + content.value("body", "")},
               {"m.new_content", fresh},
               {"m.mentions", json::object()},  // an edit notifies nobody again
               {"m.relates_to", {{"rel_type", "m.replace"}, {"event_id", original_event_id}}}};
  if (content.contains("formatted_body")) {
    edit["format"] = "org.matrix.custom.html";
    edit["formatted_body"] = "* " + content.value("formatted_body", "");
  }
  return edit;
}

}  // namespace relais::matrix
