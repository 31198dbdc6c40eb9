#include "skills/community/recruitment_skill.hpp"

#include "bot/core/knowledge_file.hpp"
#include "bot/core/log.hpp"
#include "skills/community/candidate_store.hpp"
#include "skills/shared/command.hpp"
#include "skills/shared/phrases.hpp"

namespace relais::community {

namespace {
constexpr const char* action_topics = "volunteer_topics";
constexpr const char* action_accept = "candidate_accept";
constexpr const char* action_decline = "candidate_decline";

/// "Excel, Teams; en" -> topics {excel, teams}, languages {en}.
void split_topics_and_languages(const std::string& text, std::vector<std::string>& topics,
                                std::vector<std::string>& languages) {
  std::string flat = text;
  for (auto& c : flat)
    c = c == ';' ? ',' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& item : core::split_list(flat)) {
    auto& into = core::is_supported_language(item) ? languages : topics;
    if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
  }
}

std::int64_t candidate_arg(const core::InboundEvent& event) {
  const auto it = event.args.find("candidate");
  return it != event.args.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}
}  // namespace

bool offers_to_volunteer(std::string_view text) {
  const auto c = skills::parse_command(text);
  if ((c.verb == "volunteer" || c.verb == "candidate") && c.rest.empty()) return true;
  if (text.size() > 200) return false;  // a long message is a question, not an offer
  const auto words = skills::folded_words(text);
  // The speaker, becoming one: "I … become … ambassador", "je … devenir … ambassadeur".
  return skills::has_stem(words, {"ambassad", "botschafter"}) &&
         skills::has_word(words, {"i", "me", "je", "j", "moi", "ik", "mij", "ich", "mich"}) &&
         skills::has_word(words, {"become", "becoming", "volunteer", "join", "devenir", "etre", "rejoindre", "worden",
                                  "word", "werden", "sein", "mitmachen"});
}

std::span<const storage::Migration> RecruitmentSkill::migrations() const { return candidate_migrations(); }

int RecruitmentSkill::fit(const core::InboundEvent& event, const core::Person&) const {
  if (event.action == action_topics || event.action == action_accept || event.action == action_decline)
    return core::fit::exact;
  if (!event.action.empty()) return core::fit::none;
  const auto c = skills::parse_command(event.text);
  if (c.verb == "candidates" && c.rest.empty() && !c.number) return core::fit::exact;
  if ((c.verb == "accept" || c.verb == "decline") && c.number) return core::fit::exact;
  return offers_to_volunteer(event.text) ? core::fit::keyword + 1 : core::fit::none;  // before "who is my ambassador"
}

void RecruitmentSkill::handle(core::Turn& turn) {
  const auto& event = *turn.event();
  if (event.action == action_topics) return note_topics(turn);
  if (event.action == action_accept) return decide(turn, candidate_arg(event), true, event.text);
  if (event.action == action_decline) return decide(turn, candidate_arg(event), false, event.text);
  const auto c = skills::parse_command(event.text);
  if (c.verb == "candidates") return list_candidates(turn);
  if (c.verb == "accept" && c.number) return decide(turn, *c.number, true, c.rest);
  if (c.verb == "decline" && c.number) return decide(turn, *c.number, false, c.rest);
  volunteer(turn);
}

std::optional<std::int64_t> RecruitmentSkill::offer(core::Turn& turn, const core::Person& person,
                                                    const std::string& source, const std::string& motivation) {
  CandidateStore store(turn.stores().db);
  if (person.has(core::Role::ambassador) || store.pending_of(person.id)) return std::nullopt;
  const auto id = store.add(person.id, source, motivation.substr(0, 1000), turn.now());
  log::info("ambassador_candidate").kv("candidate", id).kv("source", source);
  show_to_leads(turn, id);
  return id;
}

