#pragma once
// Change campaigns in chat. A community lead creates one ("campaign new …", see campaign.hpp);
// Relais runs each phase on its date at the send time: prepare briefs every ambassador (dates,
// materials, the FAQ pack of its topics); engage asks the pilot group to try it and give
// feedback; realise tells the audience, naming each circle's ambassadors; anchor asks the
// adoption question; end sends the closing report to IT, the lead and the community room.
// "campaigns" lists them; "campaign <id>" shows the indicators against the targets, which IT
// (or a lead) can set or change: "campaign <id> targets deflection 60%, answer 8h".
#include <functional>
#include <optional>
#include <utility>

#include "bot/core/room.hpp"
#include "bot/core/send_times.hpp"
#include "bot/core/skill.hpp"

namespace relais::campaigns {

struct Campaign;

/// FAQ entries about some topics, in a language: (question, link) pairs.
using FaqPack = std::function<std::vector<std::pair<std::string, std::string>>(const std::vector<std::string>& topics,
                                                                              const std::string& language)>;

struct CampaignSettings {
  core::SendTimes times;                     ///< phases run at the organisation's send time, on working days
  std::optional<core::Room> community_room;
  std::optional<core::Room> it_room;
  int min_group = 5;                         ///< adoption scores from fewer people are not shown
  FaqPack faq_pack;
};

class CampaignSkill final : public core::Skill {
 public:
  explicit CampaignSkill(CampaignSettings settings) : settings_(std::move(settings)) {}

  std::string_view name() const override { return "campaigns"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::vector<std::string> timer_kinds() const override;
  void on_timer(core::Turn& turn, const storage::TimerRow& timer) override;
  std::span<const storage::Migration> migrations() const override;

 private:
  void create(core::Turn& turn);
  void cancel(core::Turn& turn, const std::string& id);
  void set_targets(core::Turn& turn, const std::string& id, const std::string& text);
  void list(core::Turn& turn);
  void show(core::Turn& turn, const std::string& id);
  void pilot_feedback(core::Turn& turn);
  void adoption_score(core::Turn& turn);

  int prepare(core::Turn& turn, const Campaign& c);
  int engage(core::Turn& turn, const Campaign& c);
  int realise(core::Turn& turn, const Campaign& c);
  int anchor(core::Turn& turn, const Campaign& c);
  int close(core::Turn& turn, const Campaign& c);
  std::vector<core::Person> audience(core::Turn& turn, const Campaign& c);
  std::vector<core::Person> pilots(core::Turn& turn, const Campaign& c);

  CampaignSettings settings_;
};

}  // namespace relais::campaigns
