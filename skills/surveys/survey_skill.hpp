#pragma once
// Surveys sent by the bot and answered in chat: each person of a survey's audience is invited
// when a run opens (at the send time, on a working day), gets one question at a time as a card
// (a scale's numbers, Yes / No, or a text answer), is reminded once if they stop half-way, and
// is thanked at the end. Invitations, answers and completions are kept for response rates.
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "bot/core/send_times.hpp"
#include "bot/core/skill.hpp"
#include "skills/surveys/survey.hpp"
#include "skills/surveys/survey_store.hpp"

namespace relais::surveys {

struct Settings {
  core::WorkingHours organisation;
  int send_minute = 10 * 60;
  int remind_after_days = 3;
  std::chrono::minutes sweep_every{60};
};

using SurveyList = std::shared_ptr<const std::vector<Survey>>;

class SurveySkill final : public core::Skill {
 public:
  SurveySkill(Settings settings, SurveyList surveys) : settings_(std::move(settings)), surveys_(std::move(surveys)) {}

  std::string_view name() const override { return "surveys"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::vector<std::string> timer_kinds() const override;
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  void on_refresh(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;

  void use_surveys(SurveyList surveys) { surveys_ = std::move(surveys); }

  /// What to do when someone answers yes to a question marked "on yes: <signal>".
  using OnYes = std::function<void(core::Turn&, const core::Person&, const std::string& signal)>;
  void when_yes(OnYes handler) { on_yes_ = std::move(handler); }

 private:
  void sweep(core::Turn& turn);
  /// The next question the person has not answered, with the survey's introduction when it
  /// is the first; thanks when none is left. Returns false when nothing was left.
  bool ask_next(core::Turn& turn, const core::Person& person, const Survey& survey, const std::string& run,
                const std::string& lead);
  core::OutboundMessage question_card(core::Turn& turn, const core::Person& person, const Survey& survey,
                                      const std::string& run, const Question& q, const std::string* answered);
  const Survey* survey_of_run(const std::string& run) const;
  core::SendTimes times_for(const core::Person& person) const;

  Settings settings_;
  SurveyList surveys_;
  OnYes on_yes_;
};

}  // namespace relais::surveys
