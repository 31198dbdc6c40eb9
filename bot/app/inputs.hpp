#pragma once
// Everything Relais reads from files besides its config: messages, FAQ, staff directory.
// `relais check` and `relais serve` load them the same way, so check finds what serve would.
#include <filesystem>
#include <vector>

#include "bot/config/config.hpp"
#include "bot/core/messages.hpp"
#include "bot/core/problem.hpp"
#include "bot/identity/directory_csv.hpp"
#include "bot/transports/matrix/matrix_registration.hpp"
#include "skills/faq/faq_entry.hpp"
#include "bot/core/working_time.hpp"
#include "skills/faq/faq_index.hpp"
#include "skills/onboarding/onboarding_path.hpp"
#include "skills/surveys/survey.hpp"
#include "skills/routing/circles.hpp"

namespace relais::app {

struct Inputs {
  core::MessageCatalog messages;
  std::vector<faq::Entry> faq;
  faq::text::Lexicon lexicon;
  core::WorkingHours calendar;  ///< public holidays from knowledge/holidays.txt
  routing::Circles circles;           ///< neighbours and per-circle ladders
  identity::Directory directory;
  std::vector<onboarding::Module> onboarding;  ///< the e-learning path, from knowledge/onboarding
  std::vector<surveys::Survey> surveys;        ///< from knowledge/surveys
  matrix::Registration matrix_registration;  ///< Matrix in appservice mode: the tokens, from its file
};

/// Loads every input; every problem found in any of them is appended to `problems`.
Inputs load_inputs(const config::Config& config, Problems& problems);

}  // namespace relais::app
