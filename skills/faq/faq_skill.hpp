#pragma once
// The catch-all: every free-text question becomes a question row, answered from the FAQ when
// the match is confident, otherwise handed to routing. Also owns the answer's rating buttons.
#include <memory>

#include "bot/core/skill.hpp"
#include "skills/faq/keyword_index.hpp"
#include "skills/routing/routing.hpp"

namespace relais::faq {

class FaqSkill final : public core::Skill {
 public:
  FaqSkill(std::shared_ptr<const KeywordIndex> index, double answer_threshold, routing::Routing& routing)
      : index_(std::move(index)), threshold_(answer_threshold), routing_(routing) {}

  std::string_view name() const override { return "faq"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;

 private:
  void ask(core::Turn& turn);
  void rate(core::Turn& turn, bool helpful);

  std::shared_ptr<const KeywordIndex> index_;
  double threshold_;
  routing::Routing& routing_;
};

}  // namespace relais::faq
