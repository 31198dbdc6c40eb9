#include "skills/surveys/survey_skill.hpp"

#include <cmath>
#include <set>

#include "bot/core/log.hpp"

namespace relais::surveys {

namespace {
constexpr const char* timer_sweep = "survey.sweep";
constexpr const char* timer_invite = "survey.invite";
constexpr const char* timer_reminder = "survey.reminder";

std::string arg(const nlohmann::json& args, const char* key) {
  const auto it = args.find(key);
  return it != args.end() && it->is_string() ? it->get<std::string>() : "";
}
}  // namespace

std::span<const storage::Migration> SurveySkill::migrations() const { return survey_migrations(); }

std::vector<std::string> SurveySkill::timer_kinds() const { return {timer_sweep, timer_invite, timer_reminder}; }

int SurveySkill::fit(const core::InboundEvent& event, const core::Person&) const {
  return event.action == "survey_answer" ? core::fit::exact : core::fit::none;
}

core::SendTimes SurveySkill::times_for(const core::Person& person) const {
  return {core::personal_hours(settings_.organisation, person), settings_.send_minute};
}

const Survey* SurveySkill::survey_of_run(const std::string& run) const {
  const auto id = run.substr(0, run.find('@'));
  for (const auto& s : *surveys_)
    if (s.id == id) return &s;
  return nullptr;
}

void SurveySkill::on_refresh(core::Turn& turn) {
  turn.stores().timers.cancel(timer_sweep, "surveys", turn.now());
  turn.schedule(timer_sweep, "surveys", turn.now());
}

void SurveySkill::sweep(core::Turn& turn) {
  const auto today = settings_.organisation.zone.local(turn.now()).date;
  const auto people = turn.stores().people.all();
  std::set<std::string> circles_with_ambassador;
  for (const auto& p : people)
    if (p.has(core::Role::ambassador)) circles_with_ambassador.insert(p.circle);
  SurveyStore store(turn.stores().db);
  for (const auto& survey : *surveys_) {
    const auto run_date = survey.open_run(today);
    if (!run_date) continue;
    const auto run = run_id(survey, *run_date);
    int invited = 0;
    for (const auto& p : people) {
      if (!survey.audience.includes(p, circles_with_ambassador) || !store.add_invitation(run, p.id, p.circle)) continue;
      const auto times = times_for(p);
      const auto first = times.on_or_after(*run_date);
      turn.schedule(timer_invite, run + "|" + p.id, first > turn.now() ? first : times.soonest(turn.now()));
      ++invited;
    }
    if (invited > 0) log::info("survey_invitations").kv("run", run).kv("people", invited);
  }
  turn.schedule(timer_sweep, "surveys", turn.now() + settings_.sweep_every);
}

void SurveySkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) {
  if (timer.kind == timer_sweep) return sweep(turn);
  const auto bar = timer.subject.find('|');
  const auto run = timer.subject.substr(0, bar);
  const auto person = turn.stores().people.find(timer.subject.substr(bar + 1));
  const auto* survey = survey_of_run(run);
  if (!person || !survey) return;  // they left, or the survey was withdrawn
  SurveyStore store(turn.stores().db);
  const auto invitation = store.invitation(run, person->id);
  if (!invitation || invitation->completed_at) return;
  if (timer.kind == timer_invite) {
    if (!store.mark_invited(run, person->id, turn.now())) return;  // never invited twice
    ask_next(turn, *person, *survey, run, turn.say(*person, "survey.invitation", {{"title", survey->intro_for(person->language).title}}));
    turn.schedule(timer_reminder, timer.subject, times_for(*person).working_days_after(turn.now(), settings_.remind_after_days));
  } else if (!invitation->reminded_at) {
    store.mark_reminded(run, person->id, turn.now());
    ask_next(turn, *person, *survey, run, turn.say(*person, "survey.reminder"));
  }
}

