// `dcos node decommission|deactivate|reactivate|drain` and `node metrics` against a fake
// master: the operator calls' JSON bodies, the ids resolved first, the 404 texts, drain --wait's
// polls, and the metrics tables.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kApi = "https://dcos.example/mesos/api/v1";

std::string agents(const std::string& drain_state = "", bool with_s2 = true, bool with_s1 = true) {
  json s1 = {{"agent_info", {{"id", {{"value", "A-S1"}}}, {"hostname", "10.0.0.1"}}},
             {"pid", "slave(1)@10.0.0.1:5051"},
             {"active", true},
             {"deactivated", !drain_state.empty()}};
  if (!drain_state.empty()) s1["drain_info"] = {{"state", drain_state}};
  json list = json::array();
  if (with_s1) list.push_back(s1);
  if (with_s2)
    list.push_back({{"agent_info", {{"id", {{"value", "A-S2"}}}, {"hostname", "10.0.0.2"}}},
                    {"active", true}});
  return json{{"type", "GET_AGENTS"}, {"get_agents", {{"agents", list}}}}.dump();
}

json body_of(const dcos::HttpRequest& request) { return json::parse(request.body); }

}  // namespace

TEST_CASE("node decommission, deactivate and reactivate send their call for the resolved id") {
  ClusterHarness h;
  struct Case {
    const char* verb;
    const char* type;
    const char* field;
  };
  for (const Case& c : {Case{"decommission", "MARK_AGENT_GONE", "mark_agent_gone"},
                        Case{"deactivate", "DEACTIVATE_AGENT", "deactivate_agent"},
                        Case{"reactivate", "REACTIVATE_AGENT", "reactivate_agent"}}) {
    h.http->requests.clear();
    h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
    h.http->expect_call("POST", kApi, c.type, 200, "");
    auto result = h.run({"node", c.verb, "S1"});
    CHECK(result.status == 0);
    CHECK(result.out.empty());
    CHECK(result.err.empty());
    REQUIRE(h.http->requests.size() == 2);
    CHECK(body_of(h.http->requests[1]) ==
          json{{"type", c.type}, {c.field, {{"agent_id", {{"value", "A-S1"}}}}}});
    CHECK(dcos::header_value(h.http->requests[1].headers, "Content-Type") == "application/json");
  }
}

TEST_CASE("node maintenance: 404 texts, unknown and ambiguous ids") {
  ClusterHarness h;
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DEACTIVATE_AGENT", 404, "");
  auto gone = h.run({"node", "deactivate", "A-S1"});
  CHECK(gone.status == 3);
  CHECK(gone.err == "Error: could not deactivate agent 'A-S1'\n");

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  auto unknown = h.run({"node", "reactivate", "S7"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: agent 'S7' not found\n");
  CHECK(h.http->requests.back().body.find("GET_AGENTS") != std::string::npos);

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  auto ambiguous = h.run({"node", "deactivate", "A-S"});
  CHECK(ambiguous.status == 6);
  CHECK(ambiguous.err ==
        "Error: 'A-S' matches 2 agents: A-S1, A-S2\nHint: give more of the agent id\n");

  // An agent the master no longer lists can still be decommissioned: the id goes as it is.
  h.http->requests.clear();
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "MARK_AGENT_GONE", 404, "");
  auto dead = h.run({"node", "decommission", "A-S9"});
  CHECK(dead.status == 3);
  CHECK(dead.err == "Error: could not mark agent 'A-S9' as gone\n");
  CHECK(body_of(h.http->requests[1])["mark_agent_gone"]["agent_id"]["value"] == "A-S9");

  auto missing = h.run({"node", "decommission"});
  CHECK(missing.status == 2);
}

TEST_CASE("node drain sends DRAIN_AGENT with mark_gone and the grace period") {
  ClusterHarness h;
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DRAIN_AGENT", 200, "");
  auto plain = h.run({"node", "drain", "S2"});
  CHECK(plain.status == 0);
  CHECK(plain.out.empty());
  CHECK(plain.err.empty());
  CHECK(body_of(h.http->requests[1]) ==
        json{{"type", "DRAIN_AGENT"},
             {"drain_agent", {{"agent_id", {{"value", "A-S2"}}}, {"mark_gone", false}}}});

  h.http->requests.clear();
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DRAIN_AGENT", 200, "");
  auto full = h.run({"node", "drain", "A-S1", "--decommission", "--max-grace-period", "1m30s"});
  CHECK(full.status == 0);
  CHECK(body_of(h.http->requests[1])["drain_agent"] ==
        json{{"agent_id", {{"value", "A-S1"}}},
             {"mark_gone", true},
             {"max_grace_period", {{"seconds", 90}, {"nanos", 0}}}});

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DRAIN_AGENT", 404, "");
  auto refused = h.run({"node", "drain", "A-S1"});
  CHECK(refused.status == 3);
  CHECK(refused.err == "Error: could not drain agent 'A-S1'\n");
}

TEST_CASE("node drain rejects a bad duration before any request") {
  ClusterHarness h;
  auto grace = h.run({"node", "drain", "A-S1", "--max-grace-period", "soon"});
  CHECK(grace.status == 2);
  CHECK(grace.err ==
        "Error: invalid duration 'soon': use a number of seconds or units such as 500ms, 90s, "
        "5m, 1h, 1m30s\n");
  auto wait = h.run({"node", "drain", "A-S1", "--wait=0s"});
  CHECK(wait.status == 2);
  CHECK(h.http->requests.empty());
}

TEST_CASE("node drain --wait polls GET_AGENTS every 5 seconds until the agent is drained") {
  ClusterHarness h;
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DRAIN_AGENT", 200, "");
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents("DRAINING"));
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents("DRAINING"));
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents("DRAINED"));
  auto result = h.run({"node", "drain", "A-S1", "--wait"});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(result.err == "Waiting for the agent to be drained...\n");
  CHECK(h.slept ==
        std::vector<std::chrono::milliseconds>{std::chrono::seconds(5), std::chrono::seconds(5)});
}

