#include "client/cassandra.hpp"

#include "client/cassandra_parse.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string node_path(const std::string& node, std::string_view verb) {
  return "/node/" + percent_encode(node) + "/" + std::string(verb);
}

/// The key of the job object in status and last answers.
const char* job_key(CassandraJob job) {
  switch (job) {
    case CassandraJob::cleanup:
      return "cleanup";
    case CassandraJob::rolling_restart:
      return "clusterRestart";
    case CassandraJob::repair:
      break;
  }
  return "repair";
}

bool is_json(const std::string& body) {
  auto parsed = json::parse(body, nullptr, false);
  return !parsed.is_discarded() && parsed.is_object();
}

}  // namespace

std::string_view job_path(CassandraJob job) {
  switch (job) {
    case CassandraJob::cleanup:
      return "cleanup";
    case CassandraJob::rolling_restart:
      return "rolling-restart";
    case CassandraJob::repair:
      break;
  }
  return "repair";
}

std::string_view job_type(CassandraJob job) {
  switch (job) {
    case CassandraJob::cleanup:
      return "CLEANUP";
    case CassandraJob::rolling_restart:
      return "RESTART";
    case CassandraJob::repair:
      break;
  }
  return "REPAIR";
}

std::string_view action_path(NodeAction action) {
  switch (action) {
    case NodeAction::start:
      return "start";
    case NodeAction::restart:
      return "restart";
    case NodeAction::terminate:
      return "terminate";
    case NodeAction::stop:
      break;
  }
  return "stop";
}

bool CassandraNode::has_task(std::string_view type) const {
  for (const auto& task : tasks)
    if (task.type == type) return true;
  return false;
}

const CassandraNode* find_node(const CassandraNodes& nodes, std::string_view key) {
  for (const auto& node : nodes.nodes)
    if (node.ip == key || node.hostname == key ||
        (!node.executor_id.empty() && node.executor_id == key))
      return &node;
  return nullptr;
}

bool is_live(const CassandraNode& node) {
  return !node.executor_id.empty() && node.has_task("SERVER") && node.health &&
         node.health->healthy && node.health->native_transport_running &&
         node.health->rpc_server_running;
}

ReplaceBlock replace_block(const CassandraNodes& nodes, std::string_view key) {
  const CassandraNode* node = find_node(nodes, key);
  if (node == nullptr) return ReplaceBlock::unknown_node;
  if (node->seed) return ReplaceBlock::seed;
  if (is_live(*node)) return ReplaceBlock::live;
  if (node->target_run_state != "TERMINATE") return ReplaceBlock::not_terminated;
  if (!node->tasks.empty()) return ReplaceBlock::tasks_running;
  for (const auto& queued : nodes.replace_nodes)
    if (queued == node->ip) return ReplaceBlock::already_queued;
  return ReplaceBlock::none;
}

Result<HttpResponse> CassandraClient::call(const std::string& method, const std::string& path,
                                           const std::string& accept, const std::string& body) {
  Headers headers = {{"Accept", accept}};
  if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
  return http_.send(method, path, body, std::move(headers));
}

Error CassandraClient::failure(const std::string& method, const std::string& path,
                               const HttpResponse& response) const {
  const std::string url = http_.options().base_url + path;
  if (response.status == 404)
    return Error::make(ErrorKind::not_found, "the Cassandra service " + framework_ +
                                                 " does not answer " + method + " " + path +
                                                 " (HTTP 404 from " + url + ")");
  if (response.status == 503)
    return Error::make(ErrorKind::server, "the scheduler of the Cassandra service " + framework_ +
                                              " is not running (HTTP 503 from " + url + ")");
  HttpResponse shown = response;
  // Empty error bodies may come back as the web server's HTML page: never quote that.
  if (!is_json(shown.body)) shown.body.clear();
  return error_for_status(method, url, shown, !http_.options().token.empty());
}

Result<json> CassandraClient::parsed(const std::string& path, const HttpResponse& response) const {
  auto body = json::parse(response.body, nullptr, false);
  if (body.is_discarded())
    return Error::make(ErrorKind::server, "the answer of the Cassandra service " + framework_ +
                                              " to " + path + " is not JSON");
  return body;
}

Error CassandraClient::no_node(const std::string& node) const {
  return Error::make(ErrorKind::not_found, "no node " + node + " in ring " + framework_);
}

Result<json> CassandraClient::get_json(const std::string& path) {
  auto response = call("GET", path);
  if (!response) return response.take_error();
  if (response->status >= 400) return failure("GET", path, *response);
  return parsed(path, *response);
}

Result<CassandraConfig> CassandraClient::config() {
  auto body = get_json("/config");
  if (!body) return body.take_error();
  return cassandra_parse::config(std::move(*body));
}

Result<CassandraNodes> CassandraClient::nodes() {
  auto body = get_json("/node/all");
  if (!body) return body.take_error();
  return cassandra_parse::nodes(std::move(*body));
}

Result<CassandraSeeds> CassandraClient::seeds() {
  auto body = get_json("/node/seed/all");
  if (!body) return body.take_error();
  return cassandra_parse::seeds(std::move(*body));
}

Result<CassandraNodeState> CassandraClient::set_node_state(const std::string& node,
                                                           NodeAction action) {
  const std::string path = node_path(node, action_path(action));
  auto response = call("POST", path);
  if (!response) return response.take_error();
  if (response->status == 404) return no_node(node);
  if (response->status >= 400) return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  return cassandra_parse::node_state(std::move(*body));
}

