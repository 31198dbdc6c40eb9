#pragma once
// The built-in web chat: serves the page, authenticates each WebSocket (demo picker or signed
// token), turns frames into events for the router, acknowledges them once committed, and
// delivers outbox rows to the person's open connections (confirmed by the page's receipts).
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bot/core/clock.hpp"
#include "bot/core/metrics.hpp"
#include "bot/core/outbox.hpp"
#include "bot/core/router.hpp"
#include "bot/net/http.hpp"
#include "bot/net/websocket_session.hpp"
#include "bot/storage/outbox_store.hpp"
#include "bot/storage/people_store.hpp"

namespace relais::webchat {

struct Settings {
  bool demo = true;
  std::string secret;
  std::size_t max_message = 1 << 20;
  std::chrono::seconds idle_timeout{120};
};

class WebchatEndpoint final : public core::TransportSender {
 public:
  WebchatEndpoint(Settings settings, core::Router& router, storage::PeopleStore& people,
                  storage::OutboxStore& outbox, core::OutboxDispatcher& dispatcher,
                  const core::MessageCatalog& messages, const core::Clock& clock, core::Metrics& metrics);

  void add_routes(net::Routes& routes);
  void deliver(const storage::OutboxRow& row, std::function<void(core::Delivery)> done) override;
  void close_all();
  std::size_t connection_count() const;

 private:
  std::optional<std::string> authenticate(const net::Request& req, std::string& why) const;
  void accept(boost::asio::ip::tcp::socket socket, net::Request req, std::string leftover);
  void on_open(net::WebSocketSession& session);
  void on_message(net::WebSocketSession& session, const std::string& text);
  void acknowledge(net::WebSocketSession& session, const std::string& client_id, const char* status);
  void on_closed(net::WebSocketSession& session);

  Settings settings_;
  core::Router& router_;
  storage::PeopleStore& people_;
  storage::OutboxStore& outbox_;
  core::OutboxDispatcher& dispatcher_;
  const core::MessageCatalog& messages_;
  const core::Clock& clock_;
  core::Metrics& metrics_;
  std::map<std::string, std::map<std::uint64_t, std::shared_ptr<net::WebSocketSession>>> by_person_;
};

}  // namespace relais::webchat
