// `dcos task ls` and `dcos task download` against dcos-local: apps whose commands write files
// in their sandboxes (one keeps running, one exits at once), listed and copied over HTTP.
#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/cli_runner.hpp"
#include "support/eventually.hpp"
#include "support/local_cluster.hpp"

using dcos::testing::Cli;
using dcos::testing::LocalCluster;
using dcos::testing::Outcome;
using dcos::testing::TempDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// Writes two files in logs/, a line on each output stream, and waits.
const char* kWriterApp = R"({"id": "/writer", "instances": 2, "cpus": 0.1, "mem": 16,
  "cmd": "mkdir -p logs && printf 'alpha\\n' > logs/a.txt && printf 'beta' > logs/b.log && echo out-line && echo err-line >&2 && touch ready && sleep 300"})";

/// Says something on stderr and ends at once (Marathon keeps relaunching it).
const char* kQuitterApp = R"({"id": "/quitter", "instances": 1, "cpus": 0.1, "mem": 16,
  "cmd": "echo 'quitting now' >&2; exit 3"})";

/// The ids of the tasks `task list <filter> --json <flag>` lists.
std::vector<std::string> task_ids(Cli& cli, const std::string& filter, const std::string& flag) {
  std::vector<std::string> ids;
  auto listed = cli.run({"task", "list", filter, "--json", flag});
  if (listed.status != 0) return ids;
  for (const auto& task : json::parse(listed.out)) ids.push_back(task.at("id"));
  return ids;
}

/// Every file under `root`, as relative path → contents.
std::map<std::string, std::string> tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& item : fs::recursive_directory_iterator(root))
    if (item.is_regular_file())
      files[fs::relative(item.path(), root).string()] = dcos::testing::read_file(item.path());
  return files;
}

/// The words of `text`.
std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> found;
  for (std::string word; in >> word;) found.push_back(word);
  return found;
}

}  // namespace

