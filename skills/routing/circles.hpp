#pragma once
// Circles as the organisation sees them: which circles are neighbours (a question goes to an
// ambassador of the asker's circle, then of a neighbouring one, then anyone's), and circles whose
// escalation ladder runs faster or slower than the default. Read from a CSV beside the directory:
//   circle,neighbours,reroute_after_minutes,escalate_to_community_after_minutes,escalate_to_it_after_minutes
// neighbours are ';'-separated; empty minutes keep the defaults of the `questions` config section.
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bot/core/problem.hpp"

namespace relais::routing {

struct CircleSettings {
  std::vector<std::string> neighbours;
  std::optional<std::chrono::minutes> reroute, to_community, to_it;
};

using Circles = std::map<std::string, CircleSettings, std::less<>>;

/// Reads the circles file; `known` are the directory's circles. A missing file gives no settings.
Circles load_circles(const std::filesystem::path& file, const std::set<std::string>& known, Problems& problems);

}  // namespace relais::routing
