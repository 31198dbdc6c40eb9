// Knowledge edits reach a running relais without a restart; broken edits never do.
#include <doctest/doctest.h>

#include <csignal>

#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using nlohmann::json;

namespace {
constexpr const char* vpn_entry = R"(---
id: vpn-connect
topics: vpn, network
---

# fr: Comment me connecter au VPN depuis la maison ?
? le vpn ne se connecte pas

Ouvrez **GlobalConnect** puis choisissez *Connecter*.
)";

std::string ask(WsClient& ws, const std::string& id, const std::string& text) {
  ws.send({{"type", "say"}, {"id", id}, {"text", text}});
  const auto m = ws.wait_for([](const json& f) { return f["type"] == "message"; });
  return m ? m->value("text", "") : "";
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("a new FAQ file is answered from without a restart, and a broken one is refused") {
  TempDir dir;
  std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  RelaisProcess relais(dir / "data", {{"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()},
                                      {"RELAIS_KNOWLEDGE_RELOAD_SECONDS", "1"}});
  relais.start();
  WsClient ws(relais.port(), "/ws?person=fatima.elamrani");
  CHECK(contains(ask(ws, "q-1", "Comment me connecter au VPN depuis la maison ?"), "Amélie Dubois"));  // routed

  dir.write("knowledge/faq/vpn-connect.md", vpn_entry);
  REQUIRE(relais.wait_for_log("event=knowledge_reloaded"));
  CHECK(contains(ask(ws, "q-2", "Comment me connecter au VPN depuis la maison ?"), "GlobalConnect"));

  dir.write("knowledge/faq/broken.md", "---\nid: Not A Slug\n---\n");
  REQUIRE(relais.wait_for_log("event=knowledge_reload_refused"));
  CHECK(contains(relais.log(), "broken.md:2"));
  CHECK(contains(ask(ws, "q-3", "le vpn ne se connecte pas"), "GlobalConnect"));  // the good knowledge stays
}

TEST_CASE("SIGHUP reloads the knowledge at once") {
  TempDir dir;
  std::filesystem::copy(source_dir() / "knowledge", dir / "knowledge", std::filesystem::copy_options::recursive);
  RelaisProcess relais(dir / "data", {{"RELAIS_KNOWLEDGE_PATH", (dir / "knowledge").string()},
                                      {"RELAIS_KNOWLEDGE_RELOAD_SECONDS", "0"}});
  relais.start();
  dir.write("knowledge/faq/vpn-connect.md", vpn_entry);
  relais.signal(SIGHUP);
  REQUIRE(relais.wait_for_log("event=knowledge_reloaded cause=sighup"));
  WsClient ws(relais.port(), "/ws?person=fatima.elamrani");
  CHECK(contains(ask(ws, "q-1", "le vpn ne se connecte pas"), "GlobalConnect"));
}

}  // TEST_SUITE
