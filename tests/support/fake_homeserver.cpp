#include "support/fake_homeserver.hpp"

#include <boost/asio/steady_timer.hpp>
#include <future>

#include "support/net_client.hpp"

namespace relais::testing {

using json = nlohmann::json;
namespace http = boost::beast::http;

namespace {
constexpr std::string_view client = "/_matrix/client/v3";

net::Response matrix_json(const net::Request& req, http::status status, const json& body) {
  return net::make_response(req, status, body.dump(), "application/json");
}

/// The path's segments after `prefix`, decoded.
std::vector<std::string> segments_after(const net::Request& req, std::string_view prefix) {
  auto rest = net::path_of(req.target()).substr(prefix.size());
  std::vector<std::string> out;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    out.push_back(net::path_segment_decode(rest.substr(0, slash)));
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return out;
}
}  // namespace

FakeHomeserver::FakeHomeserver(std::set<std::string> tokens) : tokens_(std::move(tokens)) {
  add_routes();
  server_ = std::make_unique<net::HttpServer>(io_, routes_, net::HttpLimits{}, metrics_);
  server_->listen("127.0.0.1", 0);
  port_ = server_->port();
  thread_ = std::thread([this] { io_.run(); });
}

FakeHomeserver::~FakeHomeserver() {
  boost::asio::post(io_, [this] { server_->stop(); io_.stop(); });
  thread_.join();
}

std::optional<net::Response> FakeHomeserver::refuse(const net::Request& req) const {
  const auto auth = req[http::field::authorization];
  if (!auth.starts_with("Bearer "))
    return matrix_json(req, http::status::unauthorized, {{"errcode", "M_MISSING_TOKEN"}, {"error", "Missing access token"}});
  if (!tokens_.contains(std::string(auth.substr(7))))
    return matrix_json(req, http::status::unauthorized, {{"errcode", "M_UNKNOWN_TOKEN"}, {"error", "Unknown access token"}});
  return std::nullopt;
}

void FakeHomeserver::add_routes() {
  auto locked = [this](auto handler) {
    return [this, handler](const net::Request& req, net::Routes::Respond respond) {
      std::unique_lock lock(mutex_);
      if (auto refusal = refuse(req)) return respond(*refusal);
      auto response = handler(req);
      note_change();
      lock.unlock();
      respond(std::move(response));
    };
  };
  // PUT /rooms/{room}/send/{type}/{txnId}, unless a fault is set; POST /rooms/{room}/leave
  auto faulty = [this](net::Routes::AsyncHandler handler) {
    return [this, handler](const net::Request& req, net::Routes::Respond respond) {
      std::unique_lock lock(mutex_);
      if (fault_ == SendFault::none) {
        lock.unlock();
        return handler(req, std::move(respond));
      }
      // Down: a connection kept from before is closed without an answer (dropping `respond`
      // ends its session), as a stopping server does; new connections are refused.
      if (fault_ == SendFault::down) return;
      ++failed_sends_;
      note_change();
      if (fault_ == SendFault::no_answer) return unanswered_.push_back(std::move(respond));
      if (fault_ == SendFault::server_error)
        return respond(matrix_json(req, http::status::internal_server_error, {{"errcode", "M_UNKNOWN"}, {"error", "Internal error"}}));
      auto limited = matrix_json(req, http::status::too_many_requests, {{"errcode", "M_LIMIT_EXCEEDED"},
                                 {"error", "Too Many Requests"}, {"retry_after_ms", fault_retry_after_ms_}});
      limited.set(http::field::retry_after, std::to_string((fault_retry_after_ms_ + 999) / 1000));
      respond(std::move(limited));
    };
  };
  routes_.add_prefix(http::verb::put, std::string(client) + "/rooms/", faulty(locked([this](const net::Request& req) {
    const auto parts = segments_after(req, std::string(client) + "/rooms/");
    if (parts.size() != 4 || parts[1] != "send")
      return matrix_json(req, http::status::not_found, {{"errcode", "M_UNRECOGNIZED"}});
    const auto content = json::parse(req.body(), nullptr, false);
    if (!content.is_object()) return matrix_json(req, http::status::bad_request, {{"errcode", "M_NOT_JSON"}});
    if (const auto known = txn_events_.find(parts[3]); known != txn_events_.end())  // a retry: same event
      return matrix_json(req, http::status::ok, {{"event_id", known->second}});
    if (rate_limit_ms_ > 0) {
      const int wait = std::exchange(rate_limit_ms_, 0);
      return matrix_json(req, http::status::too_many_requests,
                         {{"errcode", "M_LIMIT_EXCEEDED"}, {"error", "Too Many Requests"}, {"retry_after_ms", wait}});
    }
    const auto event_id = "$sent" + std::to_string(sent_.size() + 1);
    txn_events_[parts[3]] = event_id;
    sent_.push_back({parts[0], parts[2], parts[3], event_id, content});
    return matrix_json(req, http::status::ok, {{"event_id", event_id}});
  })));
  routes_.add_prefix(http::verb::post, std::string(client) + "/rooms/", locked([this](const net::Request& req) {
    const auto parts = segments_after(req, std::string(client) + "/rooms/");
    if (parts.size() != 2 || parts[1] != "leave") return matrix_json(req, http::status::not_found, {{"errcode", "M_UNRECOGNIZED"}});
    leaves_.push_back(parts[0]);
    return matrix_json(req, http::status::ok, json::object());
  }));
  routes_.add_prefix(http::verb::post, std::string(client) + "/join/", locked([this](const net::Request& req) {
    const auto room = segments_after(req, std::string(client) + "/join/").at(0);
    joins_.push_back(room);
    return matrix_json(req, http::status::ok, {{"room_id", room}});
  }));
  routes_.add_async(http::verb::post, std::string(client) + "/createRoom", locked([this](const net::Request& req) {
    const auto body = json::parse(req.body(), nullptr, false);
    if (!body.is_object()) return matrix_json(req, http::status::bad_request, {{"errcode", "M_NOT_JSON"}});
    created_rooms_.push_back(body);
    return matrix_json(req, http::status::ok, {{"room_id", "!dm" + std::to_string(created_rooms_.size()) + ":localhost"}});
  }));
  auto account = [this](const net::Request& req) {
    const auto parts = segments_after(req, std::string(client) + "/user/");
    if (parts.size() != 3 || parts[1] != "account_data")
      return matrix_json(req, http::status::not_found, {{"errcode", "M_UNRECOGNIZED"}});
    if (req.method() == http::verb::put) {
      account_data_[parts[2]] = json::parse(req.body(), nullptr, false);
      return matrix_json(req, http::status::ok, json::object());
    }
    const auto it = account_data_.find(parts[2]);
    if (it == account_data_.end()) return matrix_json(req, http::status::not_found, {{"errcode", "M_NOT_FOUND"}});
    return matrix_json(req, http::status::ok, it->second);
  };
  routes_.add_prefix(http::verb::get, std::string(client) + "/user/", locked(account));
  routes_.add_prefix(http::verb::put, std::string(client) + "/user/", locked(account));

  routes_.add_async(http::verb::post, std::string(client) + "/login", [this](const net::Request& req, net::Routes::Respond respond) {
    std::lock_guard lock(mutex_);
    ++logins_;
    const auto body = json::parse(req.body(), nullptr, false);
    const auto user = body.is_object() ? body.value("/identifier/user"_json_pointer, "") : "";
    const auto it = logins_allowed_.find(user);
    if (it == logins_allowed_.end() || body.value("password", "") != it->second.first)
      return respond(matrix_json(req, http::status::forbidden, {{"errcode", "M_FORBIDDEN"}, {"error", "Invalid password"}}));
    tokens_.insert(it->second.second);
    respond(matrix_json(req, http::status::ok, {{"access_token", it->second.second}, {"user_id", "@" + user + ":localhost"},
                                                {"device_id", "RELAISDEVICE"}}));
  });

  routes_.add_async(http::verb::get, std::string(client) + "/sync", [this](const net::Request& req, net::Routes::Respond respond) {
    std::size_t since = 0;
    long timeout_ms = 0;
    {
      std::lock_guard lock(mutex_);
      if (auto refusal = refuse(req)) return respond(*refusal);
      const auto query = net::query_of(req.target());
      const auto s = query.contains("since") ? query.at("since") : "";
      sync_positions_.push_back(s);
      note_change();
      since = s.empty() ? 0 : std::stoul(s.substr(1));
      timeout_ms = query.contains("timeout") ? std::stol(query.at("timeout")) : 0;
      // Without `since`: the backlog, as a fresh client would see it.
      if (s.empty() || timeline_.size() > since || timeout_ms == 0) return respond(matrix_json(req, http::status::ok, sync_body(since)));
    }
    // Long poll, shortened: answer after a moment with whatever arrived.
    auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::milliseconds(std::min(timeout_ms, 200L)));
    timer->async_wait([this, timer, since, &req, respond](const boost::system::error_code&) {
      std::lock_guard lock(mutex_);
      respond(matrix_json(req, http::status::ok, sync_body(since)));
    });
  });
}

