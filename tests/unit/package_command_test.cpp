// `dcos package` driven in-process against a fake Cosmos: tables and their cutting rules, the
// describe variants, the install and uninstall dialogues (messages on stderr, --yes, no terminal),
// options checked before anything is sent, and the repository verbs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/base64.hpp"
#include "support/harness.hpp"

using dcos::testing::ClusterHarness;
using dcos::testing::Harness;
using nlohmann::json;

namespace {

const std::string kCosmos = "https://dcos.example/package/";
const std::string kMarathon = dcos::testing::kMarathonUrl;

std::string media(const std::string& kind, const std::string& version = "v1") {
  return "application/vnd.dcos.package." + kind + "+json;charset=utf-8;version=" + version;
}

void answer(Harness& h, const std::string& op, const std::string& type, const json& body) {
  h.http->expect("POST", kCosmos + op, 200, body.dump(), {{"Content-Type", type}});
}

void fail(Harness& h, const std::string& op, long status, const json& body) {
  h.http->expect("POST", kCosmos + op, status, body.dump(), {{"Content-Type", media("error")}});
}

const dcos::HttpRequest* sent(Harness& h, const std::string& method, const std::string& url) {
  for (const auto& request : h.http->requests)
    if (request.method == method && request.url == url) return &request;
  return nullptr;
}

const std::string kTemplate = R"({"id":"/cassandra/{{cassandra.cluster-name}}"})";

json cassandra_package() {
  return {{"packagingVersion", "2.0"},
          {"name", "cassandra"},
          {"version", "0.2.0-1"},
          {"maintainer", "dev@dcos.local"},
          {"description", "Apache Cassandra running on Apache Mesos"},
          {"tags", {"database"}},
          {"framework", true},
          {"selected", false},
          {"preInstallNotes", "Pre notes."},
          {"postInstallNotes", "Post notes."},
          {"postUninstallNotes", "Bye."},
          {"marathon", {{"v2AppMustacheTemplate", dcos::base64_encode(kTemplate)}}},
          {"config",
           {{"type", "object"},
            {"additionalProperties", false},
            {"properties",
             {{"cassandra",
               {{"type", "object"},
                {"properties",
                 {{"cluster-name",
                   {{"type", "string"}, {"default", "dcos"}, {"description", "The ring's name"}}},
                  {"resources",
                   {{"type", "object"},
                    {"properties",
                     {{"cpus", {{"type", "number"}, {"default", 0.1}, {"description", "CPUs"}}},
                      {"mem", {{"type", "integer"}, {"default", 2048}}}}}}}}}}}}}}}};
}

void describe_cassandra(Harness& h) {
  answer(h, "describe", media("describe-response", "v3"), {{"package", cassandra_package()}});
}

std::string write_options(Harness& h, const std::string& text) {
  auto path = h.home.path() / "options.json";
  dcos::testing::write_file(path, text);
  return path.string();
}

const std::string kCommunity =
    "This is a Community service. Community services are not tested for production "
    "environments. There may be bugs, incomplete features, incorrect documentation, or other "
    "discrepancies.\n"
    "By Deploying, you agree to the Terms and Conditions "
    "https://mesosphere.com/catalog-terms-conditions/#community-services\n";

json installed_list(const std::vector<std::string>& apps) {
  json packages = json::array();
  for (const auto& app : apps)
    packages.push_back(
        {{"appId", app}, {"packageInformation", {{"packageDefinition", cassandra_package()}}}});
  return {{"packages", packages}};
}

}  // namespace

TEST_CASE("package search: the table cuts long descriptions; no match for a query exits 3") {
  ClusterHarness h;
  const std::string long_text(90, 'x');
  answer(h, "search", media("search-response"),
         {{"packages",
           {{{"name", "cassandra"},
             {"currentVersion", "0.2.0-1"},
             {"selected", true},
             {"framework", true},
             {"description", "Two\nlines"}},
            {{"name", "hello"},
             {"currentVersion", "1"},
             {"framework", false},
             {"description", long_text}}}}});
  auto out = h.run({"package", "search"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "  NAME       VERSION  CERTIFIED  FRAMEWORK  DESCRIPTION\n"
        "  cassandra  0.2.0-1  true       true       Two\n" +
            std::string(44, ' ') + "lines\n" + "  hello      1        false      false      " +
            std::string(76, 'x') + "...\n");
  const auto* request = sent(h, "POST", kCosmos + "search");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) == json::object());

  answer(h, "search", media("search-response"), {{"packages", json::array()}});
  out = h.run({"package", "search", "nothing"});
  CHECK(out.status == 3);
  CHECK(out.err == "Error: no packages found\n");
  CHECK(out.out.empty());

  answer(h, "search", media("search-response"), {{"packages", {{{"name", "a"}, {"unknown", 1}}}}});
  out = h.run({"package", "search", "a", "--json"});
  CHECK(out.status == 0);
  CHECK(json::parse(out.out) == json({{"packages", {{{"name", "a"}, {"unknown", 1}}}}}));
}

