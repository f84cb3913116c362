// `dcos task metrics details|summary` against a fake master and metrics API: the task found
// among the running ones, its container's datapoints, MEM from mem.total_bytes out of
// mem.limit_bytes and DISK in real GiB, 204 as no data.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kState = "https://dcos.example/mesos/master/state";
const std::string kContainer =
    "https://dcos.example/system/v1/agent/S1/metrics/v0/containers/c-123";
constexpr double kGiB = 1024.0 * 1024 * 1024;

std::string state() {
  json task = {{"id", "web.1"},
               {"name", "web"},
               {"state", "TASK_RUNNING"},
               {"slave_id", "S1"},
               {"framework_id", "F1"},
               {"statuses",
                json::array({{{"state", "TASK_RUNNING"},
                              {"container_status", {{"container_id", {{"value", "c-123"}}}}}}})}};
  json other = {{"id", "web.2"}, {"name", "web"}, {"state", "TASK_RUNNING"}, {"slave_id", "S1"}};
  return json{
      {"slaves", json::array({{{"id", "S1"}, {"hostname", "10.0.0.1"}}})},
      {"frameworks",
       json::array({{{"id", "F1"}, {"name", "marathon"}, {"tasks", json::array({task, other})}}})}}
      .dump();
}

json point(const char* name, double value) {
  return {{"name", name}, {"value", value}, {"unit", ""}, {"timestamp", "2019-02-22T13:12:18Z"}};
}

json container() {
  return {
      {"datapoints",
       json::array({point("cpus.user_time_secs", 4.5), point("cpus.system_time_secs", 1.5),
                    point("cpus.throttled_time_secs", 2), point("cpus.limit", 0.6),
                    point("mem.total_bytes", 0.25 * kGiB), point("mem.limit_bytes", 1 * kGiB),
                    point("disk.used_bytes", 1.5 * kGiB), point("disk.limit_bytes", 6 * kGiB)})},
      {"dimensions", {{"container_id", "c-123"}}}};
}

}  // namespace

TEST_CASE("task metrics summary: CPU time, memory used out of its limit, disk in GiB") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kContainer, 200, container().dump());
  auto result = h.run({"task", "metrics", "summary", "web.1"});
  CHECK(result.status == 0);
  CHECK(result.err.empty());
  CHECK(result.out ==
        "  CPU            MEM               DISK\n"
        "  6.00 (75.00%)  0.25GiB (25.00%)  1.50GiB (25.00%)\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kContainer, 200, container().dump());
  auto as_json = h.run({"task", "metrics", "summary", "web.1", "--json"});
  auto picked = json::parse(as_json.out);
  REQUIRE(picked.size() == 7);
  CHECK(picked[3] == point("mem.total_bytes", 0.25 * kGiB));
}

TEST_CASE("task metrics details: the container's and the application's datapoints") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kContainer, 200, container().dump());
  h.http->expect("GET", kContainer + "/app", 200,
                 json{{"datapoints", json::array({point("requests", 12)})}}.dump());
  auto result = h.run({"task", "metrics", "details", "web.1"});
  CHECK(result.status == 0);
  CHECK(result.out ==
        "  NAME                      VALUE\n"
        "  cpus.user_time_secs       4.50\n"
        "  cpus.system_time_secs     1.50\n"
        "  cpus.throttled_time_secs  2\n"
        "  cpus.limit                0.60\n"
        "  mem.total_bytes           268435456\n"
        "  mem.limit_bytes           1073741824\n"
        "  disk.used_bytes           1610612736\n"
        "  disk.limit_bytes          6442450944\n"
        "  requests                  12\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kContainer, 204, "");
  h.http->expect("GET", kContainer + "/app", 200,
                 json{{"datapoints", json::array({point("requests", 12)})}}.dump());
  auto app_only = h.run({"task", "metrics", "details", "web.1", "--json"});
  CHECK(json::parse(app_only.out) == json::array({point("requests", 12)}));
}

TEST_CASE("task metrics: no data, no container, unknown and ambiguous tasks") {
  ClusterHarness h;
  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kContainer, 204, "");
  h.http->expect("GET", kContainer + "/app", 204, "");
  auto none = h.run({"task", "metrics", "details", "web.1"});
  CHECK(none.status == 3);
  CHECK(none.err == "Error: No metrics found for task 'web.1'\n");

  h.http->expect("GET", kState, 200, state());
  auto no_container = h.run({"task", "metrics", "summary", "web.2"});
  CHECK(no_container.status == 3);
  CHECK(no_container.err == "Error: task 'web.2' has no container yet, so no metrics\n");

  h.http->expect("GET", kState, 200, state());
  auto ambiguous = h.run({"task", "metrics", "summary", "web"});
  CHECK(ambiguous.status == 6);

  h.http->expect("GET", kState, 200, state());
  auto unknown = h.run({"task", "metrics", "summary", "db"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: no task ID found containing 'db'\n");

  h.http->expect("GET", kState, 200, state());
  h.http->expect("GET", kContainer, 500, "");
  CHECK(h.run({"task", "metrics", "summary", "web.1"}).status == 1);
}
