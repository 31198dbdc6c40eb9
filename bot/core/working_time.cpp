#include "bot/core/working_time.hpp"

#include "bot/core/files.hpp"
#include "bot/core/dates.hpp"

namespace relais::core {
namespace {

using namespace std::chrono;

bool parse_clock(const std::string& s, int& minute) {
  if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
      !std::isdigit(static_cast<unsigned char>(s[1])) || !std::isdigit(static_cast<unsigned char>(s[3])) ||
      !std::isdigit(static_cast<unsigned char>(s[4])))
    return false;
  const int h = std::stoi(s.substr(0, 2)), m = std::stoi(s.substr(3, 2));
  if (h > 24 || m > 59 || (h == 24 && m > 0)) return false;
  minute = h * 60 + m;
  return true;
}

}  // namespace

bool parse_hours(const std::string& text, WorkingHours& out) {
  const auto dash = text.find('-');
  int start = 0, end = 0;
  if (dash == std::string::npos || !parse_clock(text.substr(0, dash), start) || !parse_clock(text.substr(dash + 1), end) ||
      end <= start)
    return false;
  out.start_minute = start;
  out.end_minute = end;
  return true;
}

bool parse_days(const std::string& text, WorkingHours& out) {
  static const char* names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  std::array<bool, 7> days{};
  std::size_t start = 0;
  bool any = false;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    auto name = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    bool known = false;
    for (int d = 0; d < 7; ++d)
      if (name == names[d]) days[static_cast<std::size_t>(d)] = known = any = true;
    if (!known) return false;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (!any) return false;
  out.days = days;
  return true;
}

bool parse_schedule(const std::string& text, WorkingHours& out) {
  const auto space = text.find_last_of(' ');
  if (space == std::string::npos) return parse_hours(text, out);
  WorkingHours parsed = out;
  if (!parse_days(text.substr(0, space), parsed) || !parse_hours(text.substr(space + 1), parsed)) return false;
  out = std::move(parsed);
  return true;
}

void load_holidays(const std::filesystem::path& file, WorkingHours& out, Problems& problems) {
  const auto text = read_file(file);
  if (!text) return;
  int line_no = 0;
  std::size_t start = 0;
  while (start < text->size()) {
    const auto nl = text->find('\n', start);
    std::string line = text->substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    start = nl == std::string::npos ? text->size() : nl + 1;
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    line.erase(0, line.find_first_not_of(" \t\r"));
    if (line.empty()) continue;
    const auto date = parse_iso_date(line.substr(0, 10));
    if (!date) {
      problems.push_back({file.string() + ":" + std::to_string(line_no), "expected a date YYYY-MM-DD, then a name"});
      continue;
    }
    out.holidays.insert(*date);
  }
}

WorkingHours personal_hours(const WorkingHours& organisation, const Person& person) {
  WorkingHours hours = organisation;
  if (!person.working_hours.empty()) parse_schedule(person.working_hours, hours);  // checked on import
  if (!person.time_zone.empty())
    if (auto zone = TimeZone::named(person.time_zone)) hours.zone = *zone;
  return hours;
}

bool WorkingTime::is_working(core::TimePoint t) const {
  const auto here = hours_.zone.local(t);
  if (!hours_.days[static_cast<std::size_t>(here.weekday)] || hours_.holidays.count(here.date)) return false;
  return here.minute >= hours_.start_minute && here.minute < hours_.end_minute;
}

core::TimePoint WorkingTime::add(core::TimePoint from, std::chrono::minutes work) const {
  auto left = duration_cast<milliseconds>(work);
  auto cursor = from;
  const auto& zone = hours_.zone;
  for (int day_count = 0; day_count < 800; ++day_count) {
    const auto here = zone.local(cursor);
    if (hours_.days[static_cast<std::size_t>(here.weekday)] && !hours_.holidays.count(here.date)) {
      const auto open = zone.at(here.date, hours_.start_minute), close = zone.at(here.date, hours_.end_minute);
      const auto begin = std::max(cursor, open);
      if (begin < close) {
        if (left <= close - begin) return begin + left;
        left -= close - begin;
      }
    }
    cursor = zone.at(here.date + days(1), 0);  // the next local midnight
  }
  return from + work;  // no working time in two years: the calendar is wrong; do not wait forever
}

}  // namespace relais::core