void RecruitmentSkill::volunteer(core::Turn& turn) {
  const auto& me = *turn.sender();
  if (me.has(core::Role::ambassador)) return turn.reply({turn.say("recruit.already_ambassador")});
  CandidateStore store(turn.stores().db);
  if (store.pending_of(me.id)) return turn.reply({turn.say("recruit.already_pending")});
  const auto& text = turn.event()->text;
  const auto id = offer(turn, me, "chat", skills::parse_command(text).verb == "volunteer" ? "" : text);
  if (!id) return;  // checked just above
  core::OutboundMessage reply{turn.say("recruit.thanks", {{"name", me.name}}) + "\n\n" + turn.say("recruit.ask_topics")};
  reply.buttons.push_back({.label = turn.say("recruit.button_topics"), .action = action_topics,
                           .args = {{"candidate", *id}}, .input_placeholder = turn.say("recruit.placeholder_topics")});
  turn.reply(reply);
}

void RecruitmentSkill::note_topics(core::Turn& turn) {
  CandidateStore store(turn.stores().db);
  const auto candidate = store.get(candidate_arg(*turn.event()));
  if (!candidate || candidate->person_id != turn.sender()->id || candidate->status != "pending")
    return turn.reply({turn.say("recruit.topics_too_late")});
  std::vector<std::string> topics, languages;
  split_topics_and_languages(turn.event()->text, topics, languages);
  for (const auto& l : languages) topics.push_back(l);  // the lead reads them as said
  if (topics.empty()) return turn.reply({turn.say("recruit.ask_topics")});
  store.set_topics(candidate->id, topics);
  turn.reply({turn.say("recruit.topics_noted", {{"topics", core::join_list(topics, ", ")}})});
  show_to_leads(turn, candidate->id);  // their cards update in place
}

void RecruitmentSkill::show_to_leads(core::Turn& turn, std::int64_t candidate_id) {
  CandidateStore store(turn.stores().db);
  const auto c = store.get(candidate_id);
  const auto person = c ? turn.stores().people.find(c->person_id) : std::nullopt;
  if (!person) return;
  const auto decider = c->decided_by.empty() ? std::nullopt : turn.stores().people.find(c->decided_by);
  for (const auto& lead : turn.stores().people.with_role(core::Role::community_lead)) {
    core::OutboundMessage m;
    if (c->status == "pending") m.text = turn.say(lead, "recruit.new_candidate", {{"name", person->name}});
    core::Card card{.key = "candidate:" + std::to_string(c->id),
                    .title = turn.say(lead, "recruit.card_title", {{"id", std::to_string(c->id)}}),
                    .facts = {{turn.say(lead, "recruit.fact_person"), person->name},
                              {turn.say(lead, "recruit.fact_circle"), person->circle.empty() ? "-" : person->circle},
                              {turn.say(lead, "recruit.fact_language"), person->language},
                              {turn.say(lead, "recruit.fact_topics"),
                               c->topics.empty() ? turn.say(lead, "recruit.no_topics") : core::join_list(c->topics, ", ")},
                              {turn.say(lead, "recruit.fact_source"), turn.say(lead, "recruit.source_" + c->source)}},
                    .body = c->motivation};
    if (c->status != "pending")
      card.status = turn.say(lead, "recruit.status_" + c->status, {{"lead", decider ? decider->name : c->decided_by}});
    m.card = std::move(card);
    if (c->status == "pending") {
      m.buttons.push_back({.label = turn.say(lead, "recruit.button_accept"), .action = action_accept,
                           .args = {{"candidate", c->id}}, .input_placeholder = turn.say(lead, "recruit.placeholder_accept"),
                           .primary = true});
      m.buttons.push_back({.label = turn.say(lead, "recruit.button_decline"), .action = action_decline,
                           .args = {{"candidate", c->id}},
                           .input_placeholder = turn.say(lead, "recruit.placeholder_decline")});
    }
    turn.send(lead, m);
  }
}