TEST_CASE("task ls and task download against the sandboxes of dcos-local") {
  LocalCluster cluster;
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
  auto added = cli.run({"marathon", "app", "add"}, kWriterApp);
  INFO(added.err);
  REQUIRE(added.status == 0);

  // Both writers run and have written their files.
  std::vector<std::string> writers;
  REQUIRE(dcos::testing::eventually([&] {
    writers = task_ids(cli, "writer", "--all");
    if (writers.size() != 2) return false;
    for (const auto& id : writers)
      if (cli.run({"task", "ls", id, "ready"}).status != 0) return false;
    return true;
  }));
  const std::string writer = writers[0];

  {  // ls: names, --long, a sub-path, a missing path, several tasks
    auto plain = cli.run({"task", "ls", writer});
    INFO(plain.err);
    REQUIRE(plain.status == 0);
    CHECK(plain.err.empty());
    CHECK(words(plain.out) == std::vector<std::string>{"logs", "ready", "stderr", "stdout"});
    CHECK(plain.out.find("logs  ready  stderr  stdout\n") == 0);

    auto sub = cli.run({"task", "ls", writer, "logs"});
    CHECK(sub.status == 0);
    CHECK(sub.out == "a.txt  b.log\n");

    auto long_form = cli.run({"task", "ls", writer, "logs", "--long"});
    INFO(long_form.out);
    REQUIRE(long_form.status == 0);
    std::istringstream lines(long_form.out);
    std::string header, first, second, extra;
    std::getline(lines, header);
    std::getline(lines, first);
    std::getline(lines, second);
    CHECK(!std::getline(lines, extra));
    CHECK(words(header) ==
          std::vector<std::string>{"MODE", "LINKS", "UID", "GID", "SIZE", "DATE", "NAME"});
    auto row = words(first);
    REQUIRE(row.size() == 11);  // the date is five words: 02 Jan 06 15:04 MST
    CHECK(row[0].rfind("-rw", 0) == 0);
    CHECK(row[1] == "1");
    CHECK(row[4] == "6");  // "alpha\n"
    CHECK(row[10] == "a.txt");
    CHECK(words(second).back() == "b.log");

    auto missing = cli.run({"task", "ls", writer, "no/such"});
    CHECK(missing.status == 3);
    CHECK(missing.out.empty());
    CHECK(missing.err == "Error: cannot access 'no/such': no such file or directory\n");

    auto both = cli.run({"task", "ls", "writer", "logs"});
    CHECK(both.status == 0);
    CHECK(both.out.find("===> " + writers[0] + " <===\na.txt  b.log\n") != std::string::npos);
    CHECK(both.out.find("===> " + writers[1] + " <===\na.txt  b.log\n") != std::string::npos);

    auto unknown = cli.run({"task", "ls", "no-such-task"});
    CHECK(unknown.status == 3);
    CHECK(unknown.err == "Error: no task ID found containing 'no-such-task'\n");
  }

  {  // download: the whole sandbox, a glob, a folder; errors
    TempDir target;
    const fs::path whole = target.path() / "whole";
    auto all = cli.run({"task", "download", writer, "--target-dir", whole.string()});
    INFO(all.err);
    REQUIRE(all.status == 0);
    CHECK(all.out.empty());
    CHECK(all.err.empty());
    CHECK(tree(whole) == std::map<std::string, std::string>{{"logs/a.txt", "alpha\n"},
                                                            {"logs/b.log", "beta"},
                                                            {"ready", ""},
                                                            {"stderr", "err-line\n"},
                                                            {"stdout", "out-line\n"}});

    const fs::path glob = target.path() / "glob";
    auto txt = cli.run({"task", "download", writer, "logs/*.txt", "--target-dir", glob.string()});
    CHECK(txt.status == 0);
    CHECK(tree(glob) == std::map<std::string, std::string>{{"a.txt", "alpha\n"}});

    const fs::path folder = target.path() / "folder";
    auto logs = cli.run({"task", "download", writer, "logs", "--target-dir", folder.string()});
    CHECK(logs.status == 0);
    CHECK(tree(folder) ==
          std::map<std::string, std::string>{{"logs/a.txt", "alpha\n"}, {"logs/b.log", "beta"}});

    auto nothing = cli.run({"task", "download", writer, "*.zip", "--target-dir", glob.string()});
    CHECK(nothing.status == 3);
    CHECK(nothing.err == "Error: no file or directory matched '*.zip'\n");

    auto unknown = cli.run({"task", "download", "no-such-task"});
    CHECK(unknown.status == 3);
    CHECK(unknown.err == "Error: no task ID found containing 'no-such-task'\n");

    // "writer" begins both tasks' ids.
    auto ambiguous = cli.run({"task", "download", "writer", "--target-dir", glob.string()});
    CHECK(ambiguous.status == 6);
    CHECK(ambiguous.err.find(writers[0]) != std::string::npos);
  }
}

TEST_CASE("task download copies the stderr of a task that has ended") {
  LocalCluster cluster;
  Cli cli;
  auto setup = cli.run({"cluster", "setup", cluster.url()});
  INFO(setup.err);
  REQUIRE(setup.status == 0);
  auto added = cli.run({"marathon", "app", "add"}, kQuitterApp);
  INFO(added.err);
  REQUIRE(added.status == 0);

  std::vector<std::string> ended;
  REQUIRE(dcos::testing::eventually([&] {
    ended = task_ids(cli, "quitter", "--completed");
    return !ended.empty();
  }));
  TempDir target;
  auto copied =
      cli.run({"task", "download", ended[0], "stderr", "--target-dir", target.path().string()});
  INFO(copied.err);
  REQUIRE(copied.status == 0);
  CHECK(tree(target.path()) == std::map<std::string, std::string>{{"stderr", "quitting now\n"}});

  auto listed = cli.run({"task", "ls", ended[0], "--completed"});
  CHECK(listed.status == 0);
  CHECK(listed.out == "stderr  stdout\n");
}
