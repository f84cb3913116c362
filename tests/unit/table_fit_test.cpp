// Tables on narrow terminals (issue 13, points 3, 9 and 14): identifiers are never cut, free
// text is cut first, then optional columns are left out; --wide and pipes show everything;
// headers align like their cells and no line ends in blanks; one rule for empty lists.
#include <catch2/catch.hpp>
#include <sstream>

#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "commands/marathon_wait.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::kMarathonUrl;

namespace {

const char* kApps = R"({"apps":[
  {"id":"/mesosphere/cd-demo","container":{"type":"DOCKER"},"cpus":1,"mem":512,"instances":1,
   "tasksRunning":1,"deployments":[],"role":"slave_public"},
  {"id":"/demo/hello","cmd":"echo \"hello from $MESOS_TASK_ID\"; sleep 3600","cpus":0.1,
   "mem":32,"instances":2,"tasksRunning":2,"tasksHealthy":2,"healthChecks":[{"protocol":"HTTP"}],
   "deployments":[],"role":"*"},
  {"id":"/demo/worker","cmd":"sleep 3600","cpus":0.1,"mem":32,"instances":1,"tasksRunning":1,
   "deployments":[],"role":"*"}]})";

/// `marathon app list` with stdout on a terminal of `width` columns (0: a pipe).
dcos::testing::Outcome app_list(int width, std::vector<std::string> extra = {}) {
  ClusterHarness h;
  h.terminal.stdout_tty = width > 0;
  h.terminal.width = width;
  h.http->expect("GET", kMarathonUrl + "/v2/apps", 200, kApps);
  h.http->expect("GET", kMarathonUrl + "/v2/deployments", 200, "[]");
  h.http->expect("GET", kMarathonUrl + "/v2/queue", 200, R"({"queue":[]})");
  std::vector<std::string> args = {"marathon", "app", "list"};
  args.insert(args.end(), extra.begin(), extra.end());
  return h.run(args);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string render(const dcos::Table& table, std::optional<int> width) {
  std::ostringstream out;
  table.print(out, width);
  return out.str();
}

}  // namespace

TEST_CASE("app list at 160 columns shows every column, headers aligned like their cells") {
  auto out = app_list(160);
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "  ID                   MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  WAITING  CONTAINER  CMD      "
        "                       ROLE\n"
        "  /demo/hello          32   0.1   2/2    2/2     ---         false    MESOS      echo "
        "\"hello from $MESOS_TAS...  *\n"
        "  /demo/worker         32   0.1   1/1    ---     ---         false    MESOS      sleep "
        "3600                      *\n"
        "  /mesosphere/cd-demo  512  1     1/1    ---     ---         false    DOCKER     ---      "
        "                       slave_public\n");
}

TEST_CASE("app list at 80 columns keeps every id whole, cuts CMD, leaves optional columns out") {
  auto out = app_list(80);
  INFO(out.out);
  REQUIRE(out.status == 0);
  for (const auto& line : lines_of(out.out)) CHECK(dcos::display_width(line) <= 80);
  for (const char* id : {"/demo/hello ", "/demo/worker ", "/mesosphere/cd-demo "})
    CHECK(out.out.find(id) != std::string::npos);
  CHECK(out.out.find("/demo/…") == std::string::npos);
  // CONTAINER goes first, then ROLE, then WAITING; CMD gets back what that freed.
  CHECK(out.out ==
        "  ID                   MEM  CPUS  TASKS  HEALTH  DEPLOYMENT  CMD\n"
        "  /demo/hello          32   0.1   2/2    2/2     ---         echo \"hello from $…\n"
        "  /demo/worker         32   0.1   1/1    ---     ---         sleep 3600\n"
        "  /mesosphere/cd-demo  512  1     1/1    ---     ---         ---\n");
}

TEST_CASE("app list at 50 columns keeps the ids and the counts, and nothing optional") {
  auto out = app_list(50);
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "  ID                   MEM  CPUS  TASKS  HEALTH\n"
        "  /demo/hello          32   0.1   2/2    2/2\n"
        "  /demo/worker         32   0.1   1/1    ---\n"
        "  /mesosphere/cd-demo  512  1     1/1    ---\n");
}