Result<CassandraReplace> CassandraClient::replace(const std::string& node) {
  const std::string path = node_path(node, "replace");
  auto response = call("POST", path);
  if (!response) return response.take_error();
  if (response->status == 404) return no_node(node);
  if (response->status >= 400 && response->status != 400) return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) {
    if (response->status == 400) return CassandraReplace{};  // a refusal with no readable body
    return body.take_error();
  }
  auto answer = cassandra_parse::replace(std::move(*body));
  if (response->status == 400) answer.success = false;
  return answer;
}

Result<CassandraRackDc> CassandraClient::set_rack_dc(const std::string& node,
                                                     const std::string& rack,
                                                     const std::string& dc) {
  const std::string path = node_path(node, "rackdc");
  json request = json::object();
  if (!rack.empty()) request["rack"] = rack;
  if (!dc.empty()) request["dc"] = dc;
  auto response = call("POST", path, "application/json", request.dump());
  if (!response) return response.take_error();
  if (response->status == 404) return no_node(node);
  if (response->status >= 400) return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  return cassandra_parse::rack_dc(std::move(*body));
}

Result<CassandraSeedChange> CassandraClient::set_seed(const std::string& node, bool seed) {
  const std::string path = node_path(node, seed ? "make-seed" : "make-non-seed");
  auto response = call("POST", path);
  if (!response) return response.take_error();
  if (response->status == 404) return no_node(node);
  if (response->status >= 400 && !(response->status == 400 && is_json(response->body)))
    return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  auto change = cassandra_parse::seed_change(std::move(*body));
  if (response->status == 400) change.success = false;
  return change;
}

namespace {

Error no_live_node(const std::string& framework) {
  return Error::make(ErrorKind::not_found,
                     "no node of ring " + framework +
                         " is live (none runs Cassandra with a healthy report and its native "
                         "and thrift transports up)");
}

}  // namespace

Result<CassandraLiveNodes> CassandraClient::live_nodes(long long limit) {
  const std::string path = "/live-nodes?limit=" + std::to_string(limit);
  auto response = call("GET", path);
  if (!response) return response.take_error();
  if (response->status == 400) return no_live_node(framework_);
  if (response->status >= 400) return failure("GET", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  return cassandra_parse::live_nodes(std::move(*body));
}

Result<std::string> CassandraClient::live_nodes_text(long long limit) {
  const std::string path = "/live-nodes/text?limit=" + std::to_string(limit);
  auto response = call("GET", path, "text/plain");
  if (!response) return response.take_error();
  if (response->status == 400) return no_live_node(framework_);
  if (response->status >= 400) return failure("GET", path, *response);
  return std::move(response->body);
}

Result<bool> CassandraClient::start_job(CassandraJob job) {
  const std::string path = "/cluster/" + std::string(job_path(job)) + "/start";
  auto response = call("POST", path);
  if (!response) return response.take_error();
  if (response->status >= 400) return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  return body->is_object() && cassandra_parse::bool_field(*body, "started");
}

Result<bool> CassandraClient::abort_job(CassandraJob job) {
  const std::string path = "/cluster/" + std::string(job_path(job)) + "/abort";
  auto response = call("POST", path);
  if (!response) return response.take_error();
  if (response->status >= 400) return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  return body->is_object() && cassandra_parse::bool_field(*body, "aborted");
}

Result<CassandraJobState> CassandraClient::job_status(CassandraJob job) {
  auto body = get_json("/cluster/" + std::string(job_path(job)) + "/status");
  if (!body) return body.take_error();
  return cassandra_parse::job_state(std::move(*body), "running", job_key(job));
}

Result<CassandraJobState> CassandraClient::last_job(CassandraJob job) {
  auto body = get_json("/cluster/" + std::string(job_path(job)) + "/last");
  if (!body) return body.take_error();
  return cassandra_parse::job_state(std::move(*body), "present", job_key(job));
}

Result<long long> CassandraClient::scale_nodes(long long count) {
  const std::string path = "/scale/nodes?nodeCount=" + std::to_string(count);
  auto response = call("POST", path);
  if (!response) return response.take_error();
  if (response->status == 400) {
    auto body = json::parse(response->body, nullptr, false);
    std::string said = body.is_object() ? body.value("message", std::string()) : std::string();
    return Error::make(ErrorKind::invalid, "the Cassandra service " + framework_ +
                                               " refused to scale to " + std::to_string(count) +
                                               " nodes" + (said.empty() ? "" : ": " + said));
  }
  if (response->status >= 400) return failure("POST", path, *response);
  auto body = parsed(path, *response);
  if (!body) return body.take_error();
  return body->is_object() ? body->value("newNodeCount", count) : count;
}

Result<CassandraHealthReport> CassandraClient::health_report() {
  auto body = get_json("/health/cluster/report");
  if (!body) return body.take_error();
  return cassandra_parse::health_report(std::move(*body));
}

Result<bool> CassandraClient::cluster_healthy() {
  auto response = call("GET", "/health/cluster");
  if (!response) return response.take_error();
  if (response->status == 500) return false;
  if (response->status >= 400) return failure("GET", "/health/cluster", *response);
  auto body = parsed("/health/cluster", *response);
  if (!body) return body.take_error();
  return body->is_object() && cassandra_parse::bool_field(*body, "healthy");
}

Result<bool> CassandraClient::process_healthy() {
  auto body = get_json("/health/process");
  if (!body) return body.take_error();
  return body->is_object() && cassandra_parse::bool_field(*body, "healthy");
}

Result<CassandraQaReport> CassandraClient::qa_resources() {
  auto body = get_json("/qa/report/resources");
  if (!body) return body.take_error();
  return cassandra_parse::qa_report(std::move(*body));
}

Result<std::string> CassandraClient::qa_resources_text() {
  auto response = call("GET", "/qa/report/resources", "text/plain");
  if (!response) return response.take_error();
  if (response->status >= 400) return failure("GET", "/qa/report/resources", *response);
  return std::move(response->body);
}

}  // namespace dcos
