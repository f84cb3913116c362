// The Mesos v1 scheduler HTTP API, POST /mesos/api/v1/scheduler (and /mesos/master/api/v1/
// scheduler), JSON only: SUBSCRIBE answers with a stream of RecordIO-framed events that stays
// open while the framework is connected; every other call is answered at once (202).
#include "local/http_util.hpp"

namespace dcos_local {

namespace {

constexpr const char* kText = "text/plain; charset=utf-8";

void fail(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(message, kText);
}

bool json_type(const std::string& header) {
  return header == "application/json" || starts_with(header, "application/json;");
}

bool accepts_json(const httplib::Request& req) {
  if (!req.has_header("Accept")) return true;
  for (std::string part : split(req.get_header_value("Accept"), ',')) {
    part = part.substr(0, part.find(';'));
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (part == "application/json" || part == "*/*" || part == "application/*") return true;
  }
  return false;
}

void subscribe(Cluster& c, const json& call, httplib::Response& res) {
  const json& body = call.value("subscribe", json::object());
  Cluster::Subscription sub;
  {
    std::lock_guard lock(c.mu);
    sub = c.subscribe(body.is_object() ? body.value("framework_info", json()) : json());
  }
  if (sub.result.status != 200) return fail(res, sub.result.status, sub.result.message);
  res.status = 200;
  res.set_header("Mesos-Stream-Id", sub.stream_id);
  res.set_header("X-Accel-Buffering", "no");
  auto stream = sub.stream;
  res.set_chunked_content_provider(
      "application/json",
      [stream](size_t, httplib::DataSink& sink) {
        bool closed = false;
        std::string out;
        for (const std::string& r : stream->take(200, closed)) out += r;
        if (!out.empty() && !sink.write(out.data(), out.size())) return false;
        if (closed) {
          sink.done();
          return true;
        }
        return sink.is_writable();
      },
      [&c, id = sub.framework_id, stream_id = sub.stream_id](bool) {
        std::lock_guard lock(c.mu);
        c.disconnect_framework(id, stream_id);
      });
}

}  // namespace

void register_scheduler_api(httplib::Server& server, Cluster& c) {
  Handler handler = [&c](const httplib::Request& req, httplib::Response& res) {
    if (!json_type(req.get_header_value("Content-Type")))
      return fail(res, 415,
                  "Expecting 'Content-Type' of application/json (dcos-local speaks no "
                  "protobuf)");
    json call = json::parse(req.body, nullptr, false);
    if (call.is_discarded() || !call.is_object() || !call.value("type", json()).is_string())
      return fail(res, 400,
                  "Failed to parse body into Call protobuf: expected a JSON object with a string "
                  "'type'");
    if (call["type"] == "SUBSCRIBE") {
      if (!accepts_json(req)) return fail(res, 406, "Expecting 'Accept' to allow application/json");
      return subscribe(c, call, res);
    }
    std::optional<std::string> stream;
    if (req.has_header("Mesos-Stream-Id")) stream = req.get_header_value("Mesos-Stream-Id");
    CallResult result;
    {
      std::lock_guard lock(c.mu);
      result = c.framework_call(call, stream);
    }
    if (result.message.empty())
      res.status = result.status;
    else
      fail(res, result.status, result.message);
  };
  for (const char* path : {"/mesos/api/v1/scheduler", "/mesos/master/api/v1/scheduler"})
    server.Post(path, handler);
}

}  // namespace dcos_local
