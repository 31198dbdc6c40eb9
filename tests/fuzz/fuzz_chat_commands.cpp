// libFuzzer target: what people type. Commands, campaigns written in chat, and the phrases the
// community skills recognise.
#include <cstddef>
#include <cstdint>
#include <string>

#include "skills/campaigns/campaign.hpp"
#include "skills/community/community_skill.hpp"
#include "skills/community/recruitment_skill.hpp"
#include "skills/shared/command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)relais::skills::parse_command(text);
  (void)relais::skills::after_verb(text);
  (void)relais::community::asks_for_ambassador(text);
  (void)relais::community::offers_to_volunteer(text);
  relais::Problems problems;
  if (auto c = relais::campaigns::parse_campaign(text, problems)) (void)c->phase_on(c->dates.begin()->second);
  return 0;
}
