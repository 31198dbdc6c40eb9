// libFuzzer target: a frame a browser sends over the web chat's WebSocket.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/transports/webchat/webchat_mapper.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)relais::webchat::map_frame(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.person",
                                   relais::core::from_millis(0));
  return 0;
}
