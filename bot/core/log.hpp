#pragma once
// key=value log lines on stderr: `ts=... level=info event=listening port=8080`.
// Message text belongs at debug level only; secrets never.
#include <sstream>
#include <string>
#include <string_view>

namespace relais::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

void set_level(Level level);
bool enabled(Level level);
bool parse_level(std::string_view name, Level& out);

/// One log line, written when it goes out of scope: `log::info("listening").kv("port", 8080);`
class Line {
 public:
  Line(Level level, std::string_view event);
  ~Line();
  Line(const Line&) = delete;
  Line& operator=(const Line&) = delete;

  template <class T>
  Line& kv(std::string_view key, const T& value) {
    if (active_) {
      std::ostringstream os;
      os << value;
      append(key, os.str());
    }
    return *this;
  }

 private:
  void append(std::string_view key, const std::string& value);
  bool active_;
  std::string text_;
};

inline Line debug(std::string_view event) { return Line(Level::debug, event); }
inline Line info(std::string_view event) { return Line(Level::info, event); }
inline Line warn(std::string_view event) { return Line(Level::warn, event); }
inline Line error(std::string_view event) { return Line(Level::error, event); }

}  // namespace relais::log
