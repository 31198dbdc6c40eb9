#include "skills/community/ambassadors_page.hpp"

#include <algorithm>
#include <map>

#include "bot/core/html.hpp"

namespace relais::community {

using core::html_escape;

namespace {
bool keep(const core::Person& a, const PageFilter& f) {
  if (!f.circle.empty() && a.circle != f.circle) return false;
  if (!f.site.empty() && a.site != f.site) return false;
  if (!f.language.empty() && !a.speaks(f.language)) return false;
  if (!f.topic.empty() && std::find(a.topics.begin(), a.topics.end(), f.topic) == a.topics.end()) return false;
  return true;
}
}  // namespace

std::string ambassadors_page(const std::vector<core::Person>& ambassadors, const PageFilter& f) {
  std::map<std::string, std::vector<const core::Person*>> by_circle;
  for (const auto& a : ambassadors)
    if (keep(a, f)) by_circle[a.circle.empty() ? "—" : a.circle].push_back(&a);
  std::string list = "<div class=\"ambassadors\">";
  if (by_circle.empty()) list += "<p class=\"none\">No ambassador matches.</p>";
  for (const auto& [circle, people] : by_circle) {
    list += "<section data-circle=\"" + html_escape(circle) + "\"><h2>" + html_escape(circle) + "</h2><ul>";
    for (const auto* a : people) {
      std::string topics;
      for (const auto& t : a->topics) topics += "<span class=\"topic\">" + html_escape(t) + "</span> ";
      std::string languages = "<span class=\"lang\">" + html_escape(a->language) + "</span> ";
      for (const auto& l : a->languages) languages += "<span class=\"lang\">" + html_escape(l) + "</span> ";
      const auto site = a->site.empty() ? "" : "<span class=\"site\">" + html_escape(a->site) + "</span> ";
      list += "<li class=\"ambassador\" data-id=\"" + html_escape(a->id) + "\"><b>" + html_escape(a->name) + "</b> " +
              languages + site + topics + "</li>";
    }
    list += "</ul></section>";
  }
  list += "</div>";
  const std::string style =
      "<style>body{font:15px/1.4 system-ui,sans-serif;margin:0;color:#1d2330}"
      ".ambassadors{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:12px;padding:12px}"
      "section{background:#fff;border-radius:8px;padding:8px 12px;box-shadow:0 1px 2px #0002}"
      "h2{font-size:16px;margin:4px 0}ul{list-style:none;padding:0;margin:0}li{margin:6px 0}"
      ".lang{background:#1f3a5f;color:#fff;border-radius:4px;padding:0 5px;font-size:12px;text-transform:uppercase}"
      ".site{color:#5b6475;font-size:12px;margin-right:4px}"
      ".topic{background:#e3ebf6;border-radius:4px;padding:0 5px;font-size:12px;margin-right:2px}</style>";
  if (f.embed) return "<!doctype html><html><head><meta charset=\"utf-8\">" + style + "</head><body>" + list + "</body></html>\n";
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\"><title>Our digital ambassadors</title>" + style +
         "<style>body{background:#f4f5f7}header{background:#1f3a5f;color:#fff;padding:16px 24px}"
         "header h1{margin:0;font-size:22px}</style></head><body><header><h1>Our digital ambassadors</h1>"
         "<p>Colleagues who help with our digital tools. Ask them, or ask Relais in chat.</p></header>" +
         list + "</body></html>\n";
}

}  // namespace relais::community
