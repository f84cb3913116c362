// The fields of an app as the client knows them (client/app_schema.hpp) and Marathon's
// validation answers in words (client/marathon_validation.hpp): typos found with the closest
// known field, dotted keys applied to the nested object they name, and each 422 code turned
// into a sentence with the value that was sent. The last cases drive `marathon app update` and
// `app add` on a fake transport.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/app_schema.hpp"
#include "client/marathon_validation.hpp"
#include "client/strings.hpp"
#include "support/harness.hpp"
#include "support/marathon_client_fixture.hpp"

using dcos::testing::ClusterHarness;
using nlohmann::json;
namespace schema = dcos::app_schema;

namespace {

using Path = std::vector<std::string>;

const std::string& kMarathon = dcos::testing::kMarathonUrl;

const char* kWeb = R"({"app":{"id":"/web","instances":1,"cpus":0.1,"mem":32,
  "env":{"A":"1"},"container":{"type":"DOCKER","volumes":[],
  "docker":{"image":"nginx:1.25","forcePullImage":false}},
  "healthChecks":[{"protocol":"HTTP","path":"/"}],"version":"2026-01-01T00:00:00.000Z"}})";

const dcos::HttpRequest* sent(ClusterHarness& h, const std::string& method,
                              const std::string& url) {
  for (const auto& request : h.http->requests)
    if (request.method == method && request.url == url) return &request;
  return nullptr;
}

}  // namespace

TEST_CASE("app schema: unknown fields are found at every known level, with the closest field") {
  auto fields = schema::unknown_fields(json::parse(R"({
    "id": "/x", "instanses": 3, "volumes": [], "env": {"ANYTHING": "goes"},
    "labels": {"any.label": "x"},
    "container": {"type": "DOCKER", "docker": {"imgae": "nginx"}},
    "healthChecks": [{"protocol": "HTTP"}, {"protocl": "TCP"}],
    "tasksRunning": 2, "version": "2026-01-01T00:00:00.000Z", "zzzzzzzz": 1})"));
  REQUIRE(fields.size() == 5);
  std::map<Path, Path> found;
  for (const auto& field : fields) found[field.path] = field.suggestion;
  CHECK(found.at({"instanses"}) == Path{"instances"});
  CHECK(found.at({"volumes"}) == Path{"container", "volumes"});
  CHECK(found.at({"container", "docker", "imgae"}) == Path{"container", "docker", "image"});
  CHECK(found.at({"healthChecks", "1", "protocl"}) == Path{"healthChecks", "1", "protocol"});
  CHECK(found.at({"zzzzzzzz"}).empty());
}

TEST_CASE("app schema: the fixtures' app definitions have no unknown fields") {
  REQUIRE_SHARED();
  for (const char* name : {"app.json", "app-check-http-example.json", "app_patch.json"}) {
    INFO(name);
    auto fields = schema::unknown_fields(json::parse(dcos::testing::marathon_fixture(name)));
    for (const auto& field : fields) INFO(dcos::join(field.path, "."));
    CHECK(fields.empty());
  }
}

TEST_CASE("app schema: dotted keys split at dots, except below a map of free keys") {
  CHECK(schema::dotted_path("instances") == Path{"instances"});
  CHECK(schema::dotted_path("container.docker.image") == Path{"container", "docker", "image"});
  CHECK(schema::dotted_path("env.LOG.LEVEL") == Path{"env", "LOG.LEVEL"});
  CHECK(schema::dotted_path("healthChecks.0.protocol") == Path{"healthChecks", "0", "protocol"});

  auto typos = schema::unknown_changes(json{{"instanses", 3},
                                            {"container.docker.imgae", "x"},
                                            {"env.ANY.THING", "1"},
                                            {"container", {{"dockr", json::object()}}},
                                            {"upgradeStrategy.minimumHealthCapacity", 0}});
  REQUIRE(typos.size() == 3);
  CHECK(typos[0].path == Path{"container", "dockr"});
  CHECK(typos[0].suggestion == Path{"container", "docker"});
  CHECK(typos[1].path == Path{"container", "docker", "imgae"});
  CHECK(typos[2].path == Path{"instanses"});
}

