#include "local/journal.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace dcos_local {

namespace {

uint64_t fnv(const std::string& text, uint64_t seed = 14695981039346656037ULL) {
  uint64_t h = seed;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::string hex(uint64_t value, int width = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llx", width, static_cast<unsigned long long>(value));
  return buf;
}

// A stable 128-bit id in journald's text form (32 hex digits) derived from `text`.
std::string id128(const std::string& text) {
  return hex(fnv(text), 16) + hex(fnv(text, 0x9e3779b97f4a7c15ULL), 16);
}

}  // namespace

std::string syslog_identifier(const std::string& unit) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"dcos-mesos-master.service", "mesos-master"},
      {"dcos-mesos-slave.service", "mesos-agent"},
      {"dcos-mesos-slave-public.service", "mesos-agent"},
      {"dcos-marathon.service", "marathon"},
      {"dcos-adminrouter.service", "nginx"},
      {"dcos-adminrouter-agent.service", "nginx"},
      {"dcos-mesos-dns.service", "mesos-dns"},
      {"dcos-log-master.service", "dcos-log"},
      {"dcos-log-agent.service", "dcos-log"},
      {"dcos-diagnostics.service", "dcos-diagnostics"},
      {"dcos-net.service", "dcos-net"},
      {"dcos-metrics-master.service", "dcos-metrics"},
      {"dcos-metrics-agent.service", "dcos-metrics"},
  };
  for (const auto& [name, id] : kNames)
    if (unit == name) return id;
  std::string out = unit;
  if (ends_with(out, ".service")) out.resize(out.size() - 8);
  return out;
}

Journal::Journal(std::string journal_id, int64_t started_ms, size_t capacity)
    : id_(std::move(journal_id)), started_ms_(started_ms), capacity_(capacity) {}

void Journal::add_node(const std::string& key, const std::string& hostname) {
  std::lock_guard lock(mu_);
  uint16_t index = node_index(key);
  Node& node = nodes_[index];
  node.hostname = hostname;
}

uint16_t Journal::node_index(const std::string& key) {
  auto it = node_ids_.find(key);
  if (it != node_ids_.end()) return it->second;
  auto index = static_cast<uint16_t>(nodes_.size());
  nodes_.push_back({key, key, id128(id_ + "/boot/" + key), id128(id_ + "/machine/" + key)});
  node_ids_.emplace(key, index);
  return index;
}

uint16_t Journal::unit_index(const std::string& unit) {
  auto it = unit_ids_.find(unit);
  if (it != unit_ids_.end()) return it->second;
  auto index = static_cast<uint16_t>(units_.size());
  units_.push_back(unit);
  unit_ids_.emplace(unit, index);
  return index;
}

void Journal::log(const std::string& node, const std::string& unit, Priority priority,
                  std::string message) {
  append(node, unit, false, priority, std::move(message));
}

void Journal::log_systemd(const std::string& node, const std::string& unit, std::string message) {
  append(node, unit, true, Priority::info, std::move(message));
}

void Journal::append(const std::string& node, const std::string& unit, bool systemd,
                     Priority priority, std::string message) {
  int64_t now = now_ms();
  std::lock_guard lock(mu_);
  JournalEntry e;
  e.seq = next_seq_++;
  e.realtime_us = now * 1000;
  e.monotonic_us = (now - started_ms_) * 1000 + 1;
  e.node = node_index(node);
  e.unit = unit_index(unit);
  e.systemd = systemd;
  e.priority = static_cast<uint8_t>(priority);
  e.message = std::move(message);
  entries_.push_back(std::move(e));
  while (entries_.size() > capacity_) entries_.pop_front();
  cv_.notify_all();
}

std::optional<std::string> Journal::field(const JournalEntry& e, const std::string& name) const {
  const Node& node = nodes_[e.node];
  const std::string& unit = units_[e.unit];
  if (name == "MESSAGE") return e.message;
  if (name == "PRIORITY") return std::to_string(e.priority);
  if (name == "SYSLOG_FACILITY") return std::string("3");  // daemon
  if (name == "SYSLOG_IDENTIFIER") return e.systemd ? "systemd" : syslog_identifier(unit);
  if (name == "_PID") return e.systemd ? std::string("1") : std::to_string(::getpid());
  if (name == "_HOSTNAME") return node.hostname;
  if (name == "_SYSTEMD_UNIT") return e.systemd ? std::string("init.scope") : unit;
  if (name == "UNIT") return e.systemd ? std::optional<std::string>(unit) : std::nullopt;
  if (name == "_TRANSPORT") return std::string(e.systemd ? "journal" : "stdout");
  if (name == "_BOOT_ID") return node.boot_id;
  if (name == "_MACHINE_ID") return node.machine_id;
  if (name == "_UID" || name == "_GID") return std::string("0");
  if (name == "_COMM") return e.systemd ? std::string("systemd") : syslog_identifier(unit);
  return std::nullopt;
}

bool Journal::selects(const JournalEntry& e, int node, int unit, const JournalQuery& q) const {
  if (e.node != node) return false;
  if (unit == -2) return false;  // a unit this journal never saw
  if (unit >= 0 && e.unit != unit) return false;
  // One field's values are alternatives; every field named must match one of its values.
  for (size_t i = 0; i < q.matches.size(); ++i) {
    const std::string& name = q.matches[i].first;
    bool first_of_field = true;
    for (size_t j = 0; j < i; ++j)
      if (q.matches[j].first == name) first_of_field = false;
    if (!first_of_field) continue;
    std::optional<std::string> value = field(e, name);
    bool any = false;
    for (size_t j = i; j < q.matches.size() && !any; ++j)
      if (q.matches[j].first == name && value && *value == q.matches[j].second) any = true;
    if (!any) return false;
  }
  return true;
}

