// What `dcos auth` shows for a cluster's login providers, and which provider the login flags
// choose.
#include "commands/auth_providers.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/login_providers.hpp"

using dcos::ErrorKind;
using dcos::LoginFlags;
using dcos::LoginProvider;
using dcos::testing::ids;
using dcos::testing::provider;
using nlohmann::json;

TEST_CASE("providers_json is the map that auth list-providers --json prints", "[auth]") {
  const std::vector<LoginProvider> listed = {
      {"dcos-oidc-auth0", "oidc-implicit-flow", "browser-prompt-oidcidtoken-get-authtoken",
       "/login?redirect_uri=urn:ietf:wg:oauth:2.0:oob", "Google, GitHub, or Microsoft"},
      {"dcos-users", "dcos-uid-password", "dcos-usercredential-post-receive-authtoken",
       "/acs/api/v1/auth/login", "Default DC/OS login provider"}};
  json map = dcos::providers_json(listed);
  CHECK(map.size() == 2);
  CHECK(map["dcos-users"] == json::parse(R"({"authentication-type":"dcos-uid-password",
      "client-method":"dcos-usercredential-post-receive-authtoken",
      "config":{"start_flow_url":"/acs/api/v1/auth/login"},
      "description":"Default DC/OS login provider"})"));
}

TEST_CASE("login method texts are the real CLI's", "[auth]") {
  auto text = [](const std::string& type) {
    return dcos::login_method_text({"id", type, "", "", "Okta"});
  };
  CHECK(text("dcos-uid-password") ==
        "Log in using a standard DC/OS user account (username and password)");
  CHECK(text("dcos-uid-servicekey") ==
        "Log in using a DC/OS service user account (username and private key)");
  CHECK(text("dcos-uid-password-ldap") ==
        "Log in using an LDAP user account (username and password)");
  CHECK(text("saml-sp-initiated") == "Log in using SAML 2.0 (Okta)");
  CHECK(text("oidc-implicit-flow") == "Log in using OpenID Connect (Okta)");
  CHECK(text("oidc-authorization-code-flow") == "Log in using OpenID Connect (Okta)");
  CHECK(text("something-new").empty());
}

TEST_CASE("choose_provider follows the flags", "[auth]") {
  const std::vector<LoginProvider> all = {
      provider("dcos-oidc-auth0", "oidc-implicit-flow", "browser-prompt-oidcidtoken-get-authtoken"),
      provider("dcos-services", "dcos-uid-servicekey",
               "dcos-servicecredential-post-receive-authtoken"),
      provider("dcos-users", "dcos-uid-password", "dcos-usercredential-post-receive-authtoken"),
      provider("ldap", "dcos-uid-password-ldap", "dcos-credential-post-receive-authtoken")};

  auto unknown = dcos::choose_provider(all, LoginFlags{.provider = "nope"});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().message == "unknown login provider ID 'nope'");
  CHECK(dcos::choose_provider(all, LoginFlags{.provider = "ldap"})->id == "ldap");

  auto user = dcos::choose_provider(all, LoginFlags{.username = "bob", .password = "pw"});
  CHECK(user->id == "dcos-users");
  auto from_file =
      dcos::choose_provider(all, LoginFlags{.username = "bob", .password_file = "/pw"});
  CHECK(from_file->id == "dcos-users");

  LoginFlags key{.username = "svc", .private_key = "/key.pem"};
  CHECK(ids(dcos::compatible_providers(all, key)) == std::vector<std::string>{"dcos-services"});
  CHECK(dcos::choose_provider(all, key)->id == "dcos-services");

  CHECK(ids(dcos::compatible_providers(all, LoginFlags{.username = "bob"})) ==
        std::vector<std::string>{"dcos-users", "ldap"});

  auto several = dcos::choose_provider(all, LoginFlags{});
  REQUIRE_FALSE(several.ok());
  CHECK(several.error().kind == ErrorKind::usage);
  CHECK(several.error().message.find("dcos-oidc-auth0, dcos-users, ldap") != std::string::npos);
  CHECK(several.error().message.find("--provider") != std::string::npos);

  auto none = dcos::choose_provider({all[0]}, key);
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message == "couldn't determine a login provider");
}
