// libFuzzer target: a Bot Framework activity as Teams posts it, through the pure mapper.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/transports/teams/teams_activity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  if (auto activity = relais::teams::parse_activity(body))
    (void)relais::teams::to_event(activity.value(), "fuzz", relais::core::from_millis(0));
  (void)relais::teams::plain_text(body, "Relais");
  return 0;
}
