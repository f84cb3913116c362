#include "client/cassandra_ring.hpp"

#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

constexpr std::string_view kPrefix = "cassandra.";

}  // namespace

Result<std::vector<CassandraRing>> installed_cassandra_rings(MarathonClient& marathon) {
  auto apps = marathon.list_apps_with_label("DCOS_PACKAGE_NAME==cassandra");
  if (!apps) return apps.take_error();
  std::vector<CassandraRing> rings;
  for (const auto& app : *apps) {
    std::string framework;
    if (const auto* labels = json_fields::object_at(app.raw, "labels"))
      framework = json_fields::string_field(*labels, "DCOS_PACKAGE_FRAMEWORK_NAME");
    if (framework.empty()) {
      auto parts = split(app.id, '/');
      framework = cassandra_framework_name(parts.empty() ? app.id : parts.back());
    }
    rings.push_back(CassandraRing{app.id, framework});
  }
  return rings;
}

std::string cassandra_framework_name(std::string_view ring) {
  if (starts_with(ring, kPrefix)) return std::string(ring);
  return std::string(kPrefix) + std::string(ring);
}

std::string cassandra_service_path(std::string_view framework_name) {
  return "/service/" + percent_encode(framework_name);
}

std::string cassandra_ring_name(std::string_view framework_name) {
  if (starts_with(framework_name, kPrefix) && framework_name.size() > kPrefix.size())
    return std::string(framework_name.substr(kPrefix.size()));
  return std::string(framework_name);
}

}  // namespace dcos
