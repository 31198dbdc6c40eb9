// relais-bench routing: a synthetic month of questions for a 2,100-person organisation with 117
// ambassadors, replayed through the production router, skills, SQLite store and working-time
// escalation ladder. Only the people are simulated: who asks when, and how ambassadors respond.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <queue>
#include <random>
#include <set>

#include "bench.hpp"
#include "bench_support.hpp"
#include "bot/core/log.hpp"
#include "bot/core/router.hpp"
#include "bot/identity/identity.hpp"
#include "bot/storage/migrations.hpp"
#include "skills/registry.hpp"

namespace relais::bench {
namespace {

using namespace std::chrono;
using core::TimePoint;

const std::vector<std::string> topics = {"teams", "outlook", "onedrive", "sharepoint", "excel", "word",
                                         "forms", "planner", "security", "printing", "phone", "vpn"};

/// One synthetic FAQ entry per topic, so questions carry a topic the way real ones do.
std::vector<faq::Entry> synthetic_faq() {
  std::vector<faq::Entry> out;
  for (const auto& t : topics) {
    faq::Entry e;
    e.id = t + "-basics";
    e.topics = {t};
    e.translations.push_back({"en", "How do I get started with " + t + " settings and options?", {}, "See the " + t + " guide.", 0});
    out.push_back(std::move(e));
  }
  return out;
}

struct Event {
  TimePoint at;
  int kind;  // 0 question, 1 claim, 2 resolve
  std::string person;
  std::int64_t question = 0;
  bool operator>(const Event& o) const { return at > o.at; }
};

double gini(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  double cum = 0, weighted = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    cum += v[i];
    weighted += static_cast<double>(i + 1) * v[i];
  }
  if (cum == 0) return 0;
  const double n = static_cast<double>(v.size());
  return (2 * weighted) / (n * cum) - (n + 1) / n;
}

}  // namespace

