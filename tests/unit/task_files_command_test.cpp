// `dcos task ls` and `dcos task download` against a fake master and agent: the sandbox found
// through files/debug, listings from files/browse (the upstream listing among them), files
// streamed from files/download into a temporary folder, and the errors and exit codes.
#include <stdlib.h>
#include <time.h>

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "client/agent_files.hpp"
#include "client/strings.hpp"
#include "commands/task/sandbox_download.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kState = "https://dcos.example/mesos/master/state";
const std::string kAgent = "https://dcos.example/agent/S1/files/";
const std::string kSandbox = "/var/lib/mesos/slaves/S1/frameworks/F1/executors/web.1/runs/C1";

json task(const std::string& id, const std::string& name, const std::string& container,
          const std::string& agent = "S1") {
  return {{"id", id},
          {"name", name},
          {"state", "TASK_RUNNING"},
          {"slave_id", agent},
          {"framework_id", "F1"},
          {"executor_id", ""},
          {"statuses",
           json::array({{{"state", "TASK_RUNNING"},
                         {"container_status", {{"container_id", {{"value", container}}}}}}})}};
}

/// web.1 and web.2 running on S1, a task with no name, and job.0 that ended.
std::string state() {
  json framework = {{"id", "F1"},
                    {"name", "marathon"},
                    {"user", "root"},
                    {"active", true},
                    {"tasks", json::array({task("web.1", "web", "C1"), task("web.2", "web", "C2"),
                                           task("anon.1", "", "C3")})},
                    {"completed_tasks", json::array({task("job.0", "job", "C9")})}};
  return json{{"slaves", json::array({{{"id", "S1"}, {"hostname", "10.0.0.1"}}})},
              {"frameworks", json::array({framework})}}
      .dump();
}

std::string run_dir(const std::string& task, const std::string& container) {
  return "/var/lib/mesos/slaves/S1/frameworks/F1/executors/" + task + "/runs/" + container;
}

/// What files/debug lists on S1: each run's folder, its `latest` link and the virtual path.
std::string debug() {
  json map = json::object();
  const std::vector<std::pair<std::string, std::string>> runs = {
      {"web.1", "C1"}, {"web.2", "C2"}, {"job.0", "C9"}};
  for (const auto& [task, container] : runs) {
    const std::string dir = run_dir(task, container);
    map[dir] = dir;
    map[run_dir(task, "latest")] = dir;
    map["/frameworks/F1/executors/" + task + "/runs/latest"] = dir;
  }
  return map.dump();
}

json entry(const std::string& path, const std::string& mode, uint64_t size, int64_t mtime = 0) {
  return {{"path", path},   {"mode", mode},  {"size", size}, {"nlink", 1},
          {"mtime", mtime}, {"uid", "root"}, {"gid", "root"}};
}

std::string browse_url(const std::string& path) {
  return kAgent + "browse?path=" + dcos::percent_encode(path, "/");
}
std::string download_url(const std::string& path) {
  return kAgent + "download?path=" + dcos::percent_encode(path, "/");
}

