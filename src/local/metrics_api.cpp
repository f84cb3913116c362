// DC/OS metrics (dcos-metrics v0) read from this machine and from tasks' real processes:
//   /system/v1/agent/<id>/metrics/v0/node and /system/v1/metrics/v0/node (the master): load,
//     CPU, memory, swap, file systems, network and process figures from /proc and statvfs;
//   /system/v1/agent/<id>/metrics/v0/containers/<container-id>[/app]: CPU times, memory and
//     disk use of a running task's process group, against the task's limits.
// Every answer is {"datapoints":[{name,value,unit,timestamp,tags?}],"dimensions":{...}}. A
// container that is unknown, simulated (no process) or already ended answers 204.
#include <dirent.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

#include "local/http_util.hpp"

namespace dcos_local {

namespace {

std::string rfc3339_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class Datapoints {
 public:
  void add(const std::string& name, double value, const char* unit, json tags = nullptr) {
    json point = {{"name", name}, {"value", value}, {"unit", unit}, {"timestamp", time_}};
    if (!tags.is_null()) point["tags"] = std::move(tags);
    list_.push_back(std::move(point));
  }
  json take() { return std::move(list_); }

 private:
  std::string time_ = rfc3339_now();
  json list_ = json::array();
};

// CPU percentages between two reads of /proc/stat; the first read compares with boot.
class CpuSampler {
 public:
  struct Shares {
    double total = 0, user = 0, system = 0, idle = 0, wait = 0;
  };
  Shares sample() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    uint64_t v[8] = {};
    in >> cpu;
    for (uint64_t& x : v) in >> x;
    std::lock_guard lock(mu_);
    uint64_t d[8];
    uint64_t sum = 0;
    for (int i = 0; i < 8; ++i) {
      d[i] = v[i] - prev_[i];
      sum += d[i];
      prev_[i] = v[i];
    }
    Shares s;
    if (sum == 0) return last_;
    auto pct = [sum](uint64_t x) { return 100.0 * static_cast<double>(x) / sum; };
    s.user = pct(d[0] + d[1]);
    s.system = pct(d[2] + d[5] + d[6]);
    s.idle = pct(d[3]);
    s.wait = pct(d[4]);
    s.total = 100.0 - s.idle - s.wait;
    last_ = s;
    return s;
  }

