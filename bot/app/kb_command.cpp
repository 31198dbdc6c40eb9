#include "bot/app/kb_command.hpp"

#include <fstream>
#include <iostream>

#include "bot/core/files.hpp"
#include "bot/core/messages.hpp"
#include "bot/storage/migrations.hpp"
#include "skills/faq/faq_csv.hpp"
#include "skills/faq/faq_drafts.hpp"
#include "skills/faq/faq_entry.hpp"
#include "skills/faq/faq_index.hpp"

namespace relais::app {

const char* const kb_help =
    "Usage: relais kb <lint | export [--out FILE.csv] | import FILE.csv | drafts [approve|reject ID]>\n"
    "                 [--config FILE]\n"
    "  lint     check every FAQ file, message file and synonym list; exit 2 on any problem\n"
    "  export   the FAQ as a spreadsheet (CSV, UTF-8): one row per entry and language\n"
    "  import   write the entries of a spreadsheet into knowledge/faq/ (added/updated/unchanged);\n"
    "           nothing is written unless the whole sheet is valid\n"
    "  drafts   FAQ drafts waiting for review (new entries from ambassadors' answers, new phrasings\n"
    "           from helpful questions); approve ID writes it into knowledge/faq/, reject ID drops it\n"
    "A running relais picks changes up by itself (or at once on SIGHUP).\n";

namespace {

constexpr int exit_ok = 0, exit_problems = 2, exit_usage = 64;

int report(const Problems& problems) {
  for (const auto& p : problems) std::cerr << p << '\n';
  std::cerr << problems.size() << " problem(s) found.\n";
  return exit_problems;
}

int drafts_command(const std::vector<std::string>& args, const config::Config& config) {
  storage::Database db(config.storage.path, storage::durability_from(config.storage.durability));
  storage::migrate(db, storage::core_migrations());
  storage::migrate(db, faq::draft_migrations());
  faq::DraftStore drafts(db);
  if (args.size() == 1) {
    const auto pending = drafts.pending();
    if (pending.empty()) std::cout << "no FAQ drafts are waiting for review\n";
    for (const auto& d : pending) {
      std::cout << "#" << d.id << "  " << d.kind << "  " << d.language << "  "
                << (d.kind == "phrasing" ? "for " + d.entry_id + ": " : "") << d.question << '\n';
      if (!d.answer.empty()) std::cout << "      " << d.answer << '\n';
    }
    return exit_ok;
  }
  if (args.size() != 3 || (args[1] != "approve" && args[1] != "reject")) {
    std::cerr << kb_help;
    return exit_usage;
  }
  const auto d = drafts.get(std::atoll(args[2].c_str()));
  if (!d || d->status != "pending") {
    std::cerr << "relais kb drafts: no pending draft #" << args[2] << '\n';
    return exit_problems;
  }
  std::string entry;
  if (args[1] == "approve") {
    const auto written = faq::apply_draft(*d, std::filesystem::path(config.knowledge.path) / "faq");
    if (!written) {
      std::cerr << "relais kb drafts: draft #" << d->id << ": " << written.error() << '\n';
      return exit_problems;
    }
    entry = written.value();
  }
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  drafts.review(d->id, args[1] == "approve", "cli", entry, now);
  std::cout << "draft #" << d->id << (entry.empty() ? " rejected" : " approved: " + entry) << '\n';
  return exit_ok;
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
  if (verb == "drafts") return drafts_command(args, config);
  std::cerr << kb_help;
  return exit_usage;
}

}  // namespace relais::app
