// The typed views the Marathon client builds for the queue, pods, groups and task kills, read
// from the upstream payloads (../shared/fixtures/marathon): the commands print only these
// fields, and `raw` must stay the server's document for --json.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/marathon.hpp"
#include "support/marathon_client_fixture.hpp"

using dcos::CancelMode;
using dcos::MarathonClient;
using dcos::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string& kBase = dcos::testing::kMarathonBase;

std::string fixture(const std::string& name) { return dcos::testing::marathon_fixture(name); }

using Fixture = dcos::testing::MarathonFixture;

using Words = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE(
    "marathon views: a queue item with its offers, what its app asks, and why offers failed") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/queue?embed=lastUnusedOffers", 200, fixture("queue.json"));
  auto queue = f.marathon().queue({.with_offers = true});
  REQUIRE(queue.ok());
  REQUIRE(queue->size() == 2);

  const auto& idle = (*queue)[0];
  CHECK(idle.app_id == "/tools/datadog-agent");
  CHECK(idle.count == 1);
  CHECK(idle.offers.processed == 123);
  CHECK(idle.offers.unused == 0);
  CHECK_FALSE(idle.offers.last_unused_at);
  CHECK_FALSE(idle.offers.last_used_at);
  CHECK(idle.unused_offers.empty());
  CHECK(idle.requested.cpus == 1.0);
  CHECK(idle.requested.ports == std::vector<long long>{10018});

  const auto& item = (*queue)[1];
  CHECK(item.app_id == "/foo");
  CHECK(item.pod_id.empty());
  CHECK(item.overdue);
  CHECK(item.count == 2);
  CHECK(item.since == "2016-02-28T16:41:41.090Z");
  CHECK(item.offers.processed == 123);
  CHECK(item.offers.unused == 123);
  CHECK(item.offers.last_unused_at == "2016-02-28T16:41:41.090Z");
  CHECK(item.offers.last_used_at == "2016-02-28T16:41:41.090Z");
  CHECK_FALSE(item.requested.role);  // the old app format has none
  CHECK(item.requested.constraints == Words{{"hostname", "UNIQUE"}});
  CHECK(item.requested.cpus == 0.5);
  CHECK(item.requested.mem == 128.0);
  CHECK(item.requested.disk == 0.0);
  CHECK(item.requested.ports == std::vector<long long>{10010});
  REQUIRE(item.unused_offers.size() == 1);
  CHECK(item.unused_offers[0].hostname == "1.2.3.4");
  CHECK(item.unused_offers[0].timestamp == "2016-02-28T16:41:41.090Z");
  CHECK(item.unused_offers[0].reasons == std::vector<std::string>{"InsufficientMemory"});
  CHECK(item.raw == json::parse(fixture("queue.json"))["queue"][1]);
}

TEST_CASE("marathon views: a launch-state queue read keeps only the item's id and delay") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/queue", 200, fixture("queue.json"));
  auto queue = f.marathon().queue({.launch_state_only = true});
  REQUIRE(queue.ok());
  REQUIRE(queue->size() == 2);
  const auto& item = (*queue)[1];
  CHECK(item.app_id == "/foo");
  CHECK(item.overdue);     // the fixture's delay.overdue is true
  CHECK(item.count == 0);  // not read
  CHECK(item.requested.constraints.empty());
  CHECK(item.unused_offers.empty());
  CHECK(item.raw.at("app") == json{{"id", "/foo"}});
  CHECK_FALSE(item.raw.contains("processedOffersSummary"));
  CHECK(item.raw.contains("delay"));
}

TEST_CASE("marathon views: a pod's queue item asks with its executor and placement") {
  REQUIRE_SHARED();
  Fixture f;
  json pod = json::parse(fixture("pod.json"));
  pod["role"] = "slave_public";
  pod["scheduling"]["placement"]["constraints"] =
      json::array({{{"fieldName", "hostname"}, {"operator", "UNIQUE"}},
                   {{"fieldName", "rack"}, {"operator", "GROUP_BY"}, {"value", "2"}}});
  json body = {{"queue", json::array({{{"pod", pod}, {"count", 1}, {"since", nullptr}}})}};
  f.transport.expect("GET", kBase + "/v2/queue?embed=lastUnusedOffers", 200, body.dump());
  auto queue = f.marathon().queue({.with_offers = true});
  REQUIRE(queue.ok());
  REQUIRE(queue->size() == 1);
  const auto& item = queue->front();
  CHECK(item.app_id.empty());
  CHECK(item.pod_id == "/foo");
  CHECK_FALSE(item.since);
  CHECK(item.requested.role == "slave_public");
  CHECK(item.requested.constraints == Words{{"hostname", "UNIQUE"}, {"rack", "GROUP_BY", "2"}});
  CHECK(item.requested.cpus == 0.2);
  CHECK(item.requested.mem == 64.0);
  CHECK(item.requested.disk == 50.0);
  CHECK_FALSE(item.requested.ports);  // a pod's ports are per container
}

