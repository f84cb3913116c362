#include "local/sandbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <map>
#include <optional>

namespace dcos_local {
namespace {

using nlohmann::json;

constexpr uint64_t kMaxRead = 16 * 4096;  // Mesos: 16 pages per /files/read call
constexpr uint64_t kBlock = 64 * 1024;    // scanning block for the log functions

std::string to_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

Reply json_reply(const json& value) {
  Reply reply;
  reply.body = to_text(value);
  return reply;
}

Reply text_reply(int status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.content_type = "text/plain";
  reply.body = std::move(body);
  return reply;
}

// A whole decimal integer with an optional '-', nothing else.
std::optional<int64_t> parse_int(const std::string& text) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

// An open file and what it turned out to be.
class OpenFile {
 public:
  enum class Kind { kRegular, kMissing, kDirectory, kOther, kError };

  explicit OpenFile(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat info {};
    if (fd_ < 0 || ::fstat(fd_, &info) != 0) {
      error_ = errno;
      kind_ = (error_ == ENOENT || error_ == ENOTDIR) ? Kind::kMissing : Kind::kError;
      return;
    }
    size_ = static_cast<uint64_t>(info.st_size);
    kind_ = S_ISREG(info.st_mode)   ? Kind::kRegular
            : S_ISDIR(info.st_mode) ? Kind::kDirectory
                                    : Kind::kOther;
  }
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;

  Kind kind() const { return kind_; }
  uint64_t size() const { return size_; }

  // The reply for anything but a regular file; `verb` names the refused action.
  std::optional<Reply> refusal(const char* verb) const {
    switch (kind_) {
      case Kind::kRegular:
        return std::nullopt;
      case Kind::kMissing:
        return text_reply(404, "");
      case Kind::kDirectory:
        return text_reply(400, std::string("Cannot ") + verb + " a directory.\n");
      case Kind::kOther:
        return text_reply(400, std::string("Cannot ") + verb + " a special file.\n");
      case Kind::kError:
        break;
    }
    return text_reply(500, std::string("Failed to open file: ") + std::strerror(error_) + "\n");
  }

  // Up to `length` bytes from `offset`; shorter at EOF; nullopt on a read error.
  std::optional<std::string> read_at(uint64_t offset, uint64_t length) const {
    std::string data(length, '\0');
    size_t done = 0;
    while (done < length) {
      ssize_t got =
          ::pread(fd_, data.data() + done, length - done, static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) return std::nullopt;
      if (got == 0) break;
      done += static_cast<size_t>(got);
    }
    data.resize(done);
    return data;
  }

 private:
  int fd_ = -1;
  int error_ = 0;
  Kind kind_ = Kind::kError;
  uint64_t size_ = 0;
};

// ---- files API ----

std::string mode_string(mode_t mode) {
  std::string text = "----------";
  if (S_ISDIR(mode)) text[0] = 'd';
  if (S_ISLNK(mode)) text[0] = 'l';
  if (S_ISCHR(mode)) text[0] = 'c';
  if (S_ISBLK(mode)) text[0] = 'b';
  if (S_ISFIFO(mode)) text[0] = 'p';
  if (S_ISSOCK(mode)) text[0] = 's';
  const char* letters = "rwxrwxrwx";
  for (int i = 0; i < 9; ++i) {
    if (mode & (0400 >> i)) text[i + 1] = letters[i];
  }
  if (mode & S_ISUID) text[3] = (mode & S_IXUSR) ? 's' : 'S';
  if (mode & S_ISGID) text[6] = (mode & S_IXGRP) ? 's' : 'S';
  if (mode & S_ISVTX) text[9] = (mode & S_IXOTH) ? 't' : 'T';
  return text;
}

// User and group names, looked up once per id during one listing.
class Names {
 public:
  std::string user(uid_t uid) {
    auto [it, added] = users_.try_emplace(uid);
    if (added) {
      struct passwd entry {};
      struct passwd* found = nullptr;
      std::vector<char> buffer(16384);
      while (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == ERANGE &&
             buffer.size() < (1u << 20)) {
        buffer.resize(buffer.size() * 2);
      }
      it->second = found ? found->pw_name : std::to_string(uid);
    }
    return it->second;
  }
  std::string group(gid_t gid) {
    auto [it, added] = groups_.try_emplace(gid);
    if (added) {
      struct group entry {};
      struct group* found = nullptr;
      std::vector<char> buffer(16384);
      while (::getgrgid_r(gid, &entry, buffer.data(), buffer.size(), &found) == ERANGE &&
             buffer.size() < (1u << 20)) {
        buffer.resize(buffer.size() * 2);
      }
      it->second = found ? found->gr_name : std::to_string(gid);
    }
    return it->second;
  }