TEST_CASE("node drain --decommission --wait ends when the agent is gone; time out is exit 5") {
  ClusterHarness h;
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DRAIN_AGENT", 200, "");
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents("DRAINING"));
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents("", true, false));
  auto gone = h.run({"node", "drain", "A-S1", "--decommission", "--wait"});
  CHECK(gone.status == 0);
  CHECK(h.slept.size() == 1);

  h.slept.clear();
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect_call("POST", kApi, "DRAIN_AGENT", 200, "");
  for (int poll = 0; poll < 3; ++poll)
    h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents("DRAINING"));
  auto late = h.run({"node", "drain", "A-S1", "--wait=10s"});
  CHECK(late.status == 5);
  CHECK(late.err ==
        "Waiting for the agent to be drained...\n"
        "Error: agent A-S1 is not drained yet; the drain goes on in the cluster\n");
  CHECK(h.slept.size() == 2);
}

TEST_CASE("node metrics summary and details of an agent") {
  ClusterHarness h;
  const std::string url = "https://dcos.example/system/v1/agent/A-S1/metrics/v0/node";
  auto point = [](const char* name, double value, const char* unit, json tags = nullptr) {
    json p = {
        {"name", name}, {"value", value}, {"unit", unit}, {"timestamp", "2019-02-22T13:12:18Z"}};
    if (!tags.is_null()) p["tags"] = tags;
    return p;
  };
  const double gib = 1024.0 * 1024 * 1024;
  json report = {
      {"datapoints",
       json::array({point("uptime", 1245, "count"), point("cpu.total", 74.94, "percent"),
                    point("load.1min", 2.85, "count"),
                    point("filesystem.capacity.total", 8 * gib, "bytes", {{"path", "/"}}),
                    point("filesystem.capacity.used", 2 * gib, "bytes", {{"path", "/"}}),
                    point("filesystem.capacity.total", 100 * gib, "bytes",
                          {{"path", "/var/lib"}, {"device", "sdb"}}),
                    point("memory.total", 16 * gib, "bytes"),
                    point("memory.free", 12 * gib, "bytes")})},
      {"dimensions", {{"mesos_id", "A-S1"}}}};
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect("GET", url, 200, report.dump());
  auto summary = h.run({"node", "metrics", "summary", "S1"});
  CHECK(summary.status == 0);
  CHECK(summary.out ==
        "  CPU            MEM               DISK\n"
        "  2.85 (74.94%)  4.00GiB (25.00%)  2.00GiB (25.00%)\n");

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect("GET", url, 200, report.dump());
  auto summary_json = h.run({"node", "metrics", "summary", "S1", "--json"});
  auto picked = json::parse(summary_json.out);
  REQUIRE(picked.size() == 6);
  CHECK(picked[0]["name"] == "cpu.total");
  CHECK(picked[2] == report["datapoints"][3]);

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect("GET", url, 200, report.dump());
  auto details = h.run({"node", "metrics", "details", "A-S1"});
  CHECK(details.status == 0);
  CHECK(details.out ==
        "  NAME                       VALUE      TAGS\n"
        "  uptime                     1245\n"
        "  cpu.total                  74.94%\n"
        "  load.1min                  2.85\n"
        "  filesystem.capacity.total  8.00GiB    path: /\n"
        "  filesystem.capacity.used   2.00GiB    path: /\n"
        "  filesystem.capacity.total  100.00GiB  device: sdb, path: /var/lib\n"
        "  memory.total               16.00GiB\n"
        "  memory.free                12.00GiB\n");

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect("GET", url, 200, report.dump());
  auto details_json = h.run({"node", "metrics", "details", "A-S1", "--json"});
  CHECK(json::parse(details_json.out) == report["datapoints"]);

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents());
  h.http->expect("GET", url, 500, "down");
  auto failed = h.run({"node", "metrics", "details", "A-S1"});
  CHECK(failed.status == 1);
  CHECK(failed.err == "Error: HTTP 500 from GET " + url + ": down\n");
}