TEST_CASE("The --wide flag, and a pipe, show every column in full at any width") {
  auto piped = app_list(0);
  auto wide = app_list(50, {"--wide"});
  REQUIRE(piped.status == 0);
  REQUIRE(wide.status == 0);
  CHECK(wide.out == piped.out);
  CHECK(wide.out == app_list(160).out);
  CHECK(piped.out.find("…") == std::string::npos);
  for (const auto& line : lines_of(piped.out)) CHECK(line.back() != ' ');
  CHECK(piped.out.find("slave_public") != std::string::npos);
}

TEST_CASE("a table in a pipe is never cut and no line ends in blanks") {
  dcos::Table table({{"ID", dcos::ColumnKind::identifier},
                     {"CMD", dcos::ColumnKind::text},
                     {"ROLE", dcos::ColumnKind::optional, 1}});
  table.add_row({"/" + std::string(100, 'a'), std::string(200, 'x'), ""});
  table.add_row({"/b", "", "r"});
  const std::string piped = render(table, std::nullopt);
  CHECK(piped.find(std::string(100, 'a')) != std::string::npos);
  CHECK(piped.find(std::string(200, 'x')) != std::string::npos);
  CHECK(piped.find(" \n") == std::string::npos);
  CHECK(piped.find("ROLE") != std::string::npos);
}

TEST_CASE("text columns are cut first and optional columns go in their declared order") {
  dcos::Table table({{"ID", dcos::ColumnKind::identifier},
                     {"A", dcos::ColumnKind::optional, 2},
                     {"B", dcos::ColumnKind::optional, 1},
                     {"NOTE", dcos::ColumnKind::text}});
  table.add_row({"/identifier", "aaaa", "bbbb", "a long note that goes on"});
  // Natural: 2 + 11 + 4 + 4 + 24 + 3 * 2 = 51 columns.
  CHECK(render(table, 51) ==
        "  ID           A     B     NOTE\n"
        "  /identifier  aaaa  bbbb  a long note that goes on\n");
  CHECK(render(table, 45) ==
        "  ID           A     B     NOTE\n"
        "  /identifier  aaaa  bbbb  a long note that…\n");
  // NOTE at its least (12) is not enough: B goes, and NOTE gets back what it can.
  CHECK(render(table, 37) ==
        "  ID           A     NOTE\n"
        "  /identifier  aaaa  a long note tha…\n");
  // Nothing fits: the identifier is never cut, and the lines wrap with the note at its least.
  CHECK(render(table, 10) ==
        "  ID           NOTE\n"
        "  /identifier  a long note…\n");
  // Without the note the line fits: then the note goes too.
  CHECK(render(table, 13) ==
        "  ID\n"
        "  /identifier\n");
}

TEST_CASE("a column of numbers has its header on the right, like its cells") {
  dcos::Table table({"name", "count"});
  table.add_row({"a", "1,234"});
  table.add_row({"bbbbbb", "7"});
  CHECK(render(table, std::nullopt) ==
        "  NAME    COUNT\n"
        "  a       1,234\n"
        "  bbbbbb      7\n");
}

TEST_CASE("YAML writes an empty list as [] and an empty object as {}") {
  std::ostringstream out;
  dcos::write_yaml(out, nlohmann::json::parse(R"({"constraints":[],"labels":{},"id":"/a"})"));
  CHECK(out.str().find("constraints: []") != std::string::npos);
  CHECK(out.str().find("labels: {}") != std::string::npos);
}

TEST_CASE("an empty deployment list is a note on stderr and exit 0; --json prints []") {
  ClusterHarness h;
  h.http->expect("GET", kMarathonUrl + "/v2/deployments", 200, "[]");
  auto table = h.run({"marathon", "deployment", "list"});
  CHECK(table.status == 0);
  CHECK(table.out.empty());
  CHECK(table.err == "No deployments.\n");
  h.http->expect("GET", kMarathonUrl + "/v2/deployments", 200, "[]");
  auto quiet = h.run({"marathon", "deployment", "list", "-q"});
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
  CHECK(quiet.err.empty());
  h.http->expect("GET", kMarathonUrl + "/v2/deployments", 200, "[]");
  auto json = h.run({"marathon", "deployment", "list", "--json"});
  CHECK(json.status == 0);
  CHECK(json.out == "[]\n");
  CHECK(json.err.empty());
}

