#include "client/health.hpp"

#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {

Result<std::vector<HealthUnit>> HealthClient::units(const std::string& host) {
  auto response = http_.get("/system/health/v1/nodes/" + percent_encode(host) + "/units");
  if (!response) return response.take_error();
  auto body = nlohmann::json::parse(response->body, nullptr, false);
  auto list = body.is_object() ? body.find("units") : body.end();
  if (!body.is_object() || list == body.end() || !list->is_array())
    return Error::make(ErrorKind::server,
                       "the diagnostics service did not answer with a list of units for " + host);
  std::vector<HealthUnit> units;
  for (auto& entry : *list) {
    if (!entry.is_object()) continue;
    HealthUnit unit;
    unit.id = json_fields::string_field(entry, "id");
    unit.health = static_cast<int>(json_fields::integer_field(entry, "health").value_or(0));
    unit.raw = std::move(entry);
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace dcos
