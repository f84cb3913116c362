// How the Cosmos client reads a package definition into its typed view, and a Cosmos error body
// ({type, message, data}, spec mesos-cosmos-api.md §2.3) into an Error of the right kind.
#include <set>

#include "client/cosmos.hpp"
#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using json_fields::flag;
using json_fields::object_at;
using json_fields::string_field;
using nlohmann::json;

/// A JSON pointer ("/cassandra/resources/cpus") as a dotted path ("cassandra.resources.cpus");
/// "(root)" for the whole document.
std::string dotted(const std::string& pointer) {
  if (pointer.empty() || pointer == "/") return "(root)";
  std::string path;
  for (auto part : split(pointer.substr(pointer[0] == '/' ? 1 : 0), '/')) {
    std::string token;
    for (size_t i = 0; i < part.size(); ++i) {
      if (part[i] == '~' && i + 1 < part.size()) {
        token += part[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        token += part[i];
      }
    }
    path += (path.empty() ? "" : ".") + token;
  }
  return path;
}

/// One line per report of JsonSchemaMismatch's data.errors: `<path>: <what failed>`.
std::string schema_lines(const json& data) {
  auto errors = data.find("errors");
  if (errors == data.end() || !errors->is_array()) return {};
  std::string lines;
  for (const auto& report : *errors) {
    if (!report.is_object()) continue;
    std::string pointer;
    if (const json* instance = object_at(report, "instance"))
      pointer = string_field(*instance, "pointer");
    std::string said = string_field(report, "message");
    if (said.empty()) {
      said = string_field(report, "keyword");
      if (auto expected = report.find("expected"); expected != report.end())
        said += " expected " + expected->dump();
      if (auto found = report.find("found"); found != report.end())
        said += ", found " + found->dump();
    }
    lines += "\n" + dotted(pointer) + ": " + said;
  }
  return lines;
}

/// One line per Marathon complaint of MarathonBadResponse's data.errors ({path, errors[]}).
std::string marathon_lines(const json& data) {
  auto errors = data.find("errors");
  if (errors == data.end() || !errors->is_array()) return {};
  std::string lines;
  for (const auto& entry : *errors) {
    if (!entry.is_object()) continue;
    std::vector<std::string> said = json_fields::string_list(entry, "errors");
    if (said.empty() && !string_field(entry, "error").empty())
      said.push_back(string_field(entry, "error"));
    std::string path = string_field(entry, "path");
    lines += "\n" + (path.empty() ? std::string("/") : path) + ": " + join(said, "; ");
  }
  return lines;
}

ErrorKind kind_of(const std::string& type, long status) {
  static const std::set<std::string> not_found = {
      "PackageNotFound",     "VersionNotFound",      "PackageNotInstalled",
      "MarathonAppNotFound", "RepositoryNotPresent", "UninstallNonExistentAppForPackage"};
  static const std::set<std::string> usage = {"JsonSchemaMismatch", "OptionsNotAllowed"};
  static const std::set<std::string> invalid = {"RepositoryAddIndexOutOfBounds",
                                                "RepoNameOrUriMissing",
                                                "UnsupportedRepositoryUri",
                                                "RepositoryUriSyntax",
                                                "MarathonBadResponse",
                                                "ServiceMarathonTemplateNotFound",
                                                "MarathonTemplateMustBeJsonObject"};
  if (not_found.count(type)) return ErrorKind::not_found;
  if (usage.count(type)) return ErrorKind::usage;
  if (invalid.count(type)) return ErrorKind::invalid;
  if (type == "AmbiguousAppId") return ErrorKind::ambiguous;
  if (type == "PackageAlreadyInstalled" || type == "RepositoryAlreadyPresent" ||
      type == "ConcurrentAccess")
    return ErrorKind::conflict;
  if (type == "Unauthorized" || status == 401) return ErrorKind::auth;
  if (type == "Forbidden" || status == 403) return ErrorKind::forbidden;
  if (type == "TimeoutError") return ErrorKind::timeout;
  if (status >= 500) return ErrorKind::server;
  return ErrorKind::generic;
}

}  // namespace

CosmosPackage cosmos_package(json raw) {
  CosmosPackage package;
  package.name = string_field(raw, "name");
  package.version = string_field(raw, "version");
  package.packaging_version = string_field(raw, "packagingVersion");
  package.description = string_field(raw, "description");
  package.maintainer = string_field(raw, "maintainer");
  package.framework = flag(raw, "framework");
  package.selected = flag(raw, "selected");
  package.pre_install_notes = string_field(raw, "preInstallNotes");
  package.post_install_notes = string_field(raw, "postInstallNotes");
  package.post_uninstall_notes = string_field(raw, "postUninstallNotes");
  if (const json* marathon = object_at(raw, "marathon"))
    package.marathon_template = string_field(*marathon, "v2AppMustacheTemplate");
  if (const json* config = object_at(raw, "config")) package.config = *config;
  package.raw = std::move(raw);
  return package;
}

bool CosmosPackage::has_cli_binaries() const {
  const json* resource = object_at(raw, "resource");
  const json* cli = resource ? object_at(*resource, "cli") : nullptr;
  const json* binaries = cli ? object_at(*cli, "binaries") : nullptr;
  return binaries != nullptr && !binaries->empty();
}

bool CosmosPackage::has_legacy_command() const {
  const json* command = object_at(raw, "command");
  if (command == nullptr) return false;
  auto pip = command->find("pip");
  return !string_field(*command, "name").empty() ||
         (pip != command->end() && pip->is_array() && !pip->empty());
}

Error cosmos_error(long status, const json& body) {
  const std::string type = string_field(body, "type");
  const json* data = object_at(body, "data");
  const json empty = json::object();
  if (data == nullptr) data = &empty;
  Error error = Error::detailed(kind_of(type, status), string_field(body, "message"),
                                ErrorDetail::cosmos, {type});
  if (type == "JsonSchemaMismatch") error.message += schema_lines(*data);
  if (type == "MarathonBadResponse") error.message += marathon_lines(*data);
  if (type == "VersionNotFound" && !string_field(*data, "packageName").empty())
    error.ids.push_back(string_field(*data, "packageName"));
  if (type == "AmbiguousAppId")
    for (const auto& id : json_fields::string_list(*data, "appIds")) error.ids.push_back(id);
  if (error.kind == ErrorKind::auth) {
    error.detail = ErrorDetail::not_logged_in;
    error.ids.clear();
  }
  return error;
}

}  // namespace dcos
