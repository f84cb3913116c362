// The master's side of frameworks that subscribe through the v1 scheduler API: subscription,
// disconnection and failover, teardown, and the allocator (offers, rescinds, heartbeats), which
// runs from the scheduler tick. The calls a subscribed framework makes are in
// framework_calls.cpp.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>

#include "local/cluster.hpp"
#include "local/recordio.hpp"

namespace dcos_local {

namespace fs = std::filesystem;

namespace {

// The lowest cpus and mem Mesos's allocator offers (--min_allocatable_resources).
constexpr double kMinCpus = 0.01, kMinMem = 32;
// Every agent offers these ports besides its own range (contract B: fixed ports of services).
constexpr int kFixedPortsBegin = 7000, kFixedPortsEnd = 10000;
constexpr size_t kMaxCompletedFrameworks = 50;

json id_of(const std::string& value) { return {{"value", value}}; }

// The ports of the ranges that `used` does not hold.
PortRanges free_ports(const PortRanges& all, const std::set<int>& used) {
  PortRanges out;
  for (auto [begin, end] : all) {
    int start = begin;
    for (auto it = used.lower_bound(begin); it != used.end() && *it <= end; ++it) {
      if (*it > start) out.emplace_back(start, *it - 1);
      start = *it + 1;
    }
    if (start <= end) out.emplace_back(start, end);
  }
  return out;
}

}  // namespace

void FrameworkStream::push(const json& event) {
  std::lock_guard lock(mu_);
  if (closed_) return;
  records_.push_back(record(dump(event)));
  cv_.notify_all();
}

std::vector<std::string> FrameworkStream::take(int wait_ms, bool& closed) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(wait_ms),
               [&] { return !records_.empty() || closed_; });
  std::vector<std::string> out(records_.begin(), records_.end());
  records_.clear();
  closed = closed_;
  return out;
}

void FrameworkStream::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  cv_.notify_all();
}

std::vector<int> expand_ranges(const PortRanges& ranges, size_t limit) {
  std::vector<int> out;
  for (auto [begin, end] : ranges)
    for (int p = begin; p <= end && out.size() < limit; ++p) out.push_back(p);
  return out;
}

PortRanges to_ranges(std::vector<int> ports) {
  std::sort(ports.begin(), ports.end());
  PortRanges out;
  for (int p : ports) {
    if (!out.empty() && out.back().second + 1 >= p)
      out.back().second = std::max(out.back().second, p);
    else
      out.emplace_back(p, p);
  }
  return out;
}

json resources_v1(const Resources& r) {
  json out = json::array();
  auto scalar = [&out](const char* name, double value) {
    out.push_back(
        {{"name", name}, {"type", "SCALAR"}, {"scalar", {{"value", value}}}, {"role", "*"}});
  };
  scalar("cpus", r.cpus);
  scalar("mem", r.mem);
  scalar("disk", r.disk);
  if (!r.ports.empty()) {
    json ranges = json::array();
    for (auto [begin, end] : r.ports) ranges.push_back({{"begin", begin}, {"end", end}});
    out.push_back(
        {{"name", "ports"}, {"type", "RANGES"}, {"ranges", {{"range", ranges}}}, {"role", "*"}});
  }
  return out;
}

Resources resources_from_v1(const json& list) {
  Resources r;
  if (!list.is_array()) return r;
  for (const json& item : list) {
    if (!item.is_object()) continue;
    std::string name = item.value("name", "");
    if (item.contains("scalar") && item["scalar"].is_object()) {
      double v = item["scalar"].value("value", 0.0);
      if (name == "cpus") r.cpus += v;
      if (name == "mem") r.mem += v;
      if (name == "disk") r.disk += v;
    } else if (name == "ports" && item.contains("ranges") && item["ranges"].is_object()) {
      for (const json& range : item["ranges"].value("range", json::array()))
        if (range.is_object())
          r.ports.emplace_back(range.value("begin", 0), range.value("end", -1));
    }
  }
  return r;
}

