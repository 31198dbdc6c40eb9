#pragma once
// The one list of skills. Adding a skill: its folder, one line here, its config, its tests.
#include <memory>
#include <vector>

#include "bot/config/config.hpp"
#include "bot/core/skill.hpp"
#include "bot/core/working_time.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/routing/circles.hpp"
#include "skills/onboarding/onboarding_skill.hpp"
#include "skills/surveys/survey_skill.hpp"
#include "skills/routing/routing.hpp"

namespace relais::faq {
class FaqSkill;
}

namespace relais::skills {

class Registry {
 public:
  /// `calendar` holds the public holidays; working hours and days come from `config`.
  Registry(const config::Config& config, std::shared_ptr<const faq::FaqIndex> faq_index,
           core::WorkingHours calendar = {}, const routing::Circles& circles = {},
           onboarding::Path onboarding_path = std::make_shared<const std::vector<onboarding::Module>>(),
           surveys::SurveyList surveys = std::make_shared<const std::vector<surveys::Survey>>());

  std::vector<core::Skill*> skills() const;
  /// The FAQ skill answers from `index` from now on (knowledge reloaded).
  void use_faq_index(std::shared_ptr<const faq::FaqIndex> index);
  void use_onboarding_path(onboarding::Path path);
  void use_surveys(surveys::SurveyList surveys);
  /// The stop words and synonyms of the knowledge in use (trend reports group questions with them).
  faq::text::Lexicon lexicon() const;
  std::vector<storage::Migration> migrations() const;

 private:
  void add_community_skills(const config::Config& config, const core::WorkingHours& hours);

  routing::Routing routing_;
  std::vector<std::unique_ptr<core::Skill>> skills_;
  faq::FaqSkill* faq_ = nullptr;
  onboarding::OnboardingSkill* onboarding_ = nullptr;
  surveys::SurveySkill* surveys_ = nullptr;
};

}  // namespace relais::skills
