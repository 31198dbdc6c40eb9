#pragma once
// Growing the FAQ from chat: an ambassador saves a resolved question's answer as a draft
// ("Save as FAQ draft" or "draft N"); community leads approve or reject it (buttons, or
// "drafts" to list what waits). Approved drafts become knowledge files.
#include <filesystem>

#include "bot/core/skill.hpp"

namespace relais::faq {

class DraftSkill final : public core::Skill {
 public:
  explicit DraftSkill(std::filesystem::path faq_dir) : faq_dir_(std::move(faq_dir)) {}
  std::string_view name() const override { return "faq_drafts"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;
  std::span<const storage::Migration> migrations() const override;

 private:
  void save(core::Turn& turn, std::int64_t question_id);
  void review(core::Turn& turn, std::int64_t draft_id, bool approve);
  void list(core::Turn& turn);

  std::filesystem::path faq_dir_;
};

}  // namespace relais::faq
