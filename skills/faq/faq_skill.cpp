#include "skills/faq/faq_skill.hpp"

#include "skills/feedback/feedback_skill.hpp"

#include <algorithm>

#include "bot/core/log.hpp"
#include "skills/faq/faq_drafts.hpp"
#include "skills/faq/text/unicode.hpp"
#include "skills/routing/routing_store.hpp"

namespace relais::faq {
namespace {

constexpr std::size_t max_question_length = 4000;
constexpr std::size_t suggestions = 3;

std::int64_t question_arg(const nlohmann::json& args) {
  const auto it = args.find("question");
  return it != args.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

/// What the question is about, from the entries nearest to it (even when none answers it).
std::vector<std::string> topics_of(const SearchResult& result) {
  std::vector<std::string> topics;
  if (result.coverage < 0.1) return topics;
  for (std::size_t i = 0; i < std::min<std::size_t>(2, result.hits.size()); ++i) {
    if (result.hits[i].score < 0.5 * result.hits[0].score) break;  // a distant second says little
    for (const auto& t : result.hits[i].entry->topics)
      if (std::find(topics.begin(), topics.end(), t) == topics.end()) topics.push_back(t);
  }
  return topics;
}

/// The question a button of the sender's own is about; unknown or someone else's: told so.
std::optional<storage::Question> own_question(core::Turn& turn) {
  const auto id = question_arg(turn.event()->args);
  auto q = turn.stores().questions.get(id);
  if (q && q->asker_id == turn.sender()->id) return q;
  turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(id)}})});
  return std::nullopt;
}

void refuse_in_state(core::Turn& turn, const storage::Question& q) {
  turn.reply({turn.say("error.not_allowed", {{"id", std::to_string(q.id)},
                                             {"state", turn.say("state." + std::string(core::to_string(q.state)))}})});
}

}  // namespace

int FaqSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == "helpful" || event.action == "not_helpful" || event.action == "ask_ambassador" ||
      event.action == "faq_pick")
    return core::fit::exact;
  if (event.action.empty() && !event.text.empty()) return core::fit::fallback;
  return core::fit::none;
}

void FaqSkill::handle(core::Turn& turn) {
  const auto& action = turn.event()->action;
  if (action == "helpful") return rate(turn, true);
  if (action == "not_helpful") return rate(turn, false);
  if (action == "ask_ambassador") return ask_ambassador(turn);
  if (action == "faq_pick") return pick(turn);
  ask(turn);
}

std::vector<std::string> FaqSkill::topics_for(const std::string& text, const std::string& language) const {
  return topics_of(index_->search(text, language, suggestions));
}

std::vector<std::pair<std::string, std::string>> FaqSkill::entries_about(const std::vector<std::string>& topics,
                                                                       const std::string& language) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : index_->entries())
    if (std::any_of(e.topics.begin(), e.topics.end(),
                    [&](const std::string& t) { return std::find(topics.begin(), topics.end(), t) != topics.end(); }))
      out.emplace_back(e.best_translation(language).question, e.link);
  return out;
}

void FaqSkill::ask(core::Turn& turn) {
  const auto& asker = *turn.sender();
  std::string text = turn.event()->text;
  if (text.size() > max_question_length) text.resize(max_question_length);
  const auto result = index_->search(text, asker.language, suggestions);
  auto& questions = turn.stores().questions;
  const auto q = questions.create(asker.id, text, result.language, turn.event()->dedupe_key(), turn.now());
  // What it is about, from the nearest entries: routing uses it whenever a person must answer.
  routing::RoutingStore(turn.stores().db).save_topics(q.id, topics_of(result));
  log::debug("faq_search").kv("question", q.id).kv("language", result.language)
      .kv("confidence", result.confidence).kv("hits", result.hits.size());

  if (!result.hits.empty() && result.confidence >= thresholds_.answer)
    return answer_with(turn, q, *result.hits.front().entry, result.confidence, result.language);

  // Not sure which, but clearly about the FAQ: let the asker choose.
  if (!result.hits.empty() && result.coverage >= thresholds_.suggest) {
    questions.note(q.id, "", "faq_suggested", turn.now(),
                   {{"confidence", result.confidence}, {"coverage", result.coverage}});
    core::OutboundMessage m{turn.say("faq.suggest_intro")};
    for (const auto& hit : result.hits)
      m.buttons.push_back({.label = hit.entry->best_translation(result.language).question,
                           .action = "faq_pick",
                           .args = {{"question", q.id}, {"entry", hit.entry->id}}});
    m.buttons.push_back({.label = turn.say("faq.button_none"), .action = "not_helpful", .args = {{"question", q.id}}});
    turn.reply(m);
    return;
  }
  routing_.route(turn, q, asker);
}

