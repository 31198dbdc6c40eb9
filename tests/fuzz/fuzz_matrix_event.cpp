// libFuzzer target: an application-service transaction and a /sync response, through the pure
// Matrix mapper, down to the text meant for the bot and the normalised event.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bot/transports/matrix/matrix_event.hpp"

namespace m = relais::matrix;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const m::Context context{.bot_user_id = "@relais:example.org", .bot_name = "Relais", .direct = false};
  if (auto batch = m::parse_transaction(body))
    for (const auto& event : batch.value().events)
      if (auto text = m::text_for_bot(event, context)) (void)m::to_event(event, *text, context, relais::core::from_millis(0));
  (void)m::parse_sync(body, "@relais:example.org");
  return 0;
}
