// The Cosmos client: DC/OS's package manager, reached at POST <cosmos>/package/<op> (spec:
// mesos-cosmos-api.md §2, core-cli.md §4.1). Every call sends the exact request and response
// media types Cosmos negotiates on (Content-Type = the request type; Accept = the response type,
// then the error type), and tells success from failure by the answer's Content-Type: a body of
// the error media type ({type, message, data}) becomes an Error carrying Cosmos's message, with
// the Cosmos type kept as the machine-readable part (ErrorDetail::cosmos, ids[0] = the type) and
// a kind per type (a missing package is not_found, several apps for one name are ambiguous, …).
// Answers come back as typed views beside the server's own JSON, so --json prints unknown fields.
// The base URL is package.cosmos_url, else core.dcos_url (Service::cosmos).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// One package of a search answer.
struct CosmosSearchResult {
  std::string name;
  std::string current_version;  ///< `currentVersion`
  std::string description;
  bool framework = false;
  bool selected = false;  ///< "certified" in the tables
  nlohmann::json raw;
};

/// POST /package/search: the packages in Cosmos's order, and the answer as it came.
struct CosmosSearch {
  std::vector<CosmosSearchResult> packages;
  nlohmann::json raw;
};

/// A package definition (describe's `package`, or a list entry's `packageDefinition`).
struct CosmosPackage {
  std::string name;
  std::string version;
  std::string packaging_version;  ///< "2.0" … "5.0"; "" when absent
  std::string description;
  std::string maintainer;
  bool framework = false;
  bool selected = false;
  std::string pre_install_notes;
  std::string post_install_notes;
  std::string post_uninstall_notes;
  /// `marathon.v2AppMustacheTemplate` (base64); "" when the package has no Marathon app.
  std::string marathon_template;
  nlohmann::json config;  ///< the options' JSON Schema; null when the package has none
  nlohmann::json raw;     ///< the definition as Cosmos sent it

  /// Whether `resource.cli.binaries` names at least one binary.
  bool has_cli_binaries() const;
  /// Whether the package has a legacy (pip) `command` with a name or pip entries.
  bool has_legacy_command() const;
};

/// The typed view of a package definition.
CosmosPackage cosmos_package(nlohmann::json raw);

/// One installed app of POST /package/list.
struct CosmosInstalledApp {
  std::string app_id;
  CosmosPackage package;  ///< `packageInformation.packageDefinition`
  nlohmann::json raw;     ///< the list entry as it came
};

/// What POST /package/install answered (v2, or v1 which has no notes nor cli).
struct CosmosInstallResult {
  std::string package_name;
  std::string package_version;
  std::string app_id;  ///< "" for a package without a Marathon app
  std::string post_install_notes;
  nlohmann::json raw;
};

/// One uninstalled app of POST /package/uninstall.
struct CosmosUninstalled {
  std::string package_name;
  std::string app_id;
  std::string package_version;
  std::string post_uninstall_notes;
};

struct CosmosRepository {
  std::string name;
  std::string uri;
};

/// A repository list (repository/list, and what add and delete answer), in priority order.
struct CosmosRepositories {
  std::vector<CosmosRepository> repositories;
  nlohmann::json raw;
};

/// What render and install are asked for; empty fields are left out of the request.
struct CosmosInstallRequest {
  std::string package_name;
  std::string package_version;
  std::string app_id;
  std::optional<nlohmann::json> options;  ///< the user's options, sent as given
};

/// The media types of every Cosmos RPC (exact, as Cosmos compares them).
namespace cosmos_media {
/// `application/vnd.dcos.package.<kind>+json;charset=utf-8;version=<version>`.
std::string package_type(const std::string& kind, const std::string& version);
/// The error type, application/vnd.dcos.package.error+json;charset=utf-8;version=v1.
const std::string& error_type();
}  // namespace cosmos_media

class CosmosClient {
 public:
  /// `http` is a client for Service::cosmos (its base URL ends before /package).
  explicit CosmosClient(HttpClient http) : http_(std::move(http)) {}

  /// POST /package/search; an empty query lists every package.
  Result<CosmosSearch> search(const std::string& query);
  /// POST /package/describe (v3 answer): the package, the newest version when `version` is "".
  Result<CosmosPackage> describe(const std::string& name, const std::string& version = {});
  /// POST /package/list-versions: version → releaseVersion (a string, whatever Cosmos sent).
  Result<std::map<std::string, std::string>> list_versions(const std::string& name);
  /// POST /package/render: the Marathon app Cosmos would create (`marathonJson`).
  Result<nlohmann::json> render(const CosmosInstallRequest& request);
  /// POST /package/install, asking for the v2 answer (a v1 answer is read too).
  Result<CosmosInstallResult> install(const CosmosInstallRequest& request);
  /// POST /package/uninstall of the package's app `app_id` (or its only app), or all of them.
  Result<std::vector<CosmosUninstalled>> uninstall(const std::string& name,
                                                   const std::string& app_id, bool all);
  /// POST /package/list: every installed app of a package, sorted by Cosmos.
  Result<std::vector<CosmosInstalledApp>> list();
  /// POST /package/repository/list.
  Result<CosmosRepositories> repositories();
  /// POST /package/repository/add, at `index` (appended when absent): the new list.
  Result<CosmosRepositories> add_repository(const std::string& name, const std::string& uri,
                                            std::optional<long long> index);
  /// POST /package/repository/delete by name: the new list.
  Result<CosmosRepositories> delete_repository(const std::string& name);

 private:
  /// Posts `body` to /package/<op> with the request type of `op`, Accept = `accepted` (then
  /// the error type when `with_error_type`), and returns the JSON answer once its Content-Type
  /// is one of `accepted` or `also_read`.
  Result<nlohmann::json> call(const std::string& op, const nlohmann::json& body,
                              const std::vector<std::string>& accepted, bool with_error_type = true,
                              const std::vector<std::string>& also_read = {});

  HttpClient http_;
};

/// The Error for a Cosmos error body ({type, message, data}) answered with `status`: Cosmos's
/// message (with one line per schema problem for JsonSchemaMismatch), the kind its type means,
/// detail ErrorDetail::cosmos with ids = {type, then the app ids of AmbiguousAppId or the
/// package name of VersionNotFound}.
Error cosmos_error(long status, const nlohmann::json& body);

}  // namespace dcos
