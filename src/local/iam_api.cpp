// Cluster metadata, the IAM login endpoints, and the authentication gate of Admin Router.
#include <fstream>
#include <sstream>

#include "local/http_util.hpp"
#include "local/iam.hpp"

namespace dcos_local {

namespace {

json error_body(const std::string& title, const std::string& description, const std::string& code) {
  return {{"title", title}, {"description", description}, {"code", code}};
}

}  // namespace

// "exp" counts whole seconds from a clock that truncates, so a token issued late in a second
// would lose up to a second of its lifetime (a --token-ttl 1 token could expire at once). One
// second more keeps every token valid for at least --token-ttl seconds.
Iam::Iam(const Options& options)
    : options_(options), issuer_(std::chrono::seconds(int64_t{options.token_ttl_s} + 1)) {}

bool Iam::open_path(const httplib::Request& req) const {
  const std::string& p = req.path;
  return p == "/" || p == "/dcos-metadata/dcos-version.json" ||
         p == "/dcos-metadata/ui-config.json" || starts_with(p, "/acs/api/v1/auth/") ||
         p == "/ca/dcos-ca.crt" || p == "/_dcos_local/universe/repo";
}

bool Iam::authorized(const httplib::Request& req) const {
  std::string header = req.get_header_value("Authorization");
  if (!starts_with(header, "token=")) return false;
  return issuer_.verify(header.substr(6)).ok;
}

void Iam::deny(httplib::Response& res) const {
  res.status = 401;
  res.set_header("WWW-Authenticate", "acsjwt");
  res.set_content(
      "<html>\n<head><title>401 Unauthorized</title></head>\n<body>\n<h1>401 Unauthorized</h1>\n"
      "<p>Authentication is required: log in and send the token as 'Authorization: "
      "token=&lt;token&gt;'.</p>\n</body>\n</html>\n",
      "text/html");
}

void Iam::register_routes(httplib::Server& server, const Cluster& cluster) {
  // The UI's index page: Admin Router serves it to anyone; clients probe it for the
  // canonical cluster URL.
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(
        "<!DOCTYPE html>\n<html><head><title>dcos-local</title></head><body>\n<p>dcos-local: "
        "a single-machine DC/OS cluster. Point the dcos CLI at this URL.</p>\n</body></html>\n",
        "text/html");
  });
  server.Get("/metadata", [&cluster](const httplib::Request&, httplib::Response& res) {
    reply_json(res, 200, {{"PUBLIC_IPV4", "127.0.0.1"}, {"CLUSTER_ID", cluster.cluster_id}});
  });
  server.Get("/dcos-metadata/dcos-version.json",
             [](const httplib::Request&, httplib::Response& res) {
               reply_json(res, 200,
                          {{"version", "2.2.0"},
                           {"dcos-variant", "open"},
                           {"dcos-image-commit", "dcos-local"},
                           {"bootstrap-id", "dcos-local"}});
             });
  server.Get("/dcos-metadata/ui-config.json", [](const httplib::Request&, httplib::Response& res) {
    reply_json(
        res, 200,
        {{"uiConfiguration", {{"plugins", {{"mesos", {{"logging-strategy", "logrotate"}}}}}}}});
  });
  // Behind the gate: 200 means the token (or no auth at all) is accepted.
  server.Get("/pkgpanda/active.buildinfo.full.json",
             [](const httplib::Request&, httplib::Response& res) {
               reply_json(res, 200, json::object());
             });

  server.Get("/acs/api/v1/auth/providers", [this](const httplib::Request&, httplib::Response& res) {
    json providers = {{"dcos-users",
                       {{"authentication-type", "dcos-uid-password"},
                        {"client-method", "dcos-usercredential-post-receive-authtoken"},
                        {"config", {{"start_flow_url", "/acs/api/v1/auth/login"}}},
                        {"description", "Default DC/OS login provider"}}}};
    if (!options_.service_accounts.empty() || options_.auth)
      providers["dcos-services"] = {
          {"authentication-type", "dcos-uid-servicekey"},
          {"client-method", "dcos-servicecredential-post-receive-authtoken"},
          {"config", {{"start_flow_url", "/acs/api/v1/auth/login"}}},
          {"description", "Default DC/OS login provider"}};
    reply_json(res, 200, providers);
  });

  server.Post("/acs/api/v1/auth/login", [this](const httplib::Request& req,
                                               httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() ||
        (body.contains("uid") && !body["uid"].is_string()))
      return reply_json(res, 400,
                        error_body("Bad Request", "Request has bad Content-Type or lacks JSON data",
                                   "ERR_INVALID_DATA"));
    std::string uid = body.value("uid", "");
    bool ok = false;
    if (body.contains("password") && body["password"].is_string()) {
      for (const auto& [user, password] : options_.users)
        if (user == uid && password == body["password"].get<std::string>()) ok = true;
    } else if (body.contains("token") && body["token"].is_string()) {
      for (const auto& [user, pem] : options_.service_accounts) {
        if (user != uid) continue;
        TokenCheck check = verify_rs256(body["token"], pem, issuer_.now());
        ok = check.ok && check.uid == uid;
      }
    }
    if (!ok)
      return reply_json(res, 401,
                        error_body("Unauthorized", "The login credentials were invalid.",
                                   "ERR_INVALID_CREDENTIALS"));
    std::string token = issuer_.issue(uid);
    res.set_header("Set-Cookie", "dcos-acs-auth-cookie=" + token + "; Path=/; HttpOnly");
    reply_json(res, 200, {{"token", token}});
  });

  if (!options_.tls_cert.empty()) {
    std::string ca_file = options_.tls_ca.empty() ? options_.tls_cert : options_.tls_ca;
    server.Get("/ca/dcos-ca.crt", [ca_file](const httplib::Request&, httplib::Response& res) {
      std::ifstream in(ca_file);
      std::stringstream pem;
      pem << in.rdbuf();
      res.set_content(pem.str(), "application/x-x509-ca-cert");
    });
  }
}

}  // namespace dcos_local
