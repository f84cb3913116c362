// The emulated IAM: users and service accounts from the command line, tokens that expire,
// and the gate that answers 401 like Admin Router when --auth is on.
#pragma once

#include <httplib.h>

#include "local/cluster.hpp"
#include "local/jwt.hpp"
#include "local/options.hpp"

namespace dcos_local {

class Iam {
 public:
  explicit Iam(const Options& options);
  // Paths Admin Router serves without a token.
  bool open_path(const httplib::Request& req) const;
  bool authorized(const httplib::Request& req) const;
  void deny(httplib::Response& res) const;
  void register_routes(httplib::Server& server, const Cluster& cluster);

 private:
  const Options& options_;
  TokenIssuer issuer_;
};

}  // namespace dcos_local
