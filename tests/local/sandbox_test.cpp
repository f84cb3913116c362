#include "local/sandbox.hpp"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "dcos-local-sandbox-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

void write(const std::string& path, const std::string& bytes, bool append = false) {
  std::ofstream out(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
  out << bytes;
  REQUIRE(out.good());
}

void set_mtime(const std::string& path, time_t seconds) {
  timespec times[2] = {{seconds, 0}, {seconds, 0}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

json body_json(const dcos_local::Reply& reply) {
  json value = json::parse(reply.body, nullptr, false);
  REQUIRE_FALSE(value.is_discarded());
  return value;
}

std::string header(const dcos_local::Reply& reply, const std::string& name) {
  for (const auto& [key, value] : reply.headers) {
    if (key == name) return value;
  }
  return "<none>";
}

std::string numbered_lines(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += "line " + std::to_string(i) + "\n";
  return text;
}

std::string json_kind(const json& value) {
  return value.is_number() ? "number" : value.type_name();
}

// The upstream fixture ../shared/fixtures/<relative>; the build passes where ../shared is
// (DCOS_SHARED_DIR). A user's clone has no ../shared: then the comparison is skipped with a
// warning saying so, and nullopt returned. When ../shared is there, its fixture must be too.
std::optional<fs::path> shared_fixture(const std::string& relative) {
  fs::path shared = DCOS_SHARED_DIR;
  std::error_code error;
  if (!fs::is_directory(shared, error)) {
    WARN(
        "skipped: ../shared (the upstream fixtures) is absent in this clone, so nothing to "
        "compare with "
        << relative);
    return std::nullopt;
  }
  return shared / "fixtures" / relative;
}

// Every key of every fixture object must be in `ours`, with the same JSON type.
void check_like_fixture(const json& ours, const std::string& fixture) {
  auto file = shared_fixture(fixture);
  if (!file) return;
  std::ifstream in(*file);
  INFO("fixture " << file->string());
  REQUIRE(in.is_open());
  json expected = json::parse(in, nullptr, false);
  REQUIRE_FALSE(expected.is_discarded());
  if (!expected.is_array()) expected = json::array({expected});
  REQUIRE_FALSE(expected.empty());
  for (const json& sample : expected) {
    for (const auto& [key, value] : sample.items()) {
      INFO("key " << key);
      REQUIRE(ours.contains(key));
      CHECK(json_kind(ours[key]) == json_kind(value));
    }
  }
}

std::string my_user() {
  const passwd* entry = ::getpwuid(::getuid());
  return entry ? entry->pw_name : std::to_string(::getuid());
}

std::string my_group() {
  const group* entry = ::getgrgid(::getgid());
  return entry ? entry->gr_name : std::to_string(::getgid());
}

constexpr const char* kRun = "/frameworks/fw/executors/ex/runs/latest";

}  // namespace

TEST_CASE("browse lists a directory like the Mesos agent") {
  TempDir dir;
  write(dir / "stdout", "hello\n");
  write(dir / "b.txt", "12345");
  ::chmod((dir / "b.txt").c_str(), 0640);
  set_mtime(dir / "b.txt", 1456220729);
  fs::create_directories(dir / "sub/inner");
  ::chmod((dir / "sub").c_str(), 0755);

  auto reply = dcos_local::files_browse(dir.str(), kRun);
  CHECK(reply.status == 200);
  CHECK(reply.content_type == "application/json");
  json list = body_json(reply);
  REQUIRE(list.is_array());
  REQUIRE(list.size() == 3);
  CHECK(list[0]["path"] == std::string(kRun) + "/b.txt");
  CHECK(list[1]["path"] == std::string(kRun) + "/stdout");
  CHECK(list[2]["path"] == std::string(kRun) + "/sub");
  const json& file = list[0];
  CHECK(file["size"] == 5);
  CHECK(file["mtime"] == 1456220729);
  CHECK(file["nlink"] == 1);
  CHECK(file["mode"] == "-rw-r-----");
  CHECK(file["uid"] == my_user());
  CHECK(file["gid"] == my_group());
  CHECK(list[2]["mode"] == "drwxr-xr-x");
  struct stat sub {};
  REQUIRE(::stat((dir / "sub").c_str(), &sub) == 0);
  CHECK(list[2]["nlink"] == sub.st_nlink);
  for (const json& entry : list) check_like_fixture(entry, "mesos/files/files-browse.dcos-ui.json");
}

TEST_CASE("browse of a file lists that file under the requested path") {
  TempDir dir;
  write(dir / "stderr", "oops\n");
  json list = body_json(dcos_local::files_browse(dir / "stderr", "/sandbox/stderr"));
  REQUIRE(list.size() == 1);
  CHECK(list[0]["path"] == "/sandbox/stderr");
  CHECK(list[0]["size"] == 5);
}

TEST_CASE("browse answers 404 with no body for a missing path") {
  TempDir dir;
  auto reply = dcos_local::files_browse(dir / "nope", "/nope");
  CHECK(reply.status == 404);
  CHECK(reply.body.empty());
  CHECK(dcos_local::files_browse(dir / "nope/deeper", "/x").status == 404);
}

TEST_CASE("browse joins a trailing-slash virtual dir cleanly and follows links") {
  TempDir dir;
  write(dir / "real", "data");
  fs::create_symlink(dir / "real", dir / "link");
  fs::create_symlink(dir / "gone", dir / "dangling");
  json list = body_json(dcos_local::files_browse(dir.str(), "/v/"));
  REQUIRE(list.size() == 2);
  CHECK(list[0]["path"] == "/v/link");
  CHECK(list[0]["mode"].get<std::string>().front() == '-');
  CHECK(list[0]["size"] == 4);
  CHECK(list[1]["path"] == "/v/real");
  CHECK(body_json(dcos_local::files_browse(dir.str(), "/"))[0]["path"] == "/link");
}

TEST_CASE("browse writes special permission bits the way ls does") {
  TempDir dir;
  write(dir / "suid", "");
  write(dir / "sgid", "");
  fs::create_directory(dir / "tmp");
  ::chmod((dir / "suid").c_str(), 04755);
  ::chmod((dir / "sgid").c_str(), 02644);
  ::chmod((dir / "tmp").c_str(), 01777);
  json list = body_json(dcos_local::files_browse(dir.str(), "/d"));
  REQUIRE(list.size() == 3);
  CHECK(list[0]["mode"] == "-rw-r-Sr--");
  CHECK(list[1]["mode"] == "-rwsr-xr-x");
  CHECK(list[2]["mode"] == "drwxrwxrwt");
}

TEST_CASE("read returns the size for offset -1 and the bytes from an offset") {
  TempDir dir;
  write(dir / "stdout", "0123456789");
  json size = body_json(dcos_local::files_read(dir / "stdout", "-1", ""));
  CHECK(size == json{{"data", ""}, {"offset", 10}});
  auto whole = dcos_local::files_read(dir / "stdout", "", "");
  CHECK(whole.status == 200);
  CHECK(whole.content_type == "application/json");
  CHECK(body_json(whole) == json{{"data", "0123456789"}, {"offset", 0}});
  CHECK(body_json(dcos_local::files_read(dir / "stdout", "3", "4")) ==
        json{{"data", "3456"}, {"offset", 3}});
  CHECK(body_json(dcos_local::files_read(dir / "stdout", "6", "-1"))["data"] == "6789");
  CHECK(body_json(dcos_local::files_read(dir / "stdout", "8", "100"))["data"] == "89");
  CHECK(body_json(dcos_local::files_read(dir / "stdout", "2", "0"))["data"] == "");
  check_like_fixture(body_json(whole), "mesos/files/files-read.dcos-ui.json");
}

TEST_CASE("read past the end gives empty data at the requested offset") {
  TempDir dir;
  write(dir / "f", "abc");
  CHECK(body_json(dcos_local::files_read(dir / "f", "3", "")) == json{{"data", ""}, {"offset", 3}});
  CHECK(body_json(dcos_local::files_read(dir / "f", "50", "5")) ==
        json{{"data", ""}, {"offset", 50}});
}

TEST_CASE("read returns at most 16 pages per call") {
  TempDir dir;
  std::string big(200000, 'x');
  write(dir / "big", big);
  CHECK(body_json(dcos_local::files_read(dir / "big", "0", ""))["data"].get<std::string>().size() ==
        65536);
  CHECK(body_json(dcos_local::files_read(dir / "big", "0", "100000"))["data"]
            .get<std::string>()
            .size() == 65536);
  CHECK(body_json(dcos_local::files_read(dir / "big", "190000", "-1"))["data"]
            .get<std::string>()
            .size() == 10000);
}

TEST_CASE("read refuses bad parameters, directories and missing files") {
  TempDir dir;
  write(dir / "f", "abc");
  for (const auto& [offset, length] : std::vector<std::pair<std::string, std::string>>{
           {"-2", ""}, {"", "-2"}, {"x", ""}, {"", "ten"}, {"1x", ""}, {"+1", ""}, {" 1", ""}}) {
    INFO("offset=" << offset << " length=" << length);
    auto reply = dcos_local::files_read(dir / "f", offset, length);
    CHECK(reply.status == 400);
    CHECK(reply.content_type == "text/plain");
    CHECK_FALSE(reply.body.empty());
  }
  CHECK(dcos_local::files_read(dir / "missing", "0", "").status == 404);
  CHECK(dcos_local::files_read(dir.str(), "0", "").status == 400);
  CHECK(dcos_local::files_read(dir.str(), "-1", "").status == 400);
}

TEST_CASE("read keeps the JSON valid for bytes that are not UTF-8") {
  TempDir dir;
  const char raw[] = "ok \xff\xfe\0 \"q\"\n";
  write(dir / "bin", std::string(raw, sizeof(raw) - 1));
  auto reply = dcos_local::files_read(dir / "bin", "", "");
  REQUIRE(reply.status == 200);
  std::string data = body_json(reply)["data"];
  CHECK(data.rfind("ok ", 0) == 0);
  CHECK(data.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
  CHECK(data.find(std::string("\0", 1)) != std::string::npos);
  CHECK(data.find("\"q\"\n") != std::string::npos);
}

TEST_CASE("download sends raw bytes as an attachment with a guessed type") {
  TempDir dir;
  std::string bytes("a\0b\xff", 4);
  write(dir / "data.json", bytes);
  auto reply = dcos_local::files_download(dir / "data.json");
  CHECK(reply.status == 200);
  CHECK(reply.body == bytes);
  CHECK(reply.content_type == "application/json");
  CHECK(header(reply, "Content-Disposition") == "attachment; filename=data.json");

  write(dir / "stdout", "x");
  write(dir / "app.LOG", "x");
  write(dir / ".hidden", "x");
  write(dir / "bundle.tar.gz", "x");
  CHECK(dcos_local::files_download(dir / "stdout").content_type == "application/octet-stream");
  CHECK(dcos_local::files_download(dir / "app.LOG").content_type == "text/plain");
  CHECK(dcos_local::files_download(dir / ".hidden").content_type == "application/octet-stream");
  CHECK(dcos_local::files_download(dir / "bundle.tar.gz").content_type == "application/x-gzip");
  CHECK(header(dcos_local::files_download(dir / "stdout"), "Content-Disposition") ==
        "attachment; filename=stdout");
}

TEST_CASE("download refuses directories and missing files") {
  TempDir dir;
  CHECK(dcos_local::files_download(dir.str()).status == 400);
  auto missing = dcos_local::files_download(dir / "none");
  CHECK(missing.status == 404);
  CHECK(missing.headers.empty());
}

TEST_CASE("task log text honours cursor, skip and limit") {
  TempDir dir;
  std::string path = dir / "stdout";
  write(path, numbered_lines(1, 20));
  auto last = dcos_local::log_text(path, "END", "-10", "");
  CHECK(last.status == 200);
  CHECK(last.content_type == "text/plain");
  CHECK(last.body == numbered_lines(11, 20));
  CHECK(dcos_local::log_text(path, "END", "-100", "").body == numbered_lines(1, 20));
  CHECK(dcos_local::log_text(path, "", "", "").body == numbered_lines(1, 20));
  CHECK(dcos_local::log_text(path, "BEG", "", "3").body == numbered_lines(1, 3));
  CHECK(dcos_local::log_text(path, "BEG", "2", "2").body == numbered_lines(3, 4));
  CHECK(dcos_local::log_text(path, "END", "-3", "2").body == numbered_lines(18, 19));
  CHECK(dcos_local::log_text(path, "BEG", "100", "").body.empty());
  CHECK(dcos_local::log_text(path, "BEG", "-5", "").body == numbered_lines(1, 20));
  CHECK(dcos_local::log_text(path, "END", "", "").body.empty());
  CHECK(dcos_local::log_text(path, "END", "", "").status == 200);
  CHECK(dcos_local::log_text(path, "", "", "0").body == numbered_lines(1, 20));

  uint64_t fifth = numbered_lines(1, 4).size();
  std::string at = std::to_string(fifth);
  CHECK(dcos_local::log_text(path, at, "", "2").body == numbered_lines(5, 6));
  CHECK(dcos_local::log_text(path, at, "-2", "2").body == numbered_lines(3, 4));
  CHECK(dcos_local::log_text(path, at, "1", "1").body == numbered_lines(6, 6));
  CHECK(dcos_local::log_text(path, "999999", "", "").body.empty());
  // A cursor inside a line starts there; one line back is the start of that line.
  CHECK(dcos_local::log_text(path, std::to_string(fifth + 2), "", "1").body == "ne 5\n");
  CHECK(dcos_local::log_text(path, std::to_string(fifth + 2), "-1", "1").body == "line 5\n");
}

TEST_CASE("task log text counts an unterminated last line") {
  TempDir dir;
  write(dir / "stdout", "a\nb\nc");
  CHECK(dcos_local::log_text(dir / "stdout", "END", "-1", "").body == "c\n");
  CHECK(dcos_local::log_text(dir / "stdout", "END", "-2", "").body == "b\nc\n");
  CHECK(dcos_local::log_text(dir / "stdout", "BEG", "", "").body == "a\nb\nc\n");
  write(dir / "empty", "");
  auto empty = dcos_local::log_text(dir / "empty", "END", "-10", "");
  CHECK(empty.status == 200);
  CHECK(empty.body.empty());
}

TEST_CASE("task log text answers 204 for a missing file and 400 for bad parameters") {
  TempDir dir;
  auto missing = dcos_local::log_text(dir / "stdout", "END", "-10", "");
  CHECK(missing.status == 204);
  CHECK(missing.body.empty());
  write(dir / "stdout", "x\n");
  for (const auto& [cursor, skip, limit] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"MIDDLE", "", ""},
                                                                      {"-5", "", ""},
                                                                      {"beg", "", ""},
                                                                      {"", "ten", ""},
                                                                      {"", "", "-1"},
                                                                      {"", "", "many"}}) {
    INFO("cursor=" << cursor << " skip=" << skip << " limit=" << limit);
    auto reply = dcos_local::log_text(dir / "stdout", cursor, skip, limit);
    CHECK(reply.status == 400);
    CHECK_FALSE(reply.body.empty());
  }
  CHECK(dcos_local::log_text(dir.str(), "", "", "").status == 400);
}

TEST_CASE("task log positions work across many scan blocks") {
  TempDir dir;
  std::string path = dir / "stdout";
  std::string text = numbered_lines(1, 30000);
  write(path, text);
  REQUIRE(text.size() > 3 * 65536);
  CHECK(dcos_local::log_text(path, "END", "-10", "").body == numbered_lines(29991, 30000));
  CHECK(dcos_local::log_text(path, "BEG", "25000", "2").body == numbered_lines(25001, 25002));
  CHECK(dcos_local::log_text(path, "END", "-25000", "1").body == numbered_lines(5001, 5001));
  uint64_t start = dcos_local::offset_for_last_lines(path, 12345);
  CHECK(start == numbered_lines(1, 30000 - 12345).size());
  auto pos = dcos_local::log_position(path, "END", "-12345");
  CHECK(pos.status == 200);
  CHECK(pos.offset == start);
}

TEST_CASE("log_position reports where a read starts, or why not") {
  TempDir dir;
  std::string path = dir / "stdout";
  CHECK(dcos_local::log_position(path, "END", "-1").status == 204);
  write(path, "a\nbb\nccc\n");
  CHECK(dcos_local::log_position(path, "", "").offset == 0);
  CHECK(dcos_local::log_position(path, "END", "").offset == 9);
  CHECK(dcos_local::log_position(path, "END", "-2").offset == 2);
  CHECK(dcos_local::log_position(path, "2", "1").offset == 5);
  CHECK(dcos_local::log_position(path, "-9223372036854775808", "").status == 400);
  auto far_back = dcos_local::log_position(path, "END", "-9223372036854775808");
  CHECK(far_back.status == 200);
  CHECK(far_back.offset == 0);
  auto bad = dcos_local::log_position(path, "x", "");
  CHECK(bad.status == 400);
  CHECK_FALSE(bad.error.empty());
}

TEST_CASE("an SSE log event carries the line and its fields") {
  json fields = {{"FILE", "stdout"}, {"AGENT_ID", "a1"}};
  CHECK(dcos_local::log_sse_event("hello", 6, fields) ==
        "id: 6\ndata: {\"fields\":{\"AGENT_ID\":\"a1\",\"FILE\":\"stdout\",\"MESSAGE\":\"hello\"}}"
        "\n\n");
  CHECK(dcos_local::log_sse_event("x\n", 2, json()) ==
        "id: 2\ndata: {\"fields\":{\"MESSAGE\":\"x\"}}\n\n");
  std::string event = dcos_local::log_sse_event("say \"hi\"\r\xff", 99, {{"MESSAGE", "old"}});
  REQUIRE(event.rfind("id: 99\ndata: ", 0) == 0);
  REQUIRE(event.size() > 2);
  CHECK(event.substr(event.size() - 2) == "\n\n");
  std::string data = event.substr(std::string("id: 99\ndata: ").size());
  CHECK(data.find('\n') == data.size() - 2);  // one data line
  std::string message = json::parse(data)["fields"]["MESSAGE"];
  CHECK(message.rfind("say \"hi\"\r", 0) == 0);
}

TEST_CASE("SSE events have the shape of the dcos-log fixture") {
  auto file = shared_fixture("dcos/logs/journal-entry.text-event-stream.dcos-log-readme.txt");
  if (!file) return;
  std::ifstream in(*file);
  INFO("fixture " << file->string());
  REQUIRE(in.is_open());
  std::string first;
  std::string second;
  std::getline(in, first);
  std::getline(in, second);
  REQUIRE(first.rfind("id: ", 0) == 0);
  REQUIRE(second.rfind("data: ", 0) == 0);
  json expected = json::parse(second.substr(6));
  std::istringstream ours(dcos_local::log_sse_event("m", 1, {{"FILE", "stdout"}}));
  std::string id_line;
  std::string data_line;
  std::getline(ours, id_line);
  std::getline(ours, data_line);
  CHECK(id_line.rfind("id: ", 0) == 0);
  REQUIRE(data_line.rfind("data: ", 0) == 0);
  json actual = json::parse(data_line.substr(6));
  REQUIRE(actual["fields"].is_object());
  CHECK(json_kind(actual["fields"]["MESSAGE"]) == json_kind(expected["fields"]["MESSAGE"]));
}

TEST_CASE("read_complete_lines returns only finished lines so a follower can poll") {
  TempDir dir;
  std::string path = dir / "stdout";
  write(path, "one\ntwo\nthr");
  auto chunk = dcos_local::read_complete_lines(path, 0, 65536);
  using Lines = std::vector<std::pair<std::string, uint64_t>>;
  CHECK(chunk.lines == Lines{{"one", 4}, {"two", 8}});
  CHECK(chunk.next_offset == 8);
  CHECK(dcos_local::read_complete_lines(path, 8, 65536).lines.empty());
  write(path, "ee\n", true);
  chunk = dcos_local::read_complete_lines(path, 8, 65536);
  CHECK(chunk.lines == Lines{{"three", 14}});
  CHECK(chunk.next_offset == 14);
  chunk = dcos_local::read_complete_lines(path, 14, 65536);
  CHECK(chunk.lines.empty());
  CHECK(chunk.next_offset == 14);
  chunk = dcos_local::read_complete_lines(path, 0, 5);
  CHECK(chunk.lines == Lines{{"one", 4}});
  CHECK(chunk.next_offset == 4);
}

TEST_CASE("read_complete_lines splits an overlong line and tolerates missing files") {
  TempDir dir;
  write(dir / "long", "abcdefghij\n");
  auto chunk = dcos_local::read_complete_lines(dir / "long", 0, 4);
  CHECK(chunk.lines == std::vector<std::pair<std::string, uint64_t>>{{"abcd", 4}});
  CHECK(chunk.next_offset == 4);
  chunk = dcos_local::read_complete_lines(dir / "long", 8, 4);
  CHECK(chunk.lines == std::vector<std::pair<std::string, uint64_t>>{{"ij", 11}});
  chunk = dcos_local::read_complete_lines(dir / "gone", 7, 100);
  CHECK(chunk.lines.empty());
  CHECK(chunk.next_offset == 7);
  CHECK(dcos_local::read_complete_lines(dir / "long", 0, 0).lines.empty());
}

TEST_CASE("offset_for_last_lines finds where a follow from END-n begins") {
  TempDir dir;
  write(dir / "stdout", "a\nb\nc\n");
  CHECK(dcos_local::offset_for_last_lines(dir / "stdout", 2) == 2);
  CHECK(dcos_local::offset_for_last_lines(dir / "stdout", 0) == 6);
  CHECK(dcos_local::offset_for_last_lines(dir / "stdout", 10) == 0);
  CHECK(dcos_local::offset_for_last_lines(dir / "missing", 3) == 0);
  auto chunk = dcos_local::read_complete_lines(
      dir / "stdout", dcos_local::offset_for_last_lines(dir / "stdout", 2), 65536);
  CHECK(chunk.lines == std::vector<std::pair<std::string, uint64_t>>{{"b", 4}, {"c", 6}});
}
