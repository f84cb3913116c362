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

/// The parts of an update's arguments: at most one file, http(s) URL or "-" (an argument with no
/// '='), and key=value properties. With no arguments at all, the document is read from stdin.
struct ChangeParts {
  nlohmann::json document;  ///< the file's, URL's or stdin's; null if none
  nlohmann::json properties = nlohmann::json::object();  ///< key=value, keys as written
};
Result<ChangeParts> load_change_parts(Context& context, const std::vector<std::string>& arguments,
                                      const std::string& example);

/// The definition of an update: the document of load_change_parts with the properties on top.
Result<nlohmann::json> load_changes(Context& context, const std::vector<std::string>& arguments,
                                    const std::string& example);

}  // namespace dcos