TEST_CASE("package search reads the upstream answer") {
  REQUIRE_SHARED();
  ClusterHarness h;
  h.http->expect("POST", kCosmos + "search", 200,
                 dcos::testing::fixture("cosmos", "responses/search.dcos-ui.json"),
                 {{"Content-Type", media("search-response")}});
  auto out = h.run({"package", "search"});
  REQUIRE(out.status == 0);
  CHECK(out.out.find("  arangodb3 ") != std::string::npos);
  CHECK(std::count(out.out.begin(), out.out.end(), '\n') >= 98);
}

TEST_CASE("package list: one row per package and version, apps joined, filters and errors") {
  ClusterHarness h;
  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev", "/cassandra/prod"}));
  auto out = h.run({"package", "list"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out ==
        "  NAME       VERSION  CERTIFIED  APP              COMMAND    DESCRIPTION\n"
        "  cassandra  0.2.0-1  false      /cassandra/dev   cassandra  Apache Cassandra running "
        "on Apache Mesos\n" +
            std::string(33, ' ') + "/cassandra/prod\n");
  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev"}));
  out = h.run({"package", "list", "--json"});
  REQUIRE(out.status == 0);
  json listed = json::parse(out.out);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["apps"] == json({"/cassandra/dev"}));
  CHECK(listed[0]["command"] == json({{"name", "cassandra"}}));
  CHECK(listed[0]["config"] == cassandra_package()["config"]);

  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev"}));
  out = h.run({"package", "list", "kafka"});
  CHECK(out.status == 3);
  CHECK(out.err == "Error: cannot find packages matching the provided filter\n");

  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev"}));
  out = h.run({"package", "list", "--app-id", "/cassandra/dev", "--json"});
  CHECK(json::parse(out.out).size() == 1);

  out = h.run({"package", "list", "cassandra", "--app-id", "/x"});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: cannot use the flags `--app-id` and an argument at the same time\n");
}

TEST_CASE("package list reads the upstream answer and cuts long descriptions") {
  REQUIRE_SHARED();
  ClusterHarness h;
  h.http->expect("POST", kCosmos + "list", 200,
                 dcos::testing::fixture("cosmos", "responses/list.jenkins.core-cli.json"),
                 {{"Content-Type", media("list-response")}});
  auto out = h.run({"package", "list", "--json"});
  REQUIRE(out.status == 0);
  json listed = json::parse(out.out);
  REQUIRE(listed.size() == 5);  // the two kafka apps share one package and version
  CHECK(listed[0]["name"] == "jenkins");
  CHECK(listed[2]["name"] == "kafka");
  CHECK(listed[2]["apps"] == json({"/data-services/kafka", "/data-services/kafka-kerberos"}));
  CHECK_FALSE(listed[2].contains("command"));
}

