#include "client/dcos_logs.hpp"

#include <algorithm>

#include "client/sse.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string task_path(const std::string& task_id, const std::string& file) {
  return "/system/v1/logs/v2/task/" + percent_encode(task_id) + "/file/" + percent_encode(file);
}

std::string component_path(const ComponentLogQuery& query) {
  std::string path = "/system/v1" + query.route + "/logs/v2/component";
  if (!query.unit.empty()) path += "/" + percent_encode(query.unit);
  return path;
}

std::string filter_query(const std::vector<std::string>& filters) {
  std::string query;
  for (const auto& filter : filters) query += "&filter=" + percent_encode(filter, ":");
  return query;
}

/// A 404 from the log API means there is none (an unknown task is a 500 or a 204 there).
Error log_error(const Error& error, const std::string& what) {
  if (error.kind != ErrorKind::not_found) return error;
  return Error::detailed(ErrorKind::not_found,
                         "the cluster has no DC/OS log API (HTTP 404 for " + what + ")",
                         ErrorDetail::log_api_missing);
}

Error no_logs(const std::string& what) {
  return Error::make(ErrorKind::not_found, "no logs found for " + what);
}

/// How errors name a component log: "dcos-mesos-master.service on leader/mesos".
std::string component_name(const ComponentLogQuery& query) {
  const std::string node = query.route.empty() ? "the master" : query.route.substr(1);
  return (query.unit.empty() ? "the journal" : query.unit) + " on " + node;
}

/// skip=-N for the last N entries; skip=0 (from the start) for all of them.
std::string skip_query(long long lines) {
  return lines > 0 ? "skip=-" + std::to_string(lines) : std::string("skip=0");
}

std::string string_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long integer_at(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

/// A log entry from one dcos-log journal entry.
LogEntry journal_entry(json record) {
  LogEntry entry;
  entry.journal = JournalRecord::from_entry(record);
  entry.message = entry.journal.message;
  entry.cursor = entry.journal.cursor;
  entry.record = std::move(record);
  return entry;
}

}  // namespace

JournalRecord JournalRecord::from_entry(const json& entry) {
  JournalRecord view;
  if (!entry.is_object()) return view;
  view.cursor = string_at(entry, "cursor");
  view.monotonic_us = integer_at(entry, "monotonic_timestamp");
  view.realtime_us = integer_at(entry, "realtime_timestamp");
  auto fields = entry.find("fields");
  if (fields == entry.end() || !fields->is_object()) return view;
  view.message = string_at(*fields, "MESSAGE");
  view.priority = string_at(*fields, "PRIORITY");
  view.syslog_facility = string_at(*fields, "SYSLOG_FACILITY");
  view.syslog_identifier = string_at(*fields, "SYSLOG_IDENTIFIER");
  view.pid = string_at(*fields, "_PID");
  view.boot_id = string_at(*fields, "_BOOT_ID");
  view.hostname = string_at(*fields, "_HOSTNAME");
  view.machine_id = string_at(*fields, "_MACHINE_ID");
  view.transport = string_at(*fields, "_TRANSPORT");
  return view;
}

Result<std::string> LogClient::task_text(const TaskLogQuery& query) {
  const std::string what = "task '" + query.task_id + "' (" + query.file + ")";
  std::string path = task_path(query.task_id, query.file);
  path += query.lines > 0 ? "?cursor=END&skip=-" + std::to_string(query.lines) : "?cursor=BEG";
  auto response = http_.get(path, {{"Accept", "text/plain"}});
  if (!response) return log_error(response.error(), what);
  if (response->status == 204) return no_logs(what);
  return std::move(response->body);
}

Result<std::string> LogClient::task_text_from(const std::string& task_id, const std::string& file,
                                              const std::string& cursor) {
  const std::string what = "task '" + task_id + "' (" + file + ")";
  auto response = http_.get(task_path(task_id, file) + "?cursor=" + percent_encode(cursor),
                            {{"Accept", "text/plain"}});
  if (!response) return log_error(response.error(), what);
  if (response->status == 204) return std::string();
  return std::move(response->body);
}

