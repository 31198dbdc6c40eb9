#include "bot/app/inputs.hpp"

#include <set>

namespace relais::app {

Inputs load_inputs(const config::Config& config, Problems& problems) {
  const std::filesystem::path knowledge = config.knowledge.path;
  Inputs inputs;
  inputs.messages = core::MessageCatalog::load(knowledge / "messages", problems);
  inputs.faq = faq::load_entries(knowledge / "faq", problems);
  inputs.lexicon = faq::load_lexicon(knowledge, problems);
  core::load_holidays(knowledge / "holidays.txt", inputs.calendar, problems);
  inputs.directory = identity::load_directory(config.directory.path, problems);
  std::set<std::string> known;
  for (const auto& p : inputs.directory.people) known.insert(p.circle);
  inputs.circles = routing::load_circles(config.directory.circles_path, known, problems);
  inputs.onboarding = onboarding::load_path(knowledge / "onboarding", known, problems);
  inputs.surveys = surveys::load_surveys(knowledge / "surveys", known, problems);
  const auto& m = config.matrix;
  if (m.enabled && m.mode == "appservice" && !m.registration_file.empty()) {
    auto registration = matrix::load_registration(m.registration_file);
    const auto localpart = m.user_id.size() > 1 ? m.user_id.substr(1, m.user_id.find(':') - 1) : std::string();
    if (!registration) problems.push_back({"matrix.registration_file", registration.error()});
    else if (registration->sender_localpart != localpart)
      problems.push_back({"matrix.user_id", "its localpart \"" + localpart + "\" differs from the registration's sender_localpart \"" +
                                                registration->sender_localpart + "\""});
    else inputs.matrix_registration = registration.value();
  }
  return inputs;
}

}  // namespace relais::app
