#pragma once
// The card that shows a routed question: what was asked, by whom, where it stands, and the
// buttons the viewer may use. Every copy is refreshed when the question changes state.
#include <string>

#include "bot/core/outbound_message.hpp"
#include "bot/core/person.hpp"
#include "bot/core/turn.hpp"
#include "bot/storage/question_store.hpp"

namespace relais::skills {

std::string card_key(std::int64_t question_id);

/// The card as `viewer` sees it; `intro` is an optional sentence above it.
core::OutboundMessage question_card(core::Turn& turn, const storage::Question& q,
                                    const core::Person& viewer, const std::string& intro = "");

/// Sends the question's current card to everyone it was offered to.
void refresh_cards(core::Turn& turn, const storage::Question& q);

/// Ambassadors may claim any open question but their own; IT those escalated to IT.
bool may_claim(const core::Person& person, const storage::Question& q);

/// The circle of a person id ("" if unknown).
std::string circle_of(core::Turn& turn, const std::string& person_id);

/// The name of a person id, or the id itself if unknown.
std::string name_of(core::Turn& turn, const std::string& person_id);

/// Among `people`, the one named by `who`: their id or their name, ignoring case
/// ("bart.peeters", "Bart Peeters").
std::optional<core::Person> find_named(std::vector<core::Person> people, const std::string& who);

}  // namespace relais::skills
