#pragma once
// relais-bench: benchmark programs that print figures. Each subcommand lives in its own file.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace relais::bench {

/// --flag value pairs (a flag without a value maps to "").
class Args {
 public:
  Args(int argc, char** argv, int from) {
    for (int i = from; i < argc; ++i) {
      std::string key = argv[i];
      if (i + 1 < argc && std::string(argv[i + 1]).rfind("--", 0) != 0) values_[key] = argv[++i];
      else values_[key] = "";
    }
  }
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  std::string get(const std::string& key, const std::string& fallback) const {
    const auto it = values_.find(key);
    return it == values_.end() || it->second.empty() ? fallback : it->second;
  }
  std::string require(const std::string& key) const {
    if (!has(key) || values_.at(key).empty()) throw std::runtime_error(key + " is required");
    return values_.at(key);
  }

 private:
  std::map<std::string, std::string> values_;
};

int faq_bench(const Args& args);
int routing_bench(const Args& args);
int matrix_bench(const Args& args);
int trends_bench(const Args& args);
int scale_bench(const Args& args);
int load_keys_bench(const Args& args);

}  // namespace relais::bench
