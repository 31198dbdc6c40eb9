#include "skills/trends/dashboard_page.hpp"

#include <algorithm>
#include <cstdio>

#include "bot/core/dates.hpp"
#include "bot/core/html.hpp"
#include "bot/net/http_client.hpp"

namespace relais::trends {

namespace {

using core::html_escape;

std::string number(double v, int decimals) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
  return buffer;
}

std::string share(int part, int whole) { return whole == 0 ? "–" : number(100.0 * part / whole, 0) + "%"; }
std::string opt(const std::optional<double>& v, int decimals, const char* unit = "") {
  return v ? number(*v, decimals) + unit : "–";
}

std::string tile(const char* id, const std::string& label, const std::string& value, const std::string& note = "") {
  return "<div class=\"kpi\" data-kpi=\"" + std::string(id) + "\"><div class=\"value\">" + html_escape(value) +
         "</div><div class=\"label\">" + html_escape(label) + "</div>" +
         (note.empty() ? "" : "<div class=\"note\">" + html_escape(note) + "</div>") + "</div>";
}

/// Vertical bars (weekly volume): the part answered by the FAQ darker.
std::string week_chart(const std::vector<Week>& weeks) {
  const int width = 720, height = 200, base = 170;
  int top = 1;
  for (const auto& w : weeks) top = std::max(top, w.questions);
  const double slot = static_cast<double>(width) / static_cast<double>(std::max<std::size_t>(1, weeks.size()));
  std::string svg = "<svg class=\"chart\" id=\"weekly\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(height) + "\" role=\"img\" aria-label=\"Questions per week\">";
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    const auto& w = weeks[i];
    const double x = slot * static_cast<double>(i) + slot * 0.15, bar = slot * 0.7;
    const double h = 150.0 * w.questions / top, faq = 150.0 * w.answered_by_faq / top;
    const auto label = core::format_iso_date(w.start).substr(5);
    svg += "<g data-week=\"" + core::format_iso_date(w.start) + "\" data-questions=\"" + std::to_string(w.questions) + "\">";
    svg += "<title>" + label + ": " + std::to_string(w.questions) + " questions, " + std::to_string(w.answered_by_faq) +
           " answered by the FAQ</title>";
    svg += "<rect class=\"asked\" x=\"" + number(x, 1) + "\" y=\"" + number(base - h, 1) + "\" width=\"" + number(bar, 1) +
           "\" height=\"" + number(h, 1) + "\"/>";
    svg += "<rect class=\"faq\" x=\"" + number(x, 1) + "\" y=\"" + number(base - faq, 1) + "\" width=\"" + number(bar, 1) +
           "\" height=\"" + number(faq, 1) + "\"/>";
    svg += "<text x=\"" + number(x + bar / 2, 1) + "\" y=\"188\" text-anchor=\"middle\">" + label + "</text>";
    if (w.questions > 0)
      svg += "<text class=\"count\" x=\"" + number(x + bar / 2, 1) + "\" y=\"" + number(base - h - 4, 1) +
             "\" text-anchor=\"middle\">" + std::to_string(w.questions) + "</text>";
    svg += "</g>";
  }
  return svg + "</svg>";
}

/// Horizontal bars (topics).
std::string topic_chart(const std::vector<TopicCount>& topics) {
  const std::size_t shown = std::min<std::size_t>(10, topics.size());
  const int row = 26, width = 720;
  int top = 1;
  for (std::size_t i = 0; i < shown; ++i) top = std::max(top, topics[i].questions);
  std::string svg = "<svg class=\"chart\" id=\"topics\" viewBox=\"0 0 " + std::to_string(width) + " " +
                    std::to_string(std::max<std::size_t>(1, shown) * row + 4) + "\" role=\"img\" aria-label=\"Questions by topic\">";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& t = topics[i];
    const double y = static_cast<double>(i * row) + 2;
    const double w = 500.0 * t.questions / top;
    svg += "<g data-topic=\"" + html_escape(t.topic) + "\" data-questions=\"" + std::to_string(t.questions) + "\">";
    svg += "<text x=\"150\" y=\"" + number(y + 17, 1) + "\" text-anchor=\"end\">" + html_escape(t.topic) + "</text>";
    svg += "<rect class=\"asked\" x=\"160\" y=\"" + number(y + 3, 1) + "\" width=\"" + number(w, 1) + "\" height=\"18\"/>";
    svg += "<rect class=\"faq\" x=\"160\" y=\"" + number(y + 3, 1) + "\" width=\"" +
           number(500.0 * t.answered_by_faq / top, 1) + "\" height=\"18\"/>";
    svg += "<text class=\"count\" x=\"" + number(166 + w, 1) + "\" y=\"" + number(y + 17, 1) + "\">" +
           std::to_string(t.questions) + "</text></g>";
  }
  return svg + "</svg>";
}

}  // namespace

