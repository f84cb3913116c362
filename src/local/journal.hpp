// The systemd journals of the emulated nodes: what dcos-local itself does (tasks launched and
// killed, status updates, deployments, agent maintenance, HTTP requests to the master) is
// written here as journal entries of the unit a real DC/OS node would log it under
// (dcos-mesos-master.service, dcos-marathon.service, dcos-mesos-slave.service, ...), and the
// component-log API (component_logs.cpp) reads it back the way dcos-log reads journald.
//
// One journal holds every node's entries in one sequence; each entry belongs to one node. The
// journal keeps the newest `capacity` entries. It has its own lock: callers may hold the cluster
// mutex while writing (cluster mutex first, then the journal's), never the other way round.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "local/util.hpp"

namespace dcos_local {

/// syslog priorities as journald stores them.
enum class Priority { error = 3, warning = 4, notice = 5, info = 6 };

struct JournalEntry {
  uint64_t seq = 0;  // journald's "i=" sequence number, unique in this journal
  int64_t realtime_us = 0;
  int64_t monotonic_us = 0;  // since dcos-local started, as since boot on a real node
  uint16_t node = 0;         // index into the journal's nodes
  uint16_t unit = 0;         // index into the journal's units
  bool systemd = false;      // written by systemd about the unit ("Started ...")
  uint8_t priority = 6;
  std::string message;
};

/// What a component-log request selects, in dcos-log v2's terms.
struct JournalQuery {
  std::string node;  // "master" or an agent id
  std::string unit;  // "" = every unit; else entries whose UNIT or _SYSTEMD_UNIT is this
  // FIELD=value matches: values of one field are alternatives, different fields must all match
  // (journald's sd_journal_add_match rules).
  std::vector<std::pair<std::string, std::string>> matches;
  std::optional<uint64_t> after_seq;  // a cursor: start after that entry
  bool at_end = false;                // cursor=END
  int64_t skip = 0;                   // entries to move forward (+) or back (-) from the start
  uint64_t limit = 0;                 // 0 = no limit
};

class Journal {
 public:
  /// `journal_id` is the "s=" part of every cursor; `started_ms` is the monotonic clock's zero.
  Journal(std::string journal_id, int64_t started_ms, size_t capacity = 100000);

  /// Declares a node ("master" or an agent id) with the hostname its entries carry.
  void add_node(const std::string& key, const std::string& hostname);
  /// Appends an entry written by the unit's own process.
  void log(const std::string& node, const std::string& unit, Priority priority,
           std::string message);
  /// Appends an entry systemd writes about the unit (UNIT=<unit>, SYSLOG_IDENTIFIER=systemd).
  void log_systemd(const std::string& node, const std::string& unit, std::string message);

  /// The entries a query selects, oldest first.
  std::vector<JournalEntry> read(const JournalQuery& query) const;
  /// Entries matching `query` (its position fields ignored) with seq > after_seq; waits up to
  /// wait_ms for one to arrive. At most `max` entries.
  std::vector<JournalEntry> wait_after(const JournalQuery& query, uint64_t after_seq, int wait_ms,
                                       size_t max) const;
  /// The seq of the newest entry (0 when empty).
  uint64_t last_seq() const;

  /// journald's cursor text of an entry, and back: nullopt for a malformed cursor or one of
  /// another journal.
  std::string cursor(const JournalEntry& entry) const;
  std::optional<uint64_t> parse_cursor(const std::string& cursor) const;
  /// {"fields":{...},"cursor","monotonic_timestamp","realtime_timestamp"} as dcos-log sends it.
  json entry_json(const JournalEntry& entry) const;
  /// One text line as dcos-log's text/plain format writes it, ending in "\n".
  std::string entry_text(const JournalEntry& entry) const;
  /// Wakes every waiter (for a dropped stream or a shutdown).
  void wake_all() const;

  bool known_node(const std::string& key) const;

 private:
  struct Node {
    std::string key, hostname, boot_id, machine_id;
  };
  uint16_t node_index(const std::string& key);  // caller holds mu_
  uint16_t unit_index(const std::string& unit);
  void append(const std::string& node, const std::string& unit, bool systemd, Priority priority,
              std::string message);
  std::optional<std::string> field(const JournalEntry& e, const std::string& name) const;
  bool selects(const JournalEntry& e, int node, int unit, const JournalQuery& q) const;

  std::string id_;
  int64_t started_ms_;
  size_t capacity_;
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  std::deque<JournalEntry> entries_;
  uint64_t next_seq_ = 1;
  std::vector<Node> nodes_;
  std::map<std::string, uint16_t> node_ids_;
  std::vector<std::string> units_;
  std::map<std::string, uint16_t> unit_ids_;
};

/// The open log streams (task and component SSE) and a way to end them all at once, for clients
/// testing that they reconnect and resume.
class LogStreams {
 public:
  uint64_t generation() const { return generation_; }
  /// Ends every stream open now (each notices within a poll) and returns how many there were.
  int drop_all() {
    ++generation_;
    return open_;
  }
  void opened() { ++open_; }
  void closed() { --open_; }

 private:
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> open_{0};
};

/// The SYSLOG_IDENTIFIER a DC/OS unit's process writes under ("mesos-master", "marathon", ...).
std::string syslog_identifier(const std::string& unit);

}  // namespace dcos_local
