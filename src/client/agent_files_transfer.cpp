// AgentFiles: listing a sandbox folder (files/browse) and streaming a file out of it
// (files/download). The rest of the class (files/debug, files/read) is in agent_files.cpp.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "client/agent_files.hpp"
#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string files_call(const std::string& agent_id, const std::string& call,
                       const std::string& path) {
  // The real CLI appends the path as it is; a path with a space, '&' or '#' then breaks the
  // query. Encoding it is what the agent expects of any client.
  return "/agent/" + agent_id + "/files/" + call + "?path=" + percent_encode(path, "/");
}

FileEntry entry_of(json raw) {
  FileEntry entry;
  entry.path = json_fields::string_field(raw, "path");
  entry.mode = json_fields::string_field(raw, "mode");
  entry.uid = json_fields::string_field(raw, "uid");
  entry.gid = json_fields::string_field(raw, "gid");
  auto whole = [&raw](const char* key) { return json_fields::integer_field(raw, key).value_or(0); };
  entry.nlink = static_cast<uint64_t>(std::max(0LL, whole("nlink")));
  entry.size = static_cast<uint64_t>(std::max(0LL, whole("size")));
  entry.mtime = whole("mtime");
  entry.raw = std::move(raw);
  return entry;
}

Error no_such_path(const std::string& path) {
  return Error::make(ErrorKind::not_found, "'" + path + "': no such file or directory");
}

}  // namespace

std::string FileEntry::name() const {
  std::string_view trimmed = path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.remove_suffix(1);
  size_t slash = trimmed.rfind('/');
  return std::string(slash == std::string_view::npos ? trimmed : trimmed.substr(slash + 1));
}

std::string path_within(const std::string& folder, std::string_view relative) {
  std::vector<std::string> kept;
  for (const std::string& part : split(relative, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!kept.empty()) kept.pop_back();
      continue;
    }
    kept.push_back(part);
  }
  std::string joined = folder;
  while (joined.size() > 1 && joined.back() == '/') joined.pop_back();
  for (const auto& part : kept) joined += (joined == "/" ? "" : "/") + part;
  return joined;
}

Result<std::vector<FileEntry>> AgentFiles::browse(const std::string& agent_id,
                                                  const std::string& path) {
  const std::string request = files_call(agent_id, "browse", path);
  auto response = http_.get(request);
  if (!response) {
    if (response.error().kind == ErrorKind::not_found) return no_such_path(path);
    return response.take_error();
  }
  auto listing = json::parse(response->body, nullptr, false);
  if (listing.is_discarded() || !listing.is_array())
    return Error::make(ErrorKind::server, "GET " + http_.options().base_url + request +
                                              " did not answer with the expected JSON");
  std::vector<FileEntry> entries;
  entries.reserve(listing.size());
  for (auto& item : listing)
    if (item.is_object()) entries.push_back(entry_of(std::move(item)));
  return entries;
}

Result<uint64_t> AgentFiles::download(const std::string& agent_id, const std::string& path,
                                      const DownloadSink& sink) {
  uint64_t received = 0;
  std::optional<uint64_t> total;
  std::optional<Error> failure;
  bool cancelled = false;
  auto keep_going = [&] {
    if (sink.keep_going && !sink.keep_going()) cancelled = true;
    return !cancelled;
  };
  ResponseSink response_sink;
  response_sink.on_head = [&](const HttpResponse& head) {
    // Content-Length counts the bytes on the wire: with a Content-Encoding (a gzip'ing proxy,
    // brotli) the transport decodes them and the file's own size is not known.
    const std::string encoding = header_value(head.headers, "Content-Encoding");
    if (encoding.empty() || iequals(encoding, "identity"))
      if (auto length = parse_int(header_value(head.headers, "Content-Length")))
        total = static_cast<uint64_t>(*length);
    if (sink.progress) sink.progress(0, total);
    return keep_going();
  };
  response_sink.on_data = [&](std::string_view piece) {
    if (Status written = sink.write(piece); !written) {
      failure = written.error();
      return false;
    }
    received += piece.size();
    if (sink.progress) sink.progress(received, total);
    return keep_going();
  };
  response_sink.keep_going = keep_going;
  auto response = http_.stream("GET", files_call(agent_id, "download", path), response_sink);
  if (failure) return *failure;
  if (cancelled) return Error::make(ErrorKind::cancelled, "the download of '" + path + "' stopped");
  if (!response) {
    if (response.error().kind == ErrorKind::not_found)
      return Error::make(ErrorKind::not_found, "'" + path + "': no such file");
    return response.take_error();
  }
  if (total && received != *total) {
    Error error = Error::make(ErrorKind::network, "the download of '" + path + "' ended after " +
                                                      std::to_string(received) + " of " +
                                                      std::to_string(*total) + " bytes");
    error.transient = true;
    return error;
  }
  return received;
}

}  // namespace dcos
