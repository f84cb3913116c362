// What Marathon says about itself: GET /v2/info, GET /ping and GET /v2/plugins. Info and ping
// go through the plain HttpClient errors (they name no app, group or pod); plugins through
// Marathon's own error bodies like the other reads.
#include "client/marathon.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<MarathonInfo> MarathonClient::info() {
  auto response = http_.get("/v2/info");
  if (!response) return response.take_error();
  auto document = json::parse(response->body, nullptr, false);
  if (document.is_discarded())
    return Error::make(ErrorKind::server, "Marathon's /v2/info did not answer with JSON");
  MarathonInfo info;
  info.name = string_field(document, "name");
  info.version = string_field(document, "version");
  info.leader = string_field(document, "leader");
  info.framework_id = string_field(document, "frameworkId");
  if (document.is_object())
    if (auto elected = document.find("elected"); elected != document.end())
      info.elected = elected->is_boolean() && elected->get<bool>();
  info.raw = std::move(document);
  return info;
}

Status MarathonClient::ping() {
  auto response = http_.get("/ping");
  if (!response) return response.take_error();
  return Status::success();
}

Result<MarathonPlugins> MarathonClient::plugins() {
  auto document = get_json("/v2/plugins");
  if (!document) return document.take_error();
  MarathonPlugins plugins;
  if (document->is_object())
    if (auto list = document->find("plugins"); list != document->end() && list->is_array())
      for (const auto& entry : *list) {
        if (!entry.is_object()) continue;
        plugins.plugins.push_back({string_field(entry, "id"), string_field(entry, "implementation"),
                                   string_field(entry, "plugin"), entry});
      }
  plugins.raw = std::move(document).value();
  return plugins;
}

}  // namespace dcos
