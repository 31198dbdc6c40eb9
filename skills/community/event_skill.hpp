#pragma once
// Community life: coaching sessions and meet-ups. A community lead announces one in chat
// ("event 2026-12-03 14:00 | Excel pivot tables | Room 2.14"); every member gets a card with
// Going / Maybe / Can't; the day before, those not saying no are reminded, and an hour before,
// those going. "events" lists what is coming; a lead can cancel, and those coming are told.
#include <optional>

#include "bot/core/room.hpp"
#include "bot/core/skill.hpp"
#include "bot/core/time_zone.hpp"

namespace relais::community {

struct EventSettings {
  core::TimeZone zone;                       ///< the organisation's: event times are read and shown in it
  std::optional<core::Room> community_room;  ///< announcements are posted here too
};

class EventSkill final : public core::Skill {
 public:
  explicit EventSkill(EventSettings settings) : settings_(std::move(settings)) {}

  std::string_view name() const override { return "events"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::vector<std::string> timer_kinds() const override;
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  std::span<const storage::Migration> migrations() const override;

 private:
  void create(core::Turn& turn, const std::string& spec);
  void cancel(core::Turn& turn, std::int64_t id);
  void list(core::Turn& turn);
  void answer(core::Turn& turn);
  std::string when(core::TimePoint t) const;

  EventSettings settings_;
};

}  // namespace relais::community
