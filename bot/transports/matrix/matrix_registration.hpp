#pragma once
// The application-service registration: the YAML file a homeserver admin adds to the
// homeserver's config (Synapse: app_service_config_files). `relais matrix-registration` writes
// it with fresh random tokens; Relais reads its tokens back from the same file
// (matrix.registration_file), so the two sides can never disagree.
#include <filesystem>
#include <string>
#include <string_view>

#include "bot/core/result.hpp"

namespace relais::matrix {

struct Registration {
  std::string id = "relais";
  std::string url;               ///< where the homeserver reaches Relais
  std::string as_token;          ///< Relais -> homeserver
  std::string hs_token;          ///< homeserver -> Relais
  std::string sender_localpart;  ///< the bot: @<sender_localpart>:<server>
  std::string server_name;       ///< for the exclusive user namespace
};

/// A registration with fresh 256-bit random tokens.
Registration new_registration(std::string url, std::string sender_localpart, std::string server_name);

std::string to_yaml(const Registration& registration);

/// Reads the top-level keys Relais needs (id, url, as_token, hs_token, sender_localpart) from
/// a registration file; the error names the missing or malformed key and the line.
Result<Registration> parse_registration(std::string_view yaml, const std::string& source);
Result<Registration> load_registration(const std::filesystem::path& file);

}  // namespace relais::matrix