std::vector<std::pair<std::string, std::string>> Cluster::local_env() const {
  std::error_code ec;
  std::string state = (fs::path(work_dir) / "state").string();
  fs::create_directories(state, ec);
  std::string bin = fs::read_symlink("/proc/self/exe", ec).string();
  std::vector<std::pair<std::string, std::string>> env = {
      {"DCOS_LOCAL_MASTER", master_url},
      {"DCOS_LOCAL_BIN", bin},
      {"DCOS_LOCAL_STATE", state},
      {"DCOS_LOCAL_TIME_SCALE", json(options_.time_scale).dump()}};
  if (options_.auth) env.emplace_back("DCOS_LOCAL_TOKEN", task_token);
  return env;
}

const Framework* Cluster::find_framework(const std::string& id) const {
  if (auto it = frameworks.find(id); it != frameworks.end()) return &it->second;
  for (auto it = completed_frameworks.rbegin(); it != completed_frameworks.rend(); ++it)
    if (it->id == id) return &*it;
  return nullptr;
}

std::vector<std::string> Cluster::framework_ids_named(const std::string& name) const {
  std::vector<std::string> ids;
  for (const auto& [id, f] : frameworks)
    if (f.name == name) ids.push_back(id);
  return ids;
}

Cluster::Subscription Cluster::subscribe(const json& info) {
  Subscription out;
  if (!info.is_object() || !info.value("name", json()).is_string() ||
      !info.value("user", json()).is_string()) {
    out.result = {400,
                  "Failed to validate scheduler::Call: Expecting 'subscribe.framework_info' with "
                  "a string 'user' and 'name'"};
    return out;
  }
  std::string id;
  if (info.contains("id") && info["id"].is_object()) id = info["id"].value("value", "");
  for (const Framework& done : completed_frameworks)
    if (!id.empty() && done.id == id) {
      out.result = {403, "Framework has been removed"};
      return out;
    }
  if (id == framework_id) {
    out.result = {403, "Framework " + id + " is dcos-local's Marathon"};
    return out;
  }
  int64_t now = now_ms();
  bool known = !id.empty() && frameworks.count(id);
  if (id.empty()) {
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%04d", next_framework_++);
    id = master_id + suffix;
  }
  Framework& f = frameworks[id];
  if (known && f.stream) {
    // A second subscription takes over: the old connection hears why and ends.
    f.stream->push({{"type", "ERROR"}, {"error", {{"message", "Framework failed over"}}}});
    f.stream->close();
  }
  f.id = id;
  f.name = info["name"];
  f.user = info["user"];
  f.principal = info.value("principal", "");
  f.role = info.value("role", "*");
  if (info.contains("roles") && info["roles"].is_array() && !info["roles"].empty() &&
      info["roles"][0].is_string())
    f.role = info["roles"][0];
  f.hostname = info.value("hostname", "127.0.0.1");
  f.webui_url = info.value("webui_url", "");
  f.failover_timeout = info.value("failover_timeout", 0.0);
  f.checkpoint = info.value("checkpoint", false);
  if (info.contains("capabilities") && info["capabilities"].is_array())
    f.capabilities = info["capabilities"];
  if (info.contains("labels") && info["labels"].is_object())
    f.labels = info["labels"].value("labels", json::array());
  if (known)
    f.reregistered_ms = now;
  else
    f.registered_ms = now;
  f.active = f.connected = true;
  f.suppressed = false;
  f.offers.clear();
  f.refused_until.clear();
  f.stream_id = uuid4();
  f.stream = std::make_shared<FrameworkStream>();
  f.next_heartbeat_ms = now + kHeartbeatSeconds * 1000;
  f.stream->push({{"type", "SUBSCRIBED"},
                  {"subscribed",
                   {{"framework_id", id_of(id)},
                    {"heartbeat_interval_seconds", kHeartbeatSeconds},
                    {"master_info",
                     {{"id", master_id},
                      {"hostname", "127.0.0.1"},
                      {"port", 5050},
                      {"ip", 16777343},
                      {"address", {{"hostname", "127.0.0.1"}, {"ip", "127.0.0.1"}, {"port", 5050}}},
                      {"version", "1.11.0"}}}}}});
  f.stream->push({{"type", "HEARTBEAT"}});
  journal.log("master", "dcos-mesos-master.service", Priority::info,
              std::string(known ? "Re-registered" : "Registered") + " framework " + id + " (" +
                  f.name + ") with the HTTP scheduler API, stream " + f.stream_id);
  out.framework_id = id;
  out.stream_id = f.stream_id;
  out.stream = f.stream;
  return out;
}

