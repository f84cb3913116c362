// A push parser for JSON documents too large to hold, such as a big cluster's /master/state.
// The document arrives in pieces of any size (as an HTTP body does), split anywhere, even
// inside a string, an escape or a UTF-8 sequence. The parser checks the grammar as it goes and
// asks a handler, for each value it meets at a place it walks, what to do with it: walk into it
// (objects and arrays: their members and elements are then offered in turn), keep it (its
// bytes are gathered and parsed by nlohmann when it ends, so it is checked in full and handed
// over as a json value), or skip it. Only the value being kept is ever held, so memory follows
// the largest record kept, not the document.
#pragma once

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "client/error.hpp"

namespace dcos {

enum class JsonKind { object, array, string, number, literal };  ///< literal: true, false, null

enum class JsonTake { walk, keep, skip };  ///< walk a scalar: the same as skip

/// Where a value sits in its parent: a member's name or an element's position.
struct JsonStep {
  bool in_array = false;
  size_t index = 0;  ///< when in_array
  std::string key;   ///< when not
};

/// The steps from the root to a value (the root itself: no step).
using JsonPath = std::vector<JsonStep>;

class JsonStreamHandler {
 public:
  virtual ~JsonStreamHandler() = default;
  /// A value starts at `path`, the root or a member or element of something walked.
  virtual JsonTake on_value(const JsonPath& path, JsonKind kind) = 0;
  /// A value kept, whole. An Error ends the parse with it.
  virtual Status on_kept(const JsonPath& path, nlohmann::json&& value) = 0;
  /// An object or array that was walked has ended. An Error ends the parse with it.
  virtual Status on_end(const JsonPath& path, JsonKind kind) = 0;
};

class JsonStreamParser {
 public:
  explicit JsonStreamParser(JsonStreamHandler& handler);

  /// The next piece of the document. The first Error (malformed JSON, or the handler's) ends the
  /// parse; every later call returns it again.
  Status feed(std::string_view piece);
  /// The end of the document: an Error when it is empty, incomplete or already failed.
  Status finish();

 private:
  enum class State {
    value,
    value_or_close,
    key,
    key_or_close,
    colon,
    comma_or_close,
    string,
    scalar,
    done
  };
  enum class Region { none, keep, skip };

  Status step(std::string_view piece, size_t& at);
  Status start_value(std::string_view piece, size_t at);
  Status close(char bracket, std::string_view piece, size_t at);
  Status end_string(std::string_view piece, size_t at);
  Status end_scalar(std::string_view piece, size_t end);
  Status value_done(std::string_view piece, size_t end, bool walked_container, JsonKind kind);
  Status fail(size_t at, const std::string& what);

  JsonStreamHandler& handler_;
  State state_ = State::value;
  std::vector<char> stack_;  ///< '{' or '[' for each open container
  size_t walked_ = 0;        ///< how many of the outermost open containers are walked
  JsonPath path_;            ///< one step per walked container: where its current child sits
  Region region_ = Region::none;
  size_t region_depth_ = 0;  ///< stack_.size() when the kept or skipped value started
  std::string kept_;         ///< the kept value's bytes so far
  size_t kept_from_ = 0;     ///< where the kept bytes resume in the current piece
  size_t kept_start_ = 0;    ///< the document offset where the kept value started
  bool string_is_key_ = false;
  bool in_key_ = false;  ///< the string being read is a member name of a walked object
  bool key_escaped_ = false;
  std::string key_;
  int escape_ = 0;      ///< 0: none; 1: after a backslash; 2..5: hex digits of \u still to come
  std::string scalar_;  ///< the number or literal being read
  size_t offset_ = 0;   ///< bytes fed before the current piece
  Status failed_ = Status::success();
};

}  // namespace dcos