TEST_CASE("package describe: the definition, versions, template, rendered app, config, cli") {
  ClusterHarness h;
  describe_cassandra(h);
  auto out = h.run({"package", "describe", "cassandra"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out == json({{"package", cassandra_package()}}).dump(2) + "\n");
  const auto* request = sent(h, "POST", kCosmos + "describe");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) == json({{"packageName", "cassandra"}}));

  answer(h, "list-versions", media("list-versions-response"),
         {{"results", {{"1.10.0", "3"}, {"0.2.0-1", "1"}, {"0.9", 2}}}});
  out = h.run({"package", "describe", "cassandra", "--package-versions"});
  CHECK(out.out == "[\n  \"0.2.0-1\",\n  \"0.9\",\n  \"1.10.0\"\n]\n");

  describe_cassandra(h);
  out = h.run({"package", "describe", "cassandra", "--app"});
  CHECK(out.out == kTemplate);

  describe_cassandra(h);
  const std::string options = write_options(h, R"({"cassandra":{"cluster-name":"dev"}})");
  answer(h, "render", media("render-response"), {{"marathonJson", {{"id", "/cassandra/dev"}}}});
  out = h.run({"package", "describe", "cassandra", "--app", "--render", "--options", options,
               "--app-id", "/x"});
  CHECK(out.status == 0);
  CHECK(out.out == "{\n  \"id\": \"/cassandra/dev\"\n}\n");
  request = sent(h, "POST", kCosmos + "render");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) ==
        json({{"packageName", "cassandra"},
              {"packageVersion", "0.2.0-1"},
              {"appId", "/x"},
              {"options", {{"cassandra", {{"cluster-name", "dev"}}}}}}));

  describe_cassandra(h);
  out = h.run({"package", "describe", "cassandra", "--config"});
  CHECK(json::parse(out.out) == cassandra_package()["config"]);
  CHECK(out.out.find("\n  \"") != std::string::npos);  // 2-space indent

  describe_cassandra(h);
  out = h.run({"package", "describe", "cassandra", "--config", "--table"});
  CHECK(out.out ==
        "  PATH                      TYPE     DEFAULT  DESCRIPTION\n"
        "  cassandra.cluster-name    string   \"dcos\"   The ring's name\n"
        "  cassandra.resources.cpus  number   0.1      CPUs\n"
        "  cassandra.resources.mem   integer  2048     ---\n");

  describe_cassandra(h);
  out = h.run({"package", "describe", "cassandra", "--cli"});
  CHECK(out.status == 0);
  CHECK(out.out.empty());
}

TEST_CASE("package describe of an unknown package or version exits 3 with Cosmos's message") {
  ClusterHarness h;
  fail(h, "describe", 400,
       {{"type", "PackageNotFound"},
        {"message", "Package [xyzzy] not found"},
        {"data", {{"packageName", "xyzzy"}}}});
  auto out = h.run({"package", "describe", "xyzzy"});
  CHECK(out.status == 3);
  CHECK(out.err ==
        "Error: Package [xyzzy] not found\n"
        "Hint: find the package's name with 'dcos package search'\n");

  fail(h, "describe", 400,
       {{"type", "VersionNotFound"},
        {"message", "Version [9] of package [cassandra] not found"},
        {"data", {{"packageName", "cassandra"}, {"packageVersion", "9"}}}});
  out = h.run({"package", "describe", "cassandra", "--package-version", "9"});
  CHECK(out.status == 3);
  CHECK(out.err ==
        "Error: Version [9] of package [cassandra] not found\n"
        "Hint: see its versions with 'dcos package describe cassandra --package-versions'\n");
}

TEST_CASE("package install --yes: notes on stderr, the user's options sent as given") {
  ClusterHarness h;
  describe_cassandra(h);
  const std::string options = write_options(h, R"({"cassandra":{"cluster-name":"dev"}})");
  answer(h, "install", media("install-response", "v2"),
         {{"packageName", "cassandra"},
          {"packageVersion", "0.2.0-1"},
          {"appId", "/cassandra/dev"},
          {"postInstallNotes", "Post notes."}});
  auto out = h.run({"package", "install", "cassandra", "--options=" + options, "--yes"});
  INFO(out.err);
  REQUIRE(out.status == 0);
  CHECK(out.out.empty());
  CHECK(out.err == kCommunity +
                       "Pre notes.\n"
                       "Installing Marathon app for package [cassandra] version [0.2.0-1]\n"
                       "Post notes.\n");
  const auto* request = sent(h, "POST", kCosmos + "install");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) ==
        json({{"packageName", "cassandra"},
              {"packageVersion", "0.2.0-1"},
              {"options", {{"cassandra", {{"cluster-name", "dev"}}}}}}));
  CHECK(dcos::header_value(request->headers, "Accept") ==
        media("install-response", "v2") + "," + media("error"));
}

