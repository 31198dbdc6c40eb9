#include "skills/onboarding/onboarding_skill.hpp"

#include "bot/core/dates.hpp"
#include "bot/core/log.hpp"
#include "skills/onboarding/onboarding_store.hpp"
#include "skills/shared/command.hpp"

namespace relais::onboarding {

namespace {
constexpr const char* timer_sweep = "onboarding.sweep";
constexpr const char* timer_welcome = "onboarding.welcome";
constexpr const char* timer_module = "onboarding.module";
constexpr const char* timer_reminder = "onboarding.reminder";

std::string module_subject(const std::string& person_id, const std::string& module_id) {
  return person_id + "|" + module_id;
}

std::string module_arg(const nlohmann::json& args) {
  const auto it = args.find("module");
  return it != args.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string names(const std::vector<core::Person>& people) {
  std::string out;
  for (std::size_t i = 0; i < people.size(); ++i)
    out += (i == 0 ? "" : i + 1 == people.size() ? " & " : ", ") + ("**" + people[i].name + "**");
  return out;
}
}  // namespace

std::span<const storage::Migration> OnboardingSkill::migrations() const { return onboarding_migrations(); }

std::vector<std::string> OnboardingSkill::timer_kinds() const {
  return {timer_sweep, timer_welcome, timer_module, timer_reminder};
}

int OnboardingSkill::fit(const core::InboundEvent& event, const core::Person& sender) const {
  if (event.action == "welcome") return sender.has(core::Role::starter) ? core::fit::exact : core::fit::none;
  if (event.action == "onboarding_done" || event.action == "onboarding_later") return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  return (c.verb == "onboarding" && c.rest.empty()) || (c.verb == "my" && c.rest == "onboarding") ? core::fit::exact
                                                                                                  : core::fit::none;
}

SendTimes OnboardingSkill::times_for(const core::Person& person) const {
  return {core::personal_hours(settings_.organisation, person), settings_.send_minute};
}

const Module* OnboardingSkill::find_module(const std::string& id) const {
  for (const auto& m : *path_)
    if (m.id == id) return &m;
  return nullptr;
}

void OnboardingSkill::on_refresh(core::Turn& turn) {
  turn.stores().timers.cancel(timer_sweep, "directory", turn.now());
  turn.schedule(timer_sweep, "directory", turn.now());
}

void OnboardingSkill::sweep(core::Turn& turn) {
  const auto today = settings_.organisation.zone.local(turn.now()).date;
  for (const auto& person : turn.stores().people.with_role(core::Role::starter)) {
    const auto start = core::parse_iso_date(person.start_date);
    if (!start || *start < today - std::chrono::days(settings_.enrol_within_days)) continue;
    OnboardingStore store(turn.stores().db);
    if (const auto s = store.starter(person.id); s && s->completed_at) continue;
    enrol(turn, person, *start);
  }
  turn.schedule(timer_sweep, "directory", turn.now() + settings_.sweep_every);
}

void OnboardingSkill::enrol(core::Turn& turn, const core::Person& person, std::chrono::sys_days start_date) {
  OnboardingStore store(turn.stores().db);
  const bool fresh = !store.is_enrolled(person.id);
  if (fresh) store.enrol(person.id, core::format_iso_date(start_date), turn.now());
  const auto modules = modules_for(*path_, person);
  const auto plan = plan_path(modules, start_date, times_for(person), turn.now());
  if (fresh) turn.schedule(timer_welcome, person.id, plan.welcome);
  int planned = 0;
  for (const auto& p : plan.modules)
    if (store.plan(person.id, p.module->id, p.due)) {
      turn.schedule(timer_module, module_subject(person.id, p.module->id), p.due, {{"module", p.module->id}});
      ++planned;
    }
  if (fresh || planned > 0) log::info("onboarding_planned").kv("person", person.id).kv("modules", planned);
}

void OnboardingSkill::welcome(core::Turn& turn, const core::Person& person, bool in_reply) {
  OnboardingStore store(turn.stores().db);
  if (!store.mark_welcomed(person.id, turn.now())) return in_reply ? progress(turn) : void();
  turn.stores().timers.cancel(timer_welcome, person.id, turn.now());

  std::vector<core::Person> ambassadors;
  for (const auto& a : turn.stores().people.with_role(core::Role::ambassador))
    if (a.circle == person.circle && a.id != person.id) ambassadors.push_back(a);
  const auto modules = modules_for(*path_, person);
  int minutes = 0;
  for (const auto* m : modules) minutes += m->minutes;
  std::string text = turn.say(person, "onboarding.welcome", {{"name", person.name}});
  text += "\n\n" + (ambassadors.empty() ? turn.say(person, "onboarding.welcome_no_ambassador")
                                        : turn.say(person, "onboarding.welcome_ambassadors",
                                                   {{"ambassadors", names(ambassadors)}, {"circle", person.circle}}));
  if (!modules.empty())
    text += "\n\n" + turn.say(person, "onboarding.welcome_path",
                              {{"count", std::to_string(modules.size())}, {"minutes", std::to_string(minutes)}});
  core::OutboundMessage message{text};
  for (const auto& a : ambassadors) message.mentions.push_back(a.id);
  if (in_reply) turn.reply(message);
  else turn.send(person, message);

  for (const auto& a : ambassadors) {
    core::OutboundMessage note{turn.say(a, "onboarding.tell_ambassador", {{"name", person.name}, {"circle", person.circle}})};
    note.mentions = {person.id};
    turn.send(a, note);
  }
}

core::OutboundMessage OnboardingSkill::module_card(core::Turn& turn, const core::Person& person, const Module& module,
                                                   bool finished) {
  const auto modules = modules_for(*path_, person);
  std::size_t step = 0;
  for (std::size_t i = 0; i < modules.size(); ++i)
    if (modules[i]->id == module.id) step = i + 1;
  const auto& text = module.text_for(person.language);
  core::OutboundMessage m;
  m.card = core::Card{.key = "onboarding:" + module.id,
                      .title = text.title,
                      .facts = {{turn.say(person, "onboarding.step"),
                                 std::to_string(step) + " / " + std::to_string(modules.size())},
                                {turn.say(person, "onboarding.duration"),
                                 turn.say(person, "onboarding.minutes", {{"minutes", std::to_string(module.minutes)}})}},
                      .body = (text.description.empty() ? "" : text.description + "\n\n") + "[" +
                              turn.say(person, "onboarding.open") + "](" + module.link + ")",
                      .status = finished ? turn.say(person, "onboarding.status_done") : ""};
  if (!finished) {
    m.buttons.push_back({.label = turn.say(person, "onboarding.button_done"), .action = "onboarding_done",
                         .args = {{"module", module.id}}, .primary = true});
    m.buttons.push_back({.label = turn.say(person, "onboarding.button_later"), .action = "onboarding_later",
                         .args = {{"module", module.id}}});
  }
  return m;
}

void OnboardingSkill::send_module(core::Turn& turn, const core::Person& person, const Module& module, bool reminder) {
  auto card = module_card(turn, person, module, false);
  const auto& title = module.text_for(person.language).title;
  card.text = reminder ? turn.say(person, "onboarding.reminder", {{"title", title}})
                       : turn.say(person, "onboarding.module_intro", {{"title", title}});
  turn.send(person, card);
}

void OnboardingSkill::on_timer(core::Turn& turn, const storage::TimerRow& timer) {
  if (timer.kind == timer_sweep) return sweep(turn);
  const auto person_id = timer.subject.substr(0, timer.subject.find('|'));
  const auto person = turn.stores().people.find(person_id);
  if (!person) return;  // they left
  if (timer.kind == timer_welcome) return welcome(turn, *person, false);

  const auto module_id = timer.payload.value("module", "");
  const auto* module = find_module(module_id);
  OnboardingStore store(turn.stores().db);
  const auto progress = store.module(person_id, module_id);
  if (!module || !progress || progress->done_at) return;  // taken off the path, or done meanwhile
  if (timer.kind == timer_module) {
    if (!store.mark_sent(person_id, module_id, turn.now())) return;  // never the same module twice
    send_module(turn, *person, *module, false);
  } else {
    const bool asked = timer.payload.value("later", false);  // "Remind me later" does not count
    if (!asked && progress->reminders >= settings_.max_reminders) return;
    send_module(turn, *person, *module, true);
    if (!asked) store.count_reminder(person_id, module_id);
    if (progress->reminders + (asked ? 0 : 1) >= settings_.max_reminders) return;
  }
  if (settings_.max_reminders > 0)
    turn.schedule(timer_reminder, timer.subject,
                  times_for(*person).working_days_after(turn.now(), settings_.remind_after_days),
                  {{"module", module_id}});
}

void OnboardingSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  const auto& me = *turn.sender();
  if (event.action == "welcome") {
    // They arrived (added to Teams, joined the onboarding room): enrolled now if not yet.
    const auto today = times_for(me).hours.zone.local(turn.now()).date;
    enrol(turn, me, core::parse_iso_date(me.start_date).value_or(today));
    return welcome(turn, me, true);
  }
  if (event.action == "onboarding_done")
    return done(turn, me, module_arg(event.args), event.args.value("via", std::string("chat")));
  if (event.action == "onboarding_later") return later(turn, me, module_arg(event.args));
  progress(turn);
}

void OnboardingSkill::done(core::Turn& turn, const core::Person& person, const std::string& module_id,
                           const std::string& via) {
  OnboardingStore store(turn.stores().db);
  const auto* module = find_module(module_id);
  auto tell = [&](const core::OutboundMessage& m) { turn.send(person, m); };  // a reply, or (from the API) to their chat
  if (!module || !store.module(person.id, module_id)) return tell({turn.say(person, "onboarding.unknown_module")});
  if (!store.mark_done(person.id, module_id, via, turn.now())) return tell({turn.say(person, "onboarding.already_done")});
  turn.stores().timers.cancel(timer_reminder, module_subject(person.id, module_id), turn.now());
  turn.stores().timers.cancel(timer_module, module_subject(person.id, module_id), turn.now());

  const auto modules = store.modules_of(person.id);
  const auto finished = std::count_if(modules.begin(), modules.end(), [](const ModuleProgress& m) { return m.done_at.has_value(); });
  auto card = module_card(turn, person, *module, true);
  card.text = turn.say(person, "onboarding.done", {{"title", module->text_for(person.language).title},
                                                   {"done", std::to_string(finished)},
                                                   {"total", std::to_string(modules.size())}});
  tell(card);
  if (static_cast<std::size_t>(finished) == modules.size()) {
    store.mark_completed(person.id, turn.now());
    tell({turn.say(person, "onboarding.complete", {{"name", person.name}})});
    log::info("onboarding_completed").kv("person", person.id);
  }
}

void OnboardingSkill::later(core::Turn& turn, const core::Person& person, const std::string& module_id) {
  OnboardingStore store(turn.stores().db);
  const auto progress = store.module(person.id, module_id);
  if (!find_module(module_id) || !progress) return turn.reply({turn.say("onboarding.unknown_module")});
  if (progress->done_at) return turn.reply({turn.say("onboarding.already_done")});
  const auto subject = module_subject(person.id, module_id);
  turn.stores().timers.cancel(timer_reminder, subject, turn.now());
  const auto when = times_for(person).next_after(turn.now());
  turn.schedule(timer_reminder, subject, when, {{"module", module_id}, {"later", true}});
  const auto local = times_for(person).hours.zone.local(when);
  turn.reply({turn.say("onboarding.later_ok", {{"date", core::format_iso_date(local.date)}})});
}

void OnboardingSkill::progress(core::Turn& turn) {
  const auto& me = *turn.sender();
  OnboardingStore store(turn.stores().db);
  const auto modules = store.modules_of(me.id);
  if (modules.empty()) return turn.reply({turn.say("onboarding.no_path")});
  std::string text = "**" + turn.say("onboarding.progress_title") + "**";
  for (const auto& p : modules) {
    const auto* m = find_module(p.module_id);
    if (!m) continue;
    const auto& t = m->text_for(me.language);
    const auto date = core::format_iso_date(times_for(me).hours.zone.local(p.due_at).date);
    text += "\n- " + std::string(p.done_at ? "✅ " : p.sent_at ? "⏳ " : "🗓️ ") +
            (p.sent_at ? "[" + t.title + "](" + m->link + ")" : t.title + " (" + date + ")");
  }
  turn.reply({text});
}

}  // namespace relais::onboarding
