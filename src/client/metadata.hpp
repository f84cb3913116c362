// The cluster's own description of itself, as Admin Router serves it: the DC/OS version
// document, /metadata (the cluster id), the cluster's CA certificate, and the probes that tell
// whether a URL is a DC/OS cluster at all (spec: mesos-cosmos-api.md §4, fixtures/dcos/).
// Showing a cluster's version, telling which clusters are up, and setting a cluster up all
// read it through this client.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "client/http_client.hpp"

namespace dcos {

/// GET /dcos-metadata/dcos-version.json. A field the document lacks, or holds as anything but
/// a string, is nullopt: the document is older than some of its fields (`dcos-variant` came
/// with DC/OS 1.12).
struct DcosVersion {
  std::optional<std::string> version;       ///< `version`, e.g. 2.2.0
  std::optional<std::string> variant;       ///< `dcos-variant`: open or enterprise
  std::optional<std::string> image_commit;  ///< `dcos-image-commit`
  std::optional<std::string> bootstrap_id;  ///< `bootstrap-id`
  nlohmann::json raw;                       ///< the server's object, unchanged
};

/// GET /metadata.
struct ClusterMetadata {
  std::string cluster_id;   ///< `CLUSTER_ID`; "" when absent or not a string
  std::string public_ipv4;  ///< `PUBLIC_IPV4`; "" when absent or not a string
  nlohmann::json raw;
};

/// `options` made fit for a quick look at a cluster that may be down: 3 seconds to connect,
/// 3 seconds in all, and a single attempt. A cluster that needs longer counts as unavailable.
ClientOptions quick_probe_options(ClientOptions options);

/// `options` made fit for the first requests to a URL that may not be a cluster at all (setting
/// one up): 5 seconds to connect and 10 in all (kSetupProbeLimit), whatever the usual timeout.
/// A DC/OS cluster answers them at once; a server that takes the connection and never answers
/// is found out in seconds instead of minutes.
ClientOptions setup_probe_options(ClientOptions options);
inline constexpr std::chrono::seconds kSetupProbeLimit{10};

class MetadataClient {
 public:
  /// `http` is a client for the cluster's Admin Router (its base URL is the cluster URL).
  explicit MetadataClient(HttpClient http) : http_(std::move(http)) {}

  /// GET /dcos-metadata/dcos-version.json; an answer that is not a JSON object is a server
  /// Error.
  Result<DcosVersion> version();
  /// GET /metadata; an answer that is not a JSON object is a server Error.
  Result<ClusterMetadata> metadata();
  /// GET /ca/dcos-ca.crt: the cluster's CA certificate as the server sent it (PEM).
  Result<std::string> ca_certificate();
  /// HEAD /: succeeds when something answers below HTTP 400 at the base URL. A transport
  /// failure (TLS included) is returned as it is; an error status is a server Error.
  Status probe_root();
  /// The cluster's name from the Mesos master's state summary (GET
  /// /mesos/master/state-summary through Admin Router): "" when the summary has none.
  Result<std::string> cluster_name();

 private:
  /// GET `path`, which must answer a JSON object.
  Result<nlohmann::json> get_object(const std::string& path);

  HttpClient http_;
};

}  // namespace dcos
