// The scheduler's REST API (cassandra-api.md §5): the 33 routes of its index on an httplib
// server, answering from a Ring under the caller's lock.
#pragma once

#include <functional>
#include <mutex>
#include <random>
#include <string>

#include <httplib.h>

#include "local/cassandra/jackson.hpp"
#include "local/cassandra/ring.hpp"

namespace dcos_local::cassandra {

/// The ring, the lock that guards it, and what to call after the API changed it.
struct RingHost {
  std::mutex mutex;
  Ring ring;
  std::function<void()> changed = [] {};
};

/// Registers every route on `server`; `host` must outlive it.
void register_api(httplib::Server& server, RingHost& host);

namespace api_detail {

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

/// Registers `handler` for `method` on the path regex (a trailing slash is optional), and a
/// 405 for every other method on that path, as Jersey answers.
void route(httplib::Server& server, const std::string& method, const std::string& pattern,
           Handler handler);
void reply_pretty(httplib::Response& res, int status, const ojson& body);
void reply_compact(httplib::Response& res, int status, const ojson& body);
void reply_empty(httplib::Response& res, int status);
/// An int query parameter: `fallback` when absent, nullopt when not an integer.
std::optional<int> int_param(const httplib::Request& req, const char* name, int fallback);

void register_node_routes(httplib::Server& server, RingHost& host);
void register_live_node_routes(httplib::Server& server, RingHost& host);

}  // namespace api_detail
}  // namespace dcos_local::cassandra