core::OutboundMessage SurveySkill::question_card(core::Turn& turn, const core::Person& person, const Survey& survey,
                                                 const std::string& run, const Question& q, const std::string* answered) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < survey.questions.size(); ++i)
    if (survey.questions[i].id == q.id) index = i + 1;
  core::OutboundMessage m;
  m.card = core::Card{.key = "survey:" + run + ":" + q.id,
                      .title = survey.intro_for(person.language).title,
                      .facts = {{turn.say(person, "survey.question"),
                                 std::to_string(index) + " / " + std::to_string(survey.questions.size())}},
                      .body = q.text_for(person.language),
                      .status = answered ? turn.say(person, "survey.answered", {{"answer", *answered}}) : ""};
  if (answered) return m;
  const nlohmann::json base = {{"run", run}, {"question", q.id}};
  auto button = [&](std::string label, nlohmann::json extra) {
    auto args = base;
    args.update(extra);
    m.buttons.push_back({.label = std::move(label), .action = "survey_answer", .args = args});
  };
  switch (q.kind) {
    case Question::Kind::scale:
      for (int v = q.min; v <= q.max; ++v) button(std::to_string(v), {{"value", v}});
      break;
    case Question::Kind::yes_no:
      button(turn.say(person, "survey.yes"), {{"value", 1}});
      button(turn.say(person, "survey.no"), {{"value", 0}});
      break;
    case Question::Kind::text:
      m.buttons.push_back({.label = turn.say(person, "survey.button_answer"), .action = "survey_answer", .args = base,
                           .input_placeholder = turn.say(person, "survey.placeholder")});
      button(turn.say(person, "survey.button_skip"), {{"skip", true}});
      break;
  }
  return m;
}

bool SurveySkill::ask_next(core::Turn& turn, const core::Person& person, const Survey& survey, const std::string& run,
                           const std::string& lead) {
  SurveyStore store(turn.stores().db);
  const auto done = store.answered_questions(run, person.id);
  for (const auto& q : survey.questions) {
    if (std::find(done.begin(), done.end(), q.id) != done.end()) continue;
    auto card = question_card(turn, person, survey, run, q, nullptr);
    card.text = lead;
    if (done.empty() && !survey.intro_for(person.language).text.empty())
      card.text += (card.text.empty() ? "" : "\n\n") + survey.intro_for(person.language).text;
    turn.send(person, card);
    return true;
  }
  return false;
}

void SurveySkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto& me = *turn.sender();
  const auto run = arg(event.args, "run");
  const auto* survey = survey_of_run(run);
  const auto* q = survey ? survey->question(arg(event.args, "question")) : nullptr;
  SurveyStore store(turn.stores().db);
  const auto invitation = store.invitation(run, me.id);
  if (!q || !invitation) return turn.reply({turn.say("survey.unknown")});

  Answer answer{run, me.id, invitation->circle, q->id, std::nullopt, ""};
  std::string shown;
  const auto value = event.args.find("value");
  if (event.args.value("skip", false) && q->kind == Question::Kind::text) {
    shown = turn.say("survey.skipped");
  } else if (q->kind == Question::Kind::text) {
    answer.text = event.text.substr(0, 2000);
    if (answer.text.empty()) return turn.reply({turn.say("survey.empty_answer")});
    shown = answer.text;
  } else if (value != event.args.end() && value->is_number_integer() &&
             value->get<int>() >= (q->kind == Question::Kind::scale ? q->min : 0) &&
             value->get<int>() <= (q->kind == Question::Kind::scale ? q->max : 1)) {
    answer.value = value->get<int>();
    shown = q->kind == Question::Kind::yes_no ? turn.say(*answer.value == 1 ? "survey.yes" : "survey.no")
                                               : std::to_string(value->get<int>());
  } else {
    return turn.reply({turn.say("survey.unknown")});
  }
  store.save_answer(answer, turn.now());
  turn.reply(question_card(turn, me, *survey, run, *q, &shown));  // the card shows the answer, buttons gone
  if (!q->on_yes.empty() && answer.value == 1 && on_yes_) on_yes_(turn, me, q->on_yes);
  if (invitation->completed_at) return;  // a changed answer after the end: nothing more to ask
  if (!ask_next(turn, me, *survey, run, "")) {
    store.mark_completed(run, me.id, turn.now());
    turn.stores().timers.cancel(timer_reminder, run + "|" + me.id, turn.now());
    turn.reply({turn.say("survey.thanks")});
  }
}

}  // namespace relais::surveys