std::vector<JournalEntry> Journal::read(const JournalQuery& q) const {
  std::lock_guard lock(mu_);
  auto node = node_ids_.find(q.node);
  if (node == node_ids_.end()) return {};
  int unit = -1;
  if (!q.unit.empty()) {
    auto u = unit_ids_.find(q.unit);
    unit = u == unit_ids_.end() ? -2 : u->second;
  }
  std::vector<const JournalEntry*> matching;
  for (const JournalEntry& e : entries_)
    if (selects(e, node->second, unit, q)) matching.push_back(&e);
  size_t pos = 0;
  if (q.after_seq) {
    while (pos < matching.size() && matching[pos]->seq <= *q.after_seq) ++pos;
  } else if (q.at_end || q.skip < 0) {
    pos = matching.size();  // a backward skip without a cursor counts from the tail
  }
  if (q.skip > 0) pos = std::min(matching.size(), pos + static_cast<size_t>(q.skip));
  if (q.skip < 0) {
    auto back = static_cast<size_t>(-q.skip);
    pos = back >= pos ? 0 : pos - back;
  }
  std::vector<JournalEntry> out;
  for (; pos < matching.size() && (q.limit == 0 || out.size() < q.limit); ++pos)
    out.push_back(*matching[pos]);
  return out;
}

std::vector<JournalEntry> Journal::wait_after(const JournalQuery& q, uint64_t after_seq,
                                              int wait_ms, size_t max) const {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { return next_seq_ - 1 > after_seq; });
  std::vector<JournalEntry> out;
  auto node = node_ids_.find(q.node);
  if (node == node_ids_.end() || entries_.empty()) return out;
  int unit = -1;
  if (!q.unit.empty()) {
    auto u = unit_ids_.find(q.unit);
    unit = u == unit_ids_.end() ? -2 : u->second;
  }
  // Sequence numbers are contiguous in the deque: start at the first one past after_seq.
  uint64_t first = entries_.front().seq;
  size_t start = after_seq + 1 <= first ? 0 : static_cast<size_t>(after_seq + 1 - first);
  for (size_t i = start; i < entries_.size() && out.size() < max; ++i)
    if (selects(entries_[i], node->second, unit, q)) out.push_back(entries_[i]);
  return out;
}

uint64_t Journal::last_seq() const {
  std::lock_guard lock(mu_);
  return next_seq_ - 1;
}

std::string Journal::cursor(const JournalEntry& e) const {
  std::string boot;
  {
    std::lock_guard lock(mu_);
    boot = nodes_[e.node].boot_id;
  }
  std::string text = "s=" + id_ + ";i=" + hex(e.seq) + ";b=" + boot +
                     ";m=" + hex(static_cast<uint64_t>(e.monotonic_us)) +
                     ";t=" + hex(static_cast<uint64_t>(e.realtime_us));
  return text + ";x=" + hex(fnv(text));
}

std::optional<uint64_t> Journal::parse_cursor(const std::string& cursor) const {
  std::optional<uint64_t> seq;
  bool ours = false;
  for (const std::string& part : split(cursor, ';')) {
    if (starts_with(part, "s=")) ours = part.substr(2) == id_;
    if (starts_with(part, "i=")) {
      std::string digits = part.substr(2);
      if (digits.empty() || digits.size() > 16 ||
          digits.find_first_not_of("0123456789abcdef") != std::string::npos)
        return std::nullopt;
      seq = std::stoull(digits, nullptr, 16);
    }
  }
  if (!ours) return std::nullopt;
  return seq;
}

json Journal::entry_json(const JournalEntry& e) const {
  json fields = json::object();
  {
    std::lock_guard lock(mu_);
    for (const char* name : {"MESSAGE", "PRIORITY", "SYSLOG_FACILITY", "SYSLOG_IDENTIFIER", "UNIT",
                             "_BOOT_ID", "_COMM", "_GID", "_HOSTNAME", "_MACHINE_ID", "_PID",
                             "_SYSTEMD_UNIT", "_TRANSPORT", "_UID"})
      if (auto value = field(e, name)) fields[name] = *value;
  }
  return {{"fields", fields},
          {"cursor", cursor(e)},
          {"monotonic_timestamp", e.monotonic_us},
          {"realtime_timestamp", e.realtime_us}};
}

std::string Journal::entry_text(const JournalEntry& e) const {
  std::time_t seconds = static_cast<std::time_t>(e.realtime_us / 1000000);
  std::tm tm{};
  localtime_r(&seconds, &tm);
  char date[64];
  std::strftime(date, sizeof date, "%a %b %e %H:%M:%S %Y", &tm);
  std::lock_guard lock(mu_);
  return std::string(date) + " " + *field(e, "_HOSTNAME") + " " + *field(e, "SYSLOG_IDENTIFIER") +
         "[" + *field(e, "_PID") + "]: " + e.message + "\n";
}

void Journal::wake_all() const { cv_.notify_all(); }

bool Journal::known_node(const std::string& key) const {
  std::lock_guard lock(mu_);
  return node_ids_.count(key) > 0;
}

}  // namespace dcos_local
