#include "bot/transports/webchat/webchat_token.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <string_view>

namespace relais::webchat {
namespace {

std::string base64url(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
    for (int s : {18, 12, 6, 0}) out += alphabet[(n >> s) & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    out += alphabet[(n >> 18) & 63];
    out += alphabet[(n >> 12) & 63];
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    for (int s : {18, 12, 6}) out += alphabet[(n >> s) & 63];
  }
  return out;
}

std::optional<std::string> unbase64url(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

std::string hmac(const std::string& secret, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  return std::string(reinterpret_cast<char*>(digest), length);
}

}  // namespace

std::string issue_token(const std::string& secret, const std::string& person_id, core::TimePoint expires_at) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(expires_at.time_since_epoch()).count();
  const std::string payload = base64url(person_id) + "." + std::to_string(seconds);
  return payload + "." + base64url(hmac(secret, payload));
}

std::optional<std::string> verify_token(const std::string& secret, const std::string& token, core::TimePoint now) {
  if (secret.empty() || token.size() > 1024) return std::nullopt;
  const auto last_dot = token.rfind('.');
  if (last_dot == std::string::npos) return std::nullopt;
  const std::string_view payload(token.data(), last_dot);
  const auto signature = unbase64url(std::string_view(token).substr(last_dot + 1));
  const auto expected = hmac(secret, payload);
  if (!signature || signature->size() != expected.size() ||
      CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0)
    return std::nullopt;
  const auto dot = payload.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  long long expiry = 0;
  try {
    expiry = std::stoll(std::string(payload.substr(dot + 1)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (std::chrono::seconds(expiry) <= std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()))
    return std::nullopt;
  return unbase64url(payload.substr(0, dot));
}

}  // namespace relais::webchat
