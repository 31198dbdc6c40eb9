#include <doctest/doctest.h>

#include <map>
#include <set>

#include "bot/core/question_lifecycle.hpp"

using namespace relais::core;
using S = QuestionState;
using E = QuestionEvent;

TEST_CASE("every legal transition of the question lifecycle leads where the design says") {
  const std::map<std::pair<S, E>, S> legal = {
      {{S::asked, E::answer}, S::answered},       {{S::asked, E::route}, S::routed},
      {{S::asked, E::cancel}, S::cancelled},      {{S::answered, E::route}, S::routed},
      {{S::routed, E::claim}, S::claimed},        {{S::routed, E::escalate}, S::escalated},
      {{S::routed, E::cancel}, S::cancelled},     {{S::escalated, E::claim}, S::claimed},
      {{S::escalated, E::escalate_it}, S::escalated_it}, {{S::escalated, E::cancel}, S::cancelled},
      {{S::escalated_it, E::claim}, S::claimed},  {{S::escalated_it, E::cancel}, S::cancelled},
      {{S::claimed, E::resolve}, S::resolved},    {{S::claimed, E::release}, S::routed},
      {{S::claimed, E::cancel}, S::cancelled},    {{S::resolved, E::reopen}, S::claimed},
  };
  int checked = 0;
  for (S s : all_question_states) {
    for (E e : all_question_events) {
      CAPTURE(to_string(s));
      CAPTURE(to_string(e));
      const auto it = legal.find({s, e});
      const auto next = next_state(s, e);
      if (it == legal.end()) {
        CHECK_FALSE(next.has_value());
      } else {
        REQUIRE(next.has_value());
        CHECK(*next == it->second);
      }
      ++checked;
    }
  }
  CHECK(checked == 72);
}

TEST_CASE("a cancelled question accepts no event at all") {
  for (E e : all_question_events) CHECK_FALSE(next_state(S::cancelled, e).has_value());
}

TEST_CASE("state names round-trip through their text form") {
  std::set<std::string_view> names;
  for (S s : all_question_states) {
    CHECK(parse_question_state(to_string(s)) == s);
    names.insert(to_string(s));
  }
  CHECK(names.size() == std::size(all_question_states));
  CHECK_FALSE(parse_question_state("nonsense").has_value());
}

TEST_CASE("only routed and escalated questions can be claimed; claimed ones are still open") {
  CHECK(is_claimable(S::routed));
  CHECK(is_claimable(S::escalated));
  CHECK(is_claimable(S::escalated_it));
  CHECK_FALSE(is_claimable(S::claimed));
  CHECK(is_open(S::claimed));
  CHECK_FALSE(is_open(S::resolved));
  CHECK_FALSE(is_open(S::answered));
}