json FakeHomeserver::sync_body(std::size_t since) const {
  json join = json::object(), invite = json::object();
  for (std::size_t i = since; i < timeline_.size(); ++i) {
    const auto& q = timeline_[i];
    if (q.invite) {
      if (std::find(joins_.begin(), joins_.end(), q.room_id) != joins_.end()) continue;  // joined since
      invite[q.room_id]["invite_state"]["events"] = json::array({q.event});
    } else {
      join[q.room_id]["timeline"]["events"].push_back(q.event);
    }
  }
  return {{"next_batch", "s" + std::to_string(timeline_.size())}, {"rooms", {{"join", join}, {"invite", invite}}}};
}

std::vector<FakeHomeserver::Sent> FakeHomeserver::sent() const {
  std::lock_guard lock(mutex_);
  return sent_;
}

bool FakeHomeserver::wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mutex_);
  while (true) {
    // The condition reads through the accessors, which lock: it runs unlocked, and a change
    // made meanwhile is caught by the counter (a notification then would have been missed).
    const auto seen = changes_;
    lock.unlock();
    if (condition()) return true;
    lock.lock();
    if (!changed_.wait_until(lock, deadline, [&] { return changes_ != seen; })) {
      lock.unlock();
      return condition();
    }
  }
}

void FakeHomeserver::note_change() {
  ++changes_;
  changed_.notify_all();
}

