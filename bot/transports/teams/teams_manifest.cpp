#include "bot/transports/teams/teams_manifest.hpp"

#include <cmath>
#include <regex>

#include "bot/core/stored_files.hpp"

namespace relais::teams {
namespace {

using nlohmann::json;

/// Two linked rings, the relay: in white on the accent colour (color) or on nothing (outline).
std::string icon(std::uint32_t size, bool outline) {
  std::string rgba;
  const double s = size, r = s * 0.22, ring = outline ? 1.6 : s * 0.055;
  for (std::uint32_t y = 0; y < size; ++y)
    for (std::uint32_t x = 0; x < size; ++x) {
      const double px = x + 0.5, py = y + 0.5;
      bool white = false;
      for (const double cx : {s * 0.38, s * 0.62}) {
        const double d = std::hypot(px - cx, py - s * 0.5);
        white = white || std::abs(d - r) <= ring;
      }
      const unsigned char bg[4] = {0x2F, 0x6D, 0xB5, static_cast<unsigned char>(outline ? 0 : 0xFF)};
      const unsigned char fg[4] = {0xFF, 0xFF, 0xFF, 0xFF};
      rgba.append(reinterpret_cast<const char*>(white ? fg : bg), 4);
    }
  return core::png_rgba(size, size, rgba);
}

json command(const char* title, const char* description) { return {{"title", title}, {"description", description}}; }

}  // namespace

Result<json> app_manifest(const std::string& app_id, const std::string& host, const std::string& version) {
  static const std::regex guid("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  static const std::regex hostname("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
  static const std::regex semver("\\d+\\.\\d+\\.\\d+");
  if (!std::regex_match(app_id, guid))
    return Result<json>::failure("--app-id must be the bot's Microsoft App ID, a GUID such as 00000000-0000-0000-0000-000000000000");
  if (!std::regex_match(host, hostname))
    return Result<json>::failure("--host must be the public host name Teams reaches Relais at, such as relais.example.org");
  const std::string app_version = std::regex_match(version, semver) ? version : "1.0.0";
  const std::string site = "https://" + host;
  const json commands = json::array({command("help", "What I can do for you"),
                                     command("my questions", "Where your questions stand"),
                                     command("queue", "Ambassadors: questions waiting for you"),
                                     command("my stats", "Ambassadors: what you answered"),
                                     command("available", "Ambassadors: take questions again"),
                                     command("away", "Ambassadors: pause questions (away until YYYY-MM-DD)")});
  return json{
      {"$schema", "https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.schema.json"},
      {"manifestVersion", "1.16"},
      {"version", app_version},
      {"id", app_id},
      {"packageName", "org.relais.bot"},
      {"developer", {{"name", "Relais"}, {"websiteUrl", site}, {"privacyUrl", site + "/privacy"}, {"termsOfUseUrl", site + "/terms"}}},
      {"name", {{"short", "Relais"}, {"full", "Relais - your digital ambassadors"}}},
      {"description",
       {{"short", "Ask how to use our digital tools; a colleague ambassador helps."},
        {"full", "Relais answers how-to questions about the organisation's digital tools from its FAQ, in French, "
                 "Dutch, English or German, and passes what it cannot answer to the right digital ambassador."}}},
      {"icons", {{"color", "color.png"}, {"outline", "outline.png"}}},
      {"accentColor", "#2F6DB5"},
      {"bots", json::array({{{"botId", app_id},
                             {"scopes", {"personal", "team", "groupChat"}},
                             {"supportsFiles", false},
                             {"isNotificationOnly", false},
                             {"commandLists", json::array({{{"scopes", {"personal", "team", "groupChat"}}, {"commands", commands}}})}}})},
      {"permissions", {"identity", "messageTeamMembers"}},
      {"validDomains", {host}}};
}

Result<std::string> app_package(const std::string& app_id, const std::string& host, const std::string& version) {
  const auto manifest = app_manifest(app_id, host, version);
  if (!manifest) return Result<std::string>::failure(manifest.error());
  return core::zip_stored({{"manifest.json", manifest.value().dump(2)},
                           {"color.png", icon(192, false)},
                           {"outline.png", icon(32, true)}});
}

}  // namespace relais::teams
