#include "client/json_stream.hpp"

#include <cstring>
#include <nlohmann/json.hpp>

namespace dcos {
namespace {

bool whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool digit(char c) { return c >= '0' && c <= '9'; }

bool hex_digit(char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// What a number or a literal is made of; the first other character ends it.
bool scalar_char(char c) {
  return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '-' ||
         c == '.';
}

/// Whether `text` is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool json_number(std::string_view text) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < text.size() && digit(text[i])) ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0')
    ++i;
  else if (!digits())
    return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

/// The useful part of nlohmann's parse error ("invalid string: ill-formed UTF-8 byte"),
/// without the bytes it last read, which may not be printable.
std::string parse_reason(const std::string& what) {
  const size_t dash = what.find(" - ");
  if (dash == std::string::npos) return "a value that does not parse";
  const size_t end = what.find("; last read", dash);
  return what.substr(dash + 3, end == std::string::npos ? std::string::npos : end - dash - 3);
}

}  // namespace

JsonStreamParser::JsonStreamParser(JsonStreamHandler& handler) : handler_(handler) {}

Status JsonStreamParser::fail(size_t at, const std::string& what) {
  failed_ = Error::make(ErrorKind::server,
                        "invalid JSON at byte " + std::to_string(offset_ + at) + ": " + what);
  return failed_;
}

Status JsonStreamParser::feed(std::string_view piece) {
  if (!failed_.ok()) return failed_;
  kept_from_ = 0;
  size_t at = 0;
  while (at < piece.size()) {
    Status status = step(piece, at);
    if (!status.ok()) {
      if (failed_.ok()) failed_ = status;
      return failed_;
    }
  }
  if (region_ == Region::keep) kept_.append(piece.substr(kept_from_));
  offset_ += piece.size();
  return Status::success();
}

Status JsonStreamParser::finish() {
  if (!failed_.ok()) return failed_;
  kept_from_ = 0;
  if (state_ == State::scalar && stack_.empty()) {
    if (Status status = end_scalar({}, 0); !status.ok()) return status;
  }
  if (state_ == State::done) return Status::success();
  return fail(0, offset_ == 0 ? "the document is empty" : "the document ends early");
}

Status JsonStreamParser::step(std::string_view piece, size_t& at) {
  const char c = piece[at];
  if (state_ == State::string) {
    if (escape_ == 0) {
      size_t end = at;
      while (end < piece.size()) {
        const auto d = static_cast<unsigned char>(piece[end]);
        if (d == '"' || d == '\\' || d < 0x20) break;
        ++end;
      }
      if (in_key_) key_.append(piece.data() + at, end - at);
      at = end;
      if (at == piece.size()) return Status::success();
      if (piece[at] == '"') return end_string(piece, at++);
      if (piece[at] != '\\') return fail(at, "a control character in a string");
      escape_ = 1;
      key_escaped_ = key_escaped_ || in_key_;
      if (in_key_) key_ += '\\';
      ++at;
      return Status::success();
    }
    if (in_key_) key_ += c;
    if (escape_ == 1) {
      if (c == 'u')
        escape_ = 5;
      else if (c != '\0' && std::strchr("\"\\/bfnrt", c) != nullptr)
        escape_ = 0;
      else
        return fail(at, "an invalid escape in a string");
    } else {
      if (!hex_digit(c)) return fail(at, "an invalid \\u escape in a string");
      escape_ = escape_ == 2 ? 0 : escape_ - 1;
    }
    ++at;
    return Status::success();
  }
  if (state_ == State::scalar) {
    size_t end = at;
    while (end < piece.size() && scalar_char(piece[end])) ++end;
    scalar_.append(piece.data() + at, end - at);
    at = end;
    if (at == piece.size()) return Status::success();
    return end_scalar(piece, at);  // the character after it is read in the next state
  }
  if (whitespace(c)) {
    ++at;
    return Status::success();
  }
  switch (state_) {
    case State::value_or_close:
      if (c == ']') return close(c, piece, at++);
      [[fallthrough]];
    case State::value:
      return start_value(piece, at++);
    case State::key_or_close:
      if (c == '}') return close(c, piece, at++);
      [[fallthrough]];
    case State::key:
      if (c != '"') return fail(at, "a member name was expected");
      state_ = State::string;
      string_is_key_ = true;
      in_key_ = region_ == Region::none && stack_.size() == walked_;
      key_escaped_ = false;
      key_.clear();
      ++at;
      return Status::success();
    case State::colon:
      if (c != ':') return fail(at, "':' was expected after a member name");
      state_ = State::value;
      ++at;
      return Status::success();
    case State::comma_or_close:
      if (c == '}' || c == ']') return close(c, piece, at++);
      if (c != ',') return fail(at, "',' or the end of a list or object was expected");
      if (stack_.back() == '{') {
        state_ = State::key;
      } else {
        state_ = State::value;
        if (region_ == Region::none && stack_.size() == walked_) ++path_.back().index;
      }
      ++at;
      return Status::success();
    case State::done:
      return fail(at, "more text after the end of the document");
    default:
      return fail(at, "unexpected state");
  }
}

Status JsonStreamParser::start_value(std::string_view piece, size_t at) {
  const char c = piece[at];
  JsonKind kind;
  if (c == '{')
    kind = JsonKind::object;
  else if (c == '[')
    kind = JsonKind::array;
  else if (c == '"')
    kind = JsonKind::string;
  else if (c == '-' || digit(c))
    kind = JsonKind::number;
  else if (c >= 'a' && c <= 'z')
    kind = JsonKind::literal;  // checked to be true, false or null when it ends
  else
    return fail(at, "a value was expected");
  const bool container = kind == JsonKind::object || kind == JsonKind::array;
  bool walk = false;
  if (region_ == Region::none && stack_.size() == walked_) {
    const JsonTake take = handler_.on_value(path_, kind);
    if (take == JsonTake::walk && container) {
      walk = true;
    } else {
      region_ = take == JsonTake::keep ? Region::keep : Region::skip;
      region_depth_ = stack_.size();
      if (region_ == Region::keep) {
        kept_.clear();
        kept_from_ = at;
        kept_start_ = offset_ + at;
      }
    }
  }
  switch (kind) {
    case JsonKind::object:
      stack_.push_back('{');
      state_ = State::key_or_close;
      break;
    case JsonKind::array:
      stack_.push_back('[');
      state_ = State::value_or_close;
      break;
    case JsonKind::string:
      state_ = State::string;
      string_is_key_ = false;
      in_key_ = false;
      break;
    default:
      state_ = State::scalar;
      scalar_.assign(1, c);
      break;
  }
  if (walk) {
    ++walked_;
    JsonStep step;
    step.in_array = kind == JsonKind::array;
    path_.push_back(std::move(step));
  }
  return Status::success();
}

Status JsonStreamParser::close(char bracket, std::string_view piece, size_t at) {
  const char open = bracket == '}' ? '{' : '[';
  if (stack_.empty() || stack_.back() != open)
    return fail(at, std::string("an unexpected '") + bracket + "'");
  const bool walked = stack_.size() == walked_;
  stack_.pop_back();
  if (walked) {
    --walked_;
    path_.pop_back();
  }
  return value_done(piece, at + 1, walked, open == '{' ? JsonKind::object : JsonKind::array);
}

Status JsonStreamParser::end_string(std::string_view piece, size_t at) {
  if (!string_is_key_) return value_done(piece, at + 1, false, JsonKind::string);
  state_ = State::colon;
  if (!in_key_) return Status::success();
  if (key_escaped_) {
    auto decoded = nlohmann::json::parse("\"" + key_ + "\"", nullptr, false);
    if (!decoded.is_string()) return fail(at, "a member name that does not parse");
    path_.back().key = decoded.get<std::string>();
  } else {
    path_.back().key = key_;
  }
  return Status::success();
}

Status JsonStreamParser::end_scalar(std::string_view piece, size_t end) {
  const bool valid =
      scalar_ == "true" || scalar_ == "false" || scalar_ == "null" || json_number(scalar_);
  if (!valid) return fail(end, "'" + scalar_.substr(0, 40) + "' is not a value");
  scalar_.clear();
  return value_done(piece, end, false, JsonKind::literal);
}

Status JsonStreamParser::value_done(std::string_view piece, size_t end, bool walked_container,
                                    JsonKind kind) {
  state_ = stack_.empty() ? State::done : State::comma_or_close;
  if (region_ != Region::none && stack_.size() == region_depth_) {
    const Region ended = region_;
    region_ = Region::none;
    if (ended == Region::skip) return Status::success();
    kept_.append(piece.substr(kept_from_, end - kept_from_));
    nlohmann::json value;
    try {
      value = nlohmann::json::parse(kept_);
    } catch (const nlohmann::json::parse_error& error) {
      const size_t at = kept_start_ + (error.byte > 0 ? error.byte - 1 : 0);
      failed_ = Error::make(ErrorKind::server, "invalid JSON at byte " + std::to_string(at) + ": " +
                                                   parse_reason(error.what()));
      return failed_;
    }
    if (kept_.capacity() > (1u << 20)) kept_ = std::string();
    kept_.clear();
    return handler_.on_kept(path_, std::move(value));
  }
  if (walked_container) return handler_.on_end(path_, kind);
  return Status::success();
}

}  // namespace dcos
