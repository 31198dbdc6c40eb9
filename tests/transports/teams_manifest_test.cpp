#include <doctest/doctest.h>

#include "bot/core/stored_files.hpp"
#include "bot/transports/teams/teams_manifest.hpp"

using namespace relais;

namespace {
std::uint32_t le32(const std::string& s, std::size_t at) {
  return static_cast<unsigned char>(s[at]) | static_cast<unsigned char>(s[at + 1]) << 8 |
         static_cast<unsigned char>(s[at + 2]) << 16 | static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 3])) << 24;
}
}  // namespace

TEST_CASE("CRC-32, stored ZIP entries and PNG images follow their formats") {
  CHECK(core::crc32("123456789") == 0xCBF43926u);  // the standard check value
  const auto zip = core::zip_stored({{"a.txt", "hello"}, {"b.txt", ""}});
  CHECK(zip.substr(0, 4) == std::string("PK\x03\x04", 4));
  CHECK(le32(zip, 14) == core::crc32("hello"));
  CHECK(zip.substr(30, 5) == "a.txt");
  CHECK(zip.substr(35, 5) == "hello");
  const auto end = zip.rfind(std::string("PK\x05\x06", 4));
  REQUIRE(end != std::string::npos);
  CHECK(zip.size() == end + 22);
  CHECK(zip.substr(le32(zip, end + 16), 4) == std::string("PK\x01\x02", 4));  // the central directory

  const auto png = core::png_rgba(2, 1, std::string("\xFF\x00\x00\xFF\x00\x00\xFF\x80", 8));
  CHECK(png.substr(0, 8) == "\x89PNG\r\n\x1a\n");
  CHECK(png.substr(12, 4) == "IHDR");
  CHECK(png.substr(png.size() - 8, 4) == "IEND");
}

TEST_CASE("the Teams app manifest names the bot in every scope, with its commands and icons") {
  const auto m = teams::app_manifest("11111111-2222-3333-4444-555555555555", "relais.example.org", "0.3.0");
  REQUIRE(m);
  CHECK(m.value()["manifestVersion"] == "1.16");
  CHECK(m.value()["version"] == "0.3.0");
  CHECK(m.value()["bots"][0]["botId"] == "11111111-2222-3333-4444-555555555555");
  CHECK(m.value()["bots"][0]["scopes"] == nlohmann::json({"personal", "team", "groupChat"}));
  CHECK(m.value()["bots"][0]["commandLists"][0]["commands"].size() >= 4);
  CHECK(m.value()["developer"]["privacyUrl"] == "https://relais.example.org/privacy");
  CHECK(m.value()["validDomains"][0] == "relais.example.org");
  CHECK(m.value()["name"]["short"].get<std::string>().size() <= 30);
  CHECK(m.value()["description"]["short"].get<std::string>().size() <= 80);
  CHECK(teams::app_manifest("not-a-guid", "relais.example.org", "1.0.0").error().starts_with("--app-id must be"));
  CHECK(teams::app_manifest("11111111-2222-3333-4444-555555555555", "https://x.example/", "1.0.0").error().starts_with("--host must be"));
  const auto package = teams::app_package("11111111-2222-3333-4444-555555555555", "relais.example.org", "dev");
  REQUIRE(package);
  for (const char* name : {"manifest.json", "color.png", "outline.png"})
    CHECK(package.value().find(name) != std::string::npos);
}
