// AgentFiles' listing and download calls on a fake agent: the upstream files/browse payload as
// entries, percent-encoded paths, a download's pieces, progress, and how it stops.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "client/agent_files.hpp"
#include "client/strings.hpp"
#include "support/harness.hpp"

using dcos::testing::FakeTransport;
using nlohmann::json;

namespace {

const std::string kAgent = "https://dcos.example/agent/S1/files/";

dcos::AgentFiles agent_files(FakeTransport& transport) {
  dcos::ClientOptions options;
  options.base_url = "https://dcos.example";
  options.max_attempts = 1;
  return dcos::AgentFiles(dcos::HttpClient(transport, options, {}, {}));
}

}  // namespace

TEST_CASE("agent files: the upstream listing as entries, a missing path") {
  REQUIRE_SHARED();
  FakeTransport transport;
  auto files = agent_files(transport);
  const std::string body = dcos::testing::fixture("mesos/files", "files-browse.dcos-ui.json");
  transport.expect("GET", kAgent + "browse?path=/sb", 200, body);
  auto entries = files.browse("S1", "/sb");
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == 13);
  const auto& folder = (*entries)[8];
  CHECK(folder.name() == "jre1.7.0_76");
  CHECK(folder.is_directory());
  CHECK(folder.nlink == 6);
  CHECK(folder.size == 4096);
  CHECK(folder.mtime == 1418952274);
  CHECK(folder.uid == "root");
  CHECK(folder.gid == "root");
  CHECK(folder.raw == json::parse(body)[8]);
  CHECK(!(*entries)[0].is_directory());
  CHECK((*entries)[0].size == 22967081);

  transport.expect("GET", kAgent + "browse?path=/sb/a%20b%23c", 404, "");
  auto missing = files.browse("S1", "/sb/a b#c");
  REQUIRE(!missing.ok());
  CHECK(missing.error().kind == dcos::ErrorKind::not_found);
  CHECK(missing.error().message == "'/sb/a b#c': no such file or directory");
}

TEST_CASE("agent files: a download goes to the sink with its progress") {
  FakeTransport transport;
  auto files = agent_files(transport);
  transport.expect("GET", kAgent + "download?path=/sb/stdout", 200, "hello",
                   {{"Content-Length", "5"}});
  std::string written;
  std::vector<std::pair<uint64_t, std::optional<uint64_t>>> progress;
  dcos::DownloadSink sink;
  sink.write = [&](std::string_view piece) {
    written += piece;
    return dcos::Status::success();
  };
  sink.progress = [&](uint64_t received, std::optional<uint64_t> total) {
    progress.emplace_back(received, total);
  };
  auto size = files.download("S1", "/sb/stdout", sink);
  REQUIRE(size.ok());
  CHECK(*size == 5);
  CHECK(written == "hello");
  CHECK(progress == std::vector<std::pair<uint64_t, std::optional<uint64_t>>>{{0, 5}, {5, 5}});
}

TEST_CASE("agent files: a download stops on the sink's error, a 'no', a folder, a missing file") {
  FakeTransport transport;
  auto files = agent_files(transport);
  dcos::DownloadSink refusing;
  refusing.write = [](std::string_view) {
    return dcos::Status(dcos::Error::make(dcos::ErrorKind::generic, "disk full"));
  };
  transport.expect("GET", kAgent + "download?path=/sb/a", 200, "data");
  auto full = files.download("S1", "/sb/a", refusing);
  REQUIRE(!full.ok());
  CHECK(full.error().message == "disk full");

  dcos::DownloadSink cancelled;
  cancelled.write = [](std::string_view) { return dcos::Status::success(); };
  cancelled.keep_going = [] { return false; };
  transport.expect("GET", kAgent + "download?path=/sb/a", 200, "data");
  auto stopped = files.download("S1", "/sb/a", cancelled);
  REQUIRE(!stopped.ok());
  CHECK(stopped.error().kind == dcos::ErrorKind::cancelled);

  dcos::DownloadSink plain;
  plain.write = [](std::string_view) { return dcos::Status::success(); };
  transport.expect("GET", kAgent + "download?path=/sb/logs", 400, "Cannot download a directory.");
  auto folder = files.download("S1", "/sb/logs", plain);
  REQUIRE(!folder.ok());
  CHECK(folder.error().kind == dcos::ErrorKind::invalid);
  transport.expect("GET", kAgent + "download?path=/sb/gone", 404, "");
  auto gone = files.download("S1", "/sb/gone", plain);
  REQUIRE(!gone.ok());
  CHECK(gone.error().kind == dcos::ErrorKind::not_found);
  CHECK(gone.error().message == "'/sb/gone': no such file");
}

TEST_CASE("agent files: a path inside a folder never climbs out of it") {
  CHECK(dcos::path_within("/sb/run", ".") == "/sb/run");
  CHECK(dcos::path_within("/sb/run/", "./a//b/../c") == "/sb/run/a/c");
  CHECK(dcos::path_within("/sb/run", "/logs/") == "/sb/run/logs");
  CHECK(dcos::path_within("/sb/run", "../../etc") == "/sb/run/etc");
  CHECK(dcos::path_within("/", "x") == "/x");
}
