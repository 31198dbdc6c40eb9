#pragma once
// "feedback <text>" (or "!feedback" in Matrix, or the Feedback button): anyone tells IT what
// works and what does not. The text is kept with the person's circle and the tools it is
// about, tagged automatically from the FAQ's topics. Without text, the bot asks for it.
// An ambassador forwards what they heard in the field: "feedback from <colleague>: <text>",
// kept as that colleague's (their circle, their words) and correctable with
// "feedback edit N <text>". Also the asker's rating of the help they got once their question is
// resolved ("rate_help"), and an optional comment on any rating ("rate_comment"). Free text
// older than the retention period is blanked every night; counts and topics stay.
#include <functional>
#include <string>
#include <vector>

#include "bot/core/skill.hpp"

namespace relais::feedback {

/// The topics a text is about (the FAQ's nearest entries), in the given language.
using Tagger = std::function<std::vector<std::string>(const std::string& text, const std::string& language)>;

class FeedbackSkill final : public core::Skill {
 public:
  explicit FeedbackSkill(Tagger tagger, int retention_days = 0)
      : tagger_(std::move(tagger)), retention_days_(retention_days) {}

  std::string_view name() const override { return "feedback"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;
  std::vector<std::string> timer_kinds() const override { return {"feedback.retention"}; }
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  void on_refresh(core::Turn& turn) override;

 private:
  void forward(core::Turn& turn, const std::string& rest);
  void edit(core::Turn& turn, std::int64_t id, const std::string& text);
  void rate_help(core::Turn& turn);
  void comment(core::Turn& turn);

  Tagger tagger_;
  int retention_days_;
};

/// The "Add a comment" button offered after a rating.
core::Button comment_button(core::Turn& turn, std::int64_t question_id);

inline constexpr std::size_t max_feedback_length = 2000;

}  // namespace relais::feedback
