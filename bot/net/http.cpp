#include "bot/net/http.hpp"

#include <nlohmann/json.hpp>

namespace relais::net {

Response make_response(const Request& req, http::status status, std::string body,
                       std::string_view content_type) {
  Response res{status, req.version()};
  res.set(http::field::server, "relais");
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response error_response(const Request& req, http::status status, std::string_view code,
                        std::string_view message) {
  const nlohmann::json body = {{"error", code}, {"message", message}};
  return make_response(req, status, body.dump(), "application/json");
}

std::string_view path_of(std::string_view target) {
  const auto q = target.find('?');
  return q == std::string_view::npos ? target : target.substr(0, q);
}

namespace {
std::string percent_decode(std::string_view s, bool plus_is_space = true) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace

std::string path_segment_decode(std::string_view segment) { return percent_decode(segment, false); }

std::map<std::string, std::string> query_of(std::string_view target) {
  std::map<std::string, std::string> out;
  const auto q = target.find('?');
  if (q == std::string_view::npos) return out;
  auto rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) out[percent_decode(pair)] = "";
    else out[percent_decode(pair.substr(0, eq))] = percent_decode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return out;
}

void Routes::add(http::verb method, std::string path, Handler handler) {
  handlers_[{method, std::move(path)}] = std::move(handler);
}

void Routes::add_async(http::verb method, std::string path, AsyncHandler handler) {
  async_handlers_[{method, std::move(path)}] = std::move(handler);
}

void Routes::add_prefix(http::verb method, std::string prefix, AsyncHandler handler) {
  prefix_handlers_[{method, std::move(prefix)}] = std::move(handler);
}

const Routes::AsyncHandler* Routes::prefix_handler(http::verb method, std::string_view path) const {
  const AsyncHandler* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& [key, handler] : prefix_handlers_)
    if (key.first == method && path.starts_with(key.second) && path.size() > key.second.size() &&
        key.second.size() > best_length) {
      best = &handler;
      best_length = key.second.size();
    }
  return best;
}

void Routes::dispatch(const Request& req, const Respond& respond) const {
  if (req.method() != http::verb::head) {
    const std::string path(path_of(req.target()));
    const auto it = async_handlers_.find(std::make_pair(req.method(), path));
    if (it != async_handlers_.end()) return it->second(req, respond);
    if (!handlers_.contains(std::make_pair(req.method(), path)))
      if (const auto* handler = prefix_handler(req.method(), path)) return (*handler)(req, respond);
  }
  respond(dispatch(req));
}

void Routes::answer(Response res, const Respond& respond) const {
  if (!gate_) return respond(std::move(res));
  auto held = std::make_shared<Response>(std::move(res));
  gate_([held, respond](bool durable) {
    if (!durable && held->result_int() < 300) {
      Request req;
      req.version(held->version());
      req.keep_alive(held->keep_alive());
      *held = error_response(req, http::status::service_unavailable, "storage_failed",
                             "the request could not be saved; send it again");
    }
    respond(std::move(*held));
  });
}

void Routes::add_websocket(std::string path, Upgrade upgrade) {
  websockets_[std::move(path)] = std::move(upgrade);
}

Response Routes::dispatch(const Request& req) const {
  const std::string path(path_of(req.target()));
  const auto method = req.method() == http::verb::head ? http::verb::get : req.method();
  if (const auto it = handlers_.find(std::make_pair(method, path)); it != handlers_.end()) {
    auto res = it->second(req);
    if (req.method() == http::verb::head) {
      res.body().clear();  // HEAD: the headers of GET, no body
    }
    return res;
  }
  for (const auto& [key, handler] : prefix_handlers_)
    if (path.starts_with(key.second) && path.size() > key.second.size())
      return error_response(req, http::status::method_not_allowed, "method_not_allowed",
                            "this path does not accept " + std::string(req.method_string()));
  for (const auto& [key, handler] : async_handlers_)
    if (key.second == path)
      return error_response(req, http::status::method_not_allowed, "method_not_allowed",
                            "this path does not accept " + std::string(req.method_string()));
  for (const auto& [key, handler] : handlers_)
    if (key.second == path)
      return error_response(req, http::status::method_not_allowed, "method_not_allowed",
                            "this path does not accept " + std::string(req.method_string()));
  return error_response(req, http::status::not_found, "not_found", "no such path: " + path);
}

const Routes::Upgrade* Routes::websocket(std::string_view path) const {
  const auto it = websockets_.find(path);
  return it == websockets_.end() ? nullptr : &it->second;
}

}  // namespace relais::net