TEST_CASE("package install asks on a terminal; without one it needs --yes and sends nothing") {
  ClusterHarness h;
  auto out = h.run({"package", "install", "cassandra"});
  CHECK(out.status == 2);
  CHECK(out.err ==
        "Error: cannot ask for confirmation to install cassandra without a terminal; add --yes "
        "to go ahead\n");
  CHECK(h.http->requests.empty());

  h.terminal.stdin_tty = h.terminal.stderr_tty = true;
  h.input = "no\n";
  describe_cassandra(h);
  out = h.run({"package", "install", "cassandra"});
  CHECK(out.status == 1);
  CHECK(out.err == kCommunity + "Pre notes.\nContinue installing? [yes/no]: " +
                       "Error: installation cancelled; nothing was installed\n");
  CHECK(sent(h, "POST", kCosmos + "install") == nullptr);

  h.input = "yes\n";
  describe_cassandra(h);
  answer(
      h, "install", media("install-response", "v1"),
      {{"packageName", "cassandra"}, {"packageVersion", "0.2.0-1"}, {"appId", "/cassandra/dcos"}});
  out = h.run({"package", "install", "cassandra"});
  CHECK(out.status == 0);
  CHECK(out.err == kCommunity + "Pre notes.\nContinue installing? [yes/no]: " +
                       "Installing Marathon app for package [cassandra] version [0.2.0-1]\n"
                       "Post notes.\n");

  // Enter alone is yes, as in the real CLI.
  h.input = "\n";
  describe_cassandra(h);
  answer(
      h, "install", media("install-response", "v1"),
      {{"packageName", "cassandra"}, {"packageVersion", "0.2.0-1"}, {"appId", "/cassandra/dcos"}});
  out = h.run({"package", "install", "cassandra"});
  CHECK(out.status == 0);
  CHECK(out.err == kCommunity + "Pre notes.\nContinue installing? [yes/no]: " +
                       "Installing Marathon app for package [cassandra] version [0.2.0-1]\n"
                       "Post notes.\n");
}

TEST_CASE("package install with options the schema rejects prints one line per problem") {
  ClusterHarness h;
  describe_cassandra(h);
  const std::string options =
      write_options(h, R"({"cassandra":{"resources":{"cpus":"3"}},"bogus":1})");
  auto out = h.run({"package", "install", "cassandra", "--options", options, "--yes"});
  CHECK(out.status == 2);
  CHECK(out.out.empty());
  CHECK(out.err == "Error: the options of '" + options +
                       "' do not fit the schema of package cassandra 0.2.0-1:\n"
                       "  (root): unknown option 'bogus' (allowed: cassandra)\n"
                       "  cassandra.resources.cpus: expected a number, got string \"3\"\n"
                       "Hint: see the options with 'dcos package describe cassandra --config'; "
                       "nothing was installed\n");
  CHECK(sent(h, "POST", kCosmos + "install") == nullptr);
}

TEST_CASE("package install: a missing or broken options file is a one-line error, nothing sent") {
  ClusterHarness h;
  auto out = h.run({"package", "install", "cassandra", "--options", "nope.json", "--yes"});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: couldn't find options file 'nope.json'\n");

  const std::string options = write_options(h, "{\n  \"cassandra\": {,}\n}\n");
  out = h.run({"package", "install", "cassandra", "--options", options, "--yes"});
  CHECK(out.status == 2);
  CHECK(out.err.rfind(
            "Error: options file '" + options + "' is not valid JSON: line 2, column 17: ", 0) ==
        0);
  CHECK(std::count(out.err.begin(), out.err.end(), '\n') == 1);
  CHECK(h.http->requests.empty());

  out = h.run({"package", "install", "cassandra", "--cli", "--yes"});
  CHECK(out.status == 1);
  CHECK(out.err == "Error: installing a package's CLI is not supported yet\n");
  out = h.run({"package", "install", "cassandra", "--cli", "--app"});
  CHECK(out.status == 2);
  CHECK(h.http->requests.empty());
}

TEST_CASE("package install --render prints the app Cosmos renders, as JSON or YAML") {
  ClusterHarness h;
  describe_cassandra(h);
  answer(h, "render", media("render-response"),
         {{"marathonJson", {{"id", "/cassandra/dcos"}, {"instances", 1}}}});
  auto out = h.run({"package", "install", "cassandra", "--render", "--yaml"});
  INFO(out.err);
  CHECK(out.status == 0);
  CHECK(out.out == "id: /cassandra/dcos\ninstances: 1\n");
  CHECK(out.err.empty());

  describe_cassandra(h);
  answer(h, "render", media("render-response"), {{"marathonJson", {{"id", "/cassandra/dcos"}}}});
  out = h.run({"package", "install", "cassandra", "--render"});
  CHECK(out.out == "{\n    \"id\": \"/cassandra/dcos\"\n}\n");
  CHECK(sent(h, "POST", kCosmos + "install") == nullptr);
}

