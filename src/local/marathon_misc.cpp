// Marathon /v2/info, /v2/leader, /ping, /v2/plugins, /metrics and the /v2/events stream.
#include "local/http_util.hpp"
#include "local/views.hpp"

namespace dcos_local {

namespace {

const std::vector<std::string> kMarathon = {"/service/marathon", "/marathon"};

}  // namespace

void register_marathon_misc(httplib::Server& server, Cluster& c) {
  Routes r(server, kMarathon);
  r.get("/v2/info", [&c](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    reply_json(res, 200, marathon_info(c, req.get_header_value("Host")));
  });
  r.get("/v2/leader", [](const httplib::Request& req, httplib::Response& res) {
    reply_json(res, 200, {{"leader", req.get_header_value("Host")}});
  });
  r.del("/v2/leader", [](const httplib::Request&, httplib::Response& res) {
    // One Marathon: it abdicates and is at once elected again.
    reply_message(res, 200, "Leadership abdicated", true);
  });
  r.get("/ping", [](const httplib::Request& req, httplib::Response& res) {
    std::string accept = req.get_header_value("Accept");
    if (accept == "application/json") return reply_json(res, 200, "pong");
    res.set_content("pong\n", "text/plain");
  });
  r.get("/v2/plugins", [](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200, {{"plugins", json::array()}});
  });
  r.get(R"(/v2/plugins/([^/]+).*)", [](const httplib::Request& req, httplib::Response& res) {
    reply_message(res, 404, "No plugin with this pluginId: " + std::string(req.matches[1]), true);
  });
  r.get("/metrics", [&c](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(c.mu);
    json gauges = {{"marathon.apps.active.gauge", {{"value", c.apps.size()}}},
                   {"marathon.instances.running.gauge", {{"value", c.tasks.size()}}},
                   {"marathon.deployments.active.gauge", {{"value", c.deployments.size()}}}};
    reply_json(res, 200,
               {{"version", "4.0.0"},
                {"counters", json::object()},
                {"gauges", gauges},
                {"histograms", json::object()},
                {"meters", json::object()},
                {"timers", json::object()}});
  });

  r.get("/v2/events", [&c](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Accept") != "text/event-stream") {
      res.status = 405;
      res.set_content(
          "<html><body><h2>HTTP ERROR 405</h2><p>HTTP method GET is not supported by this "
          "URL</p></body></html>",
          "text/html;charset=iso-8859-1");
      return;
    }
    std::set<std::string> types;
    for (size_t i = 0; i < req.get_param_value_count("event_type"); ++i)
      types.insert(req.get_param_value("event_type", i));
    auto sub = c.events().subscribe(types);
    std::string attached = "event: event_stream_attached\r\ndata: " +
                           dump({{"remoteAddress", req.remote_addr},
                                 {"eventType", "event_stream_attached"},
                                 {"timestamp", iso_time(now_ms())}}) +
                           "\r\n\r\n";
    if (!types.empty() && !types.count("event_stream_attached")) attached.clear();
    EventBus& bus = c.events();
    res.set_header("Cache-Control", "no-cache, no-store, must-revalidate");
    res.set_chunked_content_provider(
        "text/event-stream;charset=UTF-8",
        [&bus, sub, attached, first = true](size_t, httplib::DataSink& sink) mutable {
          if (first && !attached.empty()) {
            first = false;
            if (!sink.write(attached.data(), attached.size())) return false;
          }
          std::vector<std::string> frames = bus.take(sub, 10000);
          if (sub->closed) {
            sink.done();
            return true;
          }
          if (frames.empty()) frames.push_back("\r\n");  // heartbeat, as Jetty sends
          for (const std::string& f : frames)
            if (!sink.write(f.data(), f.size())) return false;
          return true;
        },
        [&bus, sub](bool) { bus.unsubscribe(sub); });
  });
}

}  // namespace dcos_local
