#pragma once
// Matrix events (pushed in application-service transactions, or read from /sync) -> what
// Relais needs of them. Pure: no sockets, no state. Observed on Synapse 1.67
// (tests/fixtures/matrix): the bot receives its own events; an invite carries the room's state
// (encryption included) in `unsigned.invite_room_state`; nothing is delivered from a room the
// bot has not joined.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/inbound_event.hpp"
#include "bot/core/result.hpp"

namespace relais::matrix {

struct Event {
  enum class Kind {
    message,             ///< m.room.message (text, notice, emote, ...)
    edit,                ///< m.room.message replacing an earlier one (m.replace)
    reaction,            ///< m.reaction (an annotation)
    membership,          ///< m.room.member
    encrypted,           ///< m.room.encrypted: unreadable for an application service
    encryption_enabled,  ///< m.room.encryption: the room is now end-to-end encrypted
    other,
  };
  Kind kind = Kind::other;
  std::string type;
  std::string event_id;
  std::string room_id;
  std::string sender;

  // message and edit
  std::string msgtype;
  std::string body;
  std::string thread_root;  ///< the thread it belongs to (m.thread), if any
  std::string reply_to;     ///< the event it answers (m.in_reply_to), if any
  std::string replaces;     ///< for an edit: the event it changes
  std::vector<std::string> mentioned;  ///< m.mentions.user_ids

  // reaction
  std::string reacts_to;
  std::string reaction_key;

  // membership
  std::string state_key;            ///< the member concerned
  std::string membership;           ///< invite | join | leave | ban | knock
  std::string previous_membership;  ///< from unsigned.prev_content, when given
  bool is_direct = false;           ///< an invite to a direct chat
  bool room_encrypted = false;      ///< the invite's room state includes m.room.encryption
};

inline constexpr std::size_t max_text_length = 4000;

/// One event; the error names what is missing or malformed.
Result<Event> parse_event(const nlohmann::json& event);

struct Batch {
  std::vector<Event> events;
  std::vector<std::string> problems;  ///< events left out, and why
};

/// An application-service transaction body: {"events": [...]}. A malformed body is an error;
/// a malformed event inside a good body is left out and named in `problems`.
Result<Batch> parse_transaction(std::string_view body);

struct SyncBatch {
  std::string next_batch;
  Batch batch;
};

/// A /sync response: joined rooms' timelines (the room id filled in) and invites to the bot
/// (from the stripped invite state, which carries no event id: one is made up per batch).
Result<SyncBatch> parse_sync(std::string_view body, const std::string& bot_user_id);

/// Where a reply goes: a room, a thread in it, or (no room yet) a direct chat to create.
struct Address {
  std::string room_id;
  std::string thread_root;
  std::string user_id;  ///< the person of a direct chat that does not exist yet

  /// A bare room id when that is all there is; JSON otherwise.
  std::string encode() const;
  static std::optional<Address> decode(std::string_view address);
};

/// How an event reads to the bot, given where it was said.
struct Context {
  std::string bot_user_id;
  std::string bot_name;  ///< its display name: "Relais: how do I ..." addresses it too
  bool direct = false;   ///< the room is a direct chat with the bot
};

/// The text meant for the bot: reply fallback quotes dropped, the bot's mention and a leading
/// "!ask" removed. Nothing when a room message neither mentions the bot nor is a command.
std::optional<std::string> text_for_bot(const Event& event, const Context& context);

/// The normalised event of a message: replies go to the same thread, and a question asked in
/// a shared room starts a thread under it, so the room stays readable.
core::InboundEvent to_event(const Event& event, const std::string& text, const Context& context, core::TimePoint now);

}  // namespace relais::matrix
