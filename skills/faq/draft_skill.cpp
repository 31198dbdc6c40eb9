#include "skills/faq/draft_skill.hpp"

#include "bot/core/log.hpp"
#include "skills/faq/faq_drafts.hpp"
#include "skills/shared/command.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::faq {
namespace {

bool is_reviewer(const core::Person& p) { return p.has(core::Role::community_lead); }

std::int64_t arg(const nlohmann::json& args, const char* name) {
  const auto it = args.find(name);
  return it != args.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

/// The last answer an ambassador relayed for the question, from its history.
std::string last_answer(core::Turn& turn, std::int64_t question_id) {
  std::string text;
  for (const auto& e : turn.stores().questions.history(question_id))
    if (e.event == "answer" && e.detail.is_object()) text = e.detail.value("text", text);
  return text;
}

core::OutboundMessage review_card(core::Turn& turn, const Draft& d, const core::Person& lead) {
  core::OutboundMessage m{turn.say(lead, "draft.review_intro",
                                   {{"id", std::to_string(d.id)}, {"name", skills::name_of(turn, d.author_id)}})};
  m.card = core::Card{"faq-draft-" + std::to_string(d.id), d.question, {{turn.say(lead, "card.language"), d.language}},
                      d.answer, turn.say(lead, "draft.status_pending")};
  const nlohmann::json args = {{"draft", d.id}};
  m.buttons.push_back({.label = turn.say(lead, "draft.button_approve"), .action = "draft_approve", .args = args, .primary = true});
  m.buttons.push_back({.label = turn.say(lead, "draft.button_reject"), .action = "draft_reject", .args = args});
  return m;
}

}  // namespace

std::span<const storage::Migration> DraftSkill::migrations() const { return draft_migrations(); }

int DraftSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == "faq_draft" || event.action == "draft_approve" || event.action == "draft_reject")
    return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.verb == "draft" && c.number) return core::fit::exact;
  if ((c.verb == "approve" || c.verb == "reject") && c.number) return core::fit::exact;
  if (c.verb == "drafts" && c.rest.empty()) return core::fit::keyword;
  return core::fit::none;
}

void DraftSkill::handle(core::Turn& turn) {
  const auto& e = *turn.event();
  const auto c = skills::parse_command(e.text);
  if (e.action == "faq_draft") return save(turn, arg(e.args, "question"));
  if (e.action == "draft_approve") return review(turn, arg(e.args, "draft"), true);
  if (e.action == "draft_reject") return review(turn, arg(e.args, "draft"), false);
  if (c.verb == "draft") return save(turn, *c.number);
  if (c.verb == "approve" || c.verb == "reject") return review(turn, *c.number, c.verb == "approve");
  list(turn);
}

void DraftSkill::save(core::Turn& turn, std::int64_t question_id) {
  const auto& me = *turn.sender();
  const auto q = turn.stores().questions.get(question_id);
  const std::string id = std::to_string(question_id);
  if (!q) return turn.reply({turn.say("error.unknown_question", {{"id", id}})});
  if (me.id != q->claimant_id && !is_reviewer(me)) return turn.reply({turn.say("draft.only_claimant")});
  const auto answer = last_answer(turn, q->id);
  if (answer.empty()) return turn.reply({turn.say("draft.nothing_to_save", {{"id", id}})});
  DraftStore drafts(turn.stores().db);
  if (drafts.exists_for(q->id, "entry")) return turn.reply({turn.say("draft.already", {{"id", id}})});
  const auto d = drafts.add({.kind = "entry", .question_id = q->id, .language = q->language, .question = q->text,
                             .answer = answer, .author_id = me.id},
                            turn.now());
  log::info("faq_draft_saved").kv("draft", d.id).kv("question", q->id);
  turn.reply({turn.say("draft.saved", {{"id", std::to_string(d.id)}})});
  for (const auto& lead : turn.stores().people.with_role(core::Role::community_lead))
    if (lead.id != me.id) turn.send(lead, review_card(turn, d, lead));
}

void DraftSkill::review(core::Turn& turn, std::int64_t draft_id, bool approve) {
  const auto& me = *turn.sender();
  if (!is_reviewer(me)) return turn.reply({turn.say("draft.only_leads")});
  DraftStore drafts(turn.stores().db);
  auto d = drafts.get(draft_id);
  const std::string id = std::to_string(draft_id);
  if (!d) return turn.reply({turn.say("draft.unknown", {{"id", id}})});
  if (d->status != "pending") return turn.reply({turn.say("draft.already_reviewed", {{"id", id}})});

  std::string entry_id;
  if (approve) {
    const auto written = apply_draft(*d, faq_dir_);
    if (!written) return turn.reply({turn.say("draft.cannot_apply", {{"id", id}, {"why", written.error()}})});
    entry_id = written.value();
  }
  drafts.review(d->id, approve, me.id, entry_id, turn.now());
  log::info("faq_draft_reviewed").kv("draft", d->id).kv("approved", approve ? "yes" : "no").kv("entry", entry_id);

  // Every lead's copy of the card shows the outcome.
  const auto status_key = approve ? "draft.status_approved" : "draft.status_rejected";
  for (const auto& lead : turn.stores().people.with_role(core::Role::community_lead)) {
    auto card = review_card(turn, *d, lead);
    card.text.clear();
    card.buttons.clear();
    card.card->status = turn.say(lead, status_key, {{"name", me.name}});
    turn.send(lead, card);
  }
  turn.reply({turn.say(approve ? "draft.approved" : "draft.rejected", {{"id", id}, {"entry", entry_id}})});
  if (const auto author = turn.stores().people.find(d->author_id); author && author->id != me.id && d->kind == "entry")
    turn.send(*author, {turn.say(*author, approve ? "draft.to_author_approved" : "draft.to_author_rejected",
                                 {{"id", id}, {"name", me.name}})});
}

void DraftSkill::list(core::Turn& turn) {
  if (!is_reviewer(*turn.sender())) return turn.reply({turn.say("draft.only_leads")});
  const auto pending = DraftStore(turn.stores().db).pending();
  if (pending.empty()) return turn.reply({turn.say("draft.none_pending")});
  std::string text = turn.say("draft.list_header") + "\n";
  for (const auto& d : pending)
    text += "- " + turn.say(d.kind == "entry" ? "draft.list_entry" : "draft.list_phrasing",
                            {{"id", std::to_string(d.id)}, {"question", d.question}, {"entry", d.entry_id}}) + "\n";
  turn.reply({text});
}

}  // namespace relais::faq
