#include "client/mesos_dns.hpp"

#include "client/strings.hpp"

namespace dcos {
namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<std::vector<DnsHost>> MesosDnsClient::hosts(const std::string& name) {
  auto response = http_.get("/mesos_dns/v1/hosts/" + percent_encode(name));
  if (!response) return response.take_error();
  auto list = json::parse(response->body, nullptr, false);
  if (!list.is_array())
    return Error::make(ErrorKind::server, "Mesos-DNS did not answer with a list of hosts");
  std::vector<DnsHost> hosts;
  for (auto& entry : list) {
    if (!entry.is_object()) continue;
    DnsHost host;
    host.host = string_field(entry, "host");
    host.ip = string_field(entry, "ip");
    host.raw = std::move(entry);
    hosts.push_back(std::move(host));
  }
  return hosts;
}

Result<DnsHost> MesosDnsClient::leader() {
  auto hosts = this->hosts("leader.mesos");
  if (!hosts) return hosts.take_error();
  if (hosts->empty()) return Error::make(ErrorKind::server, "no leader found");
  if (hosts->size() > 1)
    return Error::make(ErrorKind::server,
                       "expecting one leader. Got " + std::to_string(hosts->size()));
  if (hosts->front().ip.empty())
    return Error::make(ErrorKind::server, "invalid leader response, missing field 'ip'");
  return std::move(hosts->front());
}

}  // namespace dcos