/// Sets TZ for one test and puts the old value back.
class ZoneGuard {
 public:
  explicit ZoneGuard(const char* zone) {
    if (const char* old = ::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ZoneGuard() {
    if (old_)
      ::setenv("TZ", old_->c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

/// Every file under `root`, as relative path → contents.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& item : fs::recursive_directory_iterator(root))
    if (item.is_regular_file())
      files[fs::relative(item.path(), root).string()] = dcos::testing::read_file(item.path());
  return files;
}

}  // namespace

TEST_CASE("task ls prints the names in a task's sandbox on one line (upstream listing)") {
  REQUIRE_SHARED();
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 dcos::testing::fixture("mesos/files", "files-browse.dcos-ui.json"));
  auto result = h.run({"task", "ls", "web.1"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "apache-cassandra-2.1.4-bin.tar.gz  cassandra-mesos-0.2.0-1.tar.gz  "
        "cassandra-mesos-executor.jar  cassandra-mesos-framework.jar  cassandra-mesos.log  "
        "cassandra-mesos.log.1.zip  cassandra-mesos.log.2.zip  jre-7u76-linux-x64.tar.gz  "
        "jre1.7.0_76  stderr  stderr.logrotate.conf  stdout  stdout.logrotate.conf\n");
  REQUIRE(h.http->requests.size() == 3);
  CHECK(h.http->requests[2].url ==
        "https://dcos.example/agent/S1/files/browse?path=/var/lib/mesos/slaves/S1/frameworks/F1/"
        "executors/web.1/runs/C1");
}

TEST_CASE("task ls --long: mode, links, owner, group, size, RFC822 date in the local zone") {
  REQUIRE_SHARED();
  ZoneGuard utc("UTC0");
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 dcos::testing::fixture("mesos/files", "files-browse.dcos-ui.json"));
  auto result = h.run({"task", "ls", "web.1", "--long"});
  CHECK(result.status == 0);
  CHECK(
      result.out ==
      "  MODE        LINKS  UID   GID       SIZE  DATE                 NAME\n"
      "  -rw-rw----      1  root  root  22967081  03 Apr 15 23:37 UTC  "
      "apache-cassandra-2.1.4-bin.tar.gz\n"
      "  -rw-r--r--      1  root  root  70886405  23 Feb 16 09:45 UTC  "
      "cassandra-mesos-0.2.0-1.tar.gz\n"
      "  -rw-rw----      1  root  root  40585680  10 Aug 15 18:59 UTC  "
      "cassandra-mesos-executor.jar\n"
      "  -rw-rw----      1  root  root  12964095  10 Aug 15 18:59 UTC  "
      "cassandra-mesos-framework.jar\n"
      "  -rw-r--r--      1  root  root  75156866  23 Feb 16 22:46 UTC  cassandra-mesos.log\n"
      "  -rw-r--r--      1  root  root   2562830  23 Feb 16 19:20 UTC  cassandra-mesos.log.1.zip\n"
      "  -rw-r--r--      1  root  root   2569342  23 Feb 16 14:33 UTC  cassandra-mesos.log.2.zip\n"
      "  -rw-r--r--      1  root  root  47058747  23 Feb 16 09:45 UTC  jre-7u76-linux-x64.tar.gz\n"
      "  drwxr-xr-x      6  root  root      4096  19 Dec 14 01:24 UTC  jre1.7.0_76\n"
      "  -rw-r--r--      1  root  root      9950  23 Feb 16 09:45 UTC  stderr\n"
      "  -rw-r--r--      1  root  root       259  23 Feb 16 09:45 UTC  stderr.logrotate.conf\n"
      "  -rw-r--r--      1  root  root       261  23 Feb 16 09:45 UTC  stdout\n"
      "  -rw-r--r--      1  root  root       259  23 Feb 16 09:45 UTC  stdout.logrotate.conf\n");
}

TEST_CASE("task ls of a sub-path: the path is joined to the sandbox and percent-encoded") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  const std::string folder = kSandbox + "/my logs";
  h.http->expect("GET", kAgent + "browse?path=" + kSandbox + "/my%20logs", 200,
                 json::array({entry(folder + "/a&b.txt", "-rw-r--r--", 3)}).dump());
  auto result = h.run({"task", "ls", "web.1", "./my logs/"});
  CHECK(result.status == 0);
  CHECK(result.out == "a&b.txt\n");
}

TEST_CASE("task ls of a missing path exits 3 with ls's words") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox + "/nope"), 404, "");
  auto result = h.run({"task", "ls", "web.1", "nope"});
  CHECK(result.status == 3);
  CHECK(result.out.empty());
  CHECK(result.err == "Error: cannot access 'nope': no such file or directory\n");
}

TEST_CASE("task ls of several tasks heads each listing with the task id") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(run_dir("web.1", "C1")), 200,
                 json::array({entry(run_dir("web.1", "C1") + "/stdout", "-rw-r--r--", 1),
                              entry(run_dir("web.1", "C1") + "/stderr", "-rw-r--r--", 1)})
                     .dump());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(run_dir("web.2", "C2")), 200,
                 json::array({entry(run_dir("web.2", "C2") + "/stdout", "-rw-r--r--", 1)}).dump());
  auto result = h.run({"task", "ls", "web.*"});
  CHECK(result.status == 0);
  CHECK(result.out == "===> web.1 <===\nstdout  stderr\n===> web.2 <===\nstdout\n");
}

TEST_CASE("task ls of several tasks goes on past one that fails, then fails") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(run_dir("web.1", "C1") + "/logs"), 404, "");
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(run_dir("web.2", "C2") + "/logs"), 200,
                 json::array({entry(run_dir("web.2", "C2") + "/logs/a", "-rw-r--r--", 1)}).dump());
  auto result = h.run({"task", "ls", "web", "logs"});
  CHECK(result.status == 3);
  CHECK(result.out == "===> web.2 <===\na\n");
  CHECK(result.err ==
        "Error: web.1: cannot access 'logs': no such file or directory\n"
        "Error: could not list the files of all matched tasks\n");
}

