// Reading, validating and normalising Marathon app definitions the way Marathon 1.11 does:
// type errors give the "Invalid JSON" shape, rule violations "Object is not valid", both 422.
#pragma once

#include <optional>
#include <string>

#include "local/util.hpp"

namespace dcos_local {

// A request the server rejects: HTTP status plus the JSON body Marathon would send.
struct ApiError {
  int status = 422;
  json body;
};

// Collects {path, errors[]} entries, grouped by path in first-seen order.
class Violations {
 public:
  void add(const std::string& path, const std::string& error);
  bool empty() const { return details_.empty(); }
  ApiError to_error(const std::string& message) const;

 private:
  json details_ = json::array();
};

// Checks that `id` is a valid absolute Marathon path; returns the rule it breaks.
std::optional<std::string> id_problem(const std::string& id);

// Type checks of the body reader (shape D). `prefix` prefixes paths, e.g. "/apps(0)".
void check_app_types(const json& app, const std::string& prefix, Violations& out);
// Semantic rules (shape C) on a normalised app.
void check_app_rules(const json& app, const std::string& prefix, Violations& out);

// Removes null object members at any depth (array elements stay): the reader treats a null
// optional field as absent, and the scheduler never has to expect a null.
void strip_nulls(json& value);

// Fills in every default Marathon fills in and converts deprecated fields (ports, uris,
// container.docker.network, docker portMappings). Does not assign service ports.
json normalize_app(json app);

// Whole pipeline for one app body: parse checks, normalise, rules.
// Returns the normalised app or the 422 error.
struct AppResult {
  json app;
  std::optional<ApiError> error;
};
AppResult read_app(const json& body, const std::string& id_override = {},
                   const std::string& base = "/");

// True when the app runs real processes here: it has cmd/args and no container image.
bool runs_process(const json& app);
// Host networking (the default) vs container/bridge networks.
bool host_networking(const json& app);

}  // namespace dcos_local
