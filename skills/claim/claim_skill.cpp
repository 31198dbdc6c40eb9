#include "skills/claim/claim_skill.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "skills/escalation/escalation_skill.hpp"
#include "skills/shared/command.hpp"
#include "skills/shared/question_card.hpp"

namespace relais::claim {
namespace {

using core::QuestionEvent;
using core::QuestionState;
using core::Role;

const std::set<std::string, std::less<>> question_verbs = {"claim",  "pass",   "answer",  "resolve",
                                                           "release", "reopen", "cancel", "reassign"};

bool is_queue(const skills::Command& c) { return c.verb == "queue" || (c.verb == "my" && c.rest == "queue"); }
bool is_open_list(const skills::Command& c) { return (c.verb == "open" && (c.rest.empty() || c.rest == "questions")); }

bool is_my_questions(const skills::Command& c) {
  return c.verb == "questions" || (c.verb == "my" && c.rest == "questions");
}

bool is_lead_or_it(const core::Person& p) { return p.has(Role::community_lead) || p.has(Role::it); }

std::string state_name(core::Turn& turn, QuestionState s) {
  return turn.say("state." + std::string(core::to_string(s)));
}

/// Markdown quote of every line, so a multi-line answer stays one quote.
std::string quoted(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    out += (out.empty() ? "" : "\n") + std::string("> ") + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string one_line(std::string text, std::size_t max = 80) {
  for (auto& c : text)
    if (c == '\n') c = ' ';
  if (text.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) >> 6) == 2) --cut;  // UTF-8 boundary
    text = text.substr(0, cut) + "…";
  }
  return text;
}

}  // namespace

int ClaimSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (!event.action.empty()) return question_verbs.contains(event.action) ? core::fit::exact : core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (question_verbs.contains(c.verb) && c.number) return core::fit::exact;
  if (is_queue(c) || is_my_questions(c) || is_open_list(c)) return core::fit::keyword;
  return core::fit::none;
}

void ClaimSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto command = skills::parse_command(event.text);
  const std::string verb = event.action.empty() ? command.verb : event.action;
  if (event.action.empty() && is_queue(command)) return queue(turn);
  if (event.action.empty() && is_my_questions(command)) return my_questions(turn);
  if (event.action.empty() && is_open_list(command)) return open_questions(turn);

  const auto id = skills::question_of(event, command);
  const auto q = id ? turn.stores().questions.get(*id) : std::nullopt;
  if (!q) {
    turn.reply({turn.say("error.unknown_question", {{"id", id ? std::to_string(*id) : "?"}})});
    return;
  }
  // A typed command carries its text after the number; a card's input arrives as event.text.
  const std::string text = event.action.empty() ? command.rest : event.text;
  if (verb == "claim") claim(turn, *q);
  else if (verb == "pass") pass(turn, *q);
  else if (verb == "answer") answer(turn, *q, text);
  else if (verb == "resolve") resolve(turn, *q);
  else if (verb == "release") release(turn, *q);
  else if (verb == "reopen") reopen(turn, *q);
  else if (verb == "cancel") cancel(turn, *q);
  else if (verb == "reassign") reassign(turn, *q, event.action.empty() ? command.rest : event.args.value("to", ""));
}

bool ClaimSkill::may_act_for_claimant(core::Turn& turn, const storage::Question& q, bool asker_too) {
  const auto& me = *turn.sender();
  if (q.state != QuestionState::claimed) {
    refuse(turn, q);
    return false;
  }
  if (me.id == q.claimant_id || (asker_too && me.id == q.asker_id) || is_lead_or_it(me)) return true;
  turn.reply({turn.say("error.not_claimant", {{"name", skills::name_of(turn, q.claimant_id)}})});
  return false;
}

void ClaimSkill::refuse(core::Turn& turn, const storage::Question& q) {
  turn.reply({turn.say("error.not_allowed",
                       {{"id", std::to_string(q.id)}, {"state", state_name(turn, q.state)}})});
}

