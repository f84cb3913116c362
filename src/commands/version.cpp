// `dcos --version`: the CLI's version, and the attached cluster's when one is configured.
#include <nlohmann/json.hpp>

#include "client/version.hpp"
#include "commands/groups.hpp"

namespace dcos {
namespace {

/// The current cluster's version document, or std::nullopt when it cannot be had within 3
/// seconds. Call only when Context::cluster() succeeds.
std::optional<nlohmann::json> cluster_version(Context& context) {
  auto options = client_options((*context.cluster())->config, Service::admin_router, context.env);
  if (!options) return std::nullopt;
  options->timeout = std::chrono::seconds(3);
  options->connect_timeout = std::chrono::seconds(3);
  options->max_attempts = 1;
  auto response =
      context.client(std::move(options).value()).get("/dcos-metadata/dcos-version.json");
  if (!response) {
    context.info("cannot read the cluster version: " + response.error().message);
    return std::nullopt;
  }
  auto document = nlohmann::json::parse(response->body, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return std::nullopt;
  return document;
}

std::string field(const std::optional<nlohmann::json>& document, const char* name) {
  if (!document) return "N/A";
  auto it = document->find(name);
  return it != document->end() && it->is_string() ? it->get<std::string>() : "N/A";
}

}  // namespace

Status print_version(Context& context) {
  context.out << "dcoscli.version=" << kCliVersion << "\n";
  if (!context.cluster()) return Status::success();  // no cluster: the CLI version is all
  auto document = cluster_version(context);
  context.out << "dcos.version=" << field(document, "version") << "\n"
              << "dcos.variant=" << field(document, "dcos-variant") << "\n"
              << "dcos.commit=" << field(document, "dcos-image-commit") << "\n"
              << "dcos.bootstrap-id=" << field(document, "bootstrap-id") << "\n";
  return Status::success();
}

}  // namespace dcos
