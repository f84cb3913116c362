// The package facts Cosmos keeps on the Marathon apps it creates, and reads back for list,
// uninstall and service describe: the DCOS_PACKAGE_* labels (mesos-cosmos-api.md §2.5 step 7)
// and the package-details view of a definition.
#pragma once

#include <optional>
#include <string>

#include "local/util.hpp"

namespace dcos_local::cosmos {

/// The labels Cosmos adds to an app of `package` (its repo definition) installed from
/// `source` with the user's `options`.
json package_labels(const json& package, const std::string& source, const json& options);

/// The package definition stored in an app's DCOS_PACKAGE_DEFINITION label (base64 of a
/// storage envelope with gzip'ed JSON); nullopt when absent or not decodable.
std::optional<json> stored_definition(const json& labels);

/// The user options stored in DCOS_PACKAGE_OPTIONS ({} when absent or not decodable).
json stored_options(const json& labels);

/// The package details Cosmos lists (packageDefinition of /package/list): packagingVersion,
/// name, version, maintainer, description, tags, selected, scm, website, framework, the notes
/// and licenses.
json package_details(const json& package);

/// A label's string value, or "" when absent.
std::string label(const json& labels, const std::string& key);

}  // namespace dcos_local::cosmos
