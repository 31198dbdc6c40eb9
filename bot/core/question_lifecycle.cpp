#include "bot/core/question_lifecycle.hpp"

namespace relais::core {

std::optional<QuestionState> next_state(QuestionState state, QuestionEvent event) {
  using S = QuestionState;
  using E = QuestionEvent;
  switch (state) {
    case S::asked:
      if (event == E::answer) return S::answered;
      if (event == E::route) return S::routed;
      if (event == E::cancel) return S::cancelled;
      break;
    case S::answered:
      if (event == E::route) return S::routed;
      break;
    case S::routed:
      if (event == E::claim) return S::claimed;
      if (event == E::escalate) return S::escalated;
      if (event == E::cancel) return S::cancelled;
      break;
    case S::escalated:
      if (event == E::claim) return S::claimed;
      if (event == E::escalate_it) return S::escalated_it;
      if (event == E::cancel) return S::cancelled;
      break;
    case S::escalated_it:
      if (event == E::claim) return S::claimed;
      if (event == E::cancel) return S::cancelled;
      break;
    case S::claimed:
      if (event == E::resolve) return S::resolved;
      if (event == E::release) return S::routed;
      if (event == E::cancel) return S::cancelled;
      break;
    case S::resolved:
      if (event == E::reopen) return S::claimed;
      break;
    case S::cancelled:
      break;
  }
  return std::nullopt;
}

bool is_open(QuestionState s) {
  return s == QuestionState::routed || s == QuestionState::claimed ||
         s == QuestionState::escalated || s == QuestionState::escalated_it;
}

bool is_claimable(QuestionState s) {
  return s == QuestionState::routed || s == QuestionState::escalated ||
         s == QuestionState::escalated_it;
}

std::string_view to_string(QuestionState s) {
  switch (s) {
    case QuestionState::asked: return "asked";
    case QuestionState::answered: return "answered";
    case QuestionState::routed: return "routed";
    case QuestionState::claimed: return "claimed";
    case QuestionState::resolved: return "resolved";
    case QuestionState::escalated: return "escalated";
    case QuestionState::escalated_it: return "escalated_it";
    case QuestionState::cancelled: return "cancelled";
  }
  return "asked";
}

std::string_view to_string(QuestionEvent e) {
  switch (e) {
    case QuestionEvent::answer: return "answer";
    case QuestionEvent::route: return "route";
    case QuestionEvent::claim: return "claim";
    case QuestionEvent::release: return "release";
    case QuestionEvent::resolve: return "resolve";
    case QuestionEvent::reopen: return "reopen";
    case QuestionEvent::escalate: return "escalate";
    case QuestionEvent::escalate_it: return "escalate_it";
    case QuestionEvent::cancel: return "cancel";
  }
  return "answer";
}

std::optional<QuestionState> parse_question_state(std::string_view s) {
  for (QuestionState st : all_question_states)
    if (to_string(st) == s) return st;
  return std::nullopt;
}

}  // namespace relais::core
