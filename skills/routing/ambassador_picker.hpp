#pragma once
// Who should get a question, the way a good community coordinator would choose, and why.
//
// Order: an ambassador of the asker's circle first, then of a neighbouring circle, then anyone;
// among those, the best fit:
// declared topics and topics they resolved before (fading with time), the asker's language,
// fewer open claims. Ties go to whoever was asked least recently. Never the asker, never
// someone away; nobody outside their working hours (their own, or the organisation's) while
// others are at work, and nobody past the daily cap of unsolicited questions while others are not.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bot/core/person.hpp"
#include "bot/core/turn.hpp"
#include "bot/core/working_time.hpp"

namespace relais::routing {

struct Policy {
  int fan_out = 1;                      ///< ambassadors offered a question at once
  int daily_cap = 3;                    ///< unsolicited questions per ambassador per 24 h (0: none)
  double expertise_half_life_days = 90;
  std::map<std::string, std::vector<std::string>, std::less<>> neighbours;  ///< circle -> neighbouring circles
  core::WorkingHours hours;  ///< the organisation's; a person may have their own
};

/// One reason, as a message key and its parameters, so each reader sees it in their language.
struct Reason {
  std::string key;
  core::Params params;
};

struct Candidate {
  core::Person ambassador;
  bool same_circle = false;
  int circle_tier = 2;  ///< 0 the asker's circle, 1 a neighbouring circle, 2 any other
  bool at_work = true;  ///< inside their working hours now
  double fit = 0;  ///< topics + language - load
  std::int64_t open_claims = 0;
  std::vector<Reason> reasons;
};

struct Need {
  const core::Person& asker;
  std::string language;             ///< of the question
  std::vector<std::string> topics;  ///< of the question (from the FAQ's nearest entries)
  std::set<std::string> exclude;    ///< already offered or released by
};

/// Every eligible ambassador, best first.
std::vector<Candidate> rank_ambassadors(core::Turn& turn, const Need& need, const Policy& policy);

/// The reasons as one sentence in `reader`'s language: "same circle (Finance), knows Excel".
std::string explain(const core::Turn& turn, const core::Person& reader, const std::vector<Reason>& reasons);

}  // namespace relais::routing
