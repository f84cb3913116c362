// `dcos --version`: the CLI's version, and the attached cluster's when one is configured.
#include "client/metadata.hpp"
#include "client/user_agent.hpp"
#include "commands/groups.hpp"

namespace dcos {
namespace {

/// The current cluster's version document, or std::nullopt when it cannot be had within 3
/// seconds. Call only when Context::cluster() succeeds.
std::optional<DcosVersion> cluster_version(Context& context) {
  auto options = client_options((*context.cluster())->config, Service::admin_router, context.env);
  if (!options) return std::nullopt;
  MetadataClient metadata(context.client(quick_probe_options(std::move(options).value())));
  auto version = metadata.version();
  if (!version) {
    context.info("cannot read the cluster version: " + version.error().message);
    return std::nullopt;
  }
  return std::move(version).value();
}

std::string field(const std::optional<DcosVersion>& version,
                  std::optional<std::string> DcosVersion::*member) {
  if (!version) return "N/A";
  return ((*version).*member).value_or("N/A");
}

}  // namespace

Status print_version(Context& context) {
  context.out << "dcoscli.version=" << kCliVersion << "\n";
  if (!context.cluster()) return Status::success();  // no cluster: the CLI version is all
  auto version = cluster_version(context);
  context.out << "dcos.version=" << field(version, &DcosVersion::version) << "\n"
              << "dcos.variant=" << field(version, &DcosVersion::variant) << "\n"
              << "dcos.commit=" << field(version, &DcosVersion::image_commit) << "\n"
              << "dcos.bootstrap-id=" << field(version, &DcosVersion::bootstrap_id) << "\n";
  return Status::success();
}

}  // namespace dcos