Status LogClient::follow_task(const TaskLogQuery& query, LogFollow& follow) {
  const std::string path = task_path(query.task_id, query.file);
  const std::string first =
      path + (query.lines > 0 ? "?cursor=END&skip=-" + std::to_string(query.lines)
                              : std::string("?cursor=BEG"));
  return this->follow(first, path + "?cursor=", follow, false,
                      "task '" + query.task_id + "' (" + query.file + ")");
}

Result<std::vector<LogEntry>> LogClient::component(const ComponentLogQuery& query) {
  const std::string what = component_name(query);
  const std::string path =
      component_path(query) + "?" + skip_query(query.lines) + filter_query(query.filters);
  auto response = http_.get(path, {{"Accept", "application/json"}});
  if (!response) return log_error(response.error(), what);
  if (response->status == 204) return no_logs(what);
  std::vector<LogEntry> entries;
  for (const auto& line : split(response->body, '\n')) {
    if (trim(line).empty()) continue;
    auto record = json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object())
      return Error::make(ErrorKind::server,
                         "the log API answered a line that is not a JSON entry: " + line);
    entries.push_back(journal_entry(std::move(record)));
  }
  return entries;
}

Status LogClient::follow_component(const ComponentLogQuery& query, LogFollow& follow) {
  const std::string path = component_path(query);
  const std::string filters = filter_query(query.filters);
  const std::string first = path + "?" + skip_query(query.lines) + filters;
  // A journal resumes from the Last-Event-ID header alone.
  const std::string resume = filters.empty() ? path : path + "?" + filters.substr(1);
  return this->follow(first, resume, follow, true, component_name(query));
}

Status LogClient::follow(const std::string& path, const std::string& resume_path, LogFollow& follow,
                         bool journal, const std::string& what) {
  std::string last_id;
  int failures = 0;
  std::chrono::milliseconds backoff{250};
  for (;;) {
    bool got_data = false, stopped = false;
    SseParser parser([&](const SseEvent& event) {
      LogEntry entry;
      auto record = json::parse(event.data, nullptr, false);
      if (!record.is_discarded() && record.is_object()) {
        if (journal) {
          entry = journal_entry(std::move(record));
        } else if (auto fields = record.find("fields");
                   fields != record.end() && fields->is_object()) {
          entry.message = string_at(*fields, "MESSAGE");
        }
      } else {
        entry.message = event.data;  // not JSON: the data is the line itself
      }
      entry.cursor = event.id;
      if (!event.id.empty()) last_id = event.id;
      got_data = true;
      if (!follow.on_entry(entry)) stopped = true;
      return !stopped;
    });
    ResponseSink sink;
    sink.on_data = [&](std::string_view piece) { return parser.feed(piece); };
    sink.keep_going = [&] {
      if (follow.keep_going && !follow.keep_going()) stopped = true;
      return !stopped;
    };
    Headers headers = {{"Accept", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    std::string url = path;
    if (!last_id.empty()) {
      headers.emplace_back("Last-Event-ID", last_id);
      url = journal ? resume_path : resume_path + percent_encode(last_id);
    }
    auto response = http_.stream("GET", url, sink, headers);
    if (stopped) return Status::success();
    Error dropped = Error::make(ErrorKind::network, "the log stream ended");
    if (!response) {
      const Error& error = response.error();
      if (error.kind == ErrorKind::cancelled) return error;
      if (!error.transient && error.kind != ErrorKind::network && error.kind != ErrorKind::server)
        return log_error(error, what);
      dropped = error;
    } else if (response->status == 204 && !journal && last_id.empty()) {
      // The file is not there yet (a task just starting): wait for it like for new lines.
      dropped = Error::make(ErrorKind::not_found, "no log file yet");
    }
    if (follow.keep_going && !follow.keep_going()) return Status::success();
    failures = got_data ? 0 : failures + 1;
    if (got_data) backoff = std::chrono::milliseconds(250);
    if (failures > follow.max_failed_reconnects) return dropped;
    if (follow.on_reconnect) follow.on_reconnect(dropped);
    if (follow.sleep) follow.sleep(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(4000));
  }
}

}  // namespace dcos
