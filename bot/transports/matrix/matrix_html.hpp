#pragma once
// The bot's light Markdown (**bold**, `code`, [links](https://...), lists, "> " quotes) as the
// HTML subset Matrix clients render in `formatted_body`, and as the plain `body` fallback.
// Everything is escaped first, so text a person typed can never inject markup.
#include <string>
#include <string_view>

namespace relais::matrix {

std::string html_escape(std::string_view text);
std::string markdown_to_html(std::string_view markdown);
std::string markdown_to_plain(std::string_view markdown);

}  // namespace relais::matrix
