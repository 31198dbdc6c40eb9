// The IT / L&D dashboard on the real binary: the token, the figures, exports, the live feed, and
// the page as Debian's Chromium renders it (headless), with a screenshot kept as a test artefact.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include "support/net_client.hpp"
#include "support/relais_process.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

using namespace relais::testing;
using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {
constexpr const char* token = "dashboard-token-0123456789abcdef";

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_SUITE("integration") {

TEST_CASE("the dashboard: token, figures, exports, live updates, and the page in headless Chromium") {
  TempDir dir;
  RelaisProcess relais(dir / "data", {{"RELAIS_API_TOKEN", token}});
  relais.start();
  const auto port = relais.port();
  CHECK(http_request(port, http::verb::get, "/dashboard").status == 401);
  CHECK(http_request(port, http::verb::get, "/dashboard?token=wrong").status == 401);

  WsClient asker(port, "/ws?person=fatima.elamrani");
  REQUIRE(asker.ask("q-1", "Comment partager mon écran dans Teams ?") == "accepted");
  REQUIRE(asker.ask("q-2", "Le badge du parking ne s'ouvre plus depuis ce matin") == "accepted");

  const auto page = http_request(port, http::verb::get, std::string("/dashboard?token=") + token);
  REQUIRE(page.status == 200);
  CHECK(contains(page.content_type, "text/html"));
  CHECK(contains(page.body, "data-kpi=\"questions\"><div class=\"value\">2</div>"));
  CHECK(contains(page.body, "data-kpi=\"deflection\"><div class=\"value\">50%</div>"));
  CHECK(contains(page.body, "<svg class=\"chart\" id=\"weekly\""));
  CHECK(contains(page.body, "data-topic=\"teams\""));

  auto r = http_request(port, http::verb::get, std::string("/dashboard/export?report=kpis&format=json&token=") + token);
  REQUIRE(r.status == 200);
  CHECK(json::parse(r.body)["questions"] == 2);
  r = http_request(port, http::verb::get, std::string("/dashboard/export?report=topics&format=csv&token=") + token);
  CHECK(contains(r.body, "topic,questions,answered_by_faq"));
  CHECK(http_request(port, http::verb::get, std::string("/dashboard/export?report=salaries&token=") + token).status == 400);

  // Live: a new question makes every open page refresh.
  WsClient live(port, std::string("/dashboard/live?token=") + token);
  REQUIRE(asker.ask("q-3", "Comment partager mon écran dans Teams ?") == "accepted");
  const auto changed = live.next(std::chrono::seconds(5));
  REQUIRE(changed);
  CHECK((*changed)["type"] == "changed");

  // The page as a browser shows it: Debian's Chromium, headless (installed by .ci/install-test-tools).
  REQUIRE_MESSAGE(std::filesystem::exists("/usr/bin/chromium"), "run .ci/install-test-tools (it installs chromium)");
  const auto artefacts = std::filesystem::path(RELAIS_BINARY).parent_path() / "test-artifacts";
  std::filesystem::create_directories(artefacts);
  const auto url = "http://127.0.0.1:" + std::to_string(port) + "/dashboard?token=" + token;
  const std::string chromium = "timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic "
                               "--no-first-run --disable-background-networking --disable-component-update "
                               "--disable-sync --user-data-dir=" + (dir / "chromium").string() +
                               " --virtual-time-budget=5000 ";
  const auto dom_file = dir / "dom.html";
  REQUIRE(std::system((chromium + "--dump-dom '" + url + "' > " + dom_file.string() + " 2>/dev/null").c_str()) == 0);
  const auto dom = read_text(dom_file);
  CHECK(contains(dom, "data-kpi=\"questions\"><div class=\"value\">3</div>"));
  CHECK(contains(dom, "<rect class=\"asked\""));
  CHECK(contains(dom, "data-live=\"yes\""));  // its script ran and the live feed connected
  const auto shot = artefacts / "dashboard.png";
  std::filesystem::remove(shot);
  REQUIRE(std::system((chromium + "--window-size=1280,1600 --screenshot=" + shot.string() + " '" + url + "' > /dev/null 2>&1").c_str()) == 0);
  REQUIRE(std::filesystem::exists(shot));
  CHECK(std::filesystem::file_size(shot) > 20000);
}

}  // TEST_SUITE

TEST_SUITE("integration") {

TEST_CASE("the public ambassadors page, as headless Chromium shows it") {
  TempDir dir;
  RelaisProcess relais(dir / "data");
  relais.start();
  const auto page = http_request(relais.port(), http::verb::get, "/ambassadors");
  REQUIRE(page.status == 200);
  CHECK(contains(page.body, "<b>Amélie Dubois</b>"));
  const auto brussels = http_request(relais.port(), http::verb::get, "/ambassadors?site=Brussels");
  CHECK(contains(brussels.body, "data-id=\"chloe.martin\""));  // Customer Care, in Brussels
  CHECK_FALSE(contains(brussels.body, "data-id=\"bart.peeters\""));  // Ghent
  REQUIRE_MESSAGE(std::filesystem::exists("/usr/bin/chromium"), "run .ci/install-test-tools (it installs chromium)");
  const auto dom_file = dir / "dom.html";
  const auto url = "http://127.0.0.1:" + std::to_string(relais.port()) + "/ambassadors?circle=Operations&embed=1";
  const std::string command = "timeout 90 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                              "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" +
                              (dir / "chromium").string() + " --dump-dom '" + url + "' > " + dom_file.string() + " 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  const auto dom = read_text(dom_file);
  CHECK(contains(dom, "data-id=\"bart.peeters\""));
  CHECK(contains(dom, "<span class=\"site\">Ghent</span>"));
  CHECK_FALSE(contains(dom, "amelie.dubois"));
  CHECK_FALSE(contains(dom, "<h1>"));  // embedded: the list alone
}

}  // TEST_SUITE
