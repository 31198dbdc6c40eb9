#pragma once
// Client mode, for servers where no application service can be registered: the bot is a
// plain account that long-polls /sync with a filter. The `since` position is stored after each
// batch is handled, so a restart resumes where it stopped (questions asked meanwhile are
// answered) and history from before the bot's first start is never answered: that first sync
// only takes its position (and pending invites). Errors back off exponentially (1 s .. 60 s;
// 429 waits as told). With a password and no token, it logs in once and keeps the token.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <string>

#include "bot/transports/matrix/matrix_api.hpp"
#include "bot/transports/matrix/matrix_inbox.hpp"
#include "bot/transports/matrix/matrix_store.hpp"

namespace relais::matrix {

struct SyncSettings {
  std::string access_token;  ///< given by the operator; else one from a password login
  std::string password;
  std::chrono::milliseconds poll_timeout{std::chrono::seconds(30)};
};

/// The /sync filter: only the event types Relais acts on, no presence, members lazily.
std::string sync_filter();

class MatrixSync {
 public:
  MatrixSync(boost::asio::io_context& io, SyncSettings settings, MatrixApi& api, MatrixStore& store, MatrixInbox& inbox)
      : settings_(std::move(settings)), api_(api), store_(store), inbox_(inbox), timer_(io) {}

  void start();
  void stop();

 private:
  void login();
  void poll();
  void on_sync(const net::ClientResponse& response, bool first);
  void retry_later(const net::ClientResponse& response);

  SyncSettings settings_;
  MatrixApi& api_;
  MatrixStore& store_;
  MatrixInbox& inbox_;
  boost::asio::steady_timer timer_;
  int failures_ = 0;
  bool stopped_ = false;
};

}  // namespace relais::matrix