TEST_CASE("task ls --json prints the agent's entries; --completed reaches ended tasks") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  json listing = json::array({entry(run_dir("job.0", "C9") + "/stderr", "-rw-r--r--", 7, 99)});
  listing[0]["extra"] = "kept";
  h.http->expect("GET", browse_url(run_dir("job.0", "C9")), 200, listing.dump());
  auto result = h.run({"task", "ls", "job", "--completed", "--json"});
  CHECK(result.status == 0);
  CHECK(json::parse(result.out) == listing);
}

TEST_CASE("task ls: no such task, a task with no name, a removed sandbox") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  auto none = h.run({"task", "ls", "cache"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: no task ID found containing 'cache'\n");

  h.http->expect("GET", kState, 200, state());
  auto anonymous = h.run({"task", "ls", "anon"});
  CHECK(anonymous.status == 3);
  CHECK(anonymous.err == "Error: unable to find task 'anon'\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, "{}");
  auto removed = h.run({"task", "ls", "web.1"});
  CHECK(removed.status == 3);
  CHECK(removed.err ==
        "Error: the sandbox of task 'web.1' is not on agent 'S1' (it may have been removed)\n");
}

TEST_CASE("task download copies the whole sandbox, folders included, and prints nothing") {
  ClusterHarness h;
  TempDir target;
  const fs::path into = target.path() / "new" / "dir";
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 json::array({entry(kSandbox + "/stdout", "-rw-r--r--", 6),
                              entry(kSandbox + "/logs", "drwxr-xr-x", 4096),
                              entry(kSandbox + "/empty", "drwxr-xr-x", 4096)})
                     .dump());
  h.http->expect("GET", download_url(kSandbox + "/stdout"), 200, "hello\n",
                 {{"Content-Length", "6"}});
  h.http->expect("GET", browse_url(kSandbox + "/logs"), 200,
                 json::array({entry(kSandbox + "/logs/app log.txt", "-rw-r--r--", 5)}).dump());
  const std::string binary("a\0b\n\n", 5);
  h.http->expect("GET", download_url(kSandbox + "/logs/app log.txt"), 200, binary);
  h.http->expect("GET", browse_url(kSandbox + "/empty"), 200, "[]");
  auto result = h.run({"task", "download", "web.1", "--target-dir", into.string()});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(result.err.empty());
  CHECK(tree(into) ==
        std::map<std::string, std::string>{{"stdout", "hello\n"}, {"logs/app log.txt", binary}});
  CHECK(fs::is_directory(into / "empty"));
  CHECK(h.http->requests[3].url ==
        "https://dcos.example/agent/S1/files/download?path=/var/lib/mesos/slaves/S1/frameworks/"
        "F1/executors/web.1/runs/C1/stdout");
}

TEST_CASE("task download of a glob: the last part matches names in the folder the rest names") {
  ClusterHarness h;
  TempDir target;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox + "/logs"), 200,
                 json::array({entry(kSandbox + "/logs/a.txt", "-rw-r--r--", 1),
                              entry(kSandbox + "/logs/b.log", "-rw-r--r--", 1),
                              entry(kSandbox + "/logs/c.txt", "-rw-r--r--", 1)})
                     .dump());
  h.http->expect("GET", download_url(kSandbox + "/logs/a.txt"), 200, "A");
  h.http->expect("GET", download_url(kSandbox + "/logs/c.txt"), 200, "C");
  auto result =
      h.run({"task", "download", "web.1", "logs/*.txt", "--target-dir", target.path().string()});
  CHECK(result.status == 0);
  CHECK(tree(target.path()) == std::map<std::string, std::string>{{"a.txt", "A"}, {"c.txt", "C"}});
}

TEST_CASE("task download finds ended tasks and a unique prefix; ambiguity exits 6") {
  ClusterHarness h;
  TempDir target;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(run_dir("job.0", "C9")), 200,
                 json::array({entry(run_dir("job.0", "C9") + "/stderr", "-rw-r--r--", 4),
                              entry(run_dir("job.0", "C9") + "/stdout", "-rw-r--r--", 0)})
                     .dump());
  h.http->expect("GET", download_url(run_dir("job.0", "C9") + "/stderr"), 200, "oops");
  auto ended = h.run({"task", "download", "jo", "stderr", "--target-dir", target.path().string()});
  CHECK(ended.status == 0);
  CHECK(tree(target.path()) == std::map<std::string, std::string>{{"stderr", "oops"}});

  h.http->expect("GET", kState, 200, state());
  auto ambiguous = h.run({"task", "download", "web", "--target-dir", target.path().string()});
  CHECK(ambiguous.status == 6);
  CHECK(ambiguous.err.find("web.1") != std::string::npos);
  CHECK(ambiguous.err.find("web.2") != std::string::npos);

  h.http->expect("GET", kState, 200, state());
  auto unknown = h.run({"task", "download", "cache"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: no task ID found containing 'cache'\n");
}

TEST_CASE("task download: nothing matched exits 3 and creates no folder") {
  ClusterHarness h;
  TempDir target;
  const fs::path into = target.path() / "out";
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 json::array({entry(kSandbox + "/stdout", "-rw-r--r--", 1)}).dump());
  auto result = h.run({"task", "download", "web.1", "*.zip", "--target-dir", into.string()});
  CHECK(result.status == 3);
  CHECK(result.err == "Error: no file or directory matched '*.zip'\n");
  CHECK(!fs::exists(into));

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox + "/gone"), 404, "");
  auto missing = h.run({"task", "download", "web.1", "gone/x", "--target-dir", into.string()});
  CHECK(missing.status == 3);
  CHECK(missing.err == "Error: no file or directory matched 'gone/x'\n");
}

