// The agent side of Mesos's streaming framing (RecordIO: "<length>\n<bytes>" per record) and
// the base64 that JSON protobuf `bytes` fields use. dcos-local's own, independent of the
// client's, so that the two cannot agree on a mistake.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dcos_local {

std::string record(std::string_view bytes);

/// Splits a RecordIO stream that arrives in pieces; false on a malformed length.
class RecordReader {
 public:
  bool feed(std::string_view piece, std::vector<std::string>& records);

 private:
  std::string pending_;
  long long wanted_ = -1;  ///< the current record's length, -1 while reading a length
};

std::string to_base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

}  // namespace dcos_local
