#include "bot/transports/teams/teams_auth.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

#include "bot/core/json_text.hpp"
#include "bot/core/log.hpp"

namespace relais::teams {

using nlohmann::json;

std::string base64url_decode(std::string_view text, bool& ok) {
  ok = false;
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const auto value = alphabet.find(c);
    if (value == std::string::npos) return "";
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  ok = bits < 6;  // a leftover of 6 bits or more is not valid base64
  return out;
}

Result<Jwt> decode_jwt(std::string_view compact) {
  const auto first = compact.find('.');
  const auto second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos)
    return Result<Jwt>::failure("the token is not a JWT (header.payload.signature)");
  bool ok_header = false, ok_claims = false, ok_signature = false;
  Jwt jwt;
  jwt.header = json::parse(base64url_decode(compact.substr(0, first), ok_header), nullptr, false);
  jwt.claims = json::parse(base64url_decode(compact.substr(first + 1, second - first - 1), ok_claims), nullptr, false);
  jwt.signature = base64url_decode(compact.substr(second + 1), ok_signature);
  if (!ok_header || !ok_claims || !ok_signature || !jwt.header.is_object() || !jwt.claims.is_object())
    return Result<Jwt>::failure("the token is not a readable JWT");
  jwt.signed_part = std::string(compact.substr(0, second));
  return jwt;
}

std::map<std::string, SigningKey> parse_jwks(std::string_view body) {
  std::map<std::string, SigningKey> keys;
  const auto j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("keys") || !j["keys"].is_array()) return keys;
  for (const auto& k : j["keys"]) {
    if (!k.is_object() || core::text_at(k, "kty") != "RSA" || !k.contains("kid") || !k["kid"].is_string()) continue;
    bool ok_n = false, ok_e = false;
    SigningKey key{base64url_decode(core::text_at(k, "n"), ok_n), base64url_decode(core::text_at(k, "e"), ok_e), {}};
    if (!ok_n || !ok_e || key.modulus.empty() || key.exponent.empty()) continue;
    if (const auto e = k.find("endorsements"); e != k.end() && e->is_array())
      for (const auto& channel : *e)
        if (channel.is_string()) key.endorsements.push_back(channel);
    keys[k["kid"]] = std::move(key);
  }
  return keys;
}

bool verify_rs256(const SigningKey& key, std::string_view signed_part, std::string_view signature) {
  using Bn = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
  Bn n(BN_bin2bn(reinterpret_cast<const unsigned char*>(key.modulus.data()), static_cast<int>(key.modulus.size()), nullptr), BN_free);
  Bn e(BN_bin2bn(reinterpret_cast<const unsigned char*>(key.exponent.data()), static_cast<int>(key.exponent.size()), nullptr), BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!n || !e || !build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
    return false;
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr),
                                                                  EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(raw, EVP_PKEY_free);
  if (EVP_PKEY_get_bits(pkey.get()) < 2048) return false;  // too weak to trust
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha256(), nullptr, pkey.get()) == 1 &&
         EVP_DigestVerify(md.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
}

Result<std::string> check_claims(const json& claims, const AuthSettings& s, core::TimePoint now) {
  using R = Result<std::string>;
  if (core::text_at(claims, "iss") != s.issuer) return R::failure("the token's issuer is not " + s.issuer);
  const auto aud = claims.find("aud");
  bool audience = false;
  if (aud != claims.end() && aud->is_string()) audience = *aud == s.app_id;
  if (aud != claims.end() && aud->is_array())
    for (const auto& a : *aud) audience = audience || (a.is_string() && a == s.app_id);
  if (!audience) return R::failure("the token is not for this bot (audience)");
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto skew = s.clock_skew.count();
  if (!claims.contains("exp") || !claims["exp"].is_number()) return R::failure("the token has no expiry");
  if (claims["exp"].get<double>() + static_cast<double>(skew) < static_cast<double>(seconds))
    return R::failure("the token has expired");
  if (claims.contains("nbf") && claims["nbf"].is_number() &&
      claims["nbf"].get<double>() - static_cast<double>(skew) > static_cast<double>(seconds))
    return R::failure("the token is not valid yet");
  auto service_url = core::text_at(claims, claims.contains("serviceurl") ? "serviceurl" : "serviceUrl");
  if (service_url.empty()) return R::failure("the token has no serviceurl claim");
  return service_url;
}

