#pragma once
// The trend reports as a table for people, CSV for spreadsheets, JSON for other tools.
#include <string>
#include <vector>

#include "skills/trends/trends.hpp"

namespace relais::trends {

std::string format_topics(const std::vector<TopicCount>& rows, const std::string& format);
std::string format_rising(const std::vector<Rising>& rows, const std::string& format);
std::string format_gaps(const std::vector<Gap>& rows, const std::string& format);
std::string format_kpis(const Kpis& k, const std::string& format);
std::string format_weekly(const std::vector<WeekTopic>& rows, const std::string& format);

}  // namespace relais::trends