TEST_CASE("package install: Cosmos refusing a second install is a conflict with a hint") {
  ClusterHarness h;
  describe_cassandra(h);
  fail(h, "install", 409,
       {{"type", "PackageAlreadyInstalled"}, {"message", "Package is already installed"}});
  answer(h, "render", media("render-response"), {{"marathonJson", {{"id", "/cassandra/dcos"}}}});
  auto out = h.run({"package", "install", "cassandra", "--yes"});
  CHECK(out.status == 1);
  CHECK(out.err.find("Error: Package is already installed: app [/cassandra/dcos] exists\n"
                     "Hint: install another instance") != std::string::npos);

  // A message that already says more is left as it is, and nothing more is asked.
  describe_cassandra(h);
  fail(h, "install", 409,
       {{"type", "PackageAlreadyInstalled"},
        {"message", "Package is already installed: app [/a] runs framework [b]"}});
  out = h.run({"package", "install", "cassandra", "--yes"});
  CHECK(out.status == 1);
  CHECK(out.err.find("Error: Package is already installed: app [/a] runs framework [b]\n") !=
        std::string::npos);
}

TEST_CASE("package install --wait follows the new app's deployment") {
  ClusterHarness h;
  describe_cassandra(h);
  answer(
      h, "install", media("install-response", "v2"),
      {{"packageName", "cassandra"}, {"packageVersion", "0.2.0-1"}, {"appId", "/cassandra/dcos"}});
  h.http->expect("GET", kMarathon + "/v2/apps/cassandra/dcos", 200,
                 R"({"app":{"id":"/cassandra/dcos","instances":1,"tasksRunning":0,
                     "deployments":[{"id":"d1"}],"version":"v1"}})");
  h.http->expect("GET", kMarathon + "/v2/deployments", 200,
                 R"([{"id":"d1","affectedApps":["/cassandra/dcos"],"affectedPods":[],
                     "currentStep":1,"totalSteps":1,
                     "currentActions":[{"action":"StartApplication","app":"/cassandra/dcos"}]}])");
  h.http->expect(
      "GET", kMarathon + "/v2/apps/cassandra/dcos", 200,
      R"({"app":{"id":"/cassandra/dcos","instances":1,"tasksRunning":0,"version":"v1"}})");
  h.http->expect("GET", kMarathon + "/v2/deployments", 200, "[]");
  h.http->expect(
      "GET", kMarathon + "/v2/apps/cassandra/dcos", 200,
      R"({"app":{"id":"/cassandra/dcos","instances":1,"tasksRunning":1,"version":"v1"}})");
  auto out = h.run({"package", "install", "cassandra", "--yes", "--wait"});
  INFO(out.err);
  CHECK(out.status == 0);
  CHECK(out.out.empty());

  out = h.run({"package", "install", "cassandra", "--yes", "--wait=soon"});
  CHECK(out.status == 2);
}

TEST_CASE("package uninstall: --yes, typed confirmation, not installed and ambiguous") {
  ClusterHarness h;
  auto out = h.run({"package", "uninstall", "cassandra"});
  CHECK(out.status == 2);
  CHECK(out.err.find("add --yes") != std::string::npos);
  CHECK(h.http->requests.empty());

  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev"}));
  answer(h, "uninstall", media("uninstall-response"),
         {{"results",
           {{{"packageName", "cassandra"},
             {"appId", "/cassandra/dev"},
             {"packageVersion", "0.2.0-1"},
             {"postUninstallNotes", "Bye."}}}}});
  out = h.run({"package", "uninstall", "cassandra", "--yes"});
  CHECK(out.status == 0);
  CHECK(out.err == "Uninstalled package [cassandra] version [0.2.0-1]\nBye.\n");
  const auto* request = sent(h, "POST", kCosmos + "uninstall");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) == json({{"packageName", "cassandra"}}));

  answer(h, "list", media("list-response"), installed_list({}));
  out = h.run({"package", "uninstall", "cassandra", "--yes"});
  CHECK(out.status == 3);
  CHECK(out.err ==
        "Error: Package [cassandra] is not installed\n"
        "Hint: see what is installed with 'dcos package list'\n");

  answer(h, "list", media("list-response"), installed_list({"/cassandra/a", "/cassandra/b"}));
  out = h.run({"package", "uninstall", "cassandra", "--yes"});
  CHECK(out.status == 6);
  CHECK(out.err ==
        "Error: Multiple apps named [cassandra] are installed: [/cassandra/a, /cassandra/b]\n"
        "Hint: name one with --app-id <app-id>, or add --all to uninstall every one\n");
}