void BotFrameworkAuth::prefetch() {
  refresh([] {});
}

void BotFrameworkAuth::check(const net::Request& request, Done done) {
  const auto header = request[net::http::field::authorization];
  if (header.empty()) return done(Result<std::string>::failure("no Authorization header"));
  if (!header.starts_with("Bearer ")) return done(Result<std::string>::failure("the Authorization header is not a Bearer token"));
  std::string compact(header.substr(7));
  if (const auto known = verified_.find(compact); known != verified_.end()) {
    auto result = check_claims(known->second, settings_, clock_.now());
    if (!result) verified_.erase(known);  // verified afresh if it comes again
    return done(std::move(result));
  }
  auto token = decode_jwt(compact);
  if (!token) return done(Result<std::string>::failure(token.error()));
  const auto alg = core::text_at(token->header, "alg");
  if (alg != "RS256") return done(Result<std::string>::failure("the token's algorithm must be RS256, not \"" + alg + "\""));
  if (!token->header.contains("kid") || !token->header["kid"].is_string())
    return done(Result<std::string>::failure("the token names no signing key (kid)"));
  with_key(std::move(token.value()), std::move(compact), std::move(done));
}

void BotFrameworkAuth::with_key(Jwt token, std::string compact, Done done) {
  const std::string kid = token.header["kid"];
  auto finish = [this, token = std::move(token), compact = std::move(compact), kid, done](bool refreshed) {
    const auto key = keys_.find(kid);
    if (key == keys_.end())
      return done(Result<std::string>::failure(refreshed ? "the token's signing key is unknown" : "no signing keys yet"));
    const auto& endorsed = key->second.endorsements;
    if (!endorsed.empty() && std::find(endorsed.begin(), endorsed.end(), settings_.channel_id) == endorsed.end())
      return done(Result<std::string>::failure("the signing key is not endorsed for " + settings_.channel_id));
    ++signature_checks_;
    if (!verify_rs256(key->second, token.signed_part, token.signature))
      return done(Result<std::string>::failure("the token's signature is not valid"));
    auto result = check_claims(token.claims, settings_, clock_.now());
    if (result) remember(compact, token.claims);
    done(std::move(result));
  };
  if (keys_.count(kid)) return finish(false);
  // An unknown key: the keys may have rolled over. Fetch them again, but not more than once a
  // minute, so random key ids cannot make us hammer the identity provider.
  if (fetches_ > 0 && !refreshing_ && clock_.now() - last_refresh_ < std::chrono::minutes(1)) return finish(true);
  refresh([finish] { finish(true); });
}

void BotFrameworkAuth::remember(std::string compact, json claims) {
  if (verified_.size() >= max_verified) verified_.clear();  // rare: the connector uses a handful of tokens
  verified_.emplace(std::move(compact), std::move(claims));
}

void BotFrameworkAuth::refresh(std::function<void()> then) {
  after_refresh_.push_back(std::move(then));
  if (refreshing_) return;
  refreshing_ = true;
  ++fetches_;
  auto complete = [this](std::string error) {
    if (!error.empty()) log::warn("teams_keys_unavailable").kv("error", error);
    refreshing_ = false;
    last_refresh_ = clock_.now();
    auto waiting = std::move(after_refresh_);
    after_refresh_.clear();
    for (auto& callback : waiting) callback();
  };
  client_.send({.method = "GET", .url = settings_.metadata_url}, [this, complete](net::ClientResponse metadata) {
    const auto doc = json::parse(metadata.body, nullptr, false);
    const auto jwks_uri = metadata.ok() && doc.is_object() ? core::text_at(doc, "jwks_uri") : "";
    if (jwks_uri.empty())
      return complete("the OpenID metadata has no jwks_uri (" +
                      (metadata.status ? "HTTP " + std::to_string(metadata.status) : metadata.error) + ")");
    client_.send({.method = "GET", .url = jwks_uri}, [this, complete](net::ClientResponse jwks) {
      auto keys = jwks.ok() ? parse_jwks(jwks.body) : std::map<std::string, SigningKey>{};
      if (keys.empty())
        return complete("the JWKS holds no RSA keys (" + (jwks.status ? "HTTP " + std::to_string(jwks.status) : jwks.error) + ")");
      keys_ = std::move(keys);
      verified_.clear();  // a key may have been withdrawn
      complete("");
    });
  });
}

}  // namespace relais::teams
