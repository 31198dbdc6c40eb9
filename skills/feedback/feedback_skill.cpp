#include "skills/feedback/feedback_skill.hpp"

#include "bot/core/knowledge_file.hpp"
#include "bot/core/log.hpp"
#include "skills/feedback/feedback_store.hpp"
#include "skills/shared/command.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::feedback {

std::span<const storage::Migration> FeedbackSkill::migrations() const { return feedback_migrations(); }

core::Button comment_button(core::Turn& turn, std::int64_t question_id) {
  return {.label = turn.say("rating.button_comment"), .action = "rate_comment", .args = {{"question", question_id}},
          .input_placeholder = turn.say("rating.placeholder")};
}

int FeedbackSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == "feedback" || event.action == "rate_help" || event.action == "rate_comment") return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  return skills::parse_command(event.text).verb == "feedback" ? core::fit::exact : core::fit::none;
}

void FeedbackSkill::rate_help(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto id = event.args.value("question", std::int64_t{0});
  const auto q = turn.stores().questions.get(id);
  if (!q || q->asker_id != turn.sender()->id) return turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(id)}})});
  for (const auto& e : turn.stores().questions.history(id))
    if (e.event == "rated" && e.actor_id == q->asker_id && e.detail.value("of", "") == "help")
      return turn.reply({turn.say("rating.already")});  // one rating per question
  const bool helpful = event.args.value("helpful", false);
  turn.stores().questions.note(id, q->asker_id, "rated", turn.now(), {{"helpful", helpful}, {"of", "help"}});
  core::OutboundMessage thanks{turn.say("rating.thanks")};
  thanks.buttons.push_back(comment_button(turn, id));
  turn.reply(thanks);
}

void FeedbackSkill::comment(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto id = event.args.value("question", std::int64_t{0});
  const auto q = turn.stores().questions.get(id);
  if (!q || q->asker_id != turn.sender()->id) return turn.reply({turn.say("error.unknown_question", {{"id", std::to_string(id)}})});
  const auto text = core::trim(event.text).substr(0, max_feedback_length);
  if (text.empty()) return turn.reply({turn.say("feedback.ask")});
  turn.stores().questions.note(id, q->asker_id, "rating_comment", turn.now(), {{"text", text}});
  turn.reply({turn.say("rating.comment_thanks")});
}

void FeedbackSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  if (event.action == "rate_help") return rate_help(turn);
  if (event.action == "rate_comment") return comment(turn);
  const auto& me = *turn.sender();
  if (event.action.empty()) {
    const auto c = skills::parse_command(event.text);
    if (c.rest.starts_with("edit") && !c.number) {
      const auto again = skills::parse_command(c.rest);  // "edit 12 new text"
      if (again.number) return edit(turn, *again.number, again.rest);
    }
    if (c.rest.starts_with("from ") && c.rest.find(':') != std::string::npos) return forward(turn, c.rest.substr(5));
  }
  std::string text = core::trim(event.action.empty() ? skills::parse_command(event.text).rest : event.text);
  if (text.empty()) {
    core::OutboundMessage ask{turn.say("feedback.ask")};
    ask.buttons.push_back({.label = turn.say("feedback.button"), .action = "feedback",
                           .input_placeholder = turn.say("feedback.placeholder")});
    return turn.reply(ask);
  }
  if (text.size() > max_feedback_length) text.resize(max_feedback_length);
  const auto topics = tagger_ ? tagger_(text, me.language) : std::vector<std::string>{};
  const auto id = FeedbackStore(turn.stores().db).add({0, me.id, me.circle, me.language, text, topics, event.transport, turn.now(), ""});
  std::string about;
  for (const auto& t : topics) about += (about.empty() ? "" : ", ") + t;
  turn.reply({(about.empty() ? turn.say("feedback.thanks") : turn.say("feedback.thanks_topics", {{"topics", about}})) +
              " " + turn.say("feedback.number", {{"id", std::to_string(id)}})});
}

void FeedbackSkill::forward(core::Turn& turn, const std::string& rest) {
  const auto& me = *turn.sender();
  if (!me.has(core::Role::ambassador) && !me.has(core::Role::community_lead) && !me.has(core::Role::it))
    return turn.reply({turn.say("error.only_ambassadors")});
  const auto colon = rest.find(':');
  const auto who = core::trim(rest.substr(0, colon));
  auto text = core::trim(rest.substr(colon + 1)).substr(0, max_feedback_length);
  const auto colleague = skills::find_named(turn.stores().people.all(), who);
  if (!colleague) return turn.reply({turn.say("reassign.unknown", {{"name", who}})});
  if (text.empty()) return turn.reply({turn.say("feedback.ask")});
  const auto topics = tagger_ ? tagger_(text, me.language) : std::vector<std::string>{};
  const auto id = FeedbackStore(turn.stores().db).add({0, colleague->id, colleague->circle, me.language, text, topics,
                                                       turn.event()->transport, turn.now(), me.id});
  turn.reply({turn.say("feedback.forwarded", {{"name", colleague->name}, {"id", std::to_string(id)}})});
}

void FeedbackSkill::edit(core::Turn& turn, std::int64_t id, const std::string& new_text) {
  const auto& me = *turn.sender();
  FeedbackStore store(turn.stores().db);
  const auto f = store.get(id);
  // The person who wrote it, or the ambassador who forwarded it, may correct it.
  if (!f || (f->forwarded_by.empty() ? f->person_id != me.id : f->forwarded_by != me.id))
    return turn.reply({turn.say("feedback.not_yours", {{"id", std::to_string(id)}})});
  const auto text = core::trim(new_text).substr(0, max_feedback_length);
  if (text.empty()) return turn.reply({turn.say("feedback.ask")});
  store.edit(id, text, tagger_ ? tagger_(text, me.language) : std::vector<std::string>{}, turn.now());
  turn.reply({turn.say("feedback.edited", {{"id", std::to_string(id)}})});
}

void FeedbackSkill::on_refresh(core::Turn& turn) {
  if (retention_days_ <= 0) return;
  for (const auto& t : turn.stores().timers.pending_for("free-text"))
    if (t.kind == "feedback.retention") return;
  turn.schedule("feedback.retention", "free-text", turn.now());
}

void FeedbackSkill::on_timer(core::Turn& turn, const storage::TimerRow&) {
  const auto before = turn.now() - std::chrono::days(retention_days_);
  auto& db = turn.stores().db;
  int blanked = FeedbackStore(db).forget_text_before(before);
  db.run("UPDATE question_events SET detail = json_set(detail, '$.text', '') WHERE event = 'rating_comment' AND at < ?1 "
         "AND json_extract(detail, '$.text') <> ''", core::to_millis(before));
  blanked += db.changes();
  if (db.query_int("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'survey_answers'")) {
    db.run("UPDATE survey_answers SET text = '' WHERE answered_at < ?1 AND text <> ''", core::to_millis(before));
    blanked += db.changes();
  }
  if (blanked > 0) log::info("free_text_retention").kv("blanked", blanked).kv("days", retention_days_);
  turn.schedule("feedback.retention", "free-text", turn.now() + std::chrono::hours(24));
}

}  // namespace relais::feedback
