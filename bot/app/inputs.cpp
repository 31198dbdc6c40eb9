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
  return inputs;
}

}  // namespace relais::app