void ClaimSkill::claim(core::Turn& turn, const storage::Question& q) {
  const auto& me = *turn.sender();
  const std::string id = std::to_string(q.id);
  if (q.state == QuestionState::claimed || q.state == QuestionState::resolved) {
    turn.reply({turn.say("error.already_claimed", {{"id", id}, {"name", skills::name_of(turn, q.claimant_id)}})});
    return;
  }
  if (!skills::may_claim(me, q)) {
    turn.reply({turn.say(me.id == q.asker_id ? "error.own_question" : "error.only_ambassadors")});
    return;
  }
  const auto claimed = turn.stores().questions.transition(q.id, QuestionEvent::claim, me.id, turn.now());
  if (!claimed) return refuse(turn, q);
  escalation::disarm(turn, q.id);
  escalation::arm_claimed(turn, q.id, routing_.escalation_policy());
  turn.stores().questions.offer(q.id, me.id, turn.now());
  skills::refresh_cards(turn, claimed.value());
  turn.reply({turn.say("claim.to_claimant", {{"id", id}})});
  if (const auto asker = turn.stores().people.find(q.asker_id)) {
    core::OutboundMessage told{turn.say(*asker, "claim.to_asker", {{"id", id}, {"name", me.name}})};
    told.mentions = {me.id};  // a link to the ambassador where the transport has one (a Matrix pill)
    turn.send(*asker, told);
  }
}

void ClaimSkill::answer(core::Turn& turn, const storage::Question& q, const std::string& text) {
  const auto& me = *turn.sender();
  const std::string id = std::to_string(q.id);
  if (!may_act_for_claimant(turn, q)) return;
  if (text.empty()) {
    turn.reply({turn.say("error.answer_empty", {{"id", id}})});
    return;
  }
  turn.stores().questions.note(q.id, me.id, "answer", turn.now(), {{"text", text}});
  if (const auto asker = turn.stores().people.find(q.asker_id)) {
    core::OutboundMessage m{turn.say(*asker, "answer.to_asker", {{"id", id}, {"name", me.name}, {"answer", quoted(text)}})};
    m.buttons.push_back({.label = turn.say(*asker, "answer.button_solved"), .action = "resolve", .args = {{"question", q.id}}, .primary = true});
    turn.send(*asker, m);
    turn.reply({turn.say("answer.to_claimant", {{"id", id}, {"name", asker->name}})});
  }
}

void ClaimSkill::resolve(core::Turn& turn, const storage::Question& q) {
  const auto& me = *turn.sender();
  const std::string id = std::to_string(q.id);
  if (!may_act_for_claimant(turn, q, /*asker_too=*/true)) return;
  const auto resolved = turn.stores().questions.transition(q.id, QuestionEvent::resolve, me.id, turn.now());
  if (!resolved) return refuse(turn, q);
  escalation::disarm(turn, q.id);
  skills::refresh_cards(turn, resolved.value());
  core::OutboundMessage done{turn.say("resolve.to_resolver", {{"id", id}})};
  if (me.id == q.claimant_id)  // knowledge is kept: one click turns the answer into an FAQ draft
    done.buttons.push_back({.label = turn.say("resolve.button_draft"), .action = "faq_draft", .args = {{"question", q.id}}});
  turn.reply(done);
  if (me.id == q.asker_id) {
    if (const auto claimant = turn.stores().people.find(q.claimant_id))
      turn.send(*claimant, {turn.say(*claimant, "resolve.to_claimant", {{"id", id}, {"name", me.name}})});
  } else if (const auto asker = turn.stores().people.find(q.asker_id)) {
    core::OutboundMessage m{turn.say(*asker, "resolve.to_asker", {{"id", id}})};
    m.buttons.push_back({.label = turn.say(*asker, "rating.button_helped"), .action = "rate_help",
                         .args = {{"question", q.id}, {"helpful", true}}, .primary = true});
    m.buttons.push_back({.label = turn.say(*asker, "rating.button_not_helped"), .action = "rate_help",
                         .args = {{"question", q.id}, {"helpful", false}}});
    m.buttons.push_back({.label = turn.say(*asker, "resolve.button_reopen"), .action = "reopen", .args = {{"question", q.id}}});
    turn.send(*asker, m);
  }
}

void ClaimSkill::pass(core::Turn& turn, const storage::Question& q) {
  const auto& me = *turn.sender();
  const auto offered = turn.stores().questions.offered_to(q.id);
  if (q.state != QuestionState::routed || std::find(offered.begin(), offered.end(), me.id) == offered.end())
    return refuse(turn, q);
  turn.stores().questions.note(q.id, me.id, "passed", turn.now());
  turn.reply({turn.say("pass.done", {{"id", std::to_string(q.id)}})});
  // Offered at once to the next best ambassador, rather than when the reroute timer fires.
  if (const auto asker = turn.stores().people.find(q.asker_id)) routing_.offer(turn, q, *asker, {me.id}, false);
}

