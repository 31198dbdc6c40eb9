#pragma once
// Starter onboarding: on their first day a starter is welcomed and introduced to their circle's
// ambassador(s) (who are told about them too); then the e-learning modules of the path arrive
// one by one on their days (see onboarding_schedule.hpp), each with Done / Remind me later;
// an unfinished module is recalled a few times; finishing the path is celebrated.
//
// Starters come from the staff directory (role "starter" and a start date), checked whenever
// the directory changes and every few minutes (an import by `relais people import` while
// running), or arrive on their own: added to Teams, joining the Matrix onboarding room.
#include <chrono>
#include <memory>
#include <vector>

#include "bot/core/skill.hpp"
#include "bot/core/working_time.hpp"
#include "skills/onboarding/onboarding_path.hpp"
#include "skills/onboarding/onboarding_schedule.hpp"

namespace relais::onboarding {

struct Settings {
  core::WorkingHours organisation;        ///< working days, holidays and zone (a person may have their own)
  int send_minute = 9 * 60 + 30;          ///< local time messages go out
  int remind_after_days = 3;              ///< working days before an unfinished module is recalled
  int max_reminders = 2;
  int enrol_within_days = 60;             ///< starters whose start date is older are not onboarded
  std::chrono::minutes sweep_every{10};   ///< how often the directory is checked for new starters
};

using Path = std::shared_ptr<const std::vector<Module>>;

class OnboardingSkill final : public core::Skill {
 public:
  OnboardingSkill(Settings settings, Path path) : settings_(std::move(settings)), path_(std::move(path)) {}

  std::string_view name() const override { return "onboarding"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::vector<std::string> timer_kinds() const override;
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  void on_refresh(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;

  /// The path edited on disk (knowledge reloaded): modules not yet planned are planned.
  void use_path(Path path) { path_ = std::move(path); }

 private:
  void sweep(core::Turn& turn);
  /// Enrols a starter (or plans modules added since) — idempotent.
  void enrol(core::Turn& turn, const core::Person& person, std::chrono::sys_days start_date);
  void welcome(core::Turn& turn, const core::Person& person, bool in_reply);
  void send_module(core::Turn& turn, const core::Person& person, const Module& module, bool reminder);
  void done(core::Turn& turn, const core::Person& person, const std::string& module_id, const std::string& via);
  void later(core::Turn& turn, const core::Person& person, const std::string& module_id);
  void progress(core::Turn& turn);
  core::OutboundMessage module_card(core::Turn& turn, const core::Person& person, const Module& module, bool finished);
  SendTimes times_for(const core::Person& person) const;
  const Module* find_module(const std::string& id) const;

  Settings settings_;
  Path path_;
};

}  // namespace relais::onboarding
