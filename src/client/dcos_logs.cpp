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

}  // namespace

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
  return this->follow(first, path + "?cursor=", follow, false);
}

Result<std::vector<LogEntry>> LogClient::component(const ComponentLogQuery& query) {
  const std::string what = "the component log " + (query.unit.empty() ? "" : query.unit);
  const std::string path = component_path(query) + "?skip=-" +
                           std::to_string(std::max(0LL, query.lines)) + filter_query(query.filters);
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
    LogEntry entry;
    if (auto fields = record.find("fields"); fields != record.end() && fields->is_object())
      if (auto message = fields->find("MESSAGE"); message != fields->end() && message->is_string())
        entry.message = message->get<std::string>();
    if (auto cursor = record.find("cursor"); cursor != record.end() && cursor->is_string())
      entry.cursor = cursor->get<std::string>();
    entry.record = std::move(record);
    entries.push_back(std::move(entry));
  }
  return entries;
}

Status LogClient::follow_component(const ComponentLogQuery& query, LogFollow& follow) {
  const std::string path = component_path(query);
  const std::string filters = filter_query(query.filters);
  const std::string first = path + "?skip=-" + std::to_string(std::max(0LL, query.lines)) + filters;
  // A journal resumes from the Last-Event-ID header alone.
  return this->follow(first, path + "?" + (filters.empty() ? "" : filters.substr(1)), follow, true);
}

Status LogClient::follow(const std::string& path, const std::string& resume_path, LogFollow& follow,
                         bool journal) {
  std::string last_id;
  int failures = 0;
  std::chrono::milliseconds backoff{250};
  for (;;) {
    bool got_data = false, stopped = false;
    SseParser parser([&](const SseEvent& event) {
      LogEntry entry;
      entry.cursor = event.id;
      auto record = json::parse(event.data, nullptr, false);
      if (!record.is_discarded() && record.is_object()) {
        if (auto fields = record.find("fields"); fields != record.end() && fields->is_object())
          if (auto message = fields->find("MESSAGE");
              message != fields->end() && message->is_string())
            entry.message = message->get<std::string>();
        if (journal) entry.record = std::move(record);
      } else {
        entry.message = event.data;  // not JSON: the data is the line itself
      }
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
        return log_error(error, "the followed log");
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
