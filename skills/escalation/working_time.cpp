#include "skills/escalation/working_time.hpp"

#include <ctime>

#include "bot/core/files.hpp"
#include "bot/identity/directory_csv.hpp"

namespace relais::escalation {
namespace {

using namespace std::chrono;

std::tm local(core::TimePoint t) {
  const std::time_t secs = static_cast<std::time_t>(duration_cast<seconds>(t.time_since_epoch()).count());
  std::tm tm{};
  localtime_r(&secs, &tm);
  return tm;
}

/// The instant of `minute` (of the day) on the local date of `tm`, daylight saving included.
core::TimePoint at_minute(const std::tm& day, int minute) {
  std::tm tm{};
  tm.tm_year = day.tm_year;
  tm.tm_mon = day.tm_mon;
  tm.tm_mday = day.tm_mday;
  tm.tm_hour = minute / 60;
  tm.tm_min = minute % 60;
  tm.tm_isdst = -1;
  return core::TimePoint(duration_cast<milliseconds>(seconds(std::mktime(&tm))));
}

sys_days date_of(const std::tm& tm) {
  return sys_days(year(tm.tm_year + 1900) / month(static_cast<unsigned>(tm.tm_mon + 1)) / day(static_cast<unsigned>(tm.tm_mday)));
}

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
    const auto date = line.substr(0, 10);
    if (!identity::is_iso_date(date)) {
      problems.push_back({file.string() + ":" + std::to_string(line_no), "expected a date YYYY-MM-DD, then a name"});
      continue;
    }
    out.holidays.insert(sys_days(year(std::stoi(date.substr(0, 4))) / month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))) /
                                 day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))));
  }
}

bool WorkingTime::is_working(core::TimePoint t) const {
  const auto tm = local(t);
  if (!hours_.days[static_cast<std::size_t>(tm.tm_wday)] || hours_.holidays.count(date_of(tm))) return false;
  return t >= at_minute(tm, hours_.start_minute) && t < at_minute(tm, hours_.end_minute);
}

core::TimePoint WorkingTime::add(core::TimePoint from, std::chrono::minutes work) const {
  auto left = duration_cast<milliseconds>(work);
  auto cursor = from;
  for (int day_count = 0; day_count < 800; ++day_count) {
    const auto tm = local(cursor);
    if (hours_.days[static_cast<std::size_t>(tm.tm_wday)] && !hours_.holidays.count(date_of(tm))) {
      const auto open = at_minute(tm, hours_.start_minute), close = at_minute(tm, hours_.end_minute);
      const auto begin = std::max(cursor, open);
      if (begin < close) {
        if (left <= close - begin) return begin + left;
        left -= close - begin;
      }
    }
    // On to the next local day, a little after midnight to be clear of daylight-saving shifts.
    cursor = at_minute(tm, 0) + hours(26);
    cursor = at_minute(local(cursor), 0);
  }
  return from + work;  // no working time in two years: the calendar is wrong; do not wait forever
}

}  // namespace relais::escalation
