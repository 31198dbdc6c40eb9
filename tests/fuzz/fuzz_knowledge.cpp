// libFuzzer target: the files authors and HR hand to Relais. FAQ entries, onboarding modules,
// surveys, the FAQ spreadsheet and the staff directory, all read from the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/identity/directory_csv.hpp"
#include "skills/faq/faq_csv.hpp"
#include "skills/faq/faq_entry.hpp"
#include "skills/onboarding/onboarding_path.hpp"
#include "skills/surveys/survey.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  relais::Problems problems;
  if (auto entry = relais::faq::parse_entry(text, "fuzz.md", problems)) (void)relais::faq::render_entry(*entry);
  (void)relais::onboarding::parse_module(text, "fuzz.md", problems);
  (void)relais::surveys::parse_survey(text, "fuzz.md", problems);
  (void)relais::faq::import_csv(text, "fuzz.csv", problems);
  (void)relais::identity::parse_directory(text, "fuzz.csv", problems);
  return 0;
}