TEST_CASE("every list with nothing in it follows the same rule") {
  ClusterHarness h;
  h.http->expect("GET", kMarathonUrl + "/v2/apps", 200, R"({"apps":[]})");
  h.http->expect("GET", kMarathonUrl + "/v2/deployments", 200, "[]");
  h.http->expect("GET", kMarathonUrl + "/v2/queue", 200, R"({"queue":[]})");
  auto apps = h.run({"marathon", "app", "list"});
  CHECK(apps.status == 0);
  CHECK(apps.out.empty());
  CHECK(apps.err == "No apps.\n");
  h.http->expect("GET", kMarathonUrl + "/v2/tasks", 200, R"({"tasks":[]})");
  auto tasks = h.run({"marathon", "task", "list"});
  CHECK(tasks.status == 0);
  CHECK(tasks.out.empty());
  CHECK(tasks.err == "No tasks.\n");
}

TEST_CASE("print_list: an empty list's note, --wide unsets the context's table width") {
  std::ostringstream out, err;
  dcos::ListRenderings renderings;
  renderings.table = [&]() -> dcos::Status {
    out << "table\n";
    return dcos::Status::success();
  };
  renderings.json = []() -> dcos::Result<nlohmann::json> { return nlohmann::json::array(); };
  renderings.empty = [] { return true; };
  renderings.none = "No widgets.";
  CHECK(dcos::print_list(out, err, {}, renderings).ok());
  CHECK(out.str().empty());
  CHECK(err.str() == "No widgets.\n");
  CHECK(dcos::print_list(out, err, {.json = true}, renderings).ok());
  CHECK(out.str() == "[]\n");

  std::istringstream in;
  dcos::Context context(out, err, in, {.stdout_tty = true, .width = 50}, {}, {});
  CHECK(context.table_width() == 50);
  renderings.empty = [] { return false; };
  CHECK(dcos::print_list(context, {.wide = true}, renderings).ok());
  CHECK(context.table_width() == std::nullopt);
}

TEST_CASE("marathon task list shows health only for tasks with health check results") {
  ClusterHarness h;
  h.http->expect("GET", kMarathonUrl + "/v2/tasks", 200, R"({"tasks":[
    {"id":"a.1","appId":"/a","host":"h1","startedAt":"2024-01-01T00:00:00Z","role":"*",
     "healthCheckResults":[{"alive":true}]},
    {"id":"b.1","appId":"/b","host":"h1","startedAt":"2024-01-01T00:00:00Z","role":"*"},
    {"id":"c.1","appId":"/c","host":"h1","startedAt":"2024-01-01T00:00:00Z","role":"*",
     "healthCheckResults":[{"alive":true},{"alive":false}]}]})");
  auto out = h.run({"marathon", "task", "list"});
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "  APP  HEALTHY  STARTED               HOST  ID   ROLE\n"
        "  /a   true     2024-01-01T00:00:00Z  h1    a.1  *\n"
        "  /b            2024-01-01T00:00:00Z  h1    b.1  *\n"
        "  /c   false    2024-01-01T00:00:00Z  h1    c.1  *\n");
}

TEST_CASE("the --wait progress line cuts the step text and keeps the counts and the timer") {
  const std::string line =
      "deployment 1a2b3c4d: step 1/2 (ScaleApplication /demo/hello, RestartApplication "
      "/demo/worker); /demo/hello 1/2 running, 0 healthy; /demo/worker 0/1 running [12.5s]";
  CHECK(dcos::fit_progress(line, 200) == line);
  const std::string at160 = dcos::fit_progress(line, 159);
  CHECK(at160 ==
        "deployment 1a2b3c4d: step 1/2 (ScaleApplication /demo/hello, RestartApplication "
        "/demo/w…); /demo/hello 1/2 running, 0 healthy; /demo/worker 0/1 running [12.5s]");
  // Too narrow for the counts with any actions: the actions go, then the end of the counts.
  const std::string at80 = dcos::fit_progress(line, 79);
  CHECK(dcos::display_width(at80) <= 79);
  CHECK(at80 == "deployment 1a2b3c4d: step 1/2; /demo/hello 1/2 running, 0 healthy; /de… [12.5s]");
  const std::string at50 = dcos::fit_progress(line, 49);
  CHECK(dcos::display_width(at50) <= 49);
  CHECK(at50 == "deployment 1a2b3c4d: step 1/2; /demo/hel… [12.5s]");
  const std::string shorter =
      "deployment 1a2b3c4d: step 1/2 (ScaleApplication /demo/hello); /demo/hello 1/2 running "
      "[3.0s]";
  CHECK(dcos::fit_progress(shorter, 79) ==
        "deployment 1a2b3c4d: step 1/2 (ScaleApplicati…); /demo/hello 1/2 running [3.0s]");
}
