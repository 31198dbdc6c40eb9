#include "bot/transports/teams/teams_activity.hpp"

namespace relais::teams {
namespace {

using nlohmann::json;

std::string str(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& child(const json& object, const char* key) {
  static const json empty = json::object();
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : empty;
}

/// A pressed button: Action.Submit sends {"action", "args", inputs...}; Action.Execute sends
/// {"action": {"verb", "data": {...the same...}}}.
void read_button(const json& value, Activity& a) {
  const json* data = &value;
  if (const auto it = value.find("action"); it != value.end() && it->is_object()) {
    a.action = str(*it, "verb");
    data = &child(*it, "data");
  }
  if (a.action.empty()) a.action = str(*data, "action");
  if (const auto args = data->find("args"); args != data->end() && args->is_object()) {
    a.args = *args;
  } else {  // a card Relais did not render: keep its fields as they are
    for (const auto& [key, v] : data->items())
      if (key != "action" && key != "text") a.args[key] = v;
  }
  a.text = str(*data, "text");
}

}  // namespace

std::string ConversationRef::encode() const {
  return json{{"serviceUrl", service_url}, {"conversation", conversation_id}, {"type", conversation_type},
              {"tenant", tenant_id}, {"bot", bot_id}, {"botName", bot_name}, {"user", user_id}}
      .dump();
}

std::optional<ConversationRef> ConversationRef::decode(std::string_view address) {
  const auto j = json::parse(address, nullptr, false);
  if (!j.is_object() || str(j, "serviceUrl").empty()) return std::nullopt;
  return ConversationRef{str(j, "serviceUrl"), str(j, "conversation"), str(j, "type"), str(j, "tenant"),
                         str(j, "bot"),        str(j, "botName"),      str(j, "user")};
}

std::string plain_text(std::string_view html, std::string_view bot_mention) {
  std::string out;
  for (std::size_t i = 0; i < html.size();) {
    if (!bot_mention.empty() && html.substr(i).starts_with(bot_mention)) {
      i += bot_mention.size();
      continue;
    }
    const char c = html[i];
    if (c == '<') {
      const auto close = html.find('>', i);
      if (close == std::string_view::npos) break;
      const auto tag = html.substr(i + 1, close - i - 1);
      if (tag == "br" || tag == "br/" || tag == "/p" || tag == "/div") out += '\n';
      i = close + 1;
    } else if (c == '&') {
      static const std::pair<std::string_view, char> entities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}, {"&nbsp;", ' '}};
      bool decoded = false;
      for (const auto& [entity, ch] : entities)
        if (html.substr(i).starts_with(entity)) {
          out += ch;
          i += entity.size();
          decoded = true;
          break;
        }
      if (!decoded) out += html[i++];
    } else {
      out += html[i++];
    }
  }
  const auto begin = out.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return out.substr(begin, out.find_last_not_of(" \t\r\n") - begin + 1);
}

Result<Activity> parse_activity(std::string_view body) {
  const auto j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return Result<Activity>::failure("the body is not valid JSON");
  if (!j.is_object()) return Result<Activity>::failure("an activity must be a JSON object");
  Activity a;
  a.type = str(j, "type");
  if (a.type.empty()) return Result<Activity>::failure("the activity has no \"type\"");
  a.id = str(j, "id");
  const auto& from = child(j, "from");
  const auto& conversation = child(j, "conversation");
  const auto& recipient = child(j, "recipient");
  a.from_id = str(from, "id");
  a.from_aad_object_id = str(from, "aadObjectId");
  a.from_name = str(from, "name");
  a.locale = str(j, "locale");
  a.where = {str(j, "serviceUrl"),
             str(conversation, "id"),
             str(conversation, "conversationType"),
             str(conversation, "tenantId").empty() ? str(child(child(j, "channelData"), "tenant"), "id")
                                                   : str(conversation, "tenantId"),
             str(recipient, "id"),
             str(recipient, "name"),
             a.from_id};

  auto require = [&](const std::string& value, const char* what) {
    return value.empty() ? std::optional<std::string>(std::string("the activity has no ") + what) : std::nullopt;
  };
  const bool acts = a.type == "message" || a.type == "invoke" || a.type == "conversationUpdate" ||
                    a.type == "installationUpdate";
  if (acts) {
    for (const auto& [value, what] : {std::pair{a.where.service_url, "\"serviceUrl\""},
                                      std::pair{a.where.conversation_id, "\"conversation.id\""},
                                      std::pair{a.where.bot_id, "\"recipient.id\""}})
      if (auto problem = require(value, what)) return Result<Activity>::failure(*problem);
  }

  if (a.type == "message") {
    if (auto problem = require(a.id, "\"id\"")) return Result<Activity>::failure(*problem);
    if (auto problem = require(a.from_id, "\"from.id\"")) return Result<Activity>::failure(*problem);
    std::string mention;
    if (const auto entities = j.find("entities"); entities != j.end() && entities->is_array())
      for (const auto& e : *entities)
        if (e.is_object() && str(e, "type") == "mention" && str(child(e, "mentioned"), "id") == a.where.bot_id)
          mention = str(e, "text");
    const auto value = j.find("value");
    if (value != j.end() && value->is_object()) {
      a.kind = Activity::Kind::card_action;
      read_button(*value, a);
    } else {
      a.kind = Activity::Kind::message;
      a.text = plain_text(str(j, "text"), mention);
    }
  } else if (a.type == "invoke" && str(j, "name") == "adaptiveCard/action") {
    if (auto problem = require(a.from_id, "\"from.id\"")) return Result<Activity>::failure(*problem);
    a.kind = Activity::Kind::card_action;
    read_button(child(j, "value"), a);
    if (a.action.empty()) return Result<Activity>::failure("the card action has no verb");
  } else if (a.type == "conversationUpdate") {
    a.kind = Activity::Kind::members_added;
    if (const auto added = j.find("membersAdded"); added != j.end() && added->is_array())
      for (const auto& m : *added) {
        if (!m.is_object() || str(m, "id").empty()) continue;
        if (str(m, "id") == a.where.bot_id) a.bot_added = true;
        else a.members_added.push_back({str(m, "id"), str(m, "aadObjectId")});
      }
    if (a.members_added.empty() && !a.bot_added) a.kind = Activity::Kind::other;
  } else if (a.type == "installationUpdate") {
    a.kind = Activity::Kind::installation;
    a.installation_action = str(j, "action");
  }
  if (a.text.size() > max_text_length)
    return Result<Activity>::failure("the text is longer than " + std::to_string(max_text_length) + " bytes");
  return a;
}

core::InboundEvent to_event(const Activity& a, const std::string& sender_address, core::TimePoint now) {
  core::InboundEvent e;
  e.transport = "teams";
  e.message_id = a.id;
  e.sender_address = sender_address;
  e.conversation = a.where.encode();
  e.personal = a.where.conversation_type.empty() || a.where.conversation_type == "personal";
  e.text = a.text;
  e.action = a.action;
  e.args = a.args;
  e.received_at = now;
  return e;
}

}  // namespace relais::teams