TEST_CASE("app schema: dotted keys change one nested field and keep the rest of the object") {
  const json current = json::parse(kWeb)["app"];
  auto applied = schema::apply_dotted(json{{"container.docker.image", "nginx:1.27"},
                                           {"env.B", "2"},
                                           {"instances", 2},
                                           {"healthChecks.0.path", "/health"}},
                                      current);
  REQUIRE(applied.ok());
  CHECK(applied->at("instances") == 2);
  CHECK(applied->at("container") == json::parse(R"({"type":"DOCKER","volumes":[],
          "docker":{"image":"nginx:1.27","forcePullImage":false}})"));
  CHECK(applied->at("env") == json({{"A", "1"}, {"B", "2"}}));
  CHECK(applied->at("healthChecks") == json::parse(R"([{"protocol":"HTTP","path":"/health"}])"));

  auto past = schema::apply_dotted(json{{"healthChecks.3.path", "/"}}, current);
  REQUIRE_FALSE(past.ok());
  CHECK(past.error().message ==
        "'healthChecks.3.path': healthChecks is a list of 1 entries; '3' is not one of its "
        "indexes (0 to 0)");
  auto scalar = schema::apply_dotted(json{{"cpus.max", 1}}, current);
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.error().message == "'cpus.max': the app's cpus is 0.1, not an object");
}

TEST_CASE("marathon validation: codes become sentences with the rule and the value sent") {
  using dcos::validation_sentence;
  const json minus = -1;
  const json foo = "FOO";
  const json text = "three";
  CHECK(dcos::validation_pointer("/healthChecks(0)/protocol") == "/healthChecks/0/protocol");
  CHECK(dcos::validation_pointer("/(1)/cpus") == "/1/cpus");
  CHECK(dcos::validation_pointer("") == "/");
  CHECK(validation_sentence("error.min", "/cpus", &minus) == "must be at least 0.001, got -1");
  CHECK(validation_sentence("error.min", "/instances", &minus) == "must be at least 0, got -1");
  CHECK(validation_sentence("error.max", "/apps/0/upgradeStrategy/maximumOverCapacity", nullptr) ==
        "must be at most 1");
  CHECK(validation_sentence("error.unknown.enum.literal", "/healthChecks/0/protocol", &foo) ==
        "unknown value \"FOO\" (one of HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, "
        "MESOS_TCP)");
  CHECK(validation_sentence("error.expected.jsnumber", "/mem", &text) ==
        "must be a number, got \"three\"");
  CHECK(validation_sentence("error.path.missing", "/id", nullptr) == "is required but missing");
  CHECK(validation_sentence("is greater than 1", "/upgradeStrategy", nullptr) ==
        "is greater than 1");
  CHECK(validation_sentence("error.something.new", "/x", &foo) == "error.something.new");
}

TEST_CASE("marathon client: a 422 is one indented line per error, in words, with the value sent") {
  dcos::testing::MarathonFixture f;
  f.transport.expect(
      "PUT", dcos::testing::kMarathonBase + "/v2/apps/web", 422,
      R"({"message":"Invalid JSON","details":[{"path":"/cpus","errors":["error.min"]},)"
      R"({"path":"/healthChecks(0)/protocol","errors":["error.unknown.enum.literal"]},)"
      R"({"path":"/mem","errors":["error.expected.jsnumber","error.odd"]}]})");
  auto result = f.marathon().update_app(
      "/web", json::parse(R"({"cpus":-1,"mem":"lots","healthChecks":[{"protocol":"FOO"}]})"));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().kind == dcos::ErrorKind::invalid);
  CHECK(result.error().message ==
        "Marathon rejected the request for app '/web':\n"
        "  /cpus: must be at least 0.001, got -1\n"
        "  /healthChecks/0/protocol: unknown value \"FOO\" (one of HTTP, HTTPS, TCP, COMMAND, "
        "MESOS_HTTP, MESOS_HTTPS, MESOS_TCP)\n"
        "  /mem: must be a number, got \"lots\"\n"
        "  /mem: error.odd");
}

TEST_CASE("app update refuses unknown fields with the closest one, before any request") {
  ClusterHarness h;
  auto typo = h.run({"marathon", "app", "update", "/web", "instanses=3"});
  CHECK(typo.status == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err ==
        "Error: unknown field in the changes to app '/web': instanses: not a field of an app; "
        "did you mean instances?\n"
        "Hint: check the spelling; --force sends fields this CLI does not know as they are\n");
  auto several =
      h.run({"marathon", "app", "update", "/web", "container.docker.imgae=nginx", "image=x"});
  CHECK(several.status == 2);
  CHECK(several.err.rfind("Error: 2 unknown fields in the changes to app '/web':\n"
                          "  container.docker.imgae: not a field of container.docker; did you "
                          "mean container.docker.image?\n"
                          "  image: not a field of an app; did you mean container.docker.image?\n",
                          0) == 0);
  CHECK(h.http->requests.empty());
}

