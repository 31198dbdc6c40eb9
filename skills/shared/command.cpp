#include "skills/shared/command.hpp"

#include <cctype>

namespace relais::skills {

Command parse_command(std::string_view text) {
  Command c;
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  skip_space();
  if (i < text.size() && (text[i] == '!' || text[i] == '/')) ++i;
  while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])))
    c.verb += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
  skip_space();
  if (i < text.size() && text[i] == '#') ++i;
  std::size_t digits = i;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits > i && digits - i <= 15) {
    c.number = std::stoll(std::string(text.substr(i, digits - i)));
    i = digits;
    skip_space();
  }
  c.rest = std::string(text.substr(i));
  while (!c.rest.empty() && std::isspace(static_cast<unsigned char>(c.rest.back()))) c.rest.pop_back();
  return c;
}

std::string after_verb(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  auto rest = std::string(text.substr(i));
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.pop_back();
  return rest;
}

std::optional<std::int64_t> question_of(const core::InboundEvent& event, const Command& command) {
  if (!event.action.empty()) {
    const auto it = event.args.find("question");
    if (it != event.args.end() && it->is_number_integer()) return it->get<std::int64_t>();
    return std::nullopt;
  }
  return command.number;
}

}  // namespace relais::skills
