#include "local/cosmos/labels.hpp"

#include "local/cosmos/codec.hpp"

namespace dcos_local::cosmos {

namespace {

// "2.0" -> "v2": the universe package media type version of a packaging version.
std::string package_type_version(const json& package) {
  std::string pv = package.value("packagingVersion", "2.0");
  return "v" + pv.substr(0, pv.find('.'));
}

json without_nulls(json value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();)
      if (it->is_null()) {
        it = value.erase(it);
      } else {
        *it = without_nulls(*it);
        ++it;
      }
  } else if (value.is_array()) {
    for (json& v : value) v = without_nulls(v);
  }
  return value;
}

}  // namespace

std::string label(const json& labels, const std::string& key) {
  if (!labels.is_object() || !labels.contains(key) || !labels[key].is_string()) return "";
  return labels[key].get<std::string>();
}

json package_details(const json& package) {
  json out = json::object();
  for (const char* key : {"packagingVersion", "name", "version", "maintainer", "description",
                          "tags", "selected", "scm", "website", "framework", "preInstallNotes",
                          "postInstallNotes", "postUninstallNotes", "licenses"})
    if (package.contains(key)) out[key] = package[key];
  out["selected"] = package.value("selected", false);
  out["framework"] = package.value("framework", false);
  return out;
}

json package_labels(const json& package, const std::string& source, const json& options) {
  json metadata = package_details(package);
  if (package.contains("resource") && package["resource"].contains("images"))
    metadata["images"] = package["resource"]["images"];
  json envelope = {
      {"metadata",
       {{"Content-Type", "application/vnd.dcos.universe.package+json;charset=utf-8;version=" +
                             package_type_version(package)},
        {"Content-Encoding", "gzip"}}},
      {"data", base64_encode(gzip(dump(without_nulls(package))))}};
  json labels = {
      {"DCOS_PACKAGE_METADATA", base64_encode(dump(without_nulls(metadata)))},
      {"DCOS_PACKAGE_NAME", package.value("name", "")},
      {"DCOS_PACKAGE_VERSION", package.value("version", "")},
      {"DCOS_PACKAGE_SOURCE", source},
      {"DCOS_PACKAGE_RELEASE", std::to_string(package.value("releaseVersion", int64_t{0}))},
      {"DCOS_PACKAGE_REGISTRY_VERSION", package.value("packagingVersion", "2.0")},
      {"DCOS_PACKAGE_IS_FRAMEWORK", package.value("framework", false) ? "true" : "false"},
      {"DCOS_PACKAGE_OPTIONS", base64_encode(dump(options))},
      {"DCOS_PACKAGE_DEFINITION", base64_encode(dump(envelope))}};
  if (package.contains("command"))
    labels["DCOS_PACKAGE_COMMAND"] = base64_encode(dump(package["command"]));
  return labels;
}

std::optional<json> stored_definition(const json& labels) {
  auto text = base64_decode(label(labels, "DCOS_PACKAGE_DEFINITION"));
  if (!text || text->empty()) return std::nullopt;
  json envelope = json::parse(*text, nullptr, false);
  if (!envelope.is_object() || !envelope.contains("data") || !envelope["data"].is_string())
    return std::nullopt;
  auto data = base64_decode(envelope["data"].get<std::string>());
  if (!data) return std::nullopt;
  std::string encoding;
  if (envelope.contains("metadata") && envelope["metadata"].is_object())
    encoding = envelope["metadata"].value("Content-Encoding", "");
  if (encoding == "gzip") {
    data = gunzip(*data);
    if (!data) return std::nullopt;
  }
  json package = json::parse(*data, nullptr, false);
  if (!package.is_object()) return std::nullopt;
  return package;
}

json stored_options(const json& labels) {
  auto text = base64_decode(label(labels, "DCOS_PACKAGE_OPTIONS"));
  if (!text) return json::object();
  json options = json::parse(*text, nullptr, false);
  return options.is_object() ? options : json::object();
}

}  // namespace dcos_local::cosmos
