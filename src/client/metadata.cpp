#include "client/metadata.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::optional<std::string> optional_string(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

ClientOptions quick_probe_options(ClientOptions options) {
  options.timeout = std::chrono::seconds(3);
  options.connect_timeout = std::chrono::seconds(3);
  options.max_attempts = 1;
  return options;
}

ClientOptions setup_probe_options(ClientOptions options) {
  options.connect_timeout = std::chrono::seconds(5);
  options.timeout = kSetupProbeLimit;
  return options;
}

Result<nlohmann::json> MetadataClient::get_object(const std::string& path) {
  auto response = http_.get(path);
  if (!response) return response.take_error();
  auto document = json::parse(response->body, nullptr, false);
  if (document.is_discarded() || !document.is_object())
    return Error::make(ErrorKind::server, "GET " + path + " did not answer with a JSON object");
  return document;
}

Result<DcosVersion> MetadataClient::version() {
  auto document = get_object("/dcos-metadata/dcos-version.json");
  if (!document) return document.take_error();
  DcosVersion version;
  version.version = optional_string(*document, "version");
  version.variant = optional_string(*document, "dcos-variant");
  version.image_commit = optional_string(*document, "dcos-image-commit");
  version.bootstrap_id = optional_string(*document, "bootstrap-id");
  version.raw = std::move(document).value();
  return version;
}

Result<ClusterMetadata> MetadataClient::metadata() {
  auto document = get_object("/metadata");
  if (!document) return document.take_error();
  ClusterMetadata metadata;
  metadata.cluster_id = optional_string(*document, "CLUSTER_ID").value_or("");
  metadata.public_ipv4 = optional_string(*document, "PUBLIC_IPV4").value_or("");
  metadata.raw = std::move(document).value();
  return metadata;
}

Result<std::string> MetadataClient::ca_certificate() {
  auto response = http_.get("/ca/dcos-ca.crt");
  if (!response) return response.take_error();
  return std::move(response->body);
}

Status MetadataClient::probe_root() {
  auto response = http_.send("HEAD", "/");
  if (!response) return response.take_error();
  if (response->status >= 400)
    return Error::make(ErrorKind::server, "no DC/OS cluster at " + http_.options().base_url +
                                              ": HEAD / answered HTTP " +
                                              std::to_string(response->status));
  return Status::success();
}

Result<std::string> MetadataClient::cluster_name() {
  auto summary = get_object("/mesos/master/state-summary");
  if (!summary) return summary.take_error();
  return optional_string(*summary, "cluster").value_or("");
}

}  // namespace dcos
