#pragma once
// The onboarding path as content: one Markdown file per e-learning module in
// knowledge/onboarding/, which L&D edit without touching code:
//
//   ---
//   id: teams-basics
//   day: 1                       <- days after the start date (0: the first day)
//   minutes: 20                  <- how long it takes
//   link: https://learn.example/teams-basics
//   circles: Finance, Operations <- optional: only starters of these circles
//   roles: starter               <- optional: only people with one of these roles
//   ---
//
//   # en: Teams basics: chats, channels and meetings
//   What the module covers, in Markdown.
//
//   # fr: Les bases de Teams : conversations, canaux et réunions
//   ...
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/person.hpp"
#include "bot/core/problem.hpp"

namespace relais::onboarding {

struct ModuleText {
  std::string language;
  std::string title;
  std::string description;
};

struct Module {
  std::string id;
  int day = 0;
  int minutes = 0;
  std::string link;
  std::vector<std::string> circles;  ///< empty: every circle
  std::vector<core::Role> roles;     ///< empty: every starter
  std::vector<ModuleText> texts;
  std::string source;

  /// The text in `language`, else English, else the first.
  const ModuleText& text_for(std::string_view language) const;
  bool applies_to(const core::Person& person) const;
};

/// Parses one module file; problems carry `source:line`. Nothing when it is unusable.
std::optional<Module> parse_module(std::string_view text, const std::string& source, Problems& problems);

/// Every *.md under `dir`, ordered by day then id; a missing directory is an empty path.
/// Circles named by a module must be among `known_circles` (when that is not empty).
std::vector<Module> load_path(const std::filesystem::path& dir, const std::set<std::string>& known_circles,
                              Problems& problems);

/// The modules of the path that apply to `person`, in order.
std::vector<const Module*> modules_for(const std::vector<Module>& path, const core::Person& person);

}  // namespace relais::onboarding
