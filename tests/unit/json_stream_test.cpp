// The push JSON parser (client/json_stream.hpp): whatever the pieces a document arrives in, it
// gives what a whole-document parse gives, whether the handler keeps the root, walks everything
// or skips it; and every malformed or truncated document is an Error, never a crash or a value.
#include "client/json_stream.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using dcos::JsonKind;
using dcos::JsonPath;
using dcos::JsonStreamHandler;
using dcos::JsonStreamParser;
using dcos::JsonTake;
using dcos::Status;
using nlohmann::json;

namespace {

enum class Mode { keep_root, walk_all, skip_root };

/// Rebuilds the document from what the parser hands over: the root kept whole, or every
/// container walked and every scalar kept (placed by its path), or nothing but the root's kind.
class Rebuilder : public JsonStreamHandler {
 public:
  explicit Rebuilder(Mode mode) : mode_(mode) {}

  JsonTake on_value(const JsonPath& path, JsonKind kind) override {
    ++values;
    if (mode_ == Mode::keep_root) return JsonTake::keep;
    if (mode_ == Mode::skip_root) return JsonTake::skip;
    if (kind == JsonKind::object || kind == JsonKind::array) {
      place(path) = kind == JsonKind::object ? json::object() : json::array();
      return JsonTake::walk;
    }
    return JsonTake::keep;
  }
  Status on_kept(const JsonPath& path, json&& value) override {
    place(path) = std::move(value);
    return Status::success();
  }
  Status on_end(const JsonPath& path, JsonKind kind) override {
    ends.push_back(std::to_string(path.size()) + (kind == JsonKind::object ? "}" : "]"));
    return Status::success();
  }

  json document;
  size_t values = 0;
  std::vector<std::string> ends;

 private:
  json& place(const JsonPath& path) {
    json* at = &document;
    for (const auto& step : path) at = step.in_array ? &(*at)[step.index] : &(*at)[step.key];
    return *at;
  }

  Mode mode_;
};

/// Feeds `text` in pieces of `size` bytes; the parse's outcome.
Status parse_in_pieces(const std::string& text, size_t size, Rebuilder& handler) {
  JsonStreamParser parser(handler);
  for (size_t at = 0; at < text.size(); at += size)
    if (Status status = parser.feed(std::string_view(text).substr(at, size)); !status.ok())
      return status;
  return parser.finish();
}

const std::string kTricky =
    "{\"k\\\"ey\": \"va\\\\lue\\n\", \"\\u00e9t\\u00E9\": \"caf\xc3\xa9 \xf0\x9f\x98\x80 "
    "\\ud83d\\ude00\", \"\xc3\xa9\": {}, \"list\": [ -0.5e+10, 0, 1E3, 12345678901234567890, "
    "-9223372036854775808, 1.5, true, false, null, [], [[{}]], \"\" ],\n \"nested\": {\"a\": "
    "{\"b\": [1, {\"c\": \"\\/\\b\\f\\r\\t\"}]}}, \"same\": 1, \"same\": 2 }";

}  // namespace

TEST_CASE("json stream: every piece size gives the whole-document parse, in every mode") {
  const json whole = json::parse(kTricky);
  for (size_t size = 1; size <= kTricky.size(); ++size) {
    INFO("pieces of " << size << " bytes");
    Rebuilder kept(Mode::keep_root);
    REQUIRE(parse_in_pieces(kTricky, size, kept).ok());
    CHECK(kept.document == whole);
    Rebuilder walked(Mode::walk_all);
    REQUIRE(parse_in_pieces(kTricky, size, walked).ok());
    CHECK(walked.document == whole);
    CHECK(walked.ends.back() == "0}");
    Rebuilder skipped(Mode::skip_root);
    REQUIRE(parse_in_pieces(kTricky, size, skipped).ok());
    CHECK(skipped.values == 1);
  }
}