std::string dashboard_figures(const DashboardData& d) {
  const auto& k = d.kpis;
  std::string html = "<section class=\"tiles\">";
  html += tile("questions", "questions", std::to_string(k.questions), d.period);
  html += tile("deflection", "answered by the FAQ", share(k.answered_by_faq, k.questions));
  html += tile("claim", "minutes to claim (median)", opt(k.minutes_to_claim_p50, 0), "p90 " + opt(k.minutes_to_claim_p90, 0));
  html += tile("resolve", "minutes to resolve (median)", opt(k.minutes_to_resolve_p50, 0),
               "p90 " + opt(k.minutes_to_resolve_p90, 0));
  html += tile("escalated", "escalated to IT", share(k.escalated_to_it, k.routed), "of questions passed on");
  html += tile("helpful", "rated helpful", share(k.helpful, k.ratings), std::to_string(k.ratings) + " ratings");
  html += tile("awareness", "know the ambassadors",
               k.knows_ambassadors ? number(*k.knows_ambassadors * 100, 0) + "%" : "–", "survey");
  html += tile("value", "ambassador value", opt(k.ambassador_value, 1, "/10"), "survey");
  html += tile("onboarding", "onboarding completed", share(k.starters_completed, k.starters),
               std::to_string(k.starters) + " starters");
  html += "</section>";
  html += "<section><h2>Questions per week</h2><p class=\"legend\"><span class=\"key asked\"></span> asked "
          "<span class=\"key faq\"></span> answered by the FAQ</p>" + week_chart(d.weeks) + "</section>";
  html += "<section><h2>Topics</h2>" + topic_chart(d.topics) + "</section>";
  html += "<section class=\"lists\"><div><h2>Rising this week</h2><ul id=\"rising\">";
  if (d.rising.empty()) html += "<li class=\"none\">No topic is rising.</li>";
  for (const auto& r : d.rising)
    html += "<li data-topic=\"" + html_escape(r.topic) + "\"><b>" + html_escape(r.topic) + "</b> " +
            std::to_string(r.this_period) + " questions, " + number(r.growth, 1) + "× the usual</li>";
  html += "</ul></div><div><h2>FAQ gaps</h2><ul id=\"gaps\">";
  if (d.gaps.empty()) html += "<li class=\"none\">No gap: the FAQ covers what is asked.</li>";
  for (const auto& g : d.gaps) {
    html += "<li data-questions=\"" + std::to_string(g.questions) + "\"><b>" + std::to_string(g.questions) +
            " questions</b>";
    for (const auto& e : g.examples) html += "<br><q>" + html_escape(e) + "</q>";
    html += "</li>";
  }
  return html + "</ul></div></section>";
}

std::string dashboard_page(const DashboardData& d, const std::string& token) {
  const auto t = net::percent_encode(token);
  std::string exports;
  for (const char* report : {"kpis", "topics", "rising", "gaps"})
    for (const char* format : {"csv", "json"})
      exports += "<a class=\"export\" data-report=\"" + std::string(report) + "\" href=\"/dashboard/export?report=" + report +
                 "&amp;format=" + format + "&amp;token=" + t + "\">" + report + " " + format + "</a> ";
  return R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Relais — what staff ask</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{background:#1f3a5f;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
header a{color:#cfe0ff;margin-right:8px}main{padding:16px 24px;max-width:1100px}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:12px}
.kpi{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 2px #0002}
.kpi .value{font-size:28px;font-weight:700;color:#1f3a5f}.kpi .label{color:#444}.kpi .note{color:#888;font-size:12px}
section{margin:18px 0}h2{font-size:17px;margin:8px 0}.chart{background:#fff;border-radius:8px;width:100%;max-width:760px}
rect.asked{fill:#9db7dc}rect.faq{fill:#1f3a5f}text{font-size:12px;fill:#333}
.legend .key{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px}.key.asked{background:#9db7dc}.key.faq{background:#1f3a5f}
.lists{display:grid;grid-template-columns:1fr 1fr;gap:24px}ul{background:#fff;border-radius:8px;padding:12px 12px 12px 30px}
li{margin:6px 0}q{color:#555}#live{font-size:12px;color:#cfe0ff}
</style></head>
<body><header><h1>Relais — what staff ask and struggle with</h1>
<p>)" + html_escape(d.period) + R"( · <span id="live">not live</span> · exports: )" + exports + R"(</p></header>
<main id="figures">)" + dashboard_figures(d) + R"(</main>
<script>
(function () {
  var token = new URLSearchParams(location.search).get('token') || '';
  function refresh() {
    fetch('/dashboard/figures?token=' + encodeURIComponent(token)).then(function (r) { return r.text(); })
      .then(function (html) { document.getElementById('figures').innerHTML = html; document.body.dataset.updated = Date.now(); });
  }
  function connect() {
    var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host +
                           '/dashboard/live?token=' + encodeURIComponent(token));
    ws.onopen = function () { document.getElementById('live').textContent = 'live'; document.body.dataset.live = 'yes'; };
    ws.onmessage = refresh;
    ws.onclose = function () { document.getElementById('live').textContent = 'reconnecting'; setTimeout(connect, 3000); };
  }
  connect();
})();
</script></body></html>
)";
}

}  // namespace relais::trends