TEST_CASE("package uninstall on a terminal asks for the name typed back") {
  ClusterHarness h;
  h.terminal.stdin_tty = h.terminal.stderr_tty = true;
  h.input = "cass\ncassandra-x\nnope\n";
  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev"}));
  auto out = h.run({"package", "uninstall", "cassandra"});
  CHECK(out.status == 1);
  const std::string warning =
      "WARNING: This action cannot be undone. This will uninstall [cassandra] and delete all of "
      "its persistent data (logs, configurations, database artifacts, everything).\n";
  const std::string ask = "Please type the name of the service to confirm: ";
  CHECK(out.err == warning + ask + "Expected 'cassandra'. You supplied 'cass'.\n" + ask +
                       "Expected 'cassandra'. You supplied 'cassandra-x'.\n" + ask +
                       "Expected 'cassandra'. You supplied 'nope'.\n"
                       "Error: cancelling uninstall; nothing was removed\n");
  CHECK(sent(h, "POST", kCosmos + "uninstall") == nullptr);

  h.input = "uninstall all cassandra\n";
  answer(h, "list", media("list-response"), installed_list({"/cassandra/a", "/cassandra/b"}));
  answer(h, "uninstall", media("uninstall-response"),
         {{"results",
           {{{"packageName", "cassandra"}, {"appId", "/cassandra/a"}, {"packageVersion", "1"}},
            {{"packageName", "cassandra"}, {"appId", "/cassandra/b"}, {"packageVersion", "1"}}}}});
  out = h.run({"package", "uninstall", "cassandra", "--all"});
  CHECK(out.status == 0);
  CHECK(out.err ==
        "WARNING: This action cannot be undone. This will uninstall all instances of the "
        "[cassandra] package, and delete all data for all cassandra instances.\n"
        "Please type 'uninstall all cassandra': "
        "Uninstalled package [cassandra] version [1]\n"
        "Uninstalled package [cassandra] version [1]\n");

  out = h.run({"package", "uninstall", "cassandra", "--cli", "--all"});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: --cli cannot be used with --app, --app-id, or --all\n");
}

TEST_CASE("package repo add, list, remove and import") {
  ClusterHarness h;
  const json two = {{"repositories",
                     {{{"name", "Universe"}, {"uri", "https://universe.example/repo"}},
                      {{"name", "mine"}, {"uri", "http://mine.example/repo"}}}}};
  answer(h, "repository/add", media("repository.add-response"), two);
  auto out = h.run({"package", "repo", "add", "mine", "http://mine.example/repo", "--index=1"});
  CHECK(out.status == 0);
  CHECK(out.out.empty());
  const auto* request = sent(h, "POST", kCosmos + "repository/add");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) ==
        json({{"name", "mine"}, {"uri", "http://mine.example/repo"}, {"index", 1}}));

  answer(h, "repository/list", media("repository.list-response"), two);
  out = h.run({"package", "repo", "list"});
  CHECK(out.out == "Universe: https://universe.example/repo\nmine: http://mine.example/repo\n");
  answer(h, "repository/list", media("repository.list-response"), two);
  out = h.run({"package", "repo", "list", "--json"});
  CHECK(json::parse(out.out) == two);

  answer(h, "repository/delete", media("repository.delete-response"), two);
  fail(h, "repository/delete", 400,
       {{"type", "RepositoryNotPresent"},
        {"message", "Repository name [gone] is not present in the list"},
        {"data", {{"name", "gone"}}}});
  out = h.run({"package", "repo", "remove", "mine", "gone", "never"});
  CHECK(out.status == 3);
  CHECK(out.err ==
        "Error: Repository name [gone] is not present in the list\n"
        "Hint: see the repositories with 'dcos package repo list'\n");

  auto file = h.home.path() / "repos.json";
  dcos::testing::write_file(file, R"({"repositories":[{"name":"a","uri":"http://a"},
      {"name":"b"},{"name":"c","uri":"http://c"}]})");
  answer(h, "repository/add", media("repository.add-response"), two);
  fail(h, "repository/add", 400,
       {{"type", "RepositoryAlreadyPresent"},
        {"message", "Repository name [c] is already present in the list"}});
  out = h.run({"package", "repo", "import", file.string()});
  CHECK(out.status == 0);
  CHECK(out.err ==
        "Added repo 'a' (http://a) at index 0\n"
        "Warning: Repo missing name or uri. Skipping.\n"
        "Warning: Error (Repository name [c] is already present in the list) while adding repo "
        "'c' (http://c). Skipping.\n");

  out = h.run({"package", "repo", "import", "missing.json"});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: path 'missing.json' does not exist\n");
}