void Cluster::disconnect_framework(const std::string& id, const std::string& stream_id) {
  auto it = frameworks.find(id);
  if (it == frameworks.end() || it->second.stream_id != stream_id) return;
  Framework& f = it->second;
  f.active = f.connected = false;
  f.disconnected_ms = now_ms();
  f.offers.clear();  // a disconnected framework's offers go back to the pool
  if (f.stream) f.stream->close();
  f.stream.reset();
  journal.log("master", "dcos-mesos-master.service", Priority::info,
              "Disconnected framework " + id + " (" + f.name + "); failover timeout " +
                  json(f.failover_timeout).dump() + " s");
}

void Cluster::remove_framework(const std::string& id, int64_t now) {
  auto it = frameworks.find(id);
  if (it == frameworks.end()) return;
  for (Task* t : live_tasks_of("framework:" + id)) kill_task(*t, true);
  Framework f = std::move(it->second);
  frameworks.erase(it);
  if (f.stream) f.stream->close();
  f.stream.reset();
  f.offers.clear();
  f.active = f.connected = false;
  f.unregistered_ms = now;
  journal.log("master", "dcos-mesos-master.service", Priority::info,
              "Removed framework " + id + " (" + f.name + ")");
  completed_frameworks.push_back(std::move(f));
  while (completed_frameworks.size() > kMaxCompletedFrameworks) completed_frameworks.pop_front();
}

CallResult Cluster::teardown_framework(const std::string& id) {
  if (id == framework_id) return {403, "dcos-local does not tear down its Marathon framework"};
  auto it = frameworks.find(id);
  if (it == frameworks.end()) return {400, "No framework found with specified ID"};
  if (it->second.stream)
    it->second.stream->push(
        {{"type", "ERROR"}, {"error", {{"message", "Framework removed by the operator"}}}});
  remove_framework(id, now_ms());
  return {200, ""};
}

void Cluster::close_framework_streams() {
  for (auto& [id, f] : frameworks)
    if (f.stream) f.stream->close();
}

Resources Cluster::free_resources(const Agent& a) const {
  Resources r;
  auto u = usage_.find(a.id);
  r.cpus = a.cpus - (u != usage_.end() ? u->second.cpus : 0);
  r.mem = a.mem - (u != usage_.end() ? u->second.mem : 0);
  r.disk = a.disk - (u != usage_.end() ? u->second.disk : 0);
  std::set<int> used;
  if (auto p = used_ports_.find(a.id); p != used_ports_.end()) used = p->second;
  for (const auto& [fid, f] : frameworks)
    for (const auto& [oid, o] : f.offers) {
      if (o.agent_id != a.id) continue;
      r.cpus -= o.resources.cpus;
      r.mem -= o.resources.mem;
      r.disk -= o.resources.disk;
      for (int p : expand_ranges(o.resources.ports)) used.insert(p);
    }
  // The agent's own range is offered from its random first port on, then the part before it.
  PortRanges ranges = {{kFixedPortsBegin, kFixedPortsEnd}, {a.port_first, a.port_end}};
  if (a.port_first > a.port_begin) ranges.emplace_back(a.port_begin, a.port_first - 1);
  r.ports = free_ports(ranges, used);
  return r;
}

