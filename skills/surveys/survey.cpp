#include "skills/surveys/survey.hpp"

#include <algorithm>

#include "bot/core/dates.hpp"
#include "bot/core/files.hpp"
#include "bot/core/knowledge_file.hpp"
#include "bot/core/messages.hpp"

namespace relais::surveys {

using core::trim;

namespace {

std::chrono::sys_days add_months(std::chrono::sys_days day, int months) {
  const std::chrono::year_month_day ymd(day);
  auto shifted = ymd.year() / ymd.month() / std::chrono::day(1) + std::chrono::months(months);
  const auto last = std::chrono::year_month_day_last(shifted.year(), std::chrono::month_day_last(shifted.month()));
  const auto d = std::min(ymd.day(), last.day());
  return std::chrono::sys_days(shifted.year() / shifted.month() / d);
}

/// "scale 0-10", "yes/no", "text".
bool parse_kind(const std::string& s, Question& q) {
  if (s == "yes/no") return q.kind = Question::Kind::yes_no, true;
  if (s == "text") return q.kind = Question::Kind::text, true;
  if (!s.starts_with("scale ")) return false;
  const auto range = s.substr(6);
  const auto dash = range.find('-');
  if (dash == std::string::npos) return false;
  const auto lo = core::whole_number(range.substr(0, dash), 4), hi = core::whole_number(range.substr(dash + 1), 4);
  if (!lo || !hi || *lo >= *hi || *hi > 10) return false;
  q.kind = Question::Kind::scale;
  q.min = *lo;
  q.max = *hi;
  return true;
}

}  // namespace

const std::string& Question::text_for(std::string_view language) const {
  if (const auto it = text.find(language); it != text.end()) return it->second;
  return text.at(std::string(core::reference_language));
}

bool Audience::includes(const core::Person& p, const std::set<std::string>& circles_with_ambassador) const {
  switch (kind) {
    case Kind::all: return true;
    case Kind::starters: return p.has(core::Role::starter);
    case Kind::circle: return p.circle == circle;
    case Kind::ambassador_teams: return !p.has(core::Role::ambassador) && circles_with_ambassador.contains(p.circle);
  }
  return false;
}

const Intro& Survey::intro_for(std::string_view language) const {
  if (const auto it = intro.find(language); it != intro.end()) return it->second;
  return intro.at(std::string(core::reference_language));
}

std::optional<std::chrono::sys_days> Survey::open_run(std::chrono::sys_days today) const {
  if (today < send_on) return std::nullopt;
  auto run = send_on;
  if (repeat_months > 0)
    for (int k = 1; k < 1200; ++k) {
      const auto next = add_months(send_on, k * repeat_months);
      if (next > today) break;
      run = next;
    }
  if (today >= run + std::chrono::days(window_days)) return std::nullopt;
  return run;
}

const Question* Survey::question(std::string_view qid) const {
  for (const auto& q : questions)
    if (q.id == qid) return &q;
  return nullptr;
}

std::string run_id(const Survey& survey, std::chrono::sys_days run_date) {
  return survey.id + "@" + core::format_iso_date(run_date);
}

std::optional<Survey> parse_survey(std::string_view text, const std::string& source, Problems& problems) {
  const auto before = problems.size();
  auto where = [&](std::size_t i) { return source + ":" + std::to_string(i + 1); };
  const auto lines = core::lines_of(text);
  const auto header = core::read_header(lines, source, problems);
  if (!header) return std::nullopt;
  Survey s;
  s.source = source;
  bool has_date = false;
  for (const auto& [key, value, i] : header->fields) {
    if (key == "id") {
      s.id = value;
    } else if (key == "audience") {
      if (value == "all") s.audience = {Audience::Kind::all, ""};
      else if (value == "starters") s.audience = {Audience::Kind::starters, ""};
      else if (value == "ambassador-teams") s.audience = {Audience::Kind::ambassador_teams, ""};
      else if (value.starts_with("circle:") && !trim(value.substr(7)).empty())
        s.audience = {Audience::Kind::circle, trim(value.substr(7))};
      else problems.push_back({where(i), "audience \"" + value + "\" is not all, starters, ambassador-teams or circle:<name>"});
    } else if (key == "send_on") {
      const auto d = core::parse_iso_date(value);
      if (!d) problems.push_back({where(i), "send_on \"" + value + "\" is not YYYY-MM-DD"});
      else s.send_on = *d, has_date = true;
    } else if (key == "repeat_months" || key == "window_days") {
      const auto n = core::whole_number(value, 4);
      if (!n || *n == 0 || *n > 366) problems.push_back({where(i), key + " \"" + value + "\" is not a whole number from 1 to 366"});
      else (key == "repeat_months" ? s.repeat_months : s.window_days) = *n;
    } else {
      problems.push_back({where(i), "unknown header key \"" + key + "\" (id, audience, send_on, repeat_months, window_days)"});
    }
  }
  if (s.id.empty()) problems.push_back({where(0), "the survey has no id"});
  if (!has_date) problems.push_back({where(0), "the survey has no send_on date"});

  Intro* intro = nullptr;
  Question* question = nullptr;
  for (auto i = header->body; i < lines.size(); ++i) {
    const auto& line = lines[i];
    if (line.starts_with("# ")) {
      const auto colon = line.find(':');
      const auto lang = colon == std::string::npos ? "" : trim(line.substr(2, colon - 2));
      if (!core::is_supported_language(lang) || colon == std::string::npos || trim(line.substr(colon + 1)).empty()) {
        problems.push_back({where(i), "expected \"# <fr|nl|en|de>: <title>\""});
        continue;
      }
      intro = &s.intro[lang];
      intro->title = trim(line.substr(colon + 1));
      question = nullptr;
    } else if (line.starts_with("? ")) {
      const auto parts = core::split_list(line.substr(2), '|');
      Question q;
      q.id = parts.empty() ? "" : parts[0];
      if (parts.size() < 2 || parts.size() > 3 || q.id.empty() || !parse_kind(parts[1], q)) {
        problems.push_back({where(i), "expected \"? <question id> | scale 1-5 | scale 0-10 | yes/no | text\""});
        question = nullptr;
        continue;
      }
      if (parts.size() == 3) {
        if (q.kind != Question::Kind::yes_no || parts[2] != "on yes: volunteer") {
          problems.push_back({where(i), "only a yes/no question can end with \"| on yes: volunteer\""});
          question = nullptr;
          continue;
        }
        q.on_yes = "volunteer";
      }
      if (s.question(q.id)) problems.push_back({where(i), "question id \"" + q.id + "\" appears twice"});
      s.questions.push_back(std::move(q));
      question = &s.questions.back();
      intro = nullptr;
    } else if (question && !trim(line).empty()) {
      const auto colon = line.find(':');
      const auto lang = colon == std::string::npos ? "" : trim(line.substr(0, colon));
      if (!core::is_supported_language(lang)) {
        problems.push_back({where(i), "expected \"<fr|nl|en|de>: <question>\""});
        continue;
      }
      question->text[lang] = trim(line.substr(colon + 1));
    } else if (intro) {
      intro->text += (intro->text.empty() ? "" : "\n") + line;
    } else if (!trim(line).empty()) {
      problems.push_back({where(i), "text outside a title or a question"});
    }
  }
  for (auto& [lang, in] : s.intro) in.text = trim(in.text);
  if (!s.intro.contains("en")) problems.push_back({source, "the survey has no English title (# en: ...)"});
  if (s.questions.empty()) problems.push_back({source, "the survey has no questions"});
  for (const auto& q : s.questions)
    if (!q.text.contains("en")) problems.push_back({source, "question \"" + q.id + "\" has no English text (en: ...)"});
  if (problems.size() != before) return std::nullopt;
  return s;
}

std::vector<Survey> load_surveys(const std::filesystem::path& dir, const std::set<std::string>& known_circles,
                                 Problems& problems) {
  std::vector<Survey> out;
  std::set<std::string> ids;
  for (const auto& file : core::markdown_files(dir)) {
    const auto text = read_file(file);
    if (!text) {
      problems.push_back({file.string(), "cannot read the survey file"});
      continue;
    }
    auto s = parse_survey(*text, file.string(), problems);
    if (!s) continue;
    if (!ids.insert(s->id).second) {
      problems.push_back({file.string(), "survey id \"" + s->id + "\" is used twice"});
      continue;
    }
    if (s->audience.kind == Audience::Kind::circle && !known_circles.empty() && !known_circles.contains(s->audience.circle))
      problems.push_back({file.string(), "unknown circle \"" + s->audience.circle + "\" (not in the staff directory)"});
    out.push_back(std::move(*s));
  }
  return out;
}

}  // namespace relais::surveys