void ClaimSkill::release(core::Turn& turn, const storage::Question& q) {
  const auto& me = *turn.sender();
  if (!may_act_for_claimant(turn, q)) return;
  const auto released = turn.stores().questions.transition(q.id, QuestionEvent::release, me.id, turn.now());
  if (!released) return refuse(turn, q);
  skills::refresh_cards(turn, released.value());
  turn.reply({turn.say("release.to_releaser", {{"id", std::to_string(q.id)}})});
  if (const auto asker = turn.stores().people.find(q.asker_id)) {
    escalation::disarm(turn, q.id);
    escalation::arm(turn, q.id, routing_.escalation_policy());
    routing_.offer(turn, released.value(), *asker, {q.claimant_id});
  }
}

void ClaimSkill::reopen(core::Turn& turn, const storage::Question& q) {
  const auto& me = *turn.sender();
  const std::string id = std::to_string(q.id);
  if (me.id != q.asker_id) {
    turn.reply({turn.say("error.only_asker")});
    return;
  }
  const auto reopened = turn.stores().questions.transition(q.id, QuestionEvent::reopen, me.id, turn.now());
  if (!reopened) return refuse(turn, q);
  skills::refresh_cards(turn, reopened.value());
  const auto claimant_name = skills::name_of(turn, q.claimant_id);
  turn.reply({turn.say("reopen.to_asker", {{"id", id}, {"name", claimant_name}})});
  escalation::arm_claimed(turn, q.id, routing_.escalation_policy());
  if (const auto claimant = turn.stores().people.find(q.claimant_id))
    turn.send(*claimant, {turn.say(*claimant, "reopen.to_claimant", {{"id", id}, {"name", me.name}})});
}

void ClaimSkill::cancel(core::Turn& turn, const storage::Question& q) {
  const auto& me = *turn.sender();
  if (me.id != q.asker_id && !is_lead_or_it(me)) {
    turn.reply({turn.say("error.only_asker")});
    return;
  }
  const auto cancelled = turn.stores().questions.transition(q.id, QuestionEvent::cancel, me.id, turn.now());
  if (!cancelled) return refuse(turn, q);
  escalation::disarm(turn, q.id);
  skills::refresh_cards(turn, cancelled.value());
  turn.reply({turn.say("cancel.done", {{"id", std::to_string(q.id)}})});
}

void ClaimSkill::reassign(core::Turn& turn, const storage::Question& q, const std::string& to) {
  const auto& me = *turn.sender();
  const std::string id = std::to_string(q.id);
  if (!may_act_for_claimant(turn, q)) return;
  auto& questions = turn.stores().questions;
  const bool to_community = to == "community" || to == "communauté" || to == "gemeenschap";
  std::optional<core::Person> target;
  if (!to_community) {
    target = skills::find_named(turn.stores().people.with_role(core::Role::ambassador), to);
    if (!target) return turn.reply({turn.say("reassign.unknown", {{"name", to}})});
    if (target->id == q.claimant_id || target->id == q.asker_id)
      return turn.reply({turn.say("reassign.same", {{"name", target->name}})});
  }
  const auto released = questions.transition(q.id, core::QuestionEvent::release, me.id, turn.now(), {{"reassign", true}});
  if (!released) return refuse(turn, q);
  escalation::disarm(turn, q.id);
  questions.note(q.id, me.id, "reassign", turn.now(), {{"from", q.claimant_id}, {"to", to_community ? "community" : target->id}});

  if (to_community) {
    const auto shared = questions.transition(q.id, core::QuestionEvent::escalate, me.id, turn.now(), {{"reassign", true}});
    if (!shared) return refuse(turn, q);
    skills::refresh_cards(turn, shared.value());
    const auto& policy = routing_.escalation_policy();
    escalation::share_with_community(turn, shared.value(), policy, "reassign.community_intro", {{"id", id}, {"name", me.name}});
    const auto& ladder = policy.for_circle(skills::circle_of(turn, q.asker_id));
    turn.schedule(escalation::timer_to_it, id, policy.working.add(turn.now(), ladder.to_it - ladder.to_community));
    return turn.reply({turn.say("reassign.done_community", {{"id", id}})});
  }
  const auto claimed = questions.transition(q.id, core::QuestionEvent::claim, target->id, turn.now(), {{"by", me.id}});
  if (!claimed) return refuse(turn, q);
  escalation::arm_claimed(turn, q.id, routing_.escalation_policy());
  questions.offer(q.id, target->id, turn.now());
  skills::refresh_cards(turn, claimed.value());  // the new claimant's copy carries the answer buttons
  turn.send(*target, {turn.say(*target, "reassign.to_target", {{"id", id}, {"name", me.name}})});
  turn.reply({turn.say("reassign.done", {{"id", id}, {"name", target->name}})});
  if (const auto asker = turn.stores().people.find(q.asker_id))
    turn.send(*asker, {turn.say(*asker, "claim.to_asker", {{"id", id}, {"name", target->name}})});
}