 private:
  std::map<uid_t, std::string> users_;
  std::map<gid_t, std::string> groups_;
};

json file_info(const std::string& path, const struct stat& info, Names& names) {
  json entry = json::object();
  entry["path"] = path;
  entry["nlink"] = static_cast<uint64_t>(info.st_nlink);
  entry["size"] = static_cast<int64_t>(info.st_size);
  entry["mtime"] = static_cast<int64_t>(info.st_mtim.tv_sec);
  entry["mode"] = mode_string(info.st_mode);
  entry["uid"] = names.user(info.st_uid);
  entry["gid"] = names.group(info.st_gid);
  return entry;
}

std::string join_virtual(std::string dir, const std::string& name) {
  while (!dir.empty() && dir.back() == '/') dir.pop_back();
  return dir + "/" + name;
}

std::string basename_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string content_type_for(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {"css", "text/css"},           {"csv", "text/csv"},      {"gz", "application/x-gzip"},
      {"htm", "text/html"},          {"html", "text/html"},    {"jar", "application/java-archive"},
      {"jpeg", "image/jpeg"},        {"jpg", "image/jpeg"},    {"js", "application/javascript"},
      {"json", "application/json"},  {"log", "text/plain"},    {"pdf", "application/pdf"},
      {"png", "image/png"},          {"svg", "image/svg+xml"}, {"tar", "application/x-tar"},
      {"tgz", "application/x-gzip"}, {"txt", "text/plain"},    {"xml", "application/xml"},
      {"zip", "application/zip"},
  };
  size_t dot = name.find_last_of('.');
  if (dot == std::string::npos || dot == 0) return "application/octet-stream";
  std::string ext = name.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// ---- task logs ----

// Start of the n-th line before `pos`, or 0 when there are fewer lines.
uint64_t back_lines(const OpenFile& file, uint64_t pos, uint64_t n) {
  if (n == 0 || pos == 0) return pos;
  uint64_t end = pos - 1;  // the byte before pos may end the line above; it is not counted
  uint64_t found = 0;
  while (end > 0) {
    uint64_t start = end > kBlock ? end - kBlock : 0;
    auto block = file.read_at(start, end - start);
    if (!block || block->size() != end - start) return 0;
    for (size_t i = block->size(); i-- > 0;) {
      if ((*block)[i] == '\n' && ++found == n) return start + i + 1;
    }
    end = start;
  }
  return 0;
}

// Position after the n-th line starting at `pos`, or the end of the file.
uint64_t forward_lines(const OpenFile& file, uint64_t pos, uint64_t n) {
  while (n > 0 && pos < file.size()) {
    auto block = file.read_at(pos, std::min(kBlock, file.size() - pos));
    if (!block || block->empty()) break;
    for (size_t i = 0; i < block->size(); ++i) {
      if ((*block)[i] == '\n' && --n == 0) return pos + i + 1;
    }
    pos += block->size();
  }
  return file.size();
}

struct LogQuery {
  bool at_end = false;
  uint64_t at = 0;
  int64_t skip = 0;
};

std::optional<std::string> parse_log_query(const std::string& cursor, const std::string& skip,
                                           LogQuery& query) {
  if (cursor == "END") {
    query.at_end = true;
  } else if (!cursor.empty() && cursor != "BEG") {
    auto offset = parse_int(cursor);
    if (!offset || *offset < 0) return "cursor must be BEG, END or a byte offset\n";
    query.at = static_cast<uint64_t>(*offset);
  }
  if (!skip.empty()) {
    auto lines = parse_int(skip);
    if (!lines) return "skip must be an integer\n";
    query.skip = *lines;
  }
  return std::nullopt;
}

LogPosition locate(const OpenFile& file, const LogQuery& query) {
  if (auto refused = file.refusal("read")) {
    int status = refused->status == 404 ? 204 : refused->status;
    return LogPosition{status, status == 204 ? "File not found\n" : refused->body, 0};
  }
  uint64_t pos = query.at_end ? file.size() : std::min(query.at, file.size());
  if (query.skip < 0) {
    pos = back_lines(file, pos, uint64_t{0} - static_cast<uint64_t>(query.skip));
  } else if (query.skip > 0) {
    pos = forward_lines(file, pos, static_cast<uint64_t>(query.skip));
  }
  return LogPosition{200, "", pos};
}

}  // namespace

Reply files_browse(const std::string& real_dir, const std::string& virtual_dir) {
  struct stat info {};
  if (::stat(real_dir.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return text_reply(404, "");
    return text_reply(500, std::string("Failed to stat: ") + std::strerror(errno) + "\n");
  }
  Names names;
  json listing = json::array();
  if (!S_ISDIR(info.st_mode)) {
    listing.push_back(file_info(virtual_dir, info, names));
    return json_reply(listing);
  }
  DIR* dir = ::opendir(real_dir.c_str());
  if (dir == nullptr) {
    return text_reply(500, std::string("Failed to list directory: ") + std::strerror(errno) + "\n");
  }
  std::vector<std::pair<std::string, struct stat>> entries;
  while (const dirent* item = ::readdir(dir)) {
    std::string name = item->d_name;
    if (name == "." || name == "..") continue;
    struct stat child {};
    // Like Mesos: follow links, and leave out what cannot be stat'ed (a dangling link).
    if (::stat((real_dir + "/" + name).c_str(), &child) != 0) continue;
    entries.emplace_back(join_virtual(virtual_dir, name), child);
  }
  ::closedir(dir);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [path, child] : entries) listing.push_back(file_info(path, child, names));
  return json_reply(listing);
}

Reply files_read(const std::string& real_path, const std::string& offset_param,
                 const std::string& length_param) {
  int64_t offset = 0;
  int64_t length = -1;
  if (!offset_param.empty()) {
    auto value = parse_int(offset_param);
    if (!value) return text_reply(400, "Failed to parse offset: not a number.\n");
    if (*value < -1) return text_reply(400, "Negative offset provided: " + offset_param + ".\n");
    offset = *value;
  }
  if (!length_param.empty()) {
    auto value = parse_int(length_param);
    if (!value) return text_reply(400, "Failed to parse length: not a number.\n");
    if (*value < -1) return text_reply(400, "Negative length provided: " + length_param + ".\n");
    length = *value;
  }
  OpenFile file(real_path);
  if (auto refused = file.refusal("read")) return *refused;
  if (offset == -1) return json_reply({{"data", ""}, {"offset", file.size()}});
  std::string data;
  auto start = static_cast<uint64_t>(offset);
  if (start < file.size()) {
    uint64_t want = std::min(kMaxRead, file.size() - start);
    if (length >= 0) want = std::min(want, static_cast<uint64_t>(length));
    auto bytes = file.read_at(start, want);
    if (!bytes) return text_reply(500, "Failed to read file.\n");
    data = std::move(*bytes);
  }
  return json_reply({{"data", data}, {"offset", offset}});
}

Reply files_download(const std::string& real_path) {
  OpenFile file(real_path);
  if (auto refused = file.refusal("download")) return *refused;
  auto bytes = file.read_at(0, file.size());
  if (!bytes) return text_reply(500, "Failed to read file.\n");
  std::string name = basename_of(real_path);
  Reply reply;
  reply.content_type = content_type_for(name);
  reply.body = std::move(*bytes);
  for (char& c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';  // keep the header one line
  }
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=" + name);
  return reply;
}

LogPosition log_position(const std::string& real_path, const std::string& cursor,
                         const std::string& skip) {
  LogQuery query;
  if (auto error = parse_log_query(cursor, skip, query)) return LogPosition{400, *error, 0};
  OpenFile file(real_path);
  return locate(file, query);
}

Reply log_text(const std::string& real_path, const std::string& cursor, const std::string& skip,
               const std::string& limit) {
  LogQuery query;
  if (auto error = parse_log_query(cursor, skip, query)) return text_reply(400, *error);
  uint64_t max_lines = 0;
  if (!limit.empty()) {
    auto value = parse_int(limit);
    if (!value || *value < 0) return text_reply(400, "limit must be a non-negative integer\n");
    max_lines = static_cast<uint64_t>(*value);
  }
  OpenFile file(real_path);
  LogPosition start = locate(file, query);
  if (start.status != 200) return text_reply(start.status, start.status == 204 ? "" : start.error);
  std::string out;
  uint64_t lines = 0;
  uint64_t pos = start.offset;
  while (pos < file.size() && (max_lines == 0 || lines < max_lines)) {
    auto block = file.read_at(pos, std::min(kBlock, file.size() - pos));
    if (!block || block->empty()) break;
    size_t take = block->size();
    for (size_t i = 0; i < block->size(); ++i) {
      if ((*block)[i] == '\n' && ++lines == max_lines) {
        take = i + 1;
        break;
      }
    }
    out.append(*block, 0, take);
    pos += take;
  }
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  return text_reply(200, std::move(out));
}

std::string log_sse_event(const std::string& line, uint64_t end_offset,
                          const nlohmann::json& fields) {
  json all = fields.is_object() ? fields : json::object();
  std::string message = line;
  if (!message.empty() && message.back() == '\n') message.pop_back();
  all["MESSAGE"] = std::move(message);
  json data = json::object();
  data["fields"] = std::move(all);
  return "id: " + std::to_string(end_offset) + "\ndata: " + to_text(data) + "\n\n";
}

LogChunk read_complete_lines(const std::string& real_path, uint64_t from_offset, size_t max_bytes) {
  LogChunk chunk;
  chunk.next_offset = from_offset;
  OpenFile file(real_path);
  if (max_bytes == 0 || file.kind() != OpenFile::Kind::kRegular || from_offset >= file.size()) {
    return chunk;
  }
  auto block = file.read_at(from_offset, std::min<uint64_t>(max_bytes, file.size() - from_offset));
  if (!block) return chunk;
  size_t start = 0;
  for (size_t i = 0; i < block->size(); ++i) {
    if ((*block)[i] != '\n') continue;
    chunk.lines.emplace_back(block->substr(start, i - start), from_offset + i + 1);
    start = i + 1;
  }
  if (chunk.lines.empty() && block->size() == max_bytes) {  // one line longer than max_bytes
    chunk.lines.emplace_back(*block, from_offset + block->size());
    start = block->size();
  }
  chunk.next_offset = from_offset + start;
  return chunk;
}

uint64_t offset_for_last_lines(const std::string& real_path, uint64_t n) {
  OpenFile file(real_path);
  if (file.kind() != OpenFile::Kind::kRegular) return 0;
  return back_lines(file, file.size(), n);
}

}  // namespace dcos_local
