#pragma once
// Sign-in tokens for the web chat outside demo mode: "<person>.<expiry>.<HMAC-SHA256>",
// issued by an operator tool or a portal that shares the secret.
#include <optional>
#include <string>

#include "bot/core/clock.hpp"

namespace relais::webchat {

std::string issue_token(const std::string& secret, const std::string& person_id, core::TimePoint expires_at);

/// The person id when the token is well-formed, correctly signed and not expired.
std::optional<std::string> verify_token(const std::string& secret, const std::string& token, core::TimePoint now);

}  // namespace relais::webchat