TEST_CASE("marathon views: pod statuses name their containers and instances") {
  REQUIRE_SHARED();
  Fixture f;
  json spec = json::parse(fixture("pod.json"));
  json status = {
      {"id", "/foo"},
      {"spec", spec},
      {"status", "STABLE"},
      {"statusSince", "2016-10-05T15:36:54.123Z"},
      {"instances", json::array({{{"id", "foo.instance-1"}}, {{"id", "foo.instance-2"}}})}};
  json versioned = status;
  versioned["id"] = "/bar";
  versioned["spec"]["version"] = "2016-10-05T16:18:03.399Z";
  versioned["spec"]["role"] = "prod";
  versioned.erase("instances");
  f.transport.expect("GET", kBase + "/v2/pods/::status", 200,
                     json::array({status, versioned}).dump());
  f.transport.expect("GET", kBase + "/v2/pods/foo::status", 200, status.dump());
  auto marathon = f.marathon();
  auto pods = marathon.pods_status();
  REQUIRE(pods.ok());
  REQUIRE(pods->size() == 2);
  const auto& pod = (*pods)[0];
  CHECK(pod.id == "/foo");
  CHECK(pod.status == "STABLE");
  CHECK(pod.status_since == "2016-10-05T15:36:54.123Z");
  CHECK(pod.containers == std::vector<std::string>{"container1"});
  CHECK(pod.instances == std::vector<std::string>{"foo.instance-1", "foo.instance-2"});
  CHECK_FALSE(pod.version);
  CHECK_FALSE(pod.role);
  CHECK(pod.raw == status);
  CHECK((*pods)[1].version == "2016-10-05T16:18:03.399Z");
  CHECK((*pods)[1].role == "prod");
  CHECK((*pods)[1].instances.empty());

  auto one = marathon.pod_status("/foo");
  REQUIRE(one.ok());
  CHECK(one->instances.size() == 2);
  CHECK(one->raw == status);
}

TEST_CASE("marathon views: the group tree counts each group's own apps") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("GET", kBase + "/v2/groups", 200, fixture("group.json"));
  f.transport.expect("GET", kBase + "/v2/groups/prod", 200,
                     R"({"id":"/prod","enforceRole":true,"apps":[{"id":"/prod/a"}],"groups":[]})");
  auto marathon = f.marathon();
  auto root = marathon.get_group("/");
  REQUIRE(root.ok());
  const json document = json::parse(fixture("group.json"));
  CHECK(root->raw == document);
  CHECK(root->raw_groups() == document["groups"]);
  CHECK(root->tree.id == "/");
  CHECK(root->tree.apps == 0);
  CHECK_FALSE(root->tree.enforce_role);
  REQUIRE(root->tree.groups.size() == 1);
  const auto& tools = root->tree.groups[0];
  CHECK(tools.id == "/tools");
  CHECK(tools.apps == 2);
  REQUIRE(tools.groups.size() == 2);
  CHECK(tools.groups[0].id == "/tools/log");
  CHECK(tools.groups[0].apps == 0);
  CHECK(tools.groups[1].id == "/tools/docker");
  CHECK(tools.groups[1].apps == 1);

  auto prod = marathon.get_group("prod");
  REQUIRE(prod.ok());
  CHECK(prod->tree.enforce_role == true);
  CHECK(prod->tree.apps == 1);
  CHECK(prod->raw_groups() == json::array());
}

