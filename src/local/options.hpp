// Start-up settings of dcos-local, filled from its command line.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace dcos_local {

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string work_dir;  // empty: a fresh temporary folder, removed at exit
  bool auth = false;
  std::string seed = "none";
  int scale = 0;
  int agents = 0;           // at least this many private agents (--agents); the default is two
  int history = 0;          // completed tasks generated at start-up (--history)
  bool no_log_api = false;  // every /system/v1/.../logs path answers 404 (--no-log-api)
  int deploy_delay_ms = 0;
  std::string tls_cert;
  std::string tls_key;
  std::string tls_ca;         // served at /ca/dcos-ca.crt; defaults to the certificate itself
  bool log_requests = false;  // one line per request on stderr (--log-requests)
  bool quiet = false;         // nothing on stderr but errors (-q), even with --log-requests
  // IAM: users (uid, password) and service accounts (uid, PEM public key text).
  std::vector<std::pair<std::string, std::string>> users;
  std::vector<std::pair<std::string, std::string>> service_accounts;
  int token_ttl_s = 5 * 24 * 3600;
  size_t max_body_bytes = 4 * 1024 * 1024;
  int task_failures_to_fail_deployment = 3;
  // Given to every task as DCOS_LOCAL_TIME_SCALE: emulated services wait this much of their
  // usual times (--time-scale, 0 < f <= 1).
  double time_scale = 1.0;
};

}  // namespace dcos_local
