#include "bot/transports/webchat/webchat_mapper.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace relais::webchat {
namespace {

using nlohmann::json;

/// Nesting depth of JSON text, counted before parsing so hostile input cannot go deep.
bool too_deep(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) return true;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
}

bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= max_id_length &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
         });
}

FrameError error(std::string code, std::string message, std::string id = "") {
  return {std::move(code), std::move(message), std::move(id)};
}

}  // namespace

Frame map_frame(std::string_view frame, const std::string& person_id, core::TimePoint now) {
  if (too_deep(frame, max_json_depth)) return error("too_deep", "the frame nests deeper than 16 levels");
  const json doc = json::parse(frame, nullptr, false);
  if (doc.is_discarded()) return error("bad_json", "the frame is not valid JSON (UTF-8)");
  if (!doc.is_object()) return error("bad_frame", "the frame must be a JSON object");
  const auto type = doc.value("type", json()).is_string() ? doc["type"].get<std::string>() : "";

  if (type == "received") {
    Receipts r;
    const auto ids = doc.find("ids");
    if (ids == doc.end() || !ids->is_array() || ids->size() > 1000)
      return error("bad_frame", "\"ids\" must be an array of at most 1000 message ids");
    for (const auto& id : *ids) {
      if (!id.is_number_integer()) return error("bad_frame", "\"ids\" must hold integers");
      r.ids.push_back(id.get<std::int64_t>());
    }
    return r;
  }
  if (type != "say" && type != "action")
    return error("bad_frame", "\"type\" must be \"say\", \"action\" or \"received\"");

  const auto id_field = doc.find("id");
  const std::string id = id_field != doc.end() && id_field->is_string() ? id_field->get<std::string>() : "";
  if (!valid_id(id))
    return error("bad_frame", "\"id\" must be 1-100 characters of A-Z a-z 0-9 - _ . :");

  core::InboundEvent event;
  event.transport = "webchat";
  event.message_id = person_id + "/" + id;  // ids are the client's: scope them to the person
  event.sender_address = person_id;
  event.conversation = person_id;
  event.received_at = now;
  const auto text = doc.find("text");
  if (text != doc.end() && !text->is_string()) return error("bad_frame", "\"text\" must be a string", id);
  if (text != doc.end()) event.text = text->get<std::string>();
  if (event.text.size() > max_text_length)
    return error("too_long", "\"text\" is longer than 4000 bytes", id);

  if (type == "say") {
    if (event.text.find_first_not_of(" \t\r\n") == std::string::npos)
      return error("bad_frame", "\"text\" is empty", id);
    return event;
  }
  const auto action = doc.find("action");
  if (action == doc.end() || !action->is_string() || action->get<std::string>().empty() ||
      action->get<std::string>().size() > 40)
    return error("bad_frame", "\"action\" must be a short string", id);
  event.action = action->get<std::string>();
  const auto args = doc.find("args");
  if (args != doc.end() && !args->is_object()) return error("bad_frame", "\"args\" must be an object", id);
  if (args != doc.end()) event.args = *args;
  return event;
}

}  // namespace relais::webchat
