#include "bot/core/time_zone.hpp"

#include <boost/date_time/local_time/local_time.hpp>
#include <boost/make_shared.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <regex>

#include "bot/core/files.hpp"

namespace relais::core {

namespace lt = boost::local_time;
namespace pt = boost::posix_time;
namespace greg = boost::gregorian;

struct TimeZone::Rule {
  std::string name;
  lt::time_zone_ptr zone;
};

namespace {

const pt::ptime epoch(greg::date(1970, 1, 1));

/// One transition rule ("M3.5.0/3") with its time of day within 0-24 h, as Boost requires.
/// tzdata's version 3 rules may say "M3.5.0/-1" (Saturday 23:00) or "M3.4.4/50"; these become
/// the neighbouring weekday at the same clock time. That is exact unless the shifted day lands
/// in another week of the month, when the change is a week off: 9 of the ~400 zones (Greenland,
/// Chile, Israel, Palestine, Egypt) have such rules, and only their changeover weeks can differ.
std::string boost_transition(std::string_view rule) {
  const auto slash = rule.find('/');
  if (slash == std::string_view::npos) return std::string(rule);
  std::string date(rule.substr(0, slash));
  const auto time = rule.substr(slash + 1);
  const bool negative = !time.empty() && time.front() == '-';
  int parts[3] = {0, 0, 0}, part = 0;
  for (char c : time.substr(negative || (!time.empty() && time.front() == '+') ? 1 : 0)) {
    if (c == ':') part = std::min(part + 1, 2);
    else if (std::isdigit(static_cast<unsigned char>(c))) parts[part] = parts[part] * 10 + (c - '0');
    else return std::string(rule);
  }
  int seconds = (parts[0] * 3600 + parts[1] * 60 + parts[2]) * (negative ? -1 : 1);
  int shift = 0;  // days
  while (seconds < 0) seconds += 86400, --shift;
  while (seconds >= 86400) seconds -= 86400, ++shift;
  if (shift != 0 && date.size() >= 6 && date[0] == 'M') {  // Mm.w.d: move the weekday
    date.back() = static_cast<char>('0' + ((date.back() - '0' + shift) % 7 + 7) % 7);
  } else if (shift != 0) {  // Jn or n: move the day number
    const bool julian = date.front() == 'J';
    date = (julian ? "J" : "") + std::to_string(std::stoi(date.substr(julian ? 1 : 0)) + shift);
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "/%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return date + buf;
}

/// A POSIX rule in the dialect Boost's parser reads: abbreviations alphabetic (tzdata writes
/// numeric ones as "<+03>"), offsets with the ISO sign (POSIX's "CET-1" is east of UTC, Boost
/// reads "CET+1"), transition times within the day.
std::string boost_dialect(std::string_view rule) {
  const auto comma = rule.find(',');
  const auto zones = rule.substr(0, comma);
  std::string out;
  for (std::size_t i = 0; i < zones.size();) {
    if (zones[i] == '<') {  // a quoted abbreviation
      const auto close = zones.find('>', i);
      if (close == std::string_view::npos) return std::string(rule);
      out += "ZZZ";
      i = close + 1;
    } else if (std::isalpha(static_cast<unsigned char>(zones[i]))) {
      while (i < zones.size() && std::isalpha(static_cast<unsigned char>(zones[i]))) out += zones[i++];
    } else {  // an offset: flip its sign
      const char sign = zones[i];
      if (sign == '-' || sign == '+') ++i;
      if (i >= zones.size() || !std::isdigit(static_cast<unsigned char>(zones[i]))) return std::string(rule);  // not a rule
      out += sign == '-' ? '+' : '-';
      while (i < zones.size() && (std::isdigit(static_cast<unsigned char>(zones[i])) || zones[i] == ':')) out += zones[i++];
    }
  }
  for (auto at = comma; at != std::string_view::npos;) {
    const auto next = rule.find(',', at + 1);
    out += ',' + boost_transition(rule.substr(at + 1, next == std::string_view::npos ? next : next - at - 1));
    at = next;
  }
  return out;
}

/// The rule line that ends a TZif version 2+ file, or nothing.
std::optional<std::string> tzif_rule(const std::string& bytes) {
  if (bytes.size() < 6 || bytes.compare(0, 4, "TZif") != 0 || bytes[4] < '2' || bytes.back() != '\n') return std::nullopt;
  const auto start = bytes.rfind('\n', bytes.size() - 2);
  if (start == std::string::npos) return std::nullopt;
  auto rule = bytes.substr(start + 1, bytes.size() - start - 2);
  if (rule.empty()) return std::nullopt;
  return rule;
}

std::mutex cache_mutex;
std::map<std::string, std::shared_ptr<const TimeZone::Rule>, std::less<>>& cache() {
  static std::map<std::string, std::shared_ptr<const TimeZone::Rule>, std::less<>> zones;
  return zones;
}

/// The shape of a POSIX TZ rule (Boost's own parser lets malformed ones through).
bool well_formed(std::string_view rule) {
  static const std::regex shape(
      R"((<[^>]+>|[A-Za-z]{3,})[+-]?\d{1,2}(:\d{2}){0,2})"
      R"(((<[^>]+>|[A-Za-z]{3,})([+-]?\d{1,2}(:\d{2}){0,2})?)"
      R"((,(M\d{1,2}\.\d\.\d|J?\d{1,3})(/[+-]?\d{1,3}(:\d{2}){0,2})?){2})?)");
  return std::regex_match(rule.begin(), rule.end(), shape);
}

}  // namespace

std::optional<TimeZone> TimeZone::from_rule(std::string_view rule, std::string name) {
  if (!well_formed(rule)) return std::nullopt;
  try {
    auto zone = boost::make_shared<lt::posix_time_zone>(boost_dialect(rule));
    return TimeZone(std::make_shared<const Rule>(Rule{name.empty() ? std::string(rule) : std::move(name), zone}));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<TimeZone> TimeZone::named(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) return std::nullopt;
  {
    std::lock_guard lock(cache_mutex);
    if (const auto it = cache().find(name); it != cache().end()) return TimeZone(it->second);
  }
  const char* dir = std::getenv("TZDIR");
  const auto bytes = read_file(std::filesystem::path(dir && *dir ? dir : "/usr/share/zoneinfo") / name);
  const auto rule = bytes ? tzif_rule(*bytes) : std::nullopt;
  auto zone = rule ? from_rule(*rule, std::string(name)) : std::nullopt;
  if (zone) {
    std::lock_guard lock(cache_mutex);
    cache().emplace(std::string(name), zone->rule_);
  }
  return zone;
}

TimeZone::TimeZone() : rule_(machine_rule()) {}

std::shared_ptr<const TimeZone::Rule> TimeZone::machine_rule() {
  static const auto machine = [] {
    const char* tz = std::getenv("TZ");
    std::optional<TimeZone> zone;
    if (tz && *tz) {
      const std::string_view spec = tz[0] == ':' ? tz + 1 : tz;
      zone = named(spec);
      if (!zone) zone = from_rule(spec);
    } else if (const auto bytes = read_file("/etc/localtime")) {
      if (const auto parsed = tzif_rule(*bytes)) zone = from_rule(*parsed, "localtime");
    }
    if (!zone) zone = from_rule("UTC0", "UTC");
    return zone->rule_;
  }();
  return machine;
}

const std::string& TimeZone::name() const { return rule_->name; }

LocalTime TimeZone::local(TimePoint t) const {
  const pt::ptime utc = epoch + pt::milliseconds(to_millis(t));
  const pt::ptime local = lt::local_date_time(utc, rule_->zone).local_time();
  const auto d = local.date();
  LocalTime out;
  out.date = std::chrono::sys_days(std::chrono::year(d.year()) / std::chrono::month(d.month()) / std::chrono::day(d.day()));
  out.weekday = d.day_of_week().as_number();
  out.minute = static_cast<int>(local.time_of_day().hours() * 60 + local.time_of_day().minutes());
  return out;
}

TimePoint TimeZone::at(std::chrono::sys_days date, int minute) const {
  const std::chrono::year_month_day ymd(date);
  const greg::date d(static_cast<unsigned short>(static_cast<int>(ymd.year())), static_cast<unsigned short>(unsigned(ymd.month())),
                     static_cast<unsigned short>(unsigned(ymd.day())));
  const pt::time_duration clock = pt::minutes(minute);
  const auto& zone = *rule_->zone;
  pt::time_duration offset = zone.base_utc_offset();
  switch (lt::local_date_time::check_dst(d, clock, rule_->zone)) {
    case boost::date_time::is_in_dst:
    case boost::date_time::ambiguous:  // the first of the two: still summer time
      offset += zone.dst_offset();
      break;
    case boost::date_time::is_not_in_dst:
    case boost::date_time::invalid_time_label:  // skipped by the clocks: read as standard time
      break;
  }
  const pt::ptime utc = pt::ptime(d, clock) - offset;
  return from_millis((utc - epoch).total_milliseconds());
}

}  // namespace relais::core
