#include "cli/streamed_output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

namespace dcos {

std::string render_json(const nlohmann::json& value, int depth) {
  std::string text = value.dump(4, ' ', false, nlohmann::json::error_handler_t::replace);
  if (depth <= 0) return text;
  // A string's newlines are escaped in JSON, so every newline here is between two lines.
  const std::string indent(static_cast<size_t>(4 * depth), ' ');
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t from = 0;
  for (size_t at; (at = text.find('\n', from)) != std::string::npos; from = at + 1) {
    out.append(text, from, at + 1 - from);
    out += indent;
  }
  out.append(text, from, std::string::npos);
  return out;
}

void JsonArrayWriter::add(const nlohmann::json& element) {
  begin_element();
  out_ << render_json(element, 1);
}

void JsonArrayWriter::begin_element() {
  out_ << (empty_ ? "[\n    " : ",\n    ");
  empty_ = false;
}

void JsonArrayWriter::finish() { out_ << (empty_ ? "[]\n" : "\n]\n"); }

SpillBuffer::~SpillBuffer() {
  if (file_ != nullptr) std::fclose(file_);
}

Status SpillBuffer::append(std::string_view text) {
  memory_.append(text);
  if (memory_.size() < limit_) return Status::success();
  if (file_ == nullptr && (file_ = std::tmpfile()) == nullptr)
    return Error::make(ErrorKind::generic,
                       std::string("cannot create a temporary file: ") + std::strerror(errno));
  if (std::fwrite(memory_.data(), 1, memory_.size(), file_) != memory_.size())
    return Error::make(ErrorKind::generic,
                       std::string("cannot write a temporary file: ") + std::strerror(errno));
  file_size_ += memory_.size();
  memory_.clear();
  return Status::success();
}

Status SpillBuffer::write_to(std::ostream& out) {
  return drain([&out](std::string_view piece) {
    out.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    return Status::success();
  });
}

Status SpillBuffer::drain(const std::function<Status(std::string_view)>& take) {
  if (file_size_ > 0) {
    std::rewind(file_);
    char block[64 * 1024];
    for (size_t left = file_size_; left > 0;) {
      const size_t n = std::fread(block, 1, std::min(left, sizeof block), file_);
      if (n == 0) return Error::make(ErrorKind::generic, "cannot read back a temporary file");
      if (Status status = take(std::string_view(block, n)); !status.ok()) return status;
      left -= n;
    }
    std::rewind(file_);
    file_size_ = 0;
  }
  Status status = memory_.empty() ? Status::success() : take(memory_);
  memory_.clear();
  return status;
}

void SpillBuffer::clear() {
  if (file_size_ > 0) std::rewind(file_);
  file_size_ = 0;
  memory_.clear();
}

Result<size_t> SpillBuffer::read_at(size_t offset, char* out, size_t count) const {
  size_t done = 0;
  if (offset < file_size_) {
    // pread leaves the stream's own position (where appends go) alone.
    if (std::fflush(file_) != 0)
      return Error::make(ErrorKind::generic, "cannot write a temporary file");
    const size_t want = std::min(count, file_size_ - offset);
    const ssize_t n = ::pread(fileno(file_), out, want, static_cast<off_t>(offset));
    if (n <= 0) return Error::make(ErrorKind::generic, "cannot read back a temporary file");
    return static_cast<size_t>(n);
  }
  const size_t at = offset - file_size_;
  if (at < memory_.size()) {
    done = std::min(count, memory_.size() - at);
    std::memcpy(out, memory_.data() + at, done);
  }
  return done;
}

Result<bool> SpillReader::read(char* out, size_t count) {
  if (buffer_.size() - std::min(offset_, buffer_.size()) < count) return false;
  for (size_t done = 0; done < count;) {
    if (offset_ < block_at_ || offset_ >= block_at_ + block_.size()) {
      block_.resize(64 * 1024);
      auto n = buffer_.read_at(offset_, block_.data(), block_.size());
      if (!n) return n.take_error();
      if (*n == 0) return Error::make(ErrorKind::generic, "a temporary file ended early");
      block_.resize(*n);
      block_at_ = offset_;
    }
    const size_t from = offset_ - block_at_;
    const size_t take = std::min(count - done, block_.size() - from);
    std::memcpy(out + done, block_.data() + from, take);
    done += take;
    offset_ += take;
  }
  return true;
}

}  // namespace dcos
