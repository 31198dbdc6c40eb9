#pragma once
// The catch-all: every free-text question becomes a question row. A confident FAQ match is
// answered at once; a plausible one offers the three best entries ("did you mean…?"); anything
// else goes to an ambassador. Also owns the answer's Helpful / Not helpful buttons.
#include <memory>

#include "bot/core/skill.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/routing/routing.hpp"

namespace relais::faq {

/// What a helpful rating teaches the FAQ.
struct Learning {
  std::string phrasings = "review";  ///< review | auto | off
  std::filesystem::path faq_dir;     ///< where "auto" writes
};

struct Thresholds {
  double answer = 0.35;   ///< confidence to answer with the best entry
  double suggest = 0.25;  ///< coverage to offer the best entries instead of asking a person
};

class FaqSkill final : public core::Skill {
 public:
  FaqSkill(std::shared_ptr<const FaqIndex> index, Thresholds thresholds, Learning learning, routing::Routing& routing)
      : index_(std::move(index)), thresholds_(thresholds), learning_(std::move(learning)), routing_(routing) {}

  std::string_view name() const override { return "faq"; }
  int fit(const core::InboundEvent& event, const core::Person& sender) const override;
  void handle(core::Turn& turn) override;

  /// Swaps in a rebuilt index (knowledge reloaded); questions in flight keep working.
  void use_index(std::shared_ptr<const FaqIndex> index) { index_ = std::move(index); }
  /// Stop words and synonyms of the knowledge in use.
  text::Lexicon lexicon() const { return index_->lexicon(); }
  /// What a text is about: the topics of the entries nearest to it.
  std::vector<std::string> topics_for(const std::string& text, const std::string& language) const;
  /// The entries about any of `topics`, as (question in `language`, link): a campaign's FAQ pack.
  std::vector<std::pair<std::string, std::string>> entries_about(const std::vector<std::string>& topics,
                                                                 const std::string& language) const;

 private:
  void ask(core::Turn& turn);
  void pick(core::Turn& turn);
  void rate(core::Turn& turn, bool helpful);
  void ask_ambassador(core::Turn& turn);
  void learn_phrasing(core::Turn& turn, const storage::Question& q);
  void answer_with(core::Turn& turn, const storage::Question& q, const Entry& entry, double confidence,
                   const std::string& language);

  std::shared_ptr<const FaqIndex> index_;
  Thresholds thresholds_;
  Learning learning_;
  routing::Routing& routing_;
};

}  // namespace relais::faq
