#pragma once
// The weekly digest for IT: every Monday at the send time, last week's figures — questions,
// deflection, routing and escalations, time to claim, satisfaction — with the most asked and
// rising topics and the FAQ gaps, posted to the IT room (questions.it_room).
#include <chrono>
#include <functional>
#include <optional>

#include "bot/core/room.hpp"
#include "bot/core/send_times.hpp"
#include "bot/core/skill.hpp"
#include "skills/faq/text/analyzer.hpp"

namespace relais::trends {

class DigestSkill final : public core::Skill {
 public:
  using LexiconSource = std::function<faq::text::Lexicon()>;
  DigestSkill(core::Room it_room, core::SendTimes times, LexiconSource lexicon)
      : room_(std::move(it_room)), times_(std::move(times)), lexicon_(std::move(lexicon)) {}

  std::string_view name() const override { return "digest"; }
  int fit(const core::InboundEvent&, const core::Person&) const override { return core::fit::none; }
  void handle(core::Turn&) override {}
  std::vector<std::string> timer_kinds() const override { return {"digest.weekly"}; }
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  void on_refresh(core::Turn& turn) override;

  /// The digest of the week before `now`, in the room's language.
  core::OutboundMessage digest(core::Turn& turn) const;
  /// The next Monday send time after `now`.
  core::TimePoint next_monday(core::TimePoint now) const;

 private:
  core::Room room_;
  core::SendTimes times_;
  LexiconSource lexicon_;
};

}  // namespace relais::trends
