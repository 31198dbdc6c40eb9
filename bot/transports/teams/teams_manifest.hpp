#pragma once
// The Teams app package an admin uploads: manifest.json (schema 1.16; the bot in personal,
// team and group chat scopes, with its commands) and the two icons, in one zip.
#include <string>

#include "bot/core/result.hpp"
#include <nlohmann/json.hpp>

namespace relais::teams {

/// The manifest for the bot `app_id` (a GUID) served at https://`host`; `version` is x.y.z.
Result<nlohmann::json> app_manifest(const std::string& app_id, const std::string& host, const std::string& version);
/// The zip with manifest.json, color.png (192 px) and outline.png (32 px, white on transparent).
Result<std::string> app_package(const std::string& app_id, const std::string& host, const std::string& version);

}  // namespace relais::teams
