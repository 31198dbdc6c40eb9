#include "bot/core/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace relais::log {
namespace {

std::atomic<int> current_level{static_cast<int>(Level::info)};

const char* level_name(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warn: return "warn";
    case Level::error: return "error";
  }
  return "info";
}

std::string timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

bool needs_quotes(const std::string& v) {
  if (v.empty()) return true;
  for (char c : v)
    if (c == ' ' || c == '"' || c == '=' || c == '\n' || c == '\t') return true;
  return false;
}

}  // namespace

void set_level(Level level) { current_level = static_cast<int>(level); }
bool enabled(Level level) { return static_cast<int>(level) >= current_level.load(); }

bool parse_level(std::string_view name, Level& out) {
  for (Level l : {Level::debug, Level::info, Level::warn, Level::error}) {
    if (name == level_name(l)) {
      out = l;
      return true;
    }
  }
  return false;
}

Line::Line(Level level, std::string_view event) : active_(enabled(level)) {
  if (!active_) return;
  text_ = "ts=" + timestamp() + " level=" + level_name(level) + " event=";
  text_.append(event);
}

void Line::append(std::string_view key, const std::string& value) {
  text_ += ' ';
  text_.append(key);
  text_ += '=';
  if (!needs_quotes(value)) {
    text_ += value;
    return;
  }
  text_ += '"';
  for (char c : value) {
    if (c == '"' || c == '\\') text_ += '\\';
    text_ += (c == '\n' ? ' ' : c);
  }
  text_ += '"';
}

Line::~Line() {
  if (!active_) return;
  text_ += '\n';
  std::fwrite(text_.data(), 1, text_.size(), stderr);
  std::fflush(stderr);
}

}  // namespace relais::log
