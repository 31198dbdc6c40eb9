#pragma once
// A change campaign for an IT roll-out ("OneDrive migration"), run through the ambassadors in
// four phases: prepare (brief them first, with materials and the FAQ pack), engage (a pilot
// group tries it and gives feedback), realise (staff are told, with their circle's ambassador
// named) and anchor (an adoption question), then a closing report against IT's targets.
//
// A community lead writes it in chat as "campaign new <name>" and one "key: value" line per
// setting (the same form as the knowledge files' headers):
//
//   campaign new OneDrive migration
//   topics: onedrive, sharepoint
//   prepare: 2027-01-04
//   engage: 2027-01-18
//   realise: 2027-02-01
//   anchor: 2027-03-01
//   end: 2027-03-29
//   materials: https://intranet.example/onedrive-kit
//   pilot: Amélie Dubois, bart.peeters        (optional; default: the ambassadors of its topics)
//   audience: all | circles Finance, Operations  (optional; default all)
//   brief: text for the ambassadors' briefing   (optional)
//   announce: text for the announcement to staff (optional)
//   targets: deflection 60%, satisfaction 80%, answer 8h, adoption 4
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bot/core/problem.hpp"

namespace relais::campaigns {

inline constexpr const char* phases[] = {"prepare", "engage", "realise", "anchor", "end"};

struct Targets {
  std::optional<double> deflection;    ///< share of campaign questions the FAQ answered, 0..1
  std::optional<double> satisfaction;  ///< share of ratings that were helpful, 0..1
  std::optional<double> answer_hours;  ///< median hours from question to resolution, at most
  std::optional<double> adoption;      ///< mean of the adoption question, 1..5, at least
};

struct Campaign {
  std::string id;  ///< from the name: "onedrive-migration"
  std::string name;
  std::vector<std::string> topics;
  std::map<std::string, std::chrono::sys_days> dates;  ///< phase -> first day ("end": the closing report)
  std::string materials;
  std::vector<std::string> pilot;    ///< ids or names as written; empty: the topics' ambassadors
  std::vector<std::string> circles;  ///< the audience; empty: all staff
  std::string brief, announce;
  Targets targets;
  std::string created_by;
  bool cancelled = false;

  /// The phase running on `day` ("" before prepare, "end" once over).
  std::string phase_on(std::chrono::sys_days day) const;
};

/// Reads "campaign new <name>" and its lines; every problem names its line.
std::optional<Campaign> parse_campaign(const std::string& text, Problems& problems);

/// Reads "deflection 60%, satisfaction 80%, answer 8h, adoption 4" into `targets`; on a problem,
/// says what is wrong in `error`.
bool parse_targets(const std::string& text, Targets& targets, std::string& error);

/// "OneDrive migration!" -> "onedrive-migration".
std::string slug(const std::string& name);

}  // namespace relais::campaigns
