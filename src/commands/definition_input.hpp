// Where a definition comes from: a file, an http(s) URL, or stdin ("-" or no argument). Reading
// stdin that is a terminal is refused with an example instead of waiting forever, and the text
// is parsed (JSON or YAML, see client/definition.hpp) before anything is sent to a cluster.
// Fetching a URL is the client's (client/document_fetch.hpp); this file picks the source.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace dcos {

/// Reads and parses the definition named by `resource` ("" or "-" for stdin). `example` is a
/// command line shown when stdin is a terminal, e.g. "dcos marathon app add < app.json".
Result<nlohmann::json> load_definition(Context& context, const std::string& resource,
                                       const std::string& example);

/// The definition of an update: the `properties` (key=value) when there are any, else the
/// document on stdin.
Result<nlohmann::json> load_changes(Context& context, const std::vector<std::string>& properties,
                                    const std::string& example);

}  // namespace dcos
