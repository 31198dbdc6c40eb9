#include "bot/transports/matrix/matrix_html.hpp"

#include <cctype>

#include "bot/core/html.hpp"
#include <vector>

namespace relais::matrix {

std::string html_escape(std::string_view text) { return core::html_escape(text); }

namespace {

bool is_link_target(std::string_view url) {
  if (!(url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:"))) return false;
  for (char c : url)
    if (std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '<' || c == '>') return false;
  return true;
}

/// One line's inline marks. `html`: tags out; otherwise plain text (marks dropped, link targets shown).
std::string inline_marks(std::string_view s, bool html) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "**") == 0) {
      const auto end = s.find("**", i + 2);
      if (end != std::string_view::npos && end > i + 2) {
        const auto inner = inline_marks(s.substr(i + 2, end - i - 2), html);
        out += html ? "<strong>" + inner + "</strong>" : inner;
        i = end + 2;
        continue;
      }
    }
    if (s[i] == '`') {
      const auto end = s.find('`', i + 1);
      if (end != std::string_view::npos && end > i + 1) {
        const auto inner = s.substr(i + 1, end - i - 1);
        out += html ? "<code>" + html_escape(inner) + "</code>" : std::string(inner);
        i = end + 1;
        continue;
      }
    }
    if (s[i] == '[') {
      const auto close = s.find("](", i + 1);
      const auto end = close == std::string_view::npos ? close : s.find(')', close + 2);
      if (end != std::string_view::npos) {
        const auto label = s.substr(i + 1, close - i - 1);
        const auto url = s.substr(close + 2, end - close - 2);
        if (!label.empty() && is_link_target(url)) {
          out += html ? "<a href=\"" + html_escape(url) + "\">" + inline_marks(label, true) + "</a>"
                      : inline_marks(label, false) + " (" + std::string(url) + ")";
          i = end + 1;
          continue;
        }
      }
    }
    out += html ? html_escape(s.substr(i, 1)) : std::string(1, s[i]);
    ++i;
  }
  return out;
}

/// "- item", "* item" or "3. item": the item's text and whether the list is numbered.
bool list_item(std::string_view line, std::string_view& item, bool& numbered) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 1 < line.size() && (line[i] == '-' || line[i] == '*') && line[i + 1] == ' ') {
    item = line.substr(i + 2);
    numbered = false;
    return true;
  }
  const auto digits = i;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
  if (i > digits && i + 1 < line.size() && line[i] == '.' && line[i + 1] == ' ') {
    item = line.substr(i + 2);
    numbered = true;
    return true;
  }
  return false;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto nl = text.find('\n', start);
    auto line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  std::string out, list_tag;
  auto close_list = [&] {
    if (!list_tag.empty()) out += "</" + list_tag + ">";
    list_tag.clear();
  };
  for (const auto line : lines_of(markdown)) {
    std::string_view item;
    bool numbered = false;
    if (list_item(line, item, numbered)) {
      const std::string tag = numbered ? "ol" : "ul";
      if (list_tag != tag) {
        close_list();
        out += "<" + tag + ">";
        list_tag = tag;
      }
      out += "<li>" + inline_marks(item, true) + "</li>";
      continue;
    }
    close_list();
    if (line.starts_with("> ")) out += "<blockquote>" + inline_marks(line.substr(2), true) + "</blockquote>";
    else if (!line.empty()) out += "<p>" + inline_marks(line, true) + "</p>";
  }
  close_list();
  return out;
}

std::string markdown_to_plain(std::string_view markdown) {
  std::string out;
  for (const auto line : lines_of(markdown)) {
    if (!out.empty()) out += '\n';
    out += inline_marks(line, false);
  }
  return out;
}

}  // namespace relais::matrix
