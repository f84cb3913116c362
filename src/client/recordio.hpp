// RecordIO, the framing of Mesos's streaming calls (the agent's container input and output):
// each record is its length in bytes as decimal ASCII, a newline, then exactly that many bytes.
// A stream is records one after another with nothing between them. The decoder takes the
// stream in whatever pieces the network delivers, so a record, or its length, may arrive split.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/error.hpp"

namespace dcos {

/// One record: "<size>\n<bytes>".
std::string recordio_encode(std::string_view record);

class RecordIoDecoder {
 public:
  /// Records larger than this are refused as a malformed stream (a server never sends them;
  /// a garbled length would otherwise make the decoder wait for gigabytes).
  static constexpr size_t kMaxRecordBytes = 64 * 1024 * 1024;

  /// Takes the next piece of the stream and appends every record it completes to `records`.
  /// A length that is not a decimal number, or one above kMaxRecordBytes, is an Error (kind
  /// server); the decoder is then of no further use.
  Status feed(std::string_view piece, std::vector<std::string>& records);

  /// True when part of a record (or of its length) is waiting for the rest: a stream that
  /// ends now ends in the middle of a record.
  bool partial() const { return !buffer_.empty() || length_.has_value(); }

 private:
  std::string buffer_;            ///< bytes of the current length line or record body
  std::optional<size_t> length_;  ///< the size of the record being read, once its line ended
};

}  // namespace dcos
