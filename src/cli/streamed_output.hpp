// Printing a list while it is still being read, for lists too long to hold (a large cluster's
// tasks): a JSON array written element by element in write_json's layout, and a spill buffer
// for what has to wait for something read later (kept in memory up to a limit, then in an
// unnamed temporary file).
#pragma once

#include <cstdio>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "client/error.hpp"

namespace dcos {

/// `value` as write_json lays it out (4-space indent, invalid UTF-8 replaced) when it sits
/// `depth` levels deep in a document: every line after the first is indented 4 * depth more.
std::string render_json(const nlohmann::json& value, int depth);

/// Writes a JSON array an element at a time, byte for byte as write_json would write the whole
/// array: "[]" when it stays empty.
class JsonArrayWriter {
 public:
  explicit JsonArrayWriter(std::ostream& out) : out_(out) {}

  /// Writes `element` (at depth 1).
  void add(const nlohmann::json& element);
  /// Starts an element whose text (rendered at depth 1) the caller writes next on the stream.
  void begin_element();
  /// Ends the array and the line.
  void finish();

 private:
  std::ostream& out_;
  bool empty_ = true;
};

/// Text held back until it can be written: in memory up to `memory_limit` bytes, beyond that
/// in an unnamed temporary file (gone when closed, even if the process dies).
class SpillBuffer {
 public:
  explicit SpillBuffer(size_t memory_limit = size_t{1} << 20) : limit_(memory_limit) {}
  ~SpillBuffer();
  SpillBuffer(const SpillBuffer&) = delete;
  SpillBuffer& operator=(const SpillBuffer&) = delete;

  Status append(std::string_view text);
  bool empty() const { return memory_.empty() && file_size_ == 0; }
  /// Writes everything held to `out`, in order, and empties the buffer.
  Status write_to(std::ostream& out);
  /// Hands everything held to `take`, in pieces and in order, and empties the buffer.
  Status drain(const std::function<Status(std::string_view)>& take);
  /// Forgets everything held.
  void clear();
  /// How many bytes are held.
  size_t size() const { return file_size_ + memory_.size(); }
  /// Copies up to `count` bytes held from `offset` on into `out`, leaving the buffer as it is;
  /// returns how many (0 at the end).
  Result<size_t> read_at(size_t offset, char* out, size_t count) const;

 private:
  size_t limit_;
  std::string memory_;
  std::FILE* file_ = nullptr;
  size_t file_size_ = 0;
};

/// Reads a spill buffer from its start, as it is at the time of each read.
class SpillReader {
 public:
  explicit SpillReader(const SpillBuffer& buffer) : buffer_(buffer) {}
  /// The next `count` bytes into `out`; false (with nothing read) when fewer are left.
  Result<bool> read(char* out, size_t count);

 private:
  const SpillBuffer& buffer_;
  size_t offset_ = 0;    ///< of the buffer's bytes read so far
  std::string block_;    ///< bytes read ahead
  size_t block_at_ = 0;  ///< the offset of block_'s first byte
};

}  // namespace dcos
