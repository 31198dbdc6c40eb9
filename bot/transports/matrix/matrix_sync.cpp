#include "bot/transports/matrix/matrix_sync.hpp"

#include <algorithm>

#include "bot/core/log.hpp"

namespace relais::matrix {

using json = nlohmann::json;

namespace {
constexpr const char* since_key = "sync_since";
constexpr const char* token_key = "access_token";
}  // namespace

std::string sync_filter() {
  const json types = json::array({"m.room.message", "m.reaction", "m.room.member", "m.room.encrypted", "m.room.encryption"});
  const json filter = {{"presence", {{"types", json::array()}}},
                       {"account_data", {{"types", json::array()}}},
                       {"room",
                        {{"timeline", {{"types", types}, {"limit", 50}}},
                         {"state", {{"lazy_load_members", true}, {"types", json::array({"m.room.member"})}}},
                         {"ephemeral", {{"types", json::array()}}},
                         {"account_data", {{"types", json::array()}}}}}};
  return filter.dump();
}

void MatrixSync::start() {
  stopped_ = false;
  if (!settings_.access_token.empty()) api_.set_token(settings_.access_token);
  else if (const auto stored = store_.value(token_key); stored && !stored->empty()) api_.set_token(*stored);
  if (!api_.has_token()) return login();
  poll();
}

void MatrixSync::stop() {
  stopped_ = true;
  timer_.cancel();
}

void MatrixSync::login() {
  const auto user = api_.bot_user_id();
  api_.login(user.substr(1, user.find(':') - 1), settings_.password, [this](net::ClientResponse response) {
    if (stopped_) return;
    const auto body = json::parse(response.body, nullptr, false);
    if (!response.ok() || !body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
      log::error("matrix_login_failed").kv("status", response.status).kv("errcode", errcode_of(response));
      return retry_later(response);
    }
    store_.set_value(token_key, body["access_token"].get<std::string>());
    api_.set_token(body["access_token"].get<std::string>());
    log::info("matrix_logged_in");
    failures_ = 0;
    poll();
  });
}

void MatrixSync::poll() {
  if (stopped_) return;
  const auto since = store_.value(since_key).value_or("");
  const bool first = since.empty();
  api_.sync(since, sync_filter(), first ? std::chrono::milliseconds(0) : settings_.poll_timeout,
            [this, first](net::ClientResponse response) { on_sync(response, first); });
}

void MatrixSync::on_sync(const net::ClientResponse& response, bool first) {
  if (stopped_) return;
  if (!response.ok()) {
    const auto code = errcode_of(response);
    log::warn("matrix_sync_failed").kv("status", response.status).kv("errcode", code).kv("error", response.error);
    if (response.status == 401 && code == "M_UNKNOWN_TOKEN" && !settings_.password.empty() &&
        settings_.access_token.empty()) {
      store_.set_value(token_key, "");
      api_.set_token("");
      return login();
    }
    return retry_later(response);
  }
  auto sync = parse_sync(response.body, api_.bot_user_id());
  if (!sync) {
    log::warn("matrix_sync_unreadable").kv("reason", sync.error());
    return retry_later(response);
  }
  auto& batch = sync.value().batch;
  if (first) {
    // History from before the bot's first start is not answered; pending invites are.
    std::erase_if(batch.events, [](const Event& e) { return !(e.kind == Event::Kind::membership && e.membership == "invite"); });
    log::info("matrix_sync_started");
  }
  inbox_.handle(batch);
  store_.set_value(since_key, sync->next_batch);
  failures_ = 0;
  poll();
}

void MatrixSync::retry_later(const net::ClientResponse& response) {
  auto wait = std::chrono::milliseconds(1000LL << std::min(failures_++, 6));
  wait = std::min<std::chrono::milliseconds>(wait, std::chrono::seconds(60));
  if (response.status == 429) {
    const auto body = json::parse(response.body, nullptr, false);
    if (body.is_object() && body.contains("retry_after_ms") && body["retry_after_ms"].is_number_integer())
      wait = std::chrono::milliseconds(body["retry_after_ms"].get<std::int64_t>());
  }
  timer_.expires_after(wait);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    if (api_.has_token()) poll();
    else login();
  });
}

}  // namespace relais::matrix
