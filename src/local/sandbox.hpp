// The Mesos agent files API (/files/browse, /files/read, /files/download) and the dcos-log v2
// task-log API, served from real files in a sandbox directory. Callers map virtual paths to
// real ones; these functions only touch the real path they are given. Nothing here throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace dcos_local {

/// An HTTP answer for a handler to send as is. Error bodies are short plain-text reasons.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// /files/browse: a JSON array of {path, nlink, size, mtime, mode, uid, gid}, sorted by path.
/// `path` is virtual_dir + "/" + name; mtime is whole epoch seconds (as Mesos sends it); mode is
/// an ls-style string; uid/gid are user and group names (the number when there is no name).
/// A file lists itself under virtual_dir. 404 (empty body) when real_dir does not exist.
Reply files_browse(const std::string& real_dir, const std::string& virtual_dir);

/// /files/read with the raw `offset` and `length` query values ("" = absent). offset -1 gives
/// {"data":"","offset":<size>}; an absent offset is 0; an absent or -1 length reads to EOF.
/// A read returns at most 65536 bytes. At or past EOF, data is "". 400 for other negative or
/// non-numeric values and for a directory, 404 for a missing file. Bytes that are not UTF-8
/// come out as U+FFFD.
Reply files_read(const std::string& real_path, const std::string& offset_param,
                 const std::string& length_param);

/// /files/download: the raw bytes with "Content-Disposition: attachment; filename=<basename>"
/// and a content type from the extension (application/octet-stream when unknown, as for
/// stdout and stderr). 400 for a directory, 404 when missing.
Reply files_download(const std::string& real_path);

/// Where a dcos-log v2 read starts. `cursor` is "BEG" (or ""), "END" or a byte offset (clamped
/// to the file size); `skip` moves that many lines forward, or back when negative, stopping at
/// the start or end of the file. A cursor in the middle of a line starts there, and skip=-1
/// from it goes to the start of that line. status is 200 with `offset`; 204 when the file does
/// not exist; 400 with `error` for bad parameters or a directory; 500 when it cannot be opened.
/// Handlers for text/event-stream can start a follow at `offset` with read_complete_lines().
struct LogPosition {
  int status = 200;
  std::string error;
  uint64_t offset = 0;
};
LogPosition log_position(const std::string& real_path, const std::string& cursor,
                         const std::string& skip);

/// dcos-log v2 task log as text/plain: the lines from log_position(), each ending in "\n" (a
/// final unterminated line gets one), at most `limit` lines ("" or 0 = no limit). 204 with an
/// empty body when the file does not exist, 400 with a reason for bad parameters.
Reply log_text(const std::string& real_path, const std::string& cursor, const std::string& skip,
               const std::string& limit);

/// One server-sent event as dcos-log v2 sends it for a task log line:
/// "id: <end_offset>\ndata: {"fields":{"MESSAGE":<line>, ...fields}}\n\n". A trailing "\n" on
/// `line` is dropped; MESSAGE wins over a field of the same name; a non-object `fields` is ignored.
std::string log_sse_event(const std::string& line, uint64_t end_offset,
                          const nlohmann::json& fields);

/// Complete lines (without their "\n") read from `from_offset`, each with the offset just after
/// its "\n", looking at no more than `max_bytes` bytes; next_offset is where the next poll should
/// start. A line longer than max_bytes comes out in max_bytes pieces so a follower never stalls.
/// A missing file, or an offset at or past its end, gives no lines and next_offset == from_offset.
struct LogChunk {
  std::vector<std::pair<std::string, uint64_t>> lines;
  uint64_t next_offset = 0;
};
LogChunk read_complete_lines(const std::string& real_path, uint64_t from_offset, size_t max_bytes);

/// The byte offset where the last `n` lines of the file begin (an unterminated last line
/// counts): 0 for a missing file or when it has n lines or fewer, the file size for n == 0.
/// The same as log_position(path, "END", "-<n>").
uint64_t offset_for_last_lines(const std::string& real_path, uint64_t n);

}  // namespace dcos_local
