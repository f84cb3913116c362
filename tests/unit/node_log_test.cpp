// `dcos node log` against a fake cluster: the component-log URL of the leader and of an agent
// (found through GET_AGENTS and the shared resolver), the query (skip, unit, filters), the
// formats and colours, a follow that reconnects from its last entry and ends with Ctrl-C, and
// every usage error, each rejected before a request is sent.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;

namespace {

const std::string kBase = "https://dcos.example";
const std::string kApi = kBase + "/mesos/api/v1";
const std::string kLeaderLog = kBase + "/system/v1/leader/mesos/logs/v2/component";
const std::string kAgent = "b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S5";

json journal(const std::string& cursor, const std::string& message, const std::string& priority,
             long long seconds) {
  return {{"fields",
           {{"MESSAGE", message},
            {"PRIORITY", priority},
            {"SYSLOG_IDENTIFIER", "mesos-master"},
            {"_PID", "77"},
            {"_HOSTNAME", "10.0.7.122"},
            {"_TRANSPORT", "stdout"}}},
          {"cursor", cursor},
          {"monotonic_timestamp", 1000},
          {"realtime_timestamp", seconds * 1000000 + 5}};
}

/// Two entries, one JSON object per line, as dcos-log answers Accept: application/json.
std::string two_entries() {
  return journal("s=1", "Elected as the leading master!", "6", 1550515267).dump() + "\n" +
         journal("s=2", "Agent S5 is gone", "4", 1550515268).dump() + "\n";
}

const std::string kShort =
    "2019-02-18 18:41:07 UTC mesos-master [77]: Elected as the leading master!\n"
    "2019-02-18 18:41:08 UTC mesos-master [77]: Agent S5 is gone\n";

std::string agents_answer() {
  auto agent = [](const std::string& id, const std::string& host) {
    return json{{"agent_info", {{"id", {{"value", id}}}, {"hostname", host}}},
                {"pid", "slave(1)@" + host + ":5051"},
                {"active", true}};
  };
  json agents = json::array({agent(kAgent, "10.0.1.108"),
                             agent("b3bd182c-c6d7-463e-8bf0-06cd5807df4e-S1", "10.0.5.136")});
  return json{{"type", "GET_AGENTS"}, {"get_agents", {{"agents", agents}}}}.dump();
}

}  // namespace

TEST_CASE("node log --leader prints the last 10 entries of the leader's journal, short") {
  ClusterHarness h;
  h.http->expect("GET", kLeaderLog + "?skip=-10", 200, two_entries());
  auto out = h.run({"node", "log", "--leader"});
  CHECK(out.status == 0);
  CHECK(out.err.empty());
  CHECK(out.out == kShort);
  const auto& request = h.http->requests.at(0);
  CHECK(dcos::header_value(request.headers, "Accept") == "application/json");
  CHECK(dcos::header_value(request.headers, "Authorization") == "token=tok");
}

TEST_CASE("node log: --lines, --all, --component, --filter and the output formats") {
  ClusterHarness h;
  h.http->expect("GET",
                 kLeaderLog + "/dcos-mesos-master.service?skip=-3&filter=_PID:77&filter=PRIORITY:6",
                 200, two_entries());
  auto cat = h.run({"node", "log", "--leader", "--lines", "3", "--component", "dcos-mesos-master",
                    "--filter", "_PID:77", "--filter", "PRIORITY:6", "-o", "cat"});
  CHECK(cat.status == 0);
  CHECK(cat.out == "Elected as the leading master!\nAgent S5 is gone\n");

  // A unit named in full is not given a second .service; --all reads from the start.
  h.http->expect("GET", kLeaderLog + "/dcos-marathon.service?skip=0", 200, two_entries());
  auto all = h.run({"node", "log", "--leader", "--all", "--component", "dcos-marathon.service",
                    "--output", "json"});
  CHECK(all.status == 0);
  CHECK(all.out ==
        R"({"__CURSOR":"s=1","__MONOTONIC_TIMESTAMP":1000,"__REALTIME_TIMESTAMP":1550515267000005,)"
        R"("MESSAGE":"Elected as the leading master!","PRIORITY":"6","SYSLOG_FACILITY":"",)"
        R"("SYSLOG_IDENTIFIER":"mesos-master","_BOOT_ID":"","_HOSTNAME":"10.0.7.122",)"
        R"("_MACHINE_ID":"","_TRANSPORT":"stdout"})"
        "\n"
        R"({"__CURSOR":"s=2","__MONOTONIC_TIMESTAMP":1000,"__REALTIME_TIMESTAMP":1550515268000005,)"
        R"("MESSAGE":"Agent S5 is gone","PRIORITY":"4","SYSLOG_FACILITY":"",)"
        R"("SYSLOG_IDENTIFIER":"mesos-master","_BOOT_ID":"","_HOSTNAME":"10.0.7.122",)"
        R"("_MACHINE_ID":"","_TRANSPORT":"stdout"})"
        "\n");

  // Negative --lines count back as well (as task log takes them).
  h.http->expect("GET", kLeaderLog + "?skip=-2", 200, two_entries());
  auto pretty = h.run({"node", "log", "--leader", "--lines", "-2", "-o", "json-pretty"});
  CHECK(pretty.status == 0);
  CHECK(pretty.out.rfind("{\n    \"__CURSOR\": \"s=1\",\n    \"__MONOTONIC_TIMESTAMP\": 1000,\n",
                         0) == 0);
  CHECK(std::count(pretty.out.begin(), pretty.out.end(), '\n') == 26);
}