std::optional<FakeHomeserver::Sent> FakeHomeserver::wait_for_sent(const std::function<bool(const Sent&)>& match,
                                                                  std::chrono::milliseconds timeout, std::size_t from) {
  std::optional<Sent> found;
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] {
    for (std::size_t i = from; i < sent_.size(); ++i)
      if (match(sent_[i])) {
        found = sent_[i];
        return true;
      }
    return false;
  });
  return found;
}

std::vector<std::string> FakeHomeserver::joins() const {
  std::lock_guard lock(mutex_);
  return joins_;
}

std::vector<std::string> FakeHomeserver::leaves() const {
  std::lock_guard lock(mutex_);
  return leaves_;
}

std::vector<json> FakeHomeserver::created_rooms() const {
  std::lock_guard lock(mutex_);
  return created_rooms_;
}

json FakeHomeserver::account_data(const std::string& type) const {
  std::lock_guard lock(mutex_);
  const auto it = account_data_.find(type);
  return it == account_data_.end() ? json() : it->second;
}

std::vector<std::string> FakeHomeserver::sync_positions() const {
  std::lock_guard lock(mutex_);
  return sync_positions_;
}

int FakeHomeserver::logins() const {
  std::lock_guard lock(mutex_);
  return logins_;
}

void FakeHomeserver::rate_limit_next_send(int retry_after_ms) {
  std::lock_guard lock(mutex_);
  rate_limit_ms_ = retry_after_ms;
}

void FakeHomeserver::on_io(const std::function<void()>& work) {
  std::promise<void> done;
  boost::asio::post(io_, [&] { work(); done.set_value(); });
  done.get_future().wait();
}

void FakeHomeserver::fail_sends(SendFault fault, int retry_after_ms) {
  SendFault before;
  {
    std::lock_guard lock(mutex_);
    before = std::exchange(fault_, fault);
    fault_retry_after_ms_ = retry_after_ms;
  }
  if (before == SendFault::down && fault != SendFault::down) {
    on_io([this] {
      server_ = std::make_unique<net::HttpServer>(io_, routes_, net::HttpLimits{}, metrics_);
      server_->listen("127.0.0.1", port_);
    });
  }
  if (fault == SendFault::down && before != SendFault::down) on_io([this] { server_->stop(); });
  if (fault != SendFault::no_answer) {
    // Dropping a held answer closes its connection, as a homeserver that gave up would.
    on_io([this] {
      std::lock_guard lock(mutex_);
      unanswered_.clear();
    });
  }
}

int FakeHomeserver::failed_sends() const {
  std::lock_guard lock(mutex_);
  return failed_sends_;
}

void FakeHomeserver::allow_login(const std::string& user, const std::string& password, const std::string& token) {
  std::lock_guard lock(mutex_);
  logins_allowed_[user] = {password, token};
}

void FakeHomeserver::add_timeline_event(const std::string& room_id, json event) {
  std::lock_guard lock(mutex_);
  timeline_.push_back({room_id, std::move(event), false});
}

void FakeHomeserver::add_invite(const std::string& room_id, const std::string& sender, bool direct) {
  std::lock_guard lock(mutex_);
  timeline_.push_back({room_id,
                       {{"type", "m.room.member"}, {"state_key", "@relais:localhost"}, {"sender", sender},
                        {"content", {{"membership", "invite"}, {"is_direct", direct}}}},
                       true});
}

int FakeHomeserver::push(unsigned short bot_port, const std::string& txn_id, const json& events,
                         const std::string& hs_token, std::string* answer, const std::string& path_prefix) {
  const auto r = http_request_with(bot_port, http::verb::put, path_prefix + "/transactions/" + txn_id,
                                   json{{"events", events}}.dump(),
                                   {{"Authorization", hs_token.empty() ? "" : "Bearer " + hs_token},
                                    {"Content-Type", "application/json"}});
  if (answer) *answer = r.body;
  return r.status;
}

}  // namespace relais::testing
