#pragma once
// Valuing the ambassadors' work. Each ambassador sees their own figures ("my figures": claimed,
// resolved, ratings, FAQ entries, this month and in all); on the first working day of a month
// every ambassador is thanked with last month's figures; "leaderboard" ranks those who opted in
// ("leaderboard on"), and nobody else; community leads get the figures per circle
// ("circle figures"), with circles below the minimum group size left out.
#include <optional>

#include "bot/core/room.hpp"
#include "bot/core/send_times.hpp"
#include "bot/core/skill.hpp"

namespace relais::community {

struct RecognitionSettings {
  core::SendTimes times;  ///< the thank-you goes out at the organisation's send time
  std::optional<core::Room> community_room;
  int leaderboard_size = 10;
  int min_group = 5;
};

class RecognitionSkill final : public core::Skill {
 public:
  explicit RecognitionSkill(RecognitionSettings settings) : settings_(std::move(settings)) {}

  std::string_view name() const override { return "recognition"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::vector<std::string> timer_kinds() const override;
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  void on_refresh(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;

  /// The first send time on the first working day of a month, strictly after `t`.
  core::TimePoint next_thank_you(core::TimePoint t) const;

 private:
  void my_figures(core::Turn& turn);
  void leaderboard(core::Turn& turn, const std::string& switch_to);
  void circle_figures(core::Turn& turn);
  std::string ranking(core::Turn& turn, const core::Person& reader, core::TimePoint from, core::TimePoint to);

  RecognitionSettings settings_;
};

}  // namespace relais::community
