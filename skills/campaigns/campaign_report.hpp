#pragma once
// A campaign's indicators as a chat message: the phase, questions and feedback per week, and
// each figure against its target (✅ met, ⚠️ not yet, or no target).
#include <string>

#include "bot/core/person.hpp"
#include "bot/core/turn.hpp"
#include "skills/campaigns/campaign.hpp"
#include "skills/campaigns/campaign_indicators.hpp"

namespace relais::campaigns {

std::string campaign_report(const core::Turn& turn, const core::Person& reader, const Campaign& campaign,
                            const Indicators& indicators, const std::string& phase);

}  // namespace relais::campaigns
