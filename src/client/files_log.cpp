#include "client/files_log.hpp"

#include <algorithm>

namespace dcos {
namespace {

constexpr uint64_t kPiece = 64 * 1024;  // the most an agent returns per read

}  // namespace

Result<std::string> FilesLog::path() {
  if (path_.empty()) {
    auto sandbox = files_.sandbox(task_);
    if (!sandbox) return sandbox.take_error();
    path_ = *sandbox + "/" + file_;
  }
  return path_;
}

Result<std::pair<uint64_t, uint64_t>> FilesLog::tail_start(const std::string& path,
                                                           long long lines) {
  auto size = files_.size(task_.agent_id, path);
  if (!size) return size.take_error();
  if (lines <= 0 || *size == 0) return std::pair<uint64_t, uint64_t>{0, *size};
  // Walk back piece by piece, counting line ends; a final line end closes the last line.
  uint64_t end = *size, newlines = 0;
  bool last_byte = true;
  while (end > 0) {
    const uint64_t start = end > kPiece ? end - kPiece : 0;
    auto chunk = files_.read(task_.agent_id, path, start, end - start);
    if (!chunk) return chunk.take_error();
    const std::string& data = chunk->data;
    for (size_t i = data.size(); i-- > 0;) {
      if (data[i] != '\n') {
        last_byte = false;
        continue;
      }
      if (last_byte) {  // the file's own final newline ends the last line, it starts none
        last_byte = false;
        continue;
      }
      if (++newlines == static_cast<uint64_t>(lines))
        return std::pair<uint64_t, uint64_t>{start + i + 1, *size};
    }
    if (data.empty()) break;
    end = start;
  }
  return std::pair<uint64_t, uint64_t>{0, *size};
}

Result<std::string> FilesLog::tail(long long lines) {
  auto where = path();
  if (!where) return where.take_error();
  auto range = tail_start(*where, lines);
  if (!range) return range.take_error();
  std::string text;
  for (uint64_t at = range->first; at < range->second;) {
    auto chunk = files_.read(task_.agent_id, *where, at, std::min(kPiece, range->second - at));
    if (!chunk) return chunk.take_error();
    if (chunk->data.empty()) break;
    at += chunk->data.size();
    text += chunk->data;
  }
  return text;
}

Status FilesLog::follow(long long lines, LogFollow& follow, std::chrono::milliseconds poll) {
  auto where = path();
  if (!where) return where.error();
  auto range = tail_start(*where, lines);
  if (!range) return range.error();
  uint64_t at = range->first;
  std::string partial;  // a line whose end has not been written yet
  for (;;) {
    auto chunk = files_.read(task_.agent_id, *where, at, kPiece);
    if (!chunk) return chunk.error();
    at += chunk->data.size();
    partial += chunk->data;
    size_t start = 0;
    for (size_t end; (end = partial.find('\n', start)) != std::string::npos; start = end + 1) {
      LogEntry entry{partial.substr(start, end - start), std::to_string(at), nullptr};
      if (!follow.on_entry(entry)) return Status::success();
    }
    partial.erase(0, start);
    if (!chunk->data.empty()) continue;  // more may be waiting
    if (follow.keep_going && !follow.keep_going()) {
      if (!partial.empty()) follow.on_entry(LogEntry{partial, std::to_string(at), nullptr});
      return Status::success();
    }
    if (follow.sleep) follow.sleep(poll);
  }
}

}  // namespace dcos
