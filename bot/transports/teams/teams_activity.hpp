#pragma once
// Bot Framework activities (what Teams POSTs to /api/messages) -> what Relais needs of them.
// Pure: no sockets, no state. Observed quirks (tests/fixtures/teams): channel messages keep
// "<at>Bot</at>" in `text`; Action.Submit arrives as a `message` with `value` and no text;
// Action.Execute as an `invoke` named "adaptiveCard/action"; membersAdded carries no names.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/inbound_event.hpp"
#include "bot/core/result.hpp"

namespace relais::teams {

/// Everything the connector needs to post into a conversation again, later: stored as the
/// person's address (encoded as JSON), so replies and proactive messages reach them.
struct ConversationRef {
  std::string service_url;
  std::string conversation_id;
  std::string conversation_type;  ///< personal | groupChat | channel
  std::string tenant_id;
  std::string bot_id;
  std::string bot_name;
  std::string user_id;  ///< the person's Teams id (for a new 1:1 conversation)

  std::string encode() const;
  static std::optional<ConversationRef> decode(std::string_view address);
};

struct Member {
  std::string id;
  std::string aad_object_id;
};

struct Activity {
  enum class Kind { message, card_action, members_added, installation, other };
  Kind kind = Kind::other;
  std::string type;  ///< as sent, for the debug log of ignored kinds
  std::string id;
  ConversationRef where;
  std::string from_id;
  std::string from_aad_object_id;
  std::string from_name;
  std::string locale;  ///< the sender's client language, e.g. "fr-BE"
  std::string text;  ///< plain text, the bot's own mention removed
  std::string action;  ///< a pressed button's action (Action.Submit or Action.Execute)
  nlohmann::json args = nlohmann::json::object();
  std::vector<Member> members_added;  ///< people added (the bot itself left out)
  bool bot_added = false;             ///< the bot was added (installed) here
  std::string installation_action;    ///< installationUpdate: add | remove
};

inline constexpr std::size_t max_text_length = 4000;

/// Reads an activity; the error names what is missing or malformed.
Result<Activity> parse_activity(std::string_view body);

/// The normalised event of a message or card action, from the person at `sender_address`.
core::InboundEvent to_event(const Activity& activity, const std::string& sender_address, core::TimePoint now);

/// Teams text -> plain text: tags dropped (the bot's <at> mention with its name), entities decoded.
std::string plain_text(std::string_view html, std::string_view bot_mention = {});

}  // namespace relais::teams
