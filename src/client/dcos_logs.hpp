// The DC/OS log API (dcos-log v2, spec mesos-cosmos-api §1.8), through Admin Router:
//   task files   GET /system/v1/logs/v2/task/<task-id>/file/<file>   (the master redirects to
//                the task's agent), plain text or Server-Sent Events;
//   components   GET /system/v1[<route>]/logs/v2/component[/<unit>]  (journald entries, one
//                JSON object per line, or Server-Sent Events).
// Following a log survives dropped connections: it reconnects from the last event it handed
// over (Last-Event-ID), so no line is lost or repeated.
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

struct LogEntry {
  std::string message;    ///< the line itself (a journal entry's MESSAGE)
  std::string cursor;     ///< where the stream resumes after this entry (the event id)
  nlohmann::json record;  ///< the whole journal entry of a component log; null for task files
};

/// What a follow does with what it reads, and when it stops.
struct LogFollow {
  /// Each entry in order; false ends the follow (as a success).
  std::function<bool(const LogEntry&)> on_entry;
  /// Asked about once a second while waiting; false ends the follow (as a success).
  std::function<bool()> keep_going;
  /// The connection broke (or the server closed it); the follow reconnects after this.
  std::function<void(const Error&)> on_reconnect;
  /// Waits between reconnection attempts.
  std::function<void(std::chrono::milliseconds)> sleep;
  int max_failed_reconnects = 10;  ///< attempts in a row that get no data before giving up
};

struct TaskLogQuery {
  std::string task_id;
  std::string file = "stdout";
  long long lines = 10;  ///< the last N lines; 0: the whole file
};

struct ComponentLogQuery {
  std::string route;     ///< "/leader/mesos", "/agent/<agent-id>", or "" for the node answering
  std::string unit;      ///< e.g. "dcos-mesos-master.service"; "" for every unit
  long long lines = 10;  ///< the last N entries; 0: all
  std::vector<std::string> filters;  ///< FIELD:value, all must match
};

class LogClient {
 public:
  /// `http` is a client for Admin Router itself (core.dcos_url).
  explicit LogClient(HttpClient http) : http_(std::move(http)) {}

  /// The last lines of a task's file, as text. Errors: not_found with detail log_api_missing
  /// when the cluster has no log API (404), not_found "no logs found" when the file is not
  /// there (204).
  Result<std::string> task_text(const TaskLogQuery& query);
  /// The task file from byte `cursor` (an event id of a follow) to its current end.
  Result<std::string> task_text_from(const std::string& task_id, const std::string& file,
                                     const std::string& cursor);
  /// Streams the task's file from its last lines on, until `follow` says to stop.
  Status follow_task(const TaskLogQuery& query, LogFollow& follow);

  Result<std::vector<LogEntry>> component(const ComponentLogQuery& query);
  Status follow_component(const ComponentLogQuery& query, LogFollow& follow);

 private:
  Status follow(const std::string& path, const std::string& resume_path, LogFollow& follow,
                bool journal);

  HttpClient http_;
};

}  // namespace dcos