TEST_CASE("json stream: member names with escapes are decoded for the path") {
  Rebuilder walked(Mode::walk_all);
  REQUIRE(parse_in_pieces(R"({"a\u0062\"c": {"\u00e9": [1, 2]}})", 3, walked).ok());
  CHECK(walked.document == json{{"ab\"c", {{"\xc3\xa9", {1, 2}}}}});
  CHECK(walked.ends == std::vector<std::string>{"2]", "1}", "0}"});
}

TEST_CASE("json stream: scalars at the root, and whitespace around it") {
  for (const std::string text : {"12", " true ", "\"x\"\n", "-0.5", "null"}) {
    Rebuilder kept(Mode::keep_root);
    REQUIRE(parse_in_pieces(text, 1, kept).ok());
    CHECK(kept.document == json::parse(text));
  }
}

TEST_CASE("json stream: malformed documents are an Error in every mode and every piece size") {
  const std::vector<std::string> bad = {
      "",
      "   ",
      "{",
      "{\"a\":1",
      "{\"a\" 1}",
      "{\"a\":1,}",
      "{,}",
      "[1,]",
      "[1 2]",
      "[01]",
      "[1.]",
      "[.5]",
      "[-]",
      "[1e]",
      "[+1]",
      "{\"a\":tru}",
      "{\"a\":nul}",
      "{\"a\":True}",
      "{\"a\":\"\x01\"}",
      "{\"a\":\"\\q\"}",
      "[\"\\u12G4\"]",
      "[\"unterminated]",
      "{} x",
      "{}{}",
      "]",
      "{\"a\":[}",
      "[}",
      "{1:2}",
      "{\"a\":1 \"b\":2}",
      "[\"a\" : 1]",
      "'a'",
  };
  for (const auto& text : bad) {
    for (Mode mode : {Mode::keep_root, Mode::walk_all, Mode::skip_root}) {
      for (size_t size = 1; size <= std::max<size_t>(text.size(), 1); ++size) {
        INFO("document: " << text << ", pieces of " << size << ", mode " << static_cast<int>(mode));
        Rebuilder handler(mode);
        Status status = parse_in_pieces(text, size, handler);
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().message.rfind("invalid JSON at byte ", 0) == 0);
      }
    }
  }
}

TEST_CASE("json stream: invalid UTF-8 in a kept value is an Error; the offset is the document's") {
  Rebuilder walked(Mode::walk_all);
  Status status = parse_in_pieces("{\"a\": [1, \"ok\", \"\xff\"]}", 2, walked);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message.rfind("invalid JSON at byte 1", 0) == 0);
  CHECK(status.error().message.find("UTF-8") != std::string::npos);
}

TEST_CASE("json stream: every truncation of a document is an Error at its end") {
  const std::string text = kTricky;
  for (size_t cut = 0; cut < text.size(); ++cut) {
    INFO("cut after " << cut << " bytes");
    Rebuilder handler(Mode::walk_all);
    Status status = parse_in_pieces(text.substr(0, cut), 7, handler);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message ==
          "invalid JSON at byte " + std::to_string(cut) + ": " +
              (cut == 0 ? "the document is empty" : "the document ends early"));
  }
}

TEST_CASE("json stream: a handler's Error stops the parse and is returned as it is") {
  struct Refuser : JsonStreamHandler {
    JsonTake on_value(const JsonPath& path, JsonKind) override {
      return path.empty() ? JsonTake::walk : JsonTake::keep;
    }
    Status on_kept(const JsonPath&, json&&) override {
      ++kept;
      return dcos::Error::make(dcos::ErrorKind::generic, "enough");
    }
    Status on_end(const JsonPath&, JsonKind) override { return Status::success(); }
    int kept = 0;
  } refuser;
  JsonStreamParser parser(refuser);
  Status status = parser.feed("[1, 2, 3]");
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == "enough");
  CHECK(refuser.kept == 1);
  CHECK(parser.feed("4").error().message == "enough");
  CHECK(parser.finish().error().message == "enough");
}