void ClaimSkill::queue(core::Turn& turn) {
  const auto& me = *turn.sender();
  if (!me.has(Role::ambassador) && !is_lead_or_it(me)) {
    turn.reply({turn.say("error.only_ambassadors")});
    return;
  }
  auto& questions = turn.stores().questions;
  const auto mine = questions.claimed_by(me.id);
  const auto open = questions.claimable(20);
  if (mine.empty() && open.empty()) {
    turn.reply({turn.say("queue.empty")});
    return;
  }
  std::string text;
  auto list = [&](const char* header, const std::vector<storage::Question>& qs) {
    if (qs.empty()) return;
    text += turn.say(header) + "\n";
    for (const auto& q : qs)
      text += "- " + turn.say("queue.item", {{"id", std::to_string(q.id)},
                                             {"asker", skills::name_of(turn, q.asker_id)},
                                             {"text", one_line(q.text)}}) + "\n";
    text += "\n";
  };
  list("queue.claimed_header", mine);
  list("queue.open_header", open);
  turn.reply({text});
}

void ClaimSkill::open_questions(core::Turn& turn) {
  const auto& me = *turn.sender();
  if (!is_lead_or_it(me)) return turn.reply({turn.say("open.only_leads")});
  auto& st = turn.stores().db.prepare(
      "SELECT id, state, asker_id, COALESCE(claimant_id, ''), created_at, text FROM questions "
      "WHERE state IN ('routed', 'escalated', 'escalated_it', 'claimed') ORDER BY created_at LIMIT 50");
  st.bind();
  struct Row {
    std::int64_t id;
    std::string state, asker, claimant;
    std::int64_t created;
    std::string text;
  };
  std::vector<Row> rows;
  while (st.step()) rows.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4), st.text(5)});
  if (rows.empty()) return turn.reply({turn.say("open.none")});
  std::map<std::string, int> by_state;
  for (const auto& r : rows) ++by_state[r.state];
  std::string text = turn.say("open.header") + "\n";
  for (const auto& [state, n] : by_state)
    text += "- " + turn.say("state." + state) + ": " + std::to_string(n) + "\n";
  text += "\n";
  for (const auto& r : rows) {
    const auto hours = (core::to_millis(turn.now()) - r.created) / 3'600'000;
    text += "- " + turn.say("open.item", {{"id", std::to_string(r.id)},
                                          {"state", turn.say("state." + r.state)},
                                          {"hours", std::to_string(hours)},
                                          {"asker", skills::name_of(turn, r.asker)},
                                          {"claimant", r.claimant.empty() ? "-" : skills::name_of(turn, r.claimant)},
                                          {"text", one_line(r.text, 60)}}) + "\n";
  }
  text += "\n" + turn.say("open.hint");
  turn.reply({text});
}

void ClaimSkill::my_questions(core::Turn& turn) {
  const auto qs = turn.stores().questions.asked_by(turn.sender()->id, 10);
  if (qs.empty()) {
    turn.reply({turn.say("questions.none")});
    return;
  }
  std::string text = turn.say("questions.header") + "\n";
  for (const auto& q : qs)
    text += "- " + turn.say("questions.item", {{"id", std::to_string(q.id)},
                                               {"state", state_name(turn, q.state)},
                                               {"text", one_line(q.text)}}) + "\n";
  turn.reply({text});
}

}  // namespace relais::claim