void RecruitmentSkill::list_candidates(core::Turn& turn) {
  if (!turn.sender()->has(core::Role::community_lead)) return turn.reply({turn.say("recruit.only_leads")});
  CandidateStore store(turn.stores().db);
  const auto waiting = store.pending();
  if (waiting.empty()) return turn.reply({turn.say("recruit.none_waiting")});
  std::string text = turn.say("recruit.waiting", {{"count", std::to_string(waiting.size())}});
  for (const auto& c : waiting) {
    const auto p = turn.stores().people.find(c.person_id);
    if (!p) continue;
    text += "\n- #" + std::to_string(c.id) + " **" + p->name + "** (" + (p->circle.empty() ? "-" : p->circle) + ", " +
            p->language + ")" + (c.topics.empty() ? "" : " · " + core::join_list(c.topics, ", "));
  }
  text += "\n\n" + turn.say("recruit.how_to_decide");
  turn.reply({text});
}

void RecruitmentSkill::decide(core::Turn& turn, std::int64_t candidate_id, bool accept, const std::string& words) {
  const auto& lead = *turn.sender();
  if (!lead.has(core::Role::community_lead)) return turn.reply({turn.say("recruit.only_leads")});
  CandidateStore store(turn.stores().db);
  const auto c = store.get(candidate_id);
  const auto person = c ? turn.stores().people.find(c->person_id) : std::nullopt;
  if (!c || !person) return turn.reply({turn.say("recruit.unknown", {{"id", std::to_string(candidate_id)}})});
  if (c->status != "pending") {
    const auto by = turn.stores().people.find(c->decided_by);
    return turn.reply({turn.say("recruit.already_decided",
                                {{"id", std::to_string(c->id)},
                                 {"status", turn.say("recruit.status_" + c->status, {{"lead", by ? by->name : c->decided_by}})}})});
  }
  store.decide(c->id, accept ? "accepted" : "declined", lead.id, turn.now());
  log::info("ambassador_candidate_decided").kv("candidate", c->id).kv("accepted", accept);
  if (!accept) {
    auto text = turn.say(*person, "recruit.declined");
    if (!words.empty()) text += "\n\n" + turn.say(*person, "recruit.declined_words", {{"lead", lead.name}, {"words", words}});
    turn.send(*person, {text});
    turn.reply({turn.say("recruit.decided_decline", {{"name", person->name}})});
    return show_to_leads(turn, c->id);
  }
  std::vector<std::string> topics, languages;
  split_topics_and_languages(words, topics, languages);
  if (topics.empty() && languages.empty()) split_topics_and_languages(core::join_list(c->topics, ", "), topics, languages);
  std::erase(languages, person->language);
  turn.stores().people.grant_ambassador(person->id, topics, languages, lead.id, turn.now());
  const auto shown = topics.empty() ? turn.say(*person, "recruit.no_topics") : core::join_list(topics, ", ");
  auto welcome = turn.say(*person, "recruit.welcome", {{"name", person->name}, {"lead", lead.name}, {"topics", shown}});
  if (!settings_.room_link.empty()) welcome += "\n\n" + turn.say(*person, "recruit.join_room", {{"link", settings_.room_link}});
  turn.send(*person, {welcome});
  if (settings_.community_room) {
    core::OutboundMessage hello{turn.say(settings_.community_room->as_reader(), "recruit.room_welcome",
                                         {{"name", person->name},
                                          {"circle", person->circle.empty() ? "-" : person->circle},
                                          {"topics", topics.empty() ? "-" : core::join_list(topics, ", ")}})};
    hello.mentions.push_back(person->id);
    turn.post(*settings_.community_room, hello);
  }
  turn.reply({turn.say("recruit.decided_accept", {{"name", person->name}, {"topics", topics.empty() ? "-" : core::join_list(topics, ", ")}})});
  show_to_leads(turn, c->id);
}

}  // namespace relais::community