TEST_CASE("node log colours entries by priority on a terminal, unless NO_COLOR") {
  ClusterHarness h;
  h.terminal.stdout_tty = true;
  h.http->expect("GET", kLeaderLog + "?skip=-10", 200, two_entries());
  auto colored = h.run({"node", "log", "--leader"});
  CHECK(colored.out ==
        "\033[0;0m2019-02-18 18:41:07 UTC mesos-master [77]: Elected as the leading "
        "master!\033[0m\n"
        "\033[0;33m2019-02-18 18:41:08 UTC mesos-master [77]: Agent S5 is gone\033[0m\n");
  h.env["NO_COLOR"] = "1";
  h.http->expect("GET", kLeaderLog + "?skip=-10", 200, two_entries());
  CHECK(h.run({"node", "log", "--leader"}).out == kShort);
}

TEST_CASE("node log <mesos-id>: the agent by a unique part of its id, and the deprecated flag") {
  ClusterHarness h;
  const std::string agent_log = kBase + "/system/v1/agent/" + kAgent + "/logs/v2/component";
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect("GET", agent_log + "/dcos-mesos-slave.service?skip=-10", 200, two_entries());
  auto one = h.run({"node", "log", "S5", "--component", "dcos-mesos-slave"});
  CHECK(one.status == 0);
  CHECK(one.out == kShort);

  // A filter takes one value, so the node may follow it.
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect("GET", agent_log + "?skip=-10&filter=_PID:77&filter=PRIORITY:6", 200,
                 two_entries());
  auto filtered = h.run({"node", "log", "--filter", "_PID:77", "--filter=PRIORITY:6", "S5"});
  CHECK(filtered.status == 0);
  CHECK(filtered.out == kShort);

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  h.http->expect("GET", agent_log + "?skip=-10", 200, two_entries());
  auto deprecated = h.run({"node", "log", "--mesos-id", kAgent});
  CHECK(deprecated.status == 0);
  CHECK(deprecated.err ==
        "The --mesos-id option is deprecated, please pass an argument instead.\n");
  CHECK(deprecated.out == kShort);

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  auto unknown = h.run({"node", "log", "nope"});
  CHECK(unknown.status == 3);
  CHECK(unknown.err == "Error: agent 'nope' not found\n");

  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, agents_answer());
  auto ambiguous = h.run({"node", "log", "b3bd182c"});
  CHECK(ambiguous.status == 6);
}

