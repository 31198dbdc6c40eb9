#include "bot/transports/matrix/matrix_event.hpp"

#include <algorithm>
#include <cctype>

#include "bot/core/ascii.hpp"
#include "bot/core/knowledge_file.hpp"

namespace relais::matrix {

using core::trim;
using json = nlohmann::json;

namespace {

const json& child(const json& j, const char* key) {
  static const json none = json::object();
  const auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : none;
}

std::string str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool has_encryption_state(const json& stripped_state) {
  if (!stripped_state.is_array()) return false;
  return std::any_of(stripped_state.begin(), stripped_state.end(),
                     [](const json& e) { return e.is_object() && str(e, "type") == "m.room.encryption"; });
}

void read_relation(const json& content, Event& e) {
  const auto& relates = child(content, "m.relates_to");
  const auto rel_type = str(relates, "rel_type");
  if (rel_type == "m.thread") e.thread_root = str(relates, "event_id");
  if (rel_type == "m.replace") e.replaces = str(relates, "event_id");
  if (rel_type == "m.annotation") {
    e.reacts_to = str(relates, "event_id");
    e.reaction_key = str(relates, "key");
  }
  e.reply_to = str(child(relates, "m.in_reply_to"), "event_id");
  if (!e.thread_root.empty() && relates.value("is_falling_back", false)) e.reply_to.clear();  // not a real reply
}

/// Drops the "> <@someone> quoted text" lines a client puts before a reply.
std::string without_reply_fallback(const std::string& body) {
  if (!body.starts_with("> ")) return body;
  std::size_t pos = 0;
  while (pos < body.size() && body.compare(pos, 2, "> ") == 0) {
    const auto nl = body.find('\n', pos);
    if (nl == std::string::npos) return body;  // all quote: keep it as it is
    pos = nl + 1;
  }
  return body.substr(pos);
}

}  // namespace

Result<Event> parse_event(const json& j) {
  if (!j.is_object()) return Result<Event>::failure("an event must be a JSON object");
  Event e;
  for (const auto& [key, field] : {std::pair{"type", &e.type}, std::pair{"event_id", &e.event_id},
                                    std::pair{"room_id", &e.room_id}, std::pair{"sender", &e.sender}}) {
    *field = str(j, key);
    if (field->empty()) return Result<Event>::failure(std::string("the event has no \"") + key + "\" string");
  }
  const auto& content = child(j, "content");
  const auto state_key = j.find("state_key");
  if (state_key != j.end() && state_key->is_string()) e.state_key = state_key->get<std::string>();

  if (e.type == "m.room.message") {
    e.kind = Event::Kind::message;
    e.msgtype = str(content, "msgtype");
    e.body = str(content, "body");
    if (e.body.size() > max_text_length) return Result<Event>::failure("the message is longer than 4000 bytes");
    read_relation(content, e);
    if (!e.replaces.empty()) e.kind = Event::Kind::edit;
    const auto ids = child(content, "m.mentions").find("user_ids");
    if (ids != child(content, "m.mentions").end() && ids->is_array())
      for (const auto& id : *ids)
        if (id.is_string()) e.mentioned.push_back(id.get<std::string>());
  } else if (e.type == "m.reaction") {
    e.kind = Event::Kind::reaction;
    read_relation(content, e);
    if (e.reacts_to.empty() || e.reaction_key.empty())
      return Result<Event>::failure("the reaction names no event or no key");
  } else if (e.type == "m.room.member") {
    e.kind = Event::Kind::membership;
    if (e.state_key.empty()) return Result<Event>::failure("the membership event has no state_key");
    e.membership = str(content, "membership");
    e.is_direct = content.value("is_direct", false);
    const auto& unsigned_ = child(j, "unsigned");
    e.previous_membership = str(child(unsigned_, "prev_content"), "membership");
    e.room_encrypted = has_encryption_state(unsigned_.value("invite_room_state", json::array())) ||
                       has_encryption_state(j.value("invite_room_state", json::array()));
  } else if (e.type == "m.room.encrypted") {
    e.kind = Event::Kind::encrypted;
  } else if (e.type == "m.room.encryption") {
    e.kind = Event::Kind::encryption_enabled;
  }
  return e;
}

Result<Batch> parse_transaction(std::string_view body) {
  const auto j = json::parse(body, nullptr, false);
  if (j.is_discarded()) return Result<Batch>::failure("the body is not JSON");
  if (!j.is_object() || !j.contains("events") || !j["events"].is_array())
    return Result<Batch>::failure("the body has no \"events\" array");
  Batch batch;
  for (const auto& raw : j["events"]) {
    auto e = parse_event(raw);
    if (e) batch.events.push_back(std::move(e.value()));
    else batch.problems.push_back(e.error());
  }
  return batch;
}

Result<SyncBatch> parse_sync(std::string_view body, const std::string& bot_user_id) {
  const auto j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Result<SyncBatch>::failure("the /sync answer is not a JSON object");
  SyncBatch sync;
  sync.next_batch = str(j, "next_batch");
  if (sync.next_batch.empty()) return Result<SyncBatch>::failure("the /sync answer has no next_batch");
  const auto& rooms = child(j, "rooms");
  for (const auto& [room_id, room] : child(rooms, "join").items()) {
    const auto events = child(room, "timeline").value("events", json::array());
    if (!events.is_array()) continue;
    for (auto raw : events) {
      if (!raw.is_object()) continue;
      raw["room_id"] = room_id;  // /sync leaves it out: the room is the key
      auto e = parse_event(raw);
      if (e) sync.batch.events.push_back(std::move(e.value()));
      else sync.batch.problems.push_back(e.error());
    }
  }
  for (const auto& [room_id, room] : child(rooms, "invite").items()) {
    const auto state = child(room, "invite_state").value("events", json::array());
    if (!state.is_array()) continue;
    for (const auto& s : state) {
      if (!s.is_object() || str(s, "type") != "m.room.member" || str(s, "state_key") != bot_user_id) continue;
      if (str(child(s, "content"), "membership") != "invite") continue;
      Event e;
      e.kind = Event::Kind::membership;
      e.type = "m.room.member";
      e.event_id = "~invite:" + room_id + ":" + sync.next_batch;
      e.room_id = room_id;
      e.sender = str(s, "sender");
      e.state_key = bot_user_id;
      e.membership = "invite";
      e.is_direct = child(s, "content").value("is_direct", false);
      e.room_encrypted = has_encryption_state(state);
      sync.batch.events.push_back(std::move(e));
    }
  }
  return sync;
}

std::string Address::encode() const {
  if (thread_root.empty() && user_id.empty()) return room_id;
  json j = json::object();
  if (!room_id.empty()) j["room"] = room_id;
  if (!thread_root.empty()) j["thread"] = thread_root;
  if (!user_id.empty()) j["user"] = user_id;
  return j.dump();
}

std::optional<Address> Address::decode(std::string_view address) {
  if (address.starts_with("!")) return Address{std::string(address), "", ""};
  const auto j = json::parse(address, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  Address a{str(j, "room"), str(j, "thread"), str(j, "user")};
  if (a.room_id.empty() && a.user_id.empty()) return std::nullopt;
  return a;
}

std::optional<std::string> text_for_bot(const Event& event, const Context& context) {
  if (event.kind != Event::Kind::message || event.msgtype == "m.notice") return std::nullopt;  // notices are bots'
  std::string text = event.reply_to.empty() ? event.body : without_reply_fallback(event.body);
  bool addressed = context.direct ||
                   std::find(event.mentioned.begin(), event.mentioned.end(), context.bot_user_id) != event.mentioned.end();
  // The bot's id anywhere, or its name at the start ("Relais: ...", as clients write a pill).
  if (const auto at = text.find(context.bot_user_id); !context.bot_user_id.empty() && at != std::string::npos) {
    text.erase(at, context.bot_user_id.size());
    addressed = true;
  }
  text = trim(text);
  const auto name = core::ascii_lower(context.bot_name);
  if (!name.empty() && core::ascii_lower(text.substr(0, name.size())) == name &&
      (text.size() == name.size() || std::string_view(":, ").find(text[name.size()]) != std::string_view::npos)) {
    text = trim(text.substr(name.size()));
    addressed = true;
  }
  while (!text.empty() && (text.front() == ':' || text.front() == ',')) text = trim(text.substr(1));
  const bool command = text.starts_with("!");
  if (!addressed && !command) return std::nullopt;
  if (core::ascii_lower(text.substr(0, 5)) == "!ask " || core::ascii_lower(text) == "!ask") text = trim(text.substr(4));
  return text;
}

core::InboundEvent to_event(const Event& event, const std::string& text, const Context& context, core::TimePoint now) {
  core::InboundEvent e;
  e.transport = "matrix";
  e.message_id = event.event_id;
  e.sender_address = event.sender;
  Address where{event.room_id, event.thread_root, ""};
  if (!context.direct && where.thread_root.empty()) where.thread_root = event.event_id;
  e.conversation = where.encode();
  e.personal = context.direct && where.thread_root.empty();
  e.text = text;
  e.received_at = now;
  return e;
}

}  // namespace relais::matrix
