#include "bot/transports/webchat/webchat_endpoint.hpp"

#include <nlohmann/json.hpp>
#include <sstream>

#include "bot/core/log.hpp"
#include "bot/transports/webchat/webchat_assets.hpp"
#include "bot/transports/webchat/webchat_mapper.hpp"
#include "bot/transports/webchat/webchat_renderer.hpp"
#include "bot/transports/webchat/webchat_token.hpp"

namespace relais::webchat {

namespace http = net::http;

WebchatEndpoint::WebchatEndpoint(Settings settings, core::Router& router, storage::PeopleStore& people,
                                 storage::OutboxStore& outbox, core::OutboxDispatcher& dispatcher,
                                 const core::MessageCatalog& messages, const core::Clock& clock,
                                 core::Metrics& metrics)
    : settings_(std::move(settings)),
      router_(router),
      people_(people),
      outbox_(outbox),
      dispatcher_(dispatcher),
      messages_(messages),
      clock_(clock),
      metrics_(metrics) {}

namespace {
constexpr std::size_t history_length = 30;

/// "http://host:port" against the Host header "host:port".
bool same_origin(std::string_view origin, std::string_view host) {
  const auto scheme_end = origin.find("://");
  return scheme_end != std::string_view::npos && !host.empty() && origin.substr(scheme_end + 3) == host;
}

std::string_view content_type(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}
}  // namespace

void WebchatEndpoint::add_routes(net::Routes& routes) {
  for (const auto& asset : assets()) {
    const std::string path = asset.name == "index.html" ? "/" : "/" + std::string(asset.name);
    routes.add(http::verb::get, path, [asset](const net::Request& req) {
      auto res = net::make_response(req, http::status::ok, std::string(asset.content), content_type(asset.name));
      res.set("Content-Security-Policy",
              "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
      return res;
    });
  }
  routes.add(http::verb::get, "/api/v1/webchat/config", [this](const net::Request& req) {
    return net::make_response(req, http::status::ok, nlohmann::json{{"demo", settings_.demo}}.dump(),
                              "application/json");
  });
  routes.add(http::verb::get, "/api/v1/webchat/people", [this](const net::Request& req) {
    if (!settings_.demo)
      return net::error_response(req, http::status::not_found, "not_found", "the people list exists in demo mode only");
    nlohmann::json list = nlohmann::json::array();
    for (const auto& p : people_.all()) {
      nlohmann::json roles = nlohmann::json::array();
      for (auto r : p.roles) roles.push_back(core::to_string(r));
      list.push_back({{"id", p.id}, {"name", p.name}, {"circle", p.circle}, {"language", p.language}, {"roles", roles}});
    }
    return net::make_response(req, http::status::ok, list.dump(), "application/json");
  });
  routes.add_websocket("/ws", {
      [this](const net::Request& req) -> std::optional<net::Response> {
        std::string why;
        if (authenticate(req, why)) return std::nullopt;
        return net::error_response(req, http::status::unauthorized, "unauthorized", why);
      },
      [this](boost::asio::ip::tcp::socket socket, net::Request req, std::string leftover) {
        accept(std::move(socket), std::move(req), std::move(leftover));
      }});
}

std::optional<std::string> WebchatEndpoint::authenticate(const net::Request& req, std::string& why) const {
  // Browsers always send Origin on WebSockets: refuse pages served by another site.
  const auto origin = req[http::field::origin];
  if (!origin.empty() && !same_origin(origin, req[http::field::host])) {
    why = "cross-site WebSocket refused: open the chat from this server's own page";
    return std::nullopt;
  }
  const auto query = net::query_of(req.target());
  std::string person_id;
  if (settings_.demo) {
    const auto it = query.find("person");
    if (it == query.end()) {
      why = "demo mode: pass ?person=<directory id>";
      return std::nullopt;
    }
    person_id = it->second;
  } else {
    const auto it = query.find("token");
    const auto verified = it == query.end() ? std::nullopt : verify_token(settings_.secret, it->second, clock_.now());
    if (!verified) {
      why = "a valid, unexpired sign-in token is required";
      return std::nullopt;
    }
    person_id = *verified;
  }
  if (!people_.find(person_id)) {
    why = "unknown user: not in the staff directory";
    return std::nullopt;
  }
  return person_id;
}

void WebchatEndpoint::accept(boost::asio::ip::tcp::socket socket, net::Request req, std::string leftover) {
  std::string why;
  const auto person = authenticate(req, why);
  if (!person) return;  // checked just before; the directory cannot change in between
  net::WebSocketSession::Handlers handlers;
  handlers.open = [this](net::WebSocketSession& s) { on_open(s); };
  handlers.message = [this](net::WebSocketSession& s, std::string text) { on_message(s, text); };
  handlers.closed = [this](net::WebSocketSession& s) { on_closed(s); };
  net::WebSocketSession::Limits limits;
  limits.max_message = settings_.max_message;
  limits.idle_timeout = settings_.idle_timeout;
  auto session = std::make_shared<net::WebSocketSession>(std::move(socket), limits, std::move(handlers));
  session->person_id = *person;
  std::ostringstream request_bytes;
  request_bytes << req;
  session->start(request_bytes.str(), leftover);
}

void WebchatEndpoint::on_open(net::WebSocketSession& session) {
  const auto person = people_.find(session.person_id);
  if (!person) return session.close(1008, "unknown user");
  by_person_[session.person_id][session.id()] = session.shared_from_this();
  log::info("webchat_connected").kv("conn", session.id()).kv("person", session.person_id);
  const auto& lang = person->language;
  session.send(render_hello(*person, settings_.demo,
                            {messages_.text(lang, "help.intro", {{"name", person->name}}),
                             messages_.text(lang, "webchat.placeholder"), messages_.text(lang, "webchat.send")}));
  // The recent conversation first, so a reload or a second device shows where things stand.
  for (const auto& row : outbox_.recent_delivered("webchat", session.person_id, history_length)) {
    try {
      session.send(render_message(row.id, row.payload.get<core::OutboundMessage>()));
    } catch (const std::exception&) {
      // An unreadable old row is skipped; it was delivered once already.
    }
  }
  // Whatever waited for this person (or was sent but never confirmed) goes out now.
  outbox_.resume("webchat", session.person_id, clock_.now());
  dispatcher_.wake();
}

void WebchatEndpoint::on_message(net::WebSocketSession& session, const std::string& text) {
  auto frame = map_frame(text, session.person_id, clock_.now());
  if (auto* err = std::get_if<FrameError>(&frame)) {
    metrics_.rejected_input("webchat_" + err->code);
    session.send(render_error(err->code, err->message, err->id));
    return;
  }
  if (auto* receipts = std::get_if<Receipts>(&frame)) {
    for (auto id : receipts->ids) outbox_.mark_delivered(id, session.person_id, clock_.now());
    return;
  }
  auto& event = std::get<core::InboundEvent>(frame);
  const std::string client_id = event.message_id.substr(session.person_id.size() + 1);
  try {
    switch (router_.handle(event)) {
      case core::Outcome::accepted: acknowledge(session, client_id, "accepted"); break;
      case core::Outcome::duplicate: acknowledge(session, client_id, "duplicate"); break;
      case core::Outcome::unknown_sender:
        session.send(render_error("unknown_user", "you are no longer in the staff directory", client_id));
        session.close(1008, "unknown user");
        break;
    }
  } catch (const std::exception& e) {
    // Connection boundary: not acknowledged, so the page keeps the message and sends it again.
    log::error("webchat_message_failed").kv("conn", session.id()).kv("error", e.what());
    session.send(render_error("internal_error", "your message was not saved; it will be retried", client_id));
  }
}

void WebchatEndpoint::acknowledge(net::WebSocketSession& session, const std::string& client_id, const char* status) {
  // Only once durable: an unacknowledged message is kept by the page and sent again.
  router_.when_durable([weak = session.weak_from_this(), client_id, status](bool committed) {
    const auto live = weak.lock();
    if (!live) return;
    live->send(committed ? render_ack(client_id, status)
                         : render_error("internal_error", "your message was not saved; it will be retried", client_id));
  });
}

void WebchatEndpoint::on_closed(net::WebSocketSession& session) {
  const auto it = by_person_.find(session.person_id);
  if (it == by_person_.end()) return;
  it->second.erase(session.id());
  if (it->second.empty()) by_person_.erase(it);
  log::info("webchat_disconnected").kv("conn", session.id()).kv("person", session.person_id);
}

void WebchatEndpoint::deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) {
  const auto it = by_person_.find(row.recipient_id);
  if (it == by_person_.end() || it->second.empty()) return done({core::Delivery::Status::unreachable, "", {}});
  core::OutboundMessage message;
  try {
    message = row.payload.get<core::OutboundMessage>();
  } catch (const std::exception& e) {
    return done({core::Delivery::Status::rejected, std::string("unreadable payload: ") + e.what(), {}});
  }
  const auto frame = render_message(row.id, message);
  // Copy: sending may close a session, which edits the map.
  const auto sessions = it->second;
  for (const auto& [id, session] : sessions) session->send(frame);
  done({core::Delivery::Status::sent, "", {}});
}

void WebchatEndpoint::close_all() {
  const auto all = by_person_;
  for (const auto& [person, sessions] : all)
    for (const auto& [id, session] : sessions) session->close(1001, "server shutting down");
}

std::size_t WebchatEndpoint::connection_count() const {
  std::size_t n = 0;
  for (const auto& [person, sessions] : by_person_) n += sessions.size();
  return n;
}

}  // namespace relais::webchat
