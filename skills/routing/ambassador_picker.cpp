#include "skills/routing/ambassador_picker.hpp"

#include <algorithm>
#include <cmath>

#include "skills/routing/routing_store.hpp"

namespace relais::routing {

std::vector<Candidate> rank_ambassadors(core::Turn& turn, const Need& need, const Policy& policy) {
  RoutingStore store(turn.stores().db);
  const auto now = turn.now();
  struct Ranked {
    Candidate c;
    bool capped;
    std::int64_t last_offered;
  };
  std::vector<Ranked> ranked;
  const auto learned_by = store.expertise(need.topics, now, policy.expertise_half_life_days);
  const std::map<std::string, double> nothing_learned;
  for (auto& a : turn.stores().people.with_role(core::Role::ambassador)) {
    if (a.id == need.asker.id || need.exclude.count(a.id) || store.is_away(a.id, now)) continue;
    Candidate c;
    c.same_circle = !need.asker.circle.empty() && a.circle == need.asker.circle;
    const auto near = policy.neighbours.find(need.asker.circle);
    const bool neighbour = near != policy.neighbours.end() &&
                           std::find(near->second.begin(), near->second.end(), a.circle) != near->second.end();
    c.circle_tier = c.same_circle ? 0 : neighbour ? 1 : 2;
    if (c.same_circle) c.reasons.push_back({"routing.why_same_circle", {{"circle", a.circle}}});
    if (neighbour) c.reasons.push_back({"routing.why_neighbour_circle", {{"circle", a.circle}}});

    // Topics: declared ones count fully; learned ones by how much (and how recently) they helped.
    const auto found = learned_by.find(a.id);
    const auto& learned = found == learned_by.end() ? nothing_learned : found->second;
    for (const auto& topic : need.topics) {
      const bool declared = std::find(a.topics.begin(), a.topics.end(), topic) != a.topics.end();
      const auto it = learned.find(topic);
      const double history = it == learned.end() ? 0.0 : std::min(2.0, it->second);
      if (declared || history >= 0.5) c.reasons.push_back({"routing.why_topic", {{"topic", topic}}});
      c.fit += (declared ? 2.0 : 0.0) + history;
    }
    if (a.speaks(need.language)) {
      c.fit += 1.0;
      c.reasons.push_back({"routing.why_language", {{"language", need.language}}});
    }
    c.at_work = core::WorkingTime(core::personal_hours(policy.hours, a)).is_working(now);
    c.open_claims = turn.stores().questions.open_claims(a.id);
    c.fit -= 1.5 * static_cast<double>(c.open_claims);
    const bool capped = policy.daily_cap > 0 &&
                        store.offers_since(a.id, now - std::chrono::hours(24)) >= policy.daily_cap;
    const auto last = store.last_offered(a.id);
    c.ambassador = std::move(a);
    ranked.push_back({std::move(c), capped, last});
  }
  // Those at work come first, then those under the daily cap: each gives way only when nobody is.
  std::sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
    if (x.c.at_work != y.c.at_work) return x.c.at_work;
    if (x.capped != y.capped) return !x.capped;
    if (x.c.circle_tier != y.c.circle_tier) return x.c.circle_tier < y.c.circle_tier;
    if (std::abs(x.c.fit - y.c.fit) > 1e-9) return x.c.fit > y.c.fit;
    if (x.last_offered != y.last_offered) return x.last_offered < y.last_offered;
    return x.c.ambassador.id < y.c.ambassador.id;
  });
  std::vector<Candidate> out;
  for (auto& r : ranked) {
    if (r.c.open_claims == 0) r.c.reasons.push_back({"routing.why_free", {}});
    out.push_back(std::move(r.c));
  }
  return out;
}

std::string explain(const core::Turn& turn, const core::Person& reader, const std::vector<Reason>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : ", ") + turn.say(reader, r.key, r.params);
  return out.empty() ? turn.say(reader, "routing.why_anyone") : out;
}

}  // namespace relais::routing
