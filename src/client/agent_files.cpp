#include "client/agent_files.hpp"

#include <nlohmann/json.hpp>

#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string files_path(const std::string& agent_id, const std::string& call) {
  return "/agent/" + agent_id + "/files/" + call;
}

Error not_json(const HttpClient& http, const std::string& path) {
  return Error::make(ErrorKind::server, "GET " + http.options().base_url + path +
                                            " did not answer with the expected JSON");
}

}  // namespace

Result<std::string> AgentFiles::sandbox(const MesosTask& task) {
  const std::string path = files_path(task.agent_id, "debug");
  auto response = http_.get(path);
  if (!response) return response.take_error();
  auto map = json::parse(response->body, nullptr, false);
  if (map.is_discarded() || !map.is_object()) return not_json(http_, path);
  const std::string& container =
      task.parent_container_id.empty() ? task.container_id : task.parent_container_id;
  const std::string run = "/frameworks/" + task.framework_id + "/executors/" + task.executor_id +
                          "/runs/" + (container.empty() ? "latest" : container);
  for (const auto& [key, value] : map.items()) {
    (void)value;
    if (!ends_with(key, run)) continue;
    return task.parent_container_id.empty() ? key : key + "/tasks/" + task.id;
  }
  return Error::make(ErrorKind::not_found, "the sandbox of task '" + task.id +
                                               "' is not on agent '" + task.agent_id +
                                               "' (it may have been removed)");
}

Result<uint64_t> AgentFiles::size(const std::string& agent_id, const std::string& path) {
  auto chunk = read(agent_id, path, static_cast<uint64_t>(-1), 0);
  if (!chunk) return chunk.take_error();
  return chunk->offset;
}

Result<FileChunk> AgentFiles::read(const std::string& agent_id, const std::string& path,
                                   uint64_t offset, uint64_t length) {
  const bool size_only = offset == static_cast<uint64_t>(-1);
  const std::string request =
      files_path(agent_id, "read") + "?path=" + percent_encode(path, "/") +
      "&offset=" + (size_only ? std::string("-1") : std::to_string(offset)) +
      (size_only ? "" : "&length=" + std::to_string(length));
  auto response = http_.get(request);
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return not_json(http_, request);
  FileChunk chunk;
  if (auto data = body.find("data"); data != body.end() && data->is_string())
    chunk.data = data->get<std::string>();
  if (auto at = body.find("offset"); at != body.end() && at->is_number_unsigned())
    chunk.offset = at->get<uint64_t>();
  else if (!size_only)
    chunk.offset = offset;
  return chunk;
}

}  // namespace dcos