TEST_CASE("marathon views: a task kill answers with the killed tasks") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("POST", kBase + "/v2/tasks/delete?wipe=true", 200, fixture("tasks.json"));
  f.transport.expect("DELETE", kBase + "/v2/apps/minecraft/survival-world/tasks", 200,
                     fixture("app_tasks.json"));
  auto marathon = f.marathon();
  auto killed = marathon.kill_tasks({"frontend-foosball.083be411-5d1f-11e5-88f7-56b91e7a505b"},
                                    {.wipe = true});
  REQUIRE(killed.ok());
  REQUIRE(killed->tasks.size() == 2);
  CHECK(killed->tasks[0].id == "frontend-foosball.083be411-5d1f-11e5-88f7-56b91e7a505b");
  CHECK(killed->tasks[0].app_id == "/frontend-foosball");
  CHECK(killed->tasks[1].id == "tools_docker_registry.002b4d28-46b9-11e5-b731-525400cce7ed");
  CHECK(killed->tasks[0].raw == json::parse(fixture("tasks.json"))["tasks"][0]);
  CHECK(killed->deployment_id.empty());
  CHECK(killed->raw == json::parse(fixture("tasks.json")));
  REQUIRE(f.transport.requests.size() == 1);
  CHECK(json::parse(f.transport.requests[0].body) ==
        json{{"ids", {"frontend-foosball.083be411-5d1f-11e5-88f7-56b91e7a505b"}}});

  auto by_app = marathon.kill_app_tasks("/minecraft/survival-world", "");
  REQUIRE(by_app.ok());
  REQUIRE(by_app->tasks.size() == 1);
  CHECK(by_app->tasks[0].host == "srv7.hw.ca1.mesosphere.com");
}

TEST_CASE("marathon views: a task kill with scale answers with the deployment") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("POST", kBase + "/v2/tasks/delete?scale=true", 200,
                     fixture("deployments_result.json"));
  f.transport.expect("POST", kBase + "/v2/tasks/delete?scale=true", 200, "",
                     {{"Marathon-Deployment-Id", "d-from-header"}});
  auto marathon = f.marathon();
  auto body = marathon.kill_tasks({"t1"}, {.scale = true});
  REQUIRE(body.ok());
  CHECK(body->deployment_id == "5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43");
  CHECK(body->tasks.empty());
  CHECK(body->raw == json::parse(fixture("deployments_result.json")));
  auto header = marathon.kill_tasks({"t1"}, {.scale = true});
  REQUIRE(header.ok());
  CHECK(header->deployment_id == "d-from-header");
  CHECK(header->raw == json{{"deploymentId", "d-from-header"}});
}

TEST_CASE("marathon views: an app's last task failure") {
  Fixture f;
  f.transport.expect(
      "GET", kBase + "/v2/apps/web", 200,
      R"({"app":{"id":"/web","version":"v2","lastTaskFailure":)"
      R"({"taskId":"t7","version":"v2","message":"exit 1","state":"TASK_FAILED"}}})");
  f.transport.expect("GET", kBase + "/v2/apps/db", 200, R"({"app":{"id":"/db"}})");
  auto marathon = f.marathon();
  auto web = marathon.get_app("/web");
  REQUIRE(web.ok());
  CHECK(web->last_task_failure.task_id == "t7");
  CHECK(web->last_task_failure.version == "v2");
  CHECK(web->last_task_failure.message == "exit 1");
  auto db = marathon.get_app("/db");
  REQUIRE(db.ok());
  CHECK(db->last_task_failure.task_id.empty());
}

TEST_CASE("marathon views: cancelling a deployment rolls back or stops, and what it shows") {
  REQUIRE_SHARED();
  Fixture f;
  f.transport.expect("DELETE", kBase + "/v2/deployments/d1", 200,
                     fixture("deployments_result.json"));
  f.transport.expect("DELETE", kBase + "/v2/deployments/d1?force=true", 202, "");
  auto marathon = f.marathon();
  auto rollback = marathon.cancel_deployment("d1", CancelMode::roll_back);
  REQUIRE(rollback.ok());
  CHECK(rollback->id == "5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43");
  CHECK(rollback->document() == json::parse(fixture("deployments_result.json")));
  auto stop = marathon.cancel_deployment("d1", CancelMode::stop);
  REQUIRE(stop.ok());
  CHECK(stop->id.empty());
  CHECK(stop->raw.is_null());
  CHECK(stop->document() == json{{"deploymentId", ""}});
}
