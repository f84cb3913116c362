#include "client/metrics.hpp"

#include <algorithm>

#include "client/json_fields.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string agent_path(const std::string& agent_id) {
  return "/system/v1/agent/" + percent_encode(agent_id) + "/metrics/v0";
}

Datapoint datapoint(json raw) {
  Datapoint point;
  point.name = json_fields::string_field(raw, "name");
  point.value = json_fields::number_field(raw, "value");
  point.unit = json_fields::string_field(raw, "unit");
  if (const json* tags = json_fields::object_at(raw, "tags"))
    for (const auto& [key, value] : tags->items())
      point.tags.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
  std::sort(point.tags.begin(), point.tags.end());
  point.raw = std::move(raw);
  return point;
}

}  // namespace

std::optional<std::string> Datapoint::tag(const std::string& name) const {
  for (const auto& [key, value] : tags)
    if (key == name) return value;
  return std::nullopt;
}

Result<std::optional<MetricsReport>> MetricsClient::report(const std::string& path) {
  auto response = http_.get(path);
  if (!response) return response.take_error();
  if (response->status == 204) return std::optional<MetricsReport>();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Error::make(ErrorKind::server,
                       "GET " + path + " did not answer with a JSON object of datapoints");
  MetricsReport report;
  if (auto points = body.find("datapoints"); points != body.end() && points->is_array())
    for (const auto& item : *points)
      if (item.is_object()) report.datapoints.push_back(datapoint(item));
  report.raw = std::move(body);
  return std::optional<MetricsReport>(std::move(report));
}

Result<MetricsReport> MetricsClient::node(const std::string& agent_id) {
  const std::string path = agent_path(agent_id) + "/node";
  auto found = report(path);
  if (!found) return found.take_error();
  if (!found->has_value())
    return Error::make(ErrorKind::not_found, "no metrics for agent '" + agent_id + "'");
  return std::move(**found);
}

Result<std::optional<MetricsReport>> MetricsClient::container(const std::string& agent_id,
                                                              const std::string& container_id) {
  return report(agent_path(agent_id) + "/containers/" + percent_encode(container_id));
}

Result<std::optional<MetricsReport>> MetricsClient::container_app(const std::string& agent_id,
                                                                  const std::string& container_id) {
  return report(agent_path(agent_id) + "/containers/" + percent_encode(container_id) + "/app");
}

}  // namespace dcos
