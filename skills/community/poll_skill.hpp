#pragma once
// Topic polls: a community lead asks what the next coaching sessions should be about
// ("poll Next coaching topic? | 2026-12-10 | Excel, Power BI"); every member gets a card to
// vote (one vote, changeable) or propose an option of their own, which every member's card
// then shows. On the closing date the results go to the members and the community room.
#include <optional>

#include "bot/core/room.hpp"
#include "bot/core/skill.hpp"
#include "bot/core/time_zone.hpp"

namespace relais::community {

struct Poll;

struct PollSettings {
  core::TimeZone zone;  ///< the closing date ends at midnight here
  std::optional<core::Room> community_room;
};

class PollSkill final : public core::Skill {
 public:
  explicit PollSkill(PollSettings settings) : settings_(std::move(settings)) {}

  std::string_view name() const override { return "polls"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::vector<std::string> timer_kinds() const override;
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  std::span<const storage::Migration> migrations() const override;

  /// At most this many options: a card has room for so many buttons.
  static constexpr std::size_t max_options = 10;

 private:
  void open(core::Turn& turn, const std::string& spec);
  void vote(core::Turn& turn);
  void propose(core::Turn& turn);
  void show_open(core::Turn& turn);
  void close(core::Turn& turn, std::int64_t id);
  /// Sends every member the poll's card (updated in place where the transport can).
  void show_to_members(core::Turn& turn, const Poll& poll, const std::string& lead_text_key);

  PollSettings settings_;
};

}  // namespace relais::community
