// The fields an app definition may have. Marathon's readers drop a field they do not declare
// without a word, so a typo (`instanses`) or a field at the wrong level (`volumes` beside
// `container`) used to be stored and ignored; its app schema (AppDefinition.json, which declares
// "additionalProperties": false at the top and in the nested objects) refuses them, and so does
// dcos-local, with a 422 "Object is not valid" naming each field.
#pragma once

#include <string>

#include "local/app_spec.hpp"

namespace dcos_local {

// Adds a violation "<prefix>/<path>: is not a field of an app" (or "… of <object>") for every
// field of `app` that the schema does not declare, at each level whose fields it declares.
// Read-only fields a GET returns (tasksRunning, version, …) are accepted, so an app as shown
// can be sent back.
void check_app_fields(const json& app, const std::string& prefix, Violations& out);

}  // namespace dcos_local
