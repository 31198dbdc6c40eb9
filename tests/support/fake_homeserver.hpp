#pragma once
// A Matrix homeserver for the tests, on loopback, following the spec (client-server API v1.x,
// application service API v1) for what Relais uses: send (idempotent per transaction id, with
// an optional 429 M_LIMIT_EXCEEDED), createRoom, join, leave, account data, password login and
// /sync (long-polled; without `since` it returns the backlog). It pushes transactions to the
// bot as a homeserver does, and records everything the bot did. No real homeserver can run
// here (none is packaged for this system); the recorded Synapse 1.67 traffic in
// tests/fixtures/matrix is what its pushes are modelled on.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "bot/core/metrics.hpp"
#include "bot/net/http.hpp"
#include "bot/net/http_server.hpp"

namespace relais::testing {

class FakeHomeserver {
 public:
  struct Sent {
    std::string room_id;
    std::string type;
    std::string txn_id;
    std::string event_id;
    nlohmann::json content;
  };

  /// `tokens`: the access tokens the client-server API accepts (the as_token, a bot's token).
  explicit FakeHomeserver(std::set<std::string> tokens);
  ~FakeHomeserver();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  std::vector<Sent> sent() const;
  /// The first message sent (now or within `timeout`) that matches, counting from `from`.
  std::optional<Sent> wait_for_sent(const std::function<bool(const Sent&)>& match,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10), std::size_t from = 0);
  std::vector<std::string> joins() const;
  std::vector<std::string> leaves() const;
  std::vector<nlohmann::json> created_rooms() const;
  nlohmann::json account_data(const std::string& type) const;
  std::vector<std::string> sync_positions() const;  ///< the `since` of every /sync, "" for none
  int logins() const;
  bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout = std::chrono::seconds(10));

  void rate_limit_next_send(int retry_after_ms);

  /// A homeserver in trouble, from now until `none`: sends answer 500, or 429 with a wait, or
  /// are never answered; `down` stops listening altogether (connections are refused).
  enum class SendFault { none, server_error, rate_limited, no_answer, down };
  void fail_sends(SendFault fault, int retry_after_ms = 1000);
  int failed_sends() const;  ///< sends refused or left unanswered so far
  void allow_login(const std::string& user, const std::string& password, const std::string& token);
  /// An event in a joined room's timeline, served by /sync.
  void add_timeline_event(const std::string& room_id, nlohmann::json event);
  void add_invite(const std::string& room_id, const std::string& sender, bool direct);

  /// PUTs a transaction to the bot, as a homeserver does; returns the HTTP status (body in `answer`).
  int push(unsigned short bot_port, const std::string& txn_id, const nlohmann::json& events, const std::string& hs_token,
           std::string* answer = nullptr, const std::string& path_prefix = "/_matrix/app/v1");

 private:
  std::optional<net::Response> refuse(const net::Request& req) const;
  void add_routes();
  void on_io(const std::function<void()>& work);
  /// Wakes the waiters; called with the mutex held.
  void note_change();
  nlohmann::json sync_body(std::size_t since) const;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t changes_ = 0;  ///< counts note_change() calls
  std::set<std::string> tokens_;
  std::vector<Sent> sent_;
  std::map<std::string, std::string> txn_events_;
  std::vector<std::string> joins_, leaves_, sync_positions_;
  std::vector<nlohmann::json> created_rooms_;
  std::map<std::string, nlohmann::json> account_data_;
  std::map<std::string, std::pair<std::string, std::string>> logins_allowed_;  ///< user -> password, token
  int logins_ = 0;
  int rate_limit_ms_ = 0;
  SendFault fault_ = SendFault::none;
  int fault_retry_after_ms_ = 0;
  int failed_sends_ = 0;
  std::vector<net::Routes::Respond> unanswered_;  ///< held open until the fault ends
  struct Queued {
    std::string room_id;
    nlohmann::json event;
    bool invite = false;
  };
  std::vector<Queued> timeline_;

  boost::asio::io_context io_;
  /// Keeps the loop running while the server is down (nothing else to wait for then).
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running_{io_.get_executor()};
  core::Metrics metrics_;
  net::Routes routes_;
  std::unique_ptr<net::HttpServer> server_;
  unsigned short port_ = 0;
  std::thread thread_;
};

}  // namespace relais::testing
