#pragma once
// An RSA key pair that signs Bot Framework tokens (RS256) the way Microsoft's identity service
// does, and publishes its public half as a JWK: for the token tests and the load benchmark.
#include <openssl/evp.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace relais::testing {

std::string base64url(std::string_view bytes);

class SigningKey {
 public:
  SigningKey();
  /// The public key as a JWKS entry endorsed for Teams.
  nlohmann::json jwk(const std::string& kid) const;
  std::string sign(const std::string& input) const;
  /// A compact RS256 JWT with these claims, signed by this key.
  std::string token(const std::string& kid, const nlohmann::json& claims) const;

 private:
  std::string component(const char* name) const;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey_;
};

}  // namespace relais::testing
