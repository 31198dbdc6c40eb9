#include "support/signing_key.hpp"

#include <openssl/core_names.h>
#include <openssl/rsa.h>

namespace relais::testing {

std::string base64url(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) out += alphabet[(buffer >> (bits -= 6)) & 63];
  }
  if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 63];
  return out;
}

SigningKey::SigningKey() : pkey_(EVP_RSA_gen(2048), EVP_PKEY_free) {}

std::string SigningKey::component(const char* name) const {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(pkey_.get(), name, &bn);
  std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(bn);
  return bytes;
}

nlohmann::json SigningKey::jwk(const std::string& kid) const {
  return {{"kty", "RSA"}, {"use", "sig"}, {"kid", kid}, {"n", base64url(component(OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url(component(OSSL_PKEY_PARAM_RSA_E))}, {"endorsements", {"msteams"}}};
}

std::string SigningKey::sign(const std::string& input) const {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t length = 0;
  EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey_.get());
  EVP_DigestSign(md.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string signature(length, '\0');
  EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  signature.resize(length);
  return signature;
}

std::string SigningKey::token(const std::string& kid, const nlohmann::json& claims) const {
  const auto input = base64url(nlohmann::json{{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid}}.dump()) + "." +
                     base64url(claims.dump());
  return input + "." + base64url(sign(input));
}

}  // namespace relais::testing