TEST_CASE("node log usage errors are found before any request") {
  ClusterHarness h;
  auto none = h.run({"node", "log"});
  CHECK(none.status == 2);
  CHECK(none.err == "Error: '--leader' or '<mesos-id>' must be provided\n");
  auto both = h.run({"node", "log", "--leader", "S5"});
  CHECK(both.status == 2);
  CHECK(both.err == "Error: unable to use --leader and <mesos-id> at the same time\n");
  for (const std::string bad : {"PRIORITY", "a:b:c", "url:http://x"}) {
    auto filtered = h.run({"node", "log", "--leader", "--filter", "_PID:1", "--filter", bad});
    CHECK(filtered.status == 2);
    CHECK(filtered.err ==
          "Error: invalid filter argument " + bad + ", must be --filter=key:value\n");
  }
  auto format = h.run({"node", "log", "--leader", "-o", "yaml"});
  CHECK(format.status == 2);
  CHECK(format.err == "Error: invalid output format 'yaml': use short, cat, json or json-pretty\n");
  auto lines = h.run({"node", "log", "--leader", "--lines", "bogus"});
  CHECK(lines.status == 2);
  CHECK(h.http->requests.empty());
}

TEST_CASE("node log: no log API (404) and no entries (204) are exit 3 with one line") {
  ClusterHarness h;
  h.http->expect("GET", kLeaderLog + "/dcos-mesos-master.service?skip=-10", 404, "no route");
  auto missing = h.run({"node", "log", "--leader", "--component", "dcos-mesos-master"});
  CHECK(missing.status == 3);
  CHECK(missing.out.empty());
  CHECK(missing.err ==
        "Error: the cluster has no DC/OS log API (HTTP 404 for dcos-mesos-master.service on "
        "leader/mesos)\n");
  h.http->expect("GET", kLeaderLog + "?skip=-10&filter=_PID:0", 204, "");
  auto empty = h.run({"node", "log", "--leader", "--filter", "_PID:0"});
  CHECK(empty.status == 3);
  CHECK(empty.err == "Error: no logs found for the journal on leader/mesos\n");
  h.http->expect("GET", kLeaderLog + "?skip=-10", 200, "not json\n");
  auto garbage = h.run({"node", "log", "--leader"});
  CHECK(garbage.status == 1);
  CHECK(garbage.err == "Error: the log API answered a line that is not a JSON entry: not json\n");
}

TEST_CASE("node log --follow prints entries as they come, resumes after the last, ends on Ctrl-C") {
  ClusterHarness h;
  h.terminal.stderr_tty = true;
  const std::string path = kLeaderLog + "/dcos-mesos-master.service";
  auto event = [](const json& entry) {
    return "id: " + entry["cursor"].get<std::string>() + "\ndata: " + entry.dump() + "\n\n";
  };
  h.http->expect("GET", path + "?skip=-2&filter=PRIORITY:6", 200,
                 event(journal("s=1", "one", "6", 1550515267)) +
                     event(journal("s=2", "two", "6", 1550515268)));
  h.http->expect("GET", path + "?filter=PRIORITY:6", 200,
                 event(journal("s=3", "three", "6", 1550515269)));
  h.http->expect("GET", path + "?filter=PRIORITY:6",
                 dcos::Error::make(dcos::ErrorKind::cancelled, "interrupted"));
  auto out = h.run({"node", "log", "--leader", "--follow", "--lines", "2", "--component",
                    "dcos-mesos-master", "--filter", "PRIORITY:6", "-o", "cat"});
  CHECK(out.status == 130);
  CHECK(out.out == "one\ntwo\nthree\n");
  CHECK(out.err ==
        "(waiting for new entries of dcos-mesos-master.service of leader/mesos; Ctrl-C to stop)\n"
        "Error: interrupted\n");
  REQUIRE(h.http->requests.size() == 3);
  CHECK(dcos::header_value(h.http->requests[0].headers, "Accept") == "text/event-stream");
  CHECK(dcos::header_value(h.http->requests[0].headers, "Last-Event-ID").empty());
  CHECK(dcos::header_value(h.http->requests[1].headers, "Last-Event-ID") == "s=2");
  CHECK(dcos::header_value(h.http->requests[2].headers, "Last-Event-ID") == "s=3");
  CHECK(h.slept.size() == 2);
}

TEST_CASE("node log --follow on a cluster without the log API fails at once") {
  ClusterHarness h;
  h.http->expect("GET", kLeaderLog + "?skip=-10", 404, "");
  auto out = h.run({"node", "log", "--leader", "--follow"});
  CHECK(out.status == 3);
  CHECK(out.err ==
        "Error: the cluster has no DC/OS log API (HTTP 404 for the journal on "
        "leader/mesos)\n");
}
