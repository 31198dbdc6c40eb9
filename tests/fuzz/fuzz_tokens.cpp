// libFuzzer target: what arrives as a credential. A Bot Framework JWT (decoded, its claims
// checked), its key set, and the web chat's signed session token.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bot/transports/teams/teams_auth.hpp"
#include "bot/transports/webchat/webchat_token.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const relais::teams::AuthSettings settings{.app_id = "app"};
  if (auto jwt = relais::teams::decode_jwt(text))
    (void)relais::teams::check_claims(jwt.value().claims, settings, relais::core::from_millis(0));
  (void)relais::teams::check_claims(nlohmann::json::parse(text, nullptr, false), settings, relais::core::from_millis(0));
  (void)relais::teams::parse_jwks(text);
  bool ok = false;
  (void)relais::teams::base64url_decode(text, ok);
  (void)relais::webchat::verify_token("fuzz-secret-0123456789abcdef", text, relais::core::from_millis(0));
  return 0;
}
