// The DC/OS log API (dcos-log v2, spec mesos-cosmos-api §1.8), through Admin Router:
//   task files   GET /system/v1/logs/v2/task/<task-id>/file/<file>   (the master redirects to
//                the task's agent), plain text or Server-Sent Events;
//   components   GET /system/v1[<route>]/logs/v2/component[/<unit>]  (journald entries, one
//                JSON object per line, or Server-Sent Events); each entry comes with a typed view
//                of the journal fields the CLI prints (JournalRecord).
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

/// The fields of a journald entry that the log formats print (dcos-log's entry: `fields`
/// holds the journal fields as strings, beside `cursor` and the two timestamps). A field the
/// entry lacks, or holds as anything but a string, is "".
struct JournalRecord {
  std::string cursor;
  long long monotonic_us = 0;  ///< `monotonic_timestamp`: microseconds since the node booted
  long long realtime_us = 0;   ///< `realtime_timestamp`: microseconds since the epoch
  std::string message;         ///< MESSAGE
  std::string priority;        ///< PRIORITY, "0" (emergency) to "7" (debug)
  std::string syslog_facility;
  std::string syslog_identifier;
  std::string pid;  ///< _PID
  std::string boot_id;
  std::string hostname;
  std::string machine_id;
  std::string transport;

  /// The view of a dcos-log entry (`{"fields":{...},"cursor":...}`).
  static JournalRecord from_entry(const nlohmann::json& entry);
};

struct LogEntry {
  std::string message;    ///< the line itself (a journal entry's MESSAGE)
  std::string cursor;     ///< where the stream resumes after this entry (the event id)
  nlohmann::json record;  ///< the whole journal entry of a component log; null for task files
  JournalRecord journal;  ///< the typed view of `record` (empty for task files)
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
  /// "/leader/mesos" (the leading Mesos master), "/leader/marathon" (the master where the
  /// leading Marathon runs), "/agent/<agent-id>", or "" for the master Admin Router picks.
  std::string route;
  std::string unit;                  ///< e.g. "dcos-mesos-master.service"; "" for every unit
  long long lines = 10;              ///< the last N entries; 0: all
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

  /// The last entries of a node's journal (all of them when `lines` is 0), oldest first.
  /// Errors: not_found with detail log_api_missing on 404, not_found "no logs found for …" on
  /// 204 (nothing matched), a server Error for a line that is not a JSON entry.
  Result<std::vector<LogEntry>> component(const ComponentLogQuery& query);
  /// Streams the journal from its last `lines` entries on, reconnecting from the last entry
  /// handed over, until `follow` says to stop.
  Status follow_component(const ComponentLogQuery& query, LogFollow& follow);

 private:
  /// `what` names the log in errors.
  Status follow(const std::string& path, const std::string& resume_path, LogFollow& follow,
                bool journal, const std::string& what);

  HttpClient http_;
};

}  // namespace dcos
