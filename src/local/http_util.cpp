#include "local/http_util.hpp"

namespace dcos_local {

void set_json(httplib::Response& res, std::string body) {
  // cpp-httplib compresses "application/json" with brotli at its slowest quality whenever the
  // client accepts br: about a second for the 9 MB of /v2/apps at --scale 10000, ten times the
  // time to build it. On loopback compression only costs, so large bodies go out plain; the
  // charset parameter is what keeps httplib from compressing them.
  constexpr size_t kCompressUpTo = 256 * 1024;
  const char* type =
      body.size() > kCompressUpTo ? "application/json; charset=utf-8" : "application/json";
  res.set_content(std::move(body), type);
}

void reply_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  set_json(res, dump(body));
}

void reply_error(httplib::Response& res, const ApiError& error) {
  reply_json(res, error.status, error.body);
}

void reply_message(httplib::Response& res, int status, const std::string& message,
                   bool with_details) {
  json body = {{"message", message}};
  if (with_details) body["details"] = json::array();
  reply_json(res, status, body);
}

void reply_deployment(httplib::Response& res, int status, const Deployment& d) {
  res.set_header("Marathon-Deployment-Id", d.id);
  reply_json(res, status, {{"deploymentId", d.id}, {"version", d.version}});
}

bool flag(const httplib::Request& req, const char* name, bool fallback) {
  if (!req.has_param(name)) return fallback;
  std::string v = req.get_param_value(name);
  if (v == "true" || v.empty()) return true;
  if (v == "false") return false;
  return fallback;
}

std::optional<json> read_body(const httplib::Request& req, httplib::Response& res) {
  std::string type = req.get_header_value("Content-Type");
  if (!type.empty() && type.find("application/json") == std::string::npos) {
    reply_message(res, 415, "Unsupported Media Type", false);
    return std::nullopt;
  }
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    reply_json(res, 400,
               {{"message", "Please specify data in JSON format"},
                {"details", "No content to map due to end-of-input"}});
    return std::nullopt;
  }
  try {
    return json::parse(req.body);
  } catch (const json::parse_error& e) {
    reply_json(res, 400, {{"message", "Invalid JSON"}, {"details", e.what()}});
    return std::nullopt;
  }
}

namespace {

std::string full(const std::string& prefix, const std::string& pattern) { return prefix + pattern; }

}  // namespace

void Routes::get(const std::string& p, Handler h) {
  for (const auto& prefix : prefixes_) server_.Get(full(prefix, p), h);
}
void Routes::post(const std::string& p, Handler h) {
  for (const auto& prefix : prefixes_) server_.Post(full(prefix, p), h);
}
void Routes::put(const std::string& p, Handler h) {
  for (const auto& prefix : prefixes_) server_.Put(full(prefix, p), h);
}
void Routes::patch(const std::string& p, Handler h) {
  for (const auto& prefix : prefixes_) server_.Patch(full(prefix, p), h);
}
void Routes::del(const std::string& p, Handler h) {
  for (const auto& prefix : prefixes_) server_.Delete(full(prefix, p), h);
}

std::optional<std::string> raw_query_param(const httplib::Request& req, const std::string& name) {
  size_t q = req.target.find('?');
  if (q == std::string::npos) return std::nullopt;
  std::string query = req.target.substr(q + 1);
  size_t begin = 0;
  while (begin <= query.size()) {
    size_t end = query.find('&', begin);
    if (end == std::string::npos) end = query.size();
    std::string part = query.substr(begin, end - begin);
    size_t eq = part.find('=');
    if (httplib::detail::decode_url(part.substr(0, eq), true) == name)
      return eq == std::string::npos ? std::string()
                                     : httplib::detail::decode_url(part.substr(eq + 1), true);
    begin = end + 1;
  }
  return std::nullopt;
}

}  // namespace dcos_local
