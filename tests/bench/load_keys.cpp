// relais-bench load-keys: the Bot Framework identity a load run needs, written as files the reply
// sink serves: OpenID metadata, its JWKS, and one signed token for the load generator to send
// (the Bot Connector reuses a token for an hour, so one token is realistic).
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bench.hpp"
#include "support/signing_key.hpp"

namespace relais::bench {

int load_keys_bench(const Args& args) {
  const std::filesystem::path dir = args.require("--dir");
  const auto sink = args.require("--sink");  // e.g. http://127.0.0.1:8090
  const auto app_id = args.get("--app-id", "bench-app");
  std::filesystem::create_directories(dir);

  const testing::SigningKey key;
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const nlohmann::json claims = {{"iss", "https://api.botframework.com"}, {"aud", app_id},
                                 {"nbf", now - 60}, {"exp", now + 24 * 3600}, {"serviceurl", sink + "/teams/"}};
  std::ofstream(dir / "openid.json") << nlohmann::json{{"jwks_uri", sink + "/jwks.json"}}.dump();
  std::ofstream(dir / "jwks.json") << nlohmann::json{{"keys", {key.jwk("bench")}}}.dump();
  std::ofstream(dir / "token.jwt") << key.token("bench", claims);
  std::cout << "wrote openid.json, jwks.json and token.jwt to " << dir.string() << '\n';
  return 0;
}

}  // namespace relais::bench
