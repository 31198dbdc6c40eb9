#include "bot/transports/matrix/matrix_registration.hpp"

#include <openssl/rand.h>

#include <map>
#include <stdexcept>

#include "bot/core/files.hpp"

namespace relais::matrix {

namespace {

std::string random_token() {
  unsigned char bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no secure random bytes for a token");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) out += {hex[b >> 4], hex[b & 15]};
  return out;
}

/// A regex matching exactly `text`.
std::string regex_literal(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".^$|()[]{}*+?\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string unquote(std::string v) {
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\''))) {
    const char q = v.front();
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (q == '"' && v[i] == '\\' && i + 2 < v.size()) ++i;
      out += v[i];
    }
    return out;
  }
  return v;
}

}  // namespace

Registration new_registration(std::string url, std::string sender_localpart, std::string server_name) {
  return Registration{"relais", std::move(url), random_token(), random_token(), std::move(sender_localpart),
                      std::move(server_name)};
}

std::string to_yaml(const Registration& r) {
  // The namespace holds the bot and any "<localpart>_..." users, exclusively: no one else may
  // register them.
  const auto user_regex = "@" + regex_literal(r.sender_localpart) + "(_.*)?:" + regex_literal(r.server_name);
  return "# Relais application service registration. Give this file to the homeserver\n"
         "# (Synapse: app_service_config_files) and to Relais (matrix.registration_file).\n"
         "# The tokens are secrets: keep the file readable by those two only.\n"
         "id: " + yaml_quoted(r.id) + "\n"
         "url: " + yaml_quoted(r.url) + "\n"
         "as_token: " + yaml_quoted(r.as_token) + "\n"
         "hs_token: " + yaml_quoted(r.hs_token) + "\n"
         "sender_localpart: " + yaml_quoted(r.sender_localpart) + "\n"
         "rate_limited: false\n"
         "receive_ephemeral: false\n"
         "namespaces:\n"
         "  users:\n"
         "    - exclusive: true\n"
         "      regex: " + yaml_quoted(user_regex) + "\n"
         "  aliases: []\n"
         "  rooms: []\n";
}

Result<Registration> parse_registration(std::string_view yaml, const std::string& source) {
  std::map<std::string, std::string> top;
  int line_no = 0;
  std::size_t start = 0;
  while (start < yaml.size()) {
    const auto nl = yaml.find('\n', start);
    std::string line(yaml.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    start = nl == std::string_view::npos ? yaml.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line[0] == ' ' || line[0] == '-' || line[0] == '\t') continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos)
      return Result<Registration>::failure(source + ":" + std::to_string(line_no) + ": expected \"key: value\"");
    auto value = line.substr(colon + 1);
    const auto b = value.find_first_not_of(' ');
    value = b == std::string::npos ? "" : value.substr(b);
    while (!value.empty() && value.back() == ' ') value.pop_back();
    top[line.substr(0, colon)] = unquote(value);
  }
  Registration r;
  for (const auto& [key, field] : {std::pair{"id", &r.id}, std::pair{"url", &r.url}, std::pair{"as_token", &r.as_token},
                                    std::pair{"hs_token", &r.hs_token}, std::pair{"sender_localpart", &r.sender_localpart}}) {
    const auto it = top.find(key);
    if (it == top.end() || it->second.empty())
      return Result<Registration>::failure(source + ": the registration has no \"" + key + "\"");
    *field = it->second;
  }
  if (r.as_token == r.hs_token)
    return Result<Registration>::failure(source + ": as_token and hs_token must differ");
  return r;
}

Result<Registration> load_registration(const std::filesystem::path& file) {
  const auto text = read_file(file);
  if (!text) return Result<Registration>::failure(file.string() + ": cannot read the registration file");
  return parse_registration(*text, file.string());
}

}  // namespace relais::matrix
