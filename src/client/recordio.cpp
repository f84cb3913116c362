#include "client/recordio.hpp"

namespace dcos {
namespace {

/// Digits needed for kMaxRecordBytes; a longer length line is garbage, not a slow length.
constexpr size_t kMaxLengthDigits = 20;

Error malformed(const std::string& why) {
  return Error::make(ErrorKind::server, "the agent sent a malformed RecordIO stream: " + why);
}

}  // namespace

std::string recordio_encode(std::string_view record) {
  std::string framed = std::to_string(record.size());
  framed += '\n';
  framed.append(record);
  return framed;
}

Status RecordIoDecoder::feed(std::string_view piece, std::vector<std::string>& records) {
  while (!piece.empty()) {
    if (!length_) {
      const size_t newline = piece.find('\n');
      const std::string_view digits = piece.substr(0, newline);
      buffer_.append(digits);
      if (buffer_.size() > kMaxLengthDigits) return malformed("a record length is too long");
      if (newline == std::string_view::npos) return Status::success();
      piece.remove_prefix(newline + 1);
      if (buffer_.empty()) return malformed("a record has no length");
      size_t length = 0;
      for (char c : buffer_) {
        if (c < '0' || c > '9') return malformed("the record length '" + buffer_ + "'");
        length = length * 10 + static_cast<size_t>(c - '0');
        if (length > kMaxRecordBytes) return malformed("a record is larger than 64 MiB");
      }
      buffer_.clear();
      length_ = length;
    }
    const size_t wanted = *length_ - buffer_.size();
    const std::string_view taken = piece.substr(0, wanted);
    buffer_.append(taken);
    piece.remove_prefix(taken.size());
    if (buffer_.size() == *length_) {
      records.push_back(std::move(buffer_));
      buffer_.clear();
      length_.reset();
    }
  }
  return Status::success();
}

}  // namespace dcos