TEST_CASE("app update applies a dotted key to the app's nested object, and --force sends typos") {
  ClusterHarness h;
  h.http->expect("GET", kMarathon + "/v2/apps/web", 200, kWeb);
  h.http->expect("PUT", kMarathon + "/v2/apps/web", 200,
                 R"({"deploymentId":"d-1","version":"2026-01-02T00:00:00.000Z"})");
  auto dotted = h.run({"marathon", "app", "update", "/web", "container.docker.image=nginx:1.27"});
  INFO(dotted.err);
  REQUIRE(dotted.status == 0);
  CHECK(dotted.out == "Created deployment d-1\n");
  const auto* put = sent(h, "PUT", kMarathon + "/v2/apps/web");
  REQUIRE(put != nullptr);
  CHECK(json::parse(put->body) == json::parse(R"({"container":{"type":"DOCKER","volumes":[],
          "docker":{"image":"nginx:1.27","forcePullImage":false}}})"));

  h.http->expect("GET", kMarathon + "/v2/apps/web", 200, kWeb);
  h.http->expect("PUT", kMarathon + "/v2/apps/web?force=true", 200,
                 R"({"deploymentId":"d-2","version":"2026-01-02T00:00:00.000Z"})");
  auto forced = h.run({"marathon", "app", "update", "--force", "/web", "instanses=3"});
  INFO(forced.err);
  REQUIRE(forced.status == 0);
  const auto* force_put = sent(h, "PUT", kMarathon + "/v2/apps/web?force=true");
  REQUIRE(force_put != nullptr);
  CHECK(json::parse(force_put->body) == json({{"instanses", 3}}));
}

TEST_CASE("app add refuses unknown fields of a file unless --force is given") {
  ClusterHarness h;
  dcos::testing::write_file(h.home.path() / "web.json",
                            R"({"id":"/web","cmd":"x","memory":64,"container":{"volume":[]}})");
  const std::string file = (h.home.path() / "web.json").string();
  auto refused = h.run({"marathon", "app", "add", file});
  CHECK(refused.status == 2);
  CHECK(refused.err.rfind("Error: 2 unknown fields in the app definition:\n"
                          "  /container/volume: not a field of /container; did you mean "
                          "/container/volumes?\n"
                          "  /memory: not a field of an app; did you mean /mem?\n",
                          0) == 0);
  CHECK(h.http->requests.empty());

  h.http->expect("GET", kMarathon + "/v2/apps/web", 404,
                 R"({"message":"App '/web' does not exist"})");
  h.http->expect("POST", kMarathon + "/v2/apps", 201, R"({"id":"/web"})",
                 {{"Marathon-Deployment-Id", "dep-9"}});
  auto forced = h.run({"marathon", "app", "add", "--force", file});
  INFO(forced.err);
  CHECK(forced.status == 0);
  CHECK(forced.out == "Created deployment dep-9\n");
}

TEST_CASE("app update takes a file argument, with properties on top") {
  ClusterHarness h;
  dcos::testing::write_file(h.home.path() / "v2.yaml", "cmd: sleep 100\ninstances: 2\n");
  h.http->expect("GET", kMarathon + "/v2/apps/web", 200, kWeb);
  h.http->expect("PUT", kMarathon + "/v2/apps/web", 200,
                 R"({"deploymentId":"d-3","version":"2026-01-02T00:00:00.000Z"})");
  auto out = h.run(
      {"marathon", "app", "update", "/web", (h.home.path() / "v2.yaml").string(), "instances=4"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  const auto* put = sent(h, "PUT", kMarathon + "/v2/apps/web");
  REQUIRE(put != nullptr);
  CHECK(json::parse(put->body) == json({{"cmd", "sleep 100"}, {"instances", 4}}));

  auto neither = h.run({"marathon", "app", "update", "/web", "instances3"});
  CHECK(neither.status == 2);
  CHECK(neither.err.rfind("Error: 'instances3' is neither a key=value property nor a file\n", 0) ==
        0);
}