void FaqSkill::answer_with(core::Turn& turn, const storage::Question& q, const Entry& entry, double confidence,
                           const std::string& language) {
  const auto& t = entry.best_translation(language);
  auto& questions = turn.stores().questions;
  questions.set_faq_entry(q.id, entry.id);
  questions.transition(q.id, core::QuestionEvent::answer, "", turn.now(),
                       {{"entry", entry.id}, {"confidence", confidence}});
  // The answer comes in the language of the entry's translation, so its sentences around it do too.
  core::Person reader = *turn.sender();
  reader.language = t.language;
  core::OutboundMessage m;
  m.text = turn.say(reader, "faq.answer_intro", {{"question", t.question}}) + "\n\n" + t.answer;
  if (!entry.link.empty()) m.text += "\n\n" + turn.say(reader, "faq.more_link", {{"link", entry.link}});
  const nlohmann::json args = {{"question", q.id}};
  m.buttons.push_back({.label = turn.say(reader, "faq.button_helpful"), .action = "helpful", .args = args});
  m.buttons.push_back({.label = turn.say(reader, "faq.button_not_helpful"), .action = "not_helpful", .args = args});
  m.buttons.push_back({.label = turn.say(reader, "faq.button_ask_ambassador"), .action = "ask_ambassador", .args = args});
  turn.reply(m);
}

void FaqSkill::pick(core::Turn& turn) {
  const auto& args = turn.event()->args;
  const auto entry_id = args.value("entry", "");
  const Entry* entry = index_->find(entry_id);
  if (!entry) {
    turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(question_arg(args))}})});
    return;
  }
  const auto q = own_question(turn);
  if (!q) return;
  if (q->state != core::QuestionState::asked) return refuse_in_state(turn, *q);
  turn.stores().questions.note(q->id, turn.sender()->id, "faq_picked", turn.now(), {{"entry", entry_id}});
  answer_with(turn, *q, *entry, 1.0, q->language);
}

void FaqSkill::learn_phrasing(core::Turn& turn, const storage::Question& q) {
  if (learning_.phrasings == "off" || q.faq_entry.empty()) return;
  const Entry* entry = index_->find(q.faq_entry);
  if (!entry) return;
  // Only wording the entry does not have yet, in a language it has.
  const auto key = [](std::string_view s) {
    std::string k;
    for (const auto& w : text::words(s))
      if (!w.joined) k += text::fold(w.lower) + " ";
    return k;
  };
  const auto asked = key(q.text);
  bool has_language = false;
  for (const auto& t : entry->translations) {
    if (t.language != q.language) continue;
    has_language = true;
    if (key(t.question) == asked) return;
    for (const auto& a : t.alternatives)
      if (key(a) == asked) return;
  }
  DraftStore drafts(turn.stores().db);
  if (!has_language || drafts.exists_for(q.id, "phrasing")) return;
  auto d = drafts.add({.kind = "phrasing", .question_id = q.id, .entry_id = entry->id, .language = q.language,
                       .question = q.text, .author_id = q.asker_id},
                      turn.now());
  if (learning_.phrasings != "auto") return;  // a community lead reviews it ("drafts")
  if (apply_draft(d, learning_.faq_dir)) drafts.review(d.id, true, "auto", entry->id, turn.now());
}

void FaqSkill::ask_ambassador(core::Turn& turn) {
  const auto q = own_question(turn);
  if (!q) return;
  if (q->state != core::QuestionState::answered && q->state != core::QuestionState::asked)
    return refuse_in_state(turn, *q);
  // Not a verdict on the answer (trends count it apart from "not helpful"): they want a person.
  turn.stores().questions.note(q->id, turn.sender()->id, "asked_ambassador", turn.now());
  routing_.route(turn, *q, *turn.sender());
}

void FaqSkill::rate(core::Turn& turn, bool helpful) {
  const auto q = own_question(turn);
  if (!q) return;
  turn.stores().questions.note(q->id, turn.sender()->id, "rated", turn.now(), {{"helpful", helpful}});
  if (helpful && q->state == core::QuestionState::answered) learn_phrasing(turn, *q);
  const bool can_route = q->state == core::QuestionState::answered || q->state == core::QuestionState::asked;
  core::OutboundMessage thanks{turn.say("faq.thanks_rating")};
  thanks.buttons.push_back(feedback::comment_button(turn, q->id));  // what was good, or missing
  if (helpful || !can_route) return turn.reply(thanks);
  routing_.route(turn, *q, *turn.sender());
  thanks.text = turn.say("rating.ask_comment");
  turn.reply(thanks);
}

}  // namespace relais::faq