int routing_bench(const Args& args) {
  log::set_level(log::Level::warn);
  const int sim_days = std::stoi(args.get("--days", "30"));
  const int staff = std::stoi(args.get("--staff", "2100"));
  const int ambassadors = std::stoi(args.get("--ambassadors", "117"));
  const double rate = std::stod(args.get("--rate", "6"));  // routed questions per working hour
  const double respond = std::stod(args.get("--respond", "0.8"));  // an offered ambassador claims
  const unsigned seed = static_cast<unsigned>(std::stoul(args.get("--seed", "1")));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  auto exp_minutes = [&](double mean) { return milliseconds(static_cast<std::int64_t>(-std::log(1 - uniform(rng)) * mean * 60000)); };

  const auto dir = std::filesystem::temp_directory_path() / ("relais-routing-bench-" + std::to_string(seed));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  config::Config config;
  Problems problems;
  auto messages = core::MessageCatalog::load(std::filesystem::path(args.get("--knowledge", "knowledge")) / "messages", problems);
  core::WorkingHours calendar;
  calendar.zone = core::TimeZone::named("Europe/Brussels").value();
  core::load_holidays(std::filesystem::path(args.get("--knowledge", "knowledge")) / "holidays.txt", calendar, problems);
  for (const auto& p : problems) std::cerr << p << '\n';

  BenchStores opened(dir / "relais.db");
  auto& db = opened.db;
  auto& people = opened.people;
  auto& questions = opened.questions;
  auto& timers = opened.timers;
  skills::Registry registry(config, std::make_shared<faq::FaqIndex>(synthetic_faq(), faq::text::Lexicon{}), calendar);
  storage::migrate(db, storage::core_migrations());
  storage::migrate(db, registry.migrations());
  SimClock clock;
  clock.now_ = time_point_cast<milliseconds>(sys_days(2026y / November / 2)) - hours(1);  // Monday 00:00 Brussels
  core::Metrics metrics;
  core::Router router(opened.stores, opened.identity, messages, clock, metrics, registry.skills());

  // The organisation: circles of about 50, a skewed interest in topics, 117 ambassadors spread over them.
  const int circles = std::max(1, staff / 50);
  std::vector<double> topic_weight;
  for (std::size_t i = 0; i < topics.size(); ++i) topic_weight.push_back(1.0 / static_cast<double>(i + 1));
  std::discrete_distribution<std::size_t> pick_topic(topic_weight.begin(), topic_weight.end());
  std::vector<std::string> employees, ambassador_ids;
  {
    storage::Transaction tx(db);
    for (int i = 0; i < staff; ++i) {
      core::Person p;
      p.id = "p" + std::to_string(i);
      p.name = "Person " + std::to_string(i);
      p.language = i % 10 < 5 ? "fr" : i % 10 < 9 ? "nl" : "en";
      p.circle = "circle-" + std::to_string(i % circles);
      p.roles = {core::Role::employee};
      if (i % std::max(1, staff / ambassadors) == 0 && static_cast<int>(ambassador_ids.size()) < ambassadors) {
        p.roles.push_back(core::Role::ambassador);
        for (int k = 0; k < 3; ++k) p.topics.push_back(topics[pick_topic(rng)]);
        std::sort(p.topics.begin(), p.topics.end());
        p.topics.erase(std::unique(p.topics.begin(), p.topics.end()), p.topics.end());
        ambassador_ids.push_back(p.id);
      } else {
        employees.push_back(p.id);
      }
      if (i < 3) p.roles.push_back(core::Role::it);
      people.upsert(p, clock.now());
    }
    tx.commit();
  }
  // Each ambassador is away one random working week in the month, with probability 0.25.
  std::map<std::string, std::pair<TimePoint, TimePoint>> away;
  for (const auto& a : ambassador_ids)
    if (uniform(rng) < 0.25) {
      const auto start = clock.now_ + days(7 * static_cast<int>(rng() % 4));
      away[a] = {start, start + days(7)};
    }
  auto is_away = [&](const std::string& a, TimePoint t) {
    const auto it = away.find(a);
    return it != away.end() && t >= it->second.first && t < it->second.second;
  };

  // Arrivals: Poisson in working hours.
  const core::WorkingTime working(calendar);
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  int n_questions = 0;
  {
    auto t = clock.now_;
    const auto end = clock.now_ + days(sim_days);
    while (true) {
      t = working.add(t, duration_cast<minutes>(exp_minutes(60.0 / rate)) + minutes(1));
      if (t >= end) break;
      events.push({t, 0, employees[rng() % employees.size()], 0});
      ++n_questions;
    }
  }

  std::set<std::pair<std::int64_t, std::string>> seen_offers;
  std::vector<double> decision_us;
  int message_seq = 0;
  auto act = [&](const std::string& person, const std::string& action, std::int64_t q) {
    core::InboundEvent e;
    e.transport = "webchat";
    e.message_id = person + "/" + std::to_string(++message_seq);
    e.sender_address = e.conversation = person;
    e.action = action;
    e.args = {{"question", q}};
    e.received_at = clock.now_;
    router.handle(e);
  };
  // After anything happens, new offers get a simulated response.
  auto respond_to_offers = [&](std::int64_t q) {
    const auto state = questions.get(q)->state;
    for (const auto& who : questions.offered_to(q)) {
      if (!seen_offers.insert({q, who}).second) continue;
      const bool it_person = who == "p0" || who == "p1" || who == "p2";
      const bool community = state == core::QuestionState::escalated;
      const double p = it_person ? 1.0 : community ? 0.15 : respond;
      if (is_away(who, clock.now_) || uniform(rng) > p) continue;
      // Replies come during working time: a quick look, or the next morning.
      const auto delay = duration_cast<minutes>(exp_minutes(it_person ? 60 : community ? 20 : 8));
      events.push({working.add(clock.now_, delay), 1, who, q});
    }
  };
  auto fire_timers_until = [&](TimePoint t) {
    while (const auto due = timers.earliest_due()) {
      if (*due > t) break;
      clock.now_ = *due;
      for (const auto& row : timers.due(clock.now_, 100)) {
        router.fire(row);
        respond_to_offers(std::stoll(row.subject));
      }
    }
  };

  const auto wall_start = steady_clock::now();
  while (!events.empty()) {
    const auto e = events.top();
    events.pop();
    fire_timers_until(e.at);
    clock.now_ = e.at;
    if (e.kind == 0) {
      core::InboundEvent in;
      in.transport = "webchat";
      in.message_id = e.person + "/" + std::to_string(++message_seq);
      in.sender_address = in.conversation = e.person;
      in.text = "problem with " + topics[pick_topic(rng)] + " " + std::to_string(message_seq);
      in.received_at = clock.now_;
      const auto started = steady_clock::now();
      router.handle(in);
      auto q = db.query_int("SELECT MAX(id) FROM questions").value_or(0);
      if (questions.get(q)->state == core::QuestionState::asked) act(e.person, "not_helpful", q);  // "none of these"
      decision_us.push_back(duration<double, std::micro>(steady_clock::now() - started).count());
      respond_to_offers(q);
    } else if (e.kind == 1) {
      act(e.person, "claim", e.question);
      const auto q = questions.get(e.question);
      if (q->state == core::QuestionState::claimed && q->claimant_id == e.person)
        events.push({working.add(clock.now_, duration_cast<minutes>(exp_minutes(45))), 2, e.person, e.question});
    } else {
      act(e.person, "resolve", e.question);
    }
  }
  fire_timers_until(clock.now_ + days(3));
  const double wall_s = duration<double>(steady_clock::now() - wall_start).count();

  // Figures, from the audit trail.
  int total = 0, claimed = 0, community = 0, it = 0, resolved = 0;
  std::vector<double> ttc;
  {
    auto& st = db.prepare(
        "SELECT q.id, q.state, (SELECT MIN(at) FROM question_events WHERE question_id = q.id AND event = 'route'), "
        "(SELECT MIN(at) FROM question_events WHERE question_id = q.id AND event = 'claim'), "
        "(SELECT COUNT(*) FROM question_events WHERE question_id = q.id AND event = 'escalate'), "
        "(SELECT COUNT(*) FROM question_events WHERE question_id = q.id AND event = 'escalate_it') "
        "FROM questions q WHERE q.id IN (SELECT question_id FROM question_events WHERE event = 'route')");
    st.bind();
    while (st.step()) {
      ++total;
      const bool was_claimed = !st.is_null(3);
      claimed += was_claimed;
      resolved += st.text(1) == "resolved";
      community += st.int64(4) > 0;
      it += st.int64(5) > 0;
      if (was_claimed) ttc.push_back(static_cast<double>(st.int64(3) - st.int64(2)) / 60000.0);
    }
  }
  std::vector<double> load;
  for (const auto& a : ambassador_ids)
    load.push_back(static_cast<double>(
        db.query_int("SELECT COUNT(*) FROM question_events WHERE event = 'claim' AND actor_id = ?1", a).value_or(0)));
  const auto max_unsolicited = db.query_int(
      "SELECT MAX(n) FROM (SELECT person_id, at / 86400000 AS day, COUNT(*) AS n FROM routing_offers "
      "GROUP BY person_id, day)").value_or(0);
  const double n = std::max(1, total);
  const nlohmann::json out = {
      {"days", sim_days}, {"staff", staff}, {"ambassadors", ambassador_ids.size()}, {"questions_routed", total},
      {"answered_share", claimed / n}, {"resolved_share", resolved / n},
      {"time_to_claim_p50_min", percentile(ttc, 0.5)}, {"time_to_claim_p90_min", percentile(ttc, 0.9)},
      {"escalated_community_share", community / n}, {"escalated_it_share", it / n},
      {"load_max", load.empty() ? 0 : *std::max_element(load.begin(), load.end())}, {"load_gini", gini(load)},
      {"max_unsolicited_per_ambassador_day", max_unsolicited},
      {"routing_decision_p50_us", percentile(decision_us, 0.5)}, {"routing_decision_p99_us", percentile(decision_us, 0.99)},
      {"simulated_in_s", wall_s}};
  std::filesystem::remove_all(dir);
  if (args.has("--json")) {
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::cout << std::fixed << std::setprecision(3) << "routing simulation: " << sim_days << " days, " << staff << " staff, "
            << ambassador_ids.size() << " ambassadors, " << total << " questions routed (" << n_questions << " asked)\n"
            << "  answered (claimed)            " << claimed / n << "\n"
            << "  resolved                      " << resolved / n << "\n"
            << "  time to claim p50 / p90       " << percentile(ttc, 0.5) << " / " << percentile(ttc, 0.9) << " min\n"
            << "  escalated to community / IT   " << community / n << " / " << it / n << "\n"
            << "  claims per ambassador max     " << out["load_max"] << ", Gini " << gini(load) << "\n"
            << "  unsolicited offers max/day    " << max_unsolicited << "\n"
            << "  question handling p50 / p99   " << percentile(decision_us, 0.5) << " / " << percentile(decision_us, 0.99)
            << " us (ask -> routed, in one transaction)\n"
            << "  simulated in                  " << wall_s << " s\n";
  return 0;
}

}  // namespace relais::bench