TEST_CASE("package.cosmos_url moves every Cosmos call to another host") {
  Harness h;
  h.add_cluster("c1",
                "[core]\n  dcos_url = \"https://dcos.example\"\n[package]\n  cosmos_url = "
                "\"http://cosmos.example:7070\"\n",
                true);
  h.http->expect("POST", "http://cosmos.example:7070/package/repository/list", 200,
                 R"({"repositories":[]})", {{"Content-Type", media("repository.list-response")}});
  auto out = h.run({"package", "repo", "list"});
  CHECK(out.status == 0);
  CHECK(out.out.empty());
}

TEST_CASE("package install of a certified package names its terms; --app-id is sent") {
  ClusterHarness h;
  json package = cassandra_package();
  package["selected"] = true;
  package.erase("preInstallNotes");
  package.erase("postInstallNotes");
  answer(h, "describe", media("describe-response", "v3"), {{"package", package}});
  answer(h, "install", media("install-response", "v2"),
         {{"packageName", "cassandra"}, {"packageVersion", "0.2.0-1"}, {"appId", "/ring2"}});
  auto out = h.run({"package", "install", "cassandra", "--app-id", "/ring2", "--yes"});
  INFO(out.err);
  CHECK(out.status == 0);
  CHECK(out.err ==
        "By Deploying, you agree to the Terms and Conditions "
        "https://mesosphere.com/catalog-terms-conditions/#certified-services\n"
        "Installing Marathon app for package [cassandra] version [0.2.0-1]\n");
  const auto* request = sent(h, "POST", kCosmos + "install");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) ==
        json({{"packageName", "cassandra"}, {"packageVersion", "0.2.0-1"}, {"appId", "/ring2"}}));
}

TEST_CASE("package describe --config is a table on a terminal, JSON with --json") {
  ClusterHarness h;
  h.terminal.stdout_tty = true;
  h.terminal.width = 200;
  describe_cassandra(h);
  auto out = h.run({"package", "describe", "cassandra", "--config"});
  INFO(out.out);
  CHECK(out.out.rfind("  PATH                      TYPE     DEFAULT  DESCRIPTION\n", 0) == 0);
  describe_cassandra(h);
  out = h.run({"package", "describe", "cassandra", "--config", "--json"});
  CHECK(json::parse(out.out) == cassandra_package()["config"]);
  out = h.run({"package", "describe", "cassandra", "--json"});
  CHECK(out.status == 2);
  CHECK(out.err == "Error: --table and --json go with --config\n");
}

TEST_CASE("package search and list take a word that names another command as their argument") {
  ClusterHarness h;
  answer(h, "search", media("search-response"), {{"packages", json::array()}});
  auto out = h.run({"package", "search", "cassandra", "--json"});
  CHECK(out.status == 0);
  CHECK(out.out == "{\n    \"packages\": []\n}\n");
  const auto* request = sent(h, "POST", kCosmos + "search");
  REQUIRE(request != nullptr);
  CHECK(json::parse(request->body) == json({{"query", "cassandra"}}));

  answer(h, "list", media("list-response"), installed_list({"/cassandra/dev"}));
  out = h.run({"package", "list", "repo"});
  CHECK(out.status == 3);
  CHECK(out.err == "Error: cannot find packages matching the provided filter\n");
}
