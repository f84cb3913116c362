// dcos-log v2 component logs, read from the emulated nodes' journals (journal.hpp):
//   /system/v1/logs/v2/component[/<unit>]               the master that got the request
//   /system/v1/leader/mesos/logs/v2/component[/<unit>]  the leading master
//   /system/v1/leader/marathon/logs/v2/component[/<unit>]  the master running the leading
//                                                        Marathon (here the one master)
//   /system/v1/agent/<id>/logs/v2/component[/<unit>]    an agent
// Accept: application/json gives one entry per line, text/event-stream a followed SSE stream
// (id: <cursor>), anything else text lines. Query: filter=FIELD:value (repeatable), cursor (BEG,
// END or a journald cursor; the Last-Event-ID header wins), skip (+N forward, -N back: skip=-N
// is the last N entries), limit. 204 when a non-streaming read selects nothing.
// Also the test hook POST /_dcos_local/drop-log-streams, which ends every open log stream.
#include <chrono>
#include <thread>

#include "local/http_util.hpp"

namespace dcos_local {

namespace {

void reply_text(httplib::Response& res, int status, const std::string& text) {
  res.status = status;
  res.set_content(text, "text/plain; charset=utf-8");
}

// Fills `query` from the request; an error message when a parameter is malformed.
std::optional<std::string> parse_query(const Journal& journal, const httplib::Request& req,
                                       JournalQuery& query) {
  for (size_t i = 0; i < req.get_param_value_count("filter"); ++i) {
    std::string filter = req.get_param_value("filter", i);
    std::vector<std::string> parts = split(filter, ':');
    if (parts.size() != 2)
      return "incorrect filter parameter format, must be ?filter=key:value. Got " + filter;
    std::string field = parts[0];
    for (char& ch : field) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    query.matches.emplace_back(field, parts[1]);
  }
  std::string cursor = req.get_header_value("Last-Event-ID");
  if (cursor.empty()) {
    cursor = req.get_param_value("cursor");
    if (cursor == "BEG") cursor.clear();
    if (cursor == "END") {
      query.at_end = true;
      cursor.clear();
    }
  }
  if (!cursor.empty()) {
    query.after_seq = journal.parse_cursor(cursor);
    if (!query.after_seq) return "unable to open journald: cursor " + cursor + " not found";
  }
  try {
    if (req.has_param("limit")) {
      std::string limit = req.get_param_value("limit");
      if (limit.empty() || limit[0] == '-') throw std::invalid_argument(limit);
      size_t used = 0;
      query.limit = std::stoull(limit, &used);
      if (used != limit.size()) throw std::invalid_argument(limit);
    }
  } catch (const std::exception&) {
    return "unable to parse limit parameter: " + req.get_param_value("limit");
  }
  try {
    // A reconnecting stream resumes right after its last event, whatever the query says.
    if (req.has_param("skip") && req.get_header_value("Last-Event-ID").empty()) {
      std::string skip = req.get_param_value("skip");
      size_t used = 0;
      query.skip = std::stoll(skip, &used);
      if (used != skip.size()) throw std::invalid_argument(skip);
    }
  } catch (const std::exception&) {
    return "unable to parse skip parameter: " + req.get_param_value("skip");
  }
  return std::nullopt;
}

void serve(Cluster& c, const std::string& node, const std::string& unit,
           const httplib::Request& req, httplib::Response& res) {
  JournalQuery query;
  query.node = node;
  query.unit = unit;
  if (auto error = parse_query(c.journal, req, query)) return reply_text(res, 400, *error);
  std::string accept = req.get_header_value("Accept");
  uint64_t newest = c.journal.last_seq();  // before the read: nothing after it is missed
  std::vector<JournalEntry> entries = c.journal.read(query);
  res.set_header("Cache-Control", "no-cache");
  if (accept != "text/event-stream") {
    if (entries.empty()) {
      res.status = 204;
      return;
    }
    std::string body;
    bool as_json = accept == "application/json";
    for (const JournalEntry& e : entries)
      body += as_json ? dump(c.journal.entry_json(e)) + "\n" : c.journal.entry_text(e);
    res.set_content(body, as_json ? "application/json" : "text/plain");
    return;
  }
  // Follow: what the query selected now, then every new matching entry.
  uint64_t after = entries.empty() ? newest : entries.back().seq;
  uint64_t generation = c.log_streams.generation();
  c.log_streams.opened();
  res.set_header("X-Accel-Buffering", "no");
  res.set_chunked_content_provider(
      "text/event-stream",
      [&c, query, entries = std::move(entries), after, generation](
          size_t, httplib::DataSink& sink) mutable {
        if (c.log_streams.generation() != generation) return false;
        if (entries.empty()) entries = c.journal.wait_after(query, after, 200, 1000);
        if (c.log_streams.generation() != generation) return false;
        if (entries.empty()) return sink.is_writable();
        std::string out;
        for (const JournalEntry& e : entries)
          out += "id: " + c.journal.cursor(e) + "\ndata: " + dump(c.journal.entry_json(e)) + "\n\n";
        after = entries.back().seq;
        entries.clear();
        return sink.write(out.data(), out.size());
      },
      [&c](bool) { c.log_streams.closed(); });
}

}  // namespace

void register_component_logs(httplib::Server& server, Cluster& c) {
  auto master = [&c](const httplib::Request& req, httplib::Response& res) {
    serve(c, "master", req.matches[1].matched ? std::string(req.matches[1]) : "", req, res);
  };
  server.Get(R"(/system/v1/logs/v2/component(?:/([^/]+))?)", master);
  server.Get(R"(/system/v1/leader/mesos/logs/v2/component(?:/([^/]+))?)", master);
  server.Get(R"(/system/v1/leader/marathon/logs/v2/component(?:/([^/]+))?)", master);
  server.Get(R"(/system/v1/agent/([0-9a-zA-Z-]+)/logs/v2/component(?:/([^/]+))?)",
             [&c](const httplib::Request& req, httplib::Response& res) {
               std::string id = req.matches[1];
               {
                 std::lock_guard lock(c.mu);
                 if (!c.live_agent(id)) {
                   res.status = 404;
                   res.set_content("404 Not Found: agent `" + id + "` unknown.\n", "text/plain");
                   return;
                 }
               }
               serve(c, id, req.matches[2].matched ? std::string(req.matches[2]) : "", req, res);
             });

  server.Post("/_dcos_local/drop-log-streams",
              [&c](const httplib::Request&, httplib::Response& res) {
                int open = c.log_streams.drop_all();
                c.journal.wake_all();
                reply_json(res, 200, {{"dropped", open}});
              });
}

}  // namespace dcos_local