TEST_CASE("task download reports each file that fails, copies the rest, and exits 1") {
  ClusterHarness h;
  TempDir target;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 json::array({entry(kSandbox + "/gone", "-rw-r--r--", 1),
                              entry(kSandbox + "/short", "-rw-r--r--", 10),
                              entry(kSandbox + "/stdout", "-rw-r--r--", 2)})
                     .dump());
  h.http->expect("GET", download_url(kSandbox + "/gone"), 404, "");
  h.http->expect("GET", download_url(kSandbox + "/short"), 200, "hello",
                 {{"Content-Length", "10"}});
  h.http->expect("GET", download_url(kSandbox + "/stdout"), 200, "ok");
  auto result = h.run({"task", "download", "web.1", "--target-dir", target.path().string()});
  CHECK(result.status == 1);
  CHECK(result.out.empty());
  CHECK(result.err == "Error: could not fetch file 'gone': '" + kSandbox +
                          "/gone': no such file\n"
                          "Error: could not fetch file 'short': the download of '" +
                          kSandbox +
                          "/short' ended after 5 of 10 bytes\n"
                          "Error: could not download all matched files\n");
  // Only the complete file is there: no partial file, no temporary one.
  CHECK(tree(target.path()) == std::map<std::string, std::string>{{"stdout", "ok"}});
}

TEST_CASE("task download: an encoded body's Content-Length is not the file's size") {
  ClusterHarness h;
  TempDir target;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 json::array({entry(kSandbox + "/stdout", "-rw-r--r--", 5)}).dump());
  // The transport has already decoded the 3 bytes on the wire into the file's 5.
  h.http->expect("GET", download_url(kSandbox + "/stdout"), 200, "hello",
                 {{"Content-Encoding", "br"}, {"Content-Length", "3"}});
  auto result = h.run({"task", "download", "web.1", "--target-dir", target.path().string()});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(tree(target.path()) == std::map<std::string, std::string>{{"stdout", "hello"}});
}

TEST_CASE("task download shows progress and a summary on stderr only at a terminal") {
  ClusterHarness h;
  TempDir target;
  h.terminal.stderr_tty = true;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kAgent + "debug", 200, debug());
  h.http->expect("GET", browse_url(kSandbox), 200,
                 json::array({entry(kSandbox + "/stdout", "-rw-r--r--", 5)}).dump());
  h.http->expect("GET", download_url(kSandbox + "/stdout"), 200, "12345",
                 {{"Content-Length", "5"}});
  auto result = h.run({"task", "download", "web.1", "--target-dir", target.path().string()});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(result.err.rfind("\rstdout  0 B / 5 B\033[K", 0) == 0);
  const std::string ending =
      "\rstdout  5 B\033[K\nDownloaded 1 file (5 B) to " + target.path().string() + "\n";
  REQUIRE(result.err.size() >= ending.size());
  CHECK(result.err.substr(result.err.size() - ending.size()) == ending);
}

TEST_CASE("download plans: the whole sandbox, a glob in a folder, a folder's contents") {
  using dcos::plan_download;
  const std::string box = "/sb/run";
  auto plan = [&](const std::string& pattern) {
    auto made = plan_download(box, pattern);
    return made.folder + " | " + made.glob;
  };
  CHECK(plan("/") == "/sb/run | ");
  CHECK(plan("") == "/sb/run | ");
  CHECK(plan(".") == "/sb/run | ");
  CHECK(plan("stdout") == "/sb/run | stdout");
  CHECK(plan("/std*") == "/sb/run | std*");
  CHECK(plan("logs/*.txt") == "/sb/run/logs | *.txt");
  CHECK(plan("logs/") == "/sb/run/logs | ");
  CHECK(plan("logs/..") == "/sb/run | ");
  CHECK(plan("../../etc/passwd") == "/sb/run/etc | passwd");
}
