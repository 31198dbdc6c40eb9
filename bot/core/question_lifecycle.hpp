#pragma once
// The question state machine. Pure: the store persists what this table allows.
//
//   asked -> answered (FAQ) | routed | cancelled
//   answered -> routed ("not helpful": ask a person)
//   routed -> claimed | escalated (community) | cancelled
//   escalated -> claimed | escalated_it | cancelled
//   escalated_it -> claimed | cancelled
//   claimed -> resolved | routed (released) | cancelled
//   resolved -> claimed (the asker reopens it; back to the same claimant)
#include <optional>
#include <string_view>

namespace relais::core {

enum class QuestionState { asked, answered, routed, claimed, resolved, escalated, escalated_it, cancelled };
enum class QuestionEvent { answer, route, claim, release, resolve, reopen, escalate, escalate_it, cancel };

inline constexpr QuestionState all_question_states[] = {
    QuestionState::asked,    QuestionState::answered,  QuestionState::routed,
    QuestionState::claimed,  QuestionState::resolved,  QuestionState::escalated,
    QuestionState::escalated_it, QuestionState::cancelled};

inline constexpr QuestionEvent all_question_events[] = {
    QuestionEvent::answer,  QuestionEvent::route,    QuestionEvent::claim,
    QuestionEvent::release, QuestionEvent::resolve,  QuestionEvent::reopen,
    QuestionEvent::escalate, QuestionEvent::escalate_it, QuestionEvent::cancel};

/// The state after `event`, or nothing when the event is not allowed in `state`.
std::optional<QuestionState> next_state(QuestionState state, QuestionEvent event);

/// True while a person may still act on the question (routed, claimed, escalated...).
bool is_open(QuestionState state);
/// True while nobody has claimed it but someone should.
bool is_claimable(QuestionState state);

std::string_view to_string(QuestionState s);
std::string_view to_string(QuestionEvent e);
std::optional<QuestionState> parse_question_state(std::string_view s);

}  // namespace relais::core
