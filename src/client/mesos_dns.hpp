// Mesos-DNS as Admin Router serves it under /mesos_dns/v1 (spec: mesos-cosmos-api.md §4,
// fixtures/dcos/mesos-dns/): which hosts a name such as master.mesos or marathon.mesos
// resolves to. The masters of a cluster and the leading Marathon are found this way.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client/http_client.hpp"

namespace dcos {

/// One address a name resolves to.
struct DnsHost {
  std::string host;  ///< the fully qualified name, ending with a dot (e.g. master.mesos.)
  std::string ip;
  nlohmann::json raw;  ///< the server's object, unchanged
};

class MesosDnsClient {
 public:
  /// `http` is a client for the cluster's Admin Router (its base URL is the cluster URL).
  explicit MesosDnsClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /mesos_dns/v1/hosts/<name>: the addresses of `name`, in the server's order (the
  /// first is the leader for a leader name). Entries that are not objects are skipped; an
  /// answer that is not a JSON list is a server Error.
  Result<std::vector<DnsHost>> hosts(const std::string& name);
  /// The leading Mesos master (hosts of leader.mesos): exactly one address with an ip, else a
  /// server Error ("no leader found", "expecting one leader. Got N", or the missing ip).
  Result<DnsHost> leader();

 private:
  HttpClient http_;
};

}  // namespace dcos