 private:
  std::mutex mu_;
  uint64_t prev_[8] = {};
  Shares last_;
};

std::map<std::string, double> meminfo() {
  std::map<std::string, double> out;
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kb = 0;
  std::string unit;
  while (in >> key >> kb) {
    std::getline(in, unit);
    if (!key.empty() && key.back() == ':') key.pop_back();
    out[key] = kb * 1024;
  }
  return out;
}

size_t process_count() {
  size_t n = 0;
  if (DIR* dir = ::opendir("/proc")) {
    while (const dirent* e = ::readdir(dir))
      if (e->d_name[0] >= '0' && e->d_name[0] <= '9') ++n;
    ::closedir(dir);
  }
  return n;
}

void add_filesystem(Datapoints& points, const std::string& path) {
  struct statvfs fs {};
  if (::statvfs(path.c_str(), &fs) != 0) return;
  double block = static_cast<double>(fs.f_frsize);
  double total = block * fs.f_blocks, free = block * fs.f_bavail;
  json tags = {{"path", path}};
  points.add("filesystem.capacity.total", total, "bytes", tags);
  points.add("filesystem.capacity.used", block * (fs.f_blocks - fs.f_bfree), "bytes", tags);
  points.add("filesystem.capacity.free", free, "bytes", tags);
  points.add("filesystem.inode.total", static_cast<double>(fs.f_files), "count", tags);
  points.add("filesystem.inode.used", static_cast<double>(fs.f_files - fs.f_ffree), "count", tags);
  points.add("filesystem.inode.free", static_cast<double>(fs.f_ffree), "count", tags);
}

void add_network(Datapoints& points) {
  std::ifstream in("/proc/net/dev");
  std::string line;
  std::getline(in, line);
  std::getline(in, line);
  while (std::getline(in, line)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    name.erase(0, name.find_first_not_of(' '));
    std::istringstream fields(line.substr(colon + 1));
    double v[16] = {};
    for (double& x : v) fields >> x;
    json tags = {{"interface", name}};
    points.add("network.in", v[0], "bytes", tags);
    points.add("network.in.packets", v[1], "count", tags);
    points.add("network.out", v[8], "bytes", tags);
    points.add("network.out.packets", v[9], "count", tags);
  }
}

json node_metrics(CpuSampler& cpu, const std::string& work_dir) {
  Datapoints points;
  double uptime = 0, load[3] = {};
  std::ifstream("/proc/uptime") >> uptime;
  std::ifstream("/proc/loadavg") >> load[0] >> load[1] >> load[2];
  points.add("uptime", uptime, "count");
  points.add("processes", static_cast<double>(process_count()), "count");
  points.add("load.1min", load[0], "count");
  points.add("load.5min", load[1], "count");
  points.add("load.15min", load[2], "count");
  CpuSampler::Shares s = cpu.sample();
  points.add("cpu.cores", static_cast<double>(::sysconf(_SC_NPROCESSORS_ONLN)), "count");
  points.add("cpu.total", s.total, "percent");
  points.add("cpu.user", s.user, "percent");
  points.add("cpu.system", s.system, "percent");
  points.add("cpu.idle", s.idle, "percent");
  points.add("cpu.wait", s.wait, "percent");
  auto mem = meminfo();
  points.add("memory.total", mem["MemTotal"], "bytes");
  points.add("memory.free", mem["MemFree"], "bytes");
  points.add("memory.buffers", mem["Buffers"], "bytes");
  points.add("memory.cached", mem["Cached"], "bytes");
  points.add("swap.total", mem["SwapTotal"], "bytes");
  points.add("swap.free", mem["SwapFree"], "bytes");
  points.add("swap.used", mem["SwapTotal"] - mem["SwapFree"], "bytes");
  add_filesystem(points, "/");
  if (!work_dir.empty() && work_dir != "/") add_filesystem(points, work_dir);
  add_network(points);
  return points.take();
}

// What /proc tells of a process group: CPU seconds, resident bytes, processes and threads.
struct GroupUsage {
  double user_s = 0, system_s = 0, rss_bytes = 0;
  int processes = 0, threads = 0;
};

GroupUsage group_usage(pid_t pgid) {
  GroupUsage u;
  double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
  double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
  DIR* dir = ::opendir("/proc");
  if (!dir) return u;
  while (const dirent* e = ::readdir(dir)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + e->d_name + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t paren = text.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream rest(text.substr(paren + 2));
    std::vector<std::string> f;
    std::string word;
    while (rest >> word) f.push_back(word);
    // f[0] is field 3 (state): pgrp is field 5, utime 14, stime 15, threads 20, rss 24.
    if (f.size() < 22 || std::stol(f[2]) != pgid) continue;
    ++u.processes;
    u.user_s += std::stod(f[11]) / tick;
    u.system_s += std::stod(f[12]) / tick;
    u.threads += std::stoi(f[17]);
    u.rss_bytes += std::stod(f[21]) * page;
  }
  ::closedir(dir);
  return u;
}

double disk_used(const std::string& dir) {
  namespace fs = std::filesystem;
  double total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) total += static_cast<double>(it->file_size(size_ec));
  }
  return total;
}

struct ContainerFacts {
  pid_t pid = -1;
  std::string sandbox;
  double cpus = 0, mem = 0, disk = 0;
  json dimensions;
};

