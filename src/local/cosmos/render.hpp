// What install and render do between choosing the package and calling Marathon
// (mesos-cosmos-api.md §2.5 steps 3-7): the defaults of config.json merged under the user's
// options, JSON Schema validation (JsonSchemaMismatch with per-problem reports), the mustache
// rendering of marathon.json.mustache as Cosmos does it, and the labels Cosmos adds.
#pragma once

#include <string>

#include "local/cosmos/repositories.hpp"

namespace dcos_local::cosmos {

/// The options an app is rendered with: the package's defaults with `user` merged over them,
/// checked against its config.json. OptionsNotAllowed or JsonSchemaMismatch on failure.
Outcome<json> resolve_options(const json& package, const json& user);

/// Renders the package's Marathon template with `resolved` (plus `resource`) and decorates
/// the result: `app_id` (when not empty) replaces the id, and the DCOS_PACKAGE_* labels are
/// added, DCOS_PACKAGE_OPTIONS holding `user` only. ServiceMarathonTemplateNotFound,
/// MarathonTemplateMustBeJsonObject on failure.
Outcome<json> render_app(const Package& package, const json& resolved, const json& user,
                         const std::string& app_id);

/// The whole pipeline of render and install: options, then the decorated app.
Outcome<json> render_package(const Package& package, const json& user, const std::string& app_id);

}  // namespace dcos_local::cosmos