void Cluster::remove_offer(Framework& f, const std::string& offer_id, bool rescind) {
  if (!f.offers.erase(offer_id)) return;
  if (rescind && f.stream)
    f.stream->push({{"type", "RESCIND"}, {"rescind", {{"offer_id", id_of(offer_id)}}}});
}

void Cluster::make_offers(Framework& f, int64_t now) {
  json offers = json::array();
  for (const Agent& a : agents) {
    if (a.gone || a.deactivated) continue;
    bool held = std::any_of(f.offers.begin(), f.offers.end(),
                            [&a](const auto& o) { return o.second.agent_id == a.id; });
    if (held) continue;
    if (auto r = f.refused_until.find(a.id); r != f.refused_until.end()) {
      if (now < r->second) continue;
      f.refused_until.erase(r);
    }
    Resources free = free_resources(a);
    if (free.cpus < kMinCpus || free.mem < kMinMem) continue;
    Offer o{master_id + "-O" + std::to_string(next_offer_++), a.id, free};
    json offer = {{"id", id_of(o.id)},
                  {"framework_id", id_of(f.id)},
                  {"agent_id", id_of(a.id)},
                  {"hostname", a.ip},
                  {"url",
                   {{"scheme", "http"},
                    {"address", {{"hostname", a.ip}, {"ip", a.ip}, {"port", 5051}}},
                    {"path", "/slave(1)"}}},
                  {"resources", resources_v1(free)}};
    if (a.is_public)
      offer["attributes"] =
          json::array({{{"name", "public_ip"}, {"type", "TEXT"}, {"text", {{"value", "true"}}}}});
    offers.push_back(offer);
    f.offers.emplace(o.id, std::move(o));
  }
  if (!offers.empty() && f.stream)
    f.stream->push({{"type", "OFFERS"}, {"offers", {{"offers", offers}}}});
}

void Cluster::progress_frameworks(int64_t now) {
  if (frameworks.empty()) return;
  std::vector<std::string> expired;
  for (auto& [id, f] : frameworks) {
    if (!f.connected) {
      if (now - f.disconnected_ms >= static_cast<int64_t>(f.failover_timeout * 1000))
        expired.push_back(id);
      continue;
    }
    if (now >= f.next_heartbeat_ms && f.stream) {
      f.stream->push({{"type", "HEARTBEAT"}});
      f.next_heartbeat_ms = now + kHeartbeatSeconds * 1000;
    }
  }
  for (const std::string& id : expired) remove_framework(id, now);
  // Offers whose agent left, or whose resources Marathon took meanwhile, are rescinded.
  for (const Agent& a : agents) {
    bool offered = false;
    for (auto& [fid, f] : frameworks)
      for (auto& [oid, o] : f.offers) offered = offered || o.agent_id == a.id;
    if (!offered) continue;
    Resources free = free_resources(a);
    bool short_of_ports = false;
    if (auto p = used_ports_.find(a.id); p != used_ports_.end())
      for (auto& [fid, f] : frameworks)
        for (auto& [oid, o] : f.offers)
          if (o.agent_id == a.id)
            for (int port : expand_ranges(o.resources.ports))
              short_of_ports = short_of_ports || p->second.count(port);
    bool invalid = a.gone || a.deactivated || free.cpus < -1e-9 || free.mem < -1e-9 ||
                   free.disk < -1e-9 || short_of_ports;
    if (!invalid) continue;
    for (auto& [fid, f] : frameworks) {
      std::vector<std::string> ids;
      for (auto& [oid, o] : f.offers)
        if (o.agent_id == a.id) ids.push_back(oid);
      for (const std::string& oid : ids) remove_offer(f, oid, true);
    }
  }
  for (auto& [id, f] : frameworks)
    if (f.active && !f.suppressed) make_offers(f, now);
}

}  // namespace dcos_local