// The running task whose container this is, on this agent, with a process; nullopt otherwise.
std::optional<ContainerFacts> container(const Cluster& c, const Agent& a, const std::string& id) {
  for (const auto& [task_id, t] : c.tasks) {
    if (t.container_id != id || t.agent_id != a.id) continue;
    if (t.simulated || t.pid <= 0) return std::nullopt;
    json labels = json::object();
    for (auto& [k, v] : t.labels.items())
      labels[k] = v.is_string() ? v.get<std::string>() : v.dump();
    const Framework* fw = t.framework_id.empty() ? nullptr : c.find_framework(t.framework_id);
    ContainerFacts f{t.pid,
                     t.sandbox,
                     t.cpus,
                     t.mem,
                     t.disk,
                     {{"mesos_id", a.id},
                      {"cluster_id", c.cluster_id},
                      {"container_id", id},
                      {"executor_id", t.is_pod ? t.instance_id : t.id},
                      {"framework_name", fw ? fw->name : "marathon"},
                      {"framework_id", c.framework_of(t)},
                      {"framework_role", fw ? fw->role : "*"},
                      {"framework_principal", fw ? fw->principal : "dcos_marathon"},
                      {"task_name", fw         ? t.name
                                    : t.is_pod ? t.container_name
                                               : mesos_task_name(t.run_spec_id)},
                      {"task_id", t.id},
                      {"hostname", a.ip},
                      {"labels", labels}}};
    return f;
  }
  return std::nullopt;
}

}  // namespace

void register_metrics(httplib::Server& server, Cluster& c) {
  auto cpu = std::make_shared<CpuSampler>();
  auto node = [&c, cpu](const std::string& mesos_id, const std::string& hostname,
                        httplib::Response& res) {
    json dims = {{"mesos_id", mesos_id}, {"cluster_id", c.cluster_id}, {"hostname", hostname}};
    reply_json(res, 200, {{"datapoints", node_metrics(*cpu, c.work_dir)}, {"dimensions", dims}});
  };
  server.Get("/system/v1/metrics/v0/node",
             [&c, node](const httplib::Request&, httplib::Response& res) {
               std::string id;
               {
                 std::lock_guard lock(c.mu);
                 id = c.master_id;
               }
               node(id, "127.0.0.1", res);
             });
  const std::string agent = R"(/system/v1/agent/([0-9a-zA-Z-]+)/metrics/v0)";
  server.Get(agent + "/node", [&c, node](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1], ip;
    {
      std::lock_guard lock(c.mu);
      const Agent* a = c.live_agent(id);
      if (!a) {
        res.status = 404;
        res.set_content("404 Not Found: agent `" + id + "` unknown.\n", "text/plain");
        return;
      }
      ip = a->ip;
    }
    node(id, ip, res);
  });
  server.Get(agent + R"(/containers/([^/]+)(/app)?)", [&c](const httplib::Request& req,
                                                           httplib::Response& res) {
    std::string id = req.matches[1];
    bool app = req.matches[3].matched;
    std::optional<ContainerFacts> facts;
    {
      std::lock_guard lock(c.mu);
      const Agent* a = c.live_agent(id);
      if (!a) {
        res.status = 404;
        res.set_content("404 Not Found: agent `" + id + "` unknown.\n", "text/plain");
        return;
      }
      facts = container(c, *a, req.matches[2]);
    }
    if (!facts) {
      res.status = 204;
      return;
    }
    GroupUsage usage = group_usage(facts->pid);
    if (usage.processes == 0) {
      res.status = 204;
      return;
    }
    Datapoints points;
    if (app) {
      points.add("processes", usage.processes, "count");
      points.add("threads", usage.threads, "count");
    } else {
      constexpr double kMiB = 1024.0 * 1024.0;
      points.add("cpus.user_time_secs", usage.user_s, "seconds");
      points.add("cpus.system_time_secs", usage.system_s, "seconds");
      points.add("cpus.throttled_time_secs", 0, "seconds");
      points.add("cpus.limit", facts->cpus, "count");
      points.add("mem.total_bytes", usage.rss_bytes, "bytes");
      points.add("mem.rss_bytes", usage.rss_bytes, "bytes");
      points.add("mem.limit_bytes", facts->mem * kMiB, "bytes");
      points.add("disk.used_bytes", disk_used(facts->sandbox), "bytes");
      points.add("disk.limit_bytes", facts->disk * kMiB, "bytes");
    }
    reply_json(res, 200, {{"datapoints", points.take()}, {"dimensions", facts->dimensions}});
  });
}

}  // namespace dcos_local
