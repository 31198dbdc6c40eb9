#include "bot/app/kb_command.hpp"

#include <fstream>
#include <iostream>

#include "bot/core/files.hpp"
#include "bot/core/messages.hpp"
#include "skills/faq/faq_csv.hpp"
#include "skills/faq/faq_entry.hpp"
#include "skills/faq/faq_index.hpp"

namespace relais::app {

const char* const kb_help =
    "Usage: relais kb <lint | export [--out FILE.csv] | import FILE.csv> [--config FILE]\n"
    "  lint     check every FAQ file, message file and synonym list; exit 2 on any problem\n"
    "  export   the FAQ as a spreadsheet (CSV, UTF-8): one row per entry and language\n"
    "  import   write the entries of a spreadsheet into knowledge/faq/ (added/updated/unchanged);\n"
    "           nothing is written unless the whole sheet is valid\n"
    "A running relais picks changes up by itself (or at once on SIGHUP).\n";

namespace {

constexpr int exit_ok = 0, exit_problems = 2, exit_usage = 64;

int report(const Problems& problems) {
  for (const auto& p : problems) std::cerr << p << '\n';
  std::cerr << problems.size() << " problem(s) found.\n";
  return exit_problems;
}

}  // namespace

int run_kb(const std::vector<std::string>& args, const config::Config& config) {
  const std::filesystem::path knowledge = config.knowledge.path;
  const std::string verb = args.empty() ? "" : args[0];
  Problems problems;

  if (verb == "lint") {
    const auto entries = faq::load_entries(knowledge / "faq", problems);
    core::MessageCatalog::load(knowledge / "messages", problems);
    faq::load_lexicon(knowledge, problems);
    if (!problems.empty()) return report(problems);
    std::cout << "ok: " << entries.size() << " FAQ entries, messages and synonyms\n";
    return exit_ok;
  }
  if (verb == "export") {
    const auto entries = faq::load_entries(knowledge / "faq", problems);
    if (!problems.empty()) return report(problems);
    const auto sheet = faq::export_csv(entries);
    if (args.size() >= 3 && args[1] == "--out") {
      std::ofstream(args[2], std::ios::binary) << sheet;
      std::cout << "exported " << entries.size() << " entries to " << args[2] << '\n';
    } else {
      std::cout << sheet;
    }
    return exit_ok;
  }
  if (verb == "import" && args.size() >= 2) {
    const auto text = read_file(args[1]);
    if (!text) {
      std::cerr << "relais kb import: cannot read " << args[1] << '\n';
      return exit_problems;
    }
    const auto entries = faq::import_csv(*text, args[1], problems);
    if (!problems.empty()) return report(problems);
    const auto r = faq::write_entries(entries, knowledge / "faq");
    std::cout << "imported " << entries.size() << " entries: " << r.added << " added, " << r.updated
              << " updated, " << r.unchanged << " unchanged\n";
    return exit_ok;
  }
  std::cerr << kb_help;
  return exit_usage;
}

}  // namespace relais::app
