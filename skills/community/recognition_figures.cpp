#include "skills/community/recognition_figures.hpp"

namespace relais::community {

std::map<std::string, AmbassadorFigures> ambassador_figures(storage::Database& db, core::TimePoint from,
                                                            core::TimePoint to) {
  std::map<std::string, AmbassadorFigures> out;
  const auto f = core::to_millis(from), t = core::to_millis(to);
  {
    auto& st = db.prepare("SELECT actor_id, COUNT(*) FROM question_events WHERE event = 'claim' AND at >= ?1 AND at < ?2 "
                          "AND actor_id IS NOT NULL GROUP BY actor_id");
    st.bind(f, t);
    while (st.step()) out[st.text(0)].claimed = static_cast<int>(st.int64(1));
  }
  {
    // A resolution and the asker's rating of it count for the one who had claimed it.
    auto& st = db.prepare(
        "SELECT q.claimant_id, SUM(e.event = 'resolve'), "
        "SUM(e.event = 'rated' AND json_extract(e.detail, '$.of') = 'help'), "
        "SUM(e.event = 'rated' AND json_extract(e.detail, '$.of') = 'help' AND json_extract(e.detail, '$.helpful') = 1) "
        "FROM question_events e JOIN questions q ON q.id = e.question_id "
        "WHERE e.event IN ('resolve', 'rated') AND e.at >= ?1 AND e.at < ?2 AND q.claimant_id IS NOT NULL "
        "GROUP BY q.claimant_id");
    st.bind(f, t);
    while (st.step()) {
      auto& a = out[st.text(0)];
      a.resolved = static_cast<int>(st.int64(1));
      a.ratings = static_cast<int>(st.int64(2));
      a.helpful = static_cast<int>(st.int64(3));
    }
  }
  if (db.has_table("faq_drafts")) {
    auto& st = db.prepare("SELECT author_id, COUNT(*) FROM faq_drafts WHERE kind = 'entry' AND status = 'approved' "
                          "AND reviewed_at >= ?1 AND reviewed_at < ?2 GROUP BY author_id");
    st.bind(f, t);
    while (st.step()) out[st.text(0)].faq_entries = static_cast<int>(st.int64(1));
  }
  return out;
}

}  // namespace relais::community
