// `dcos node ssh`: the ssh command line for every combination of the real CLI's options (the
// pure builder), and the verb: target and proxy look-ups, the SSH_AUTH_SOCK warning, --dry-run
// and the program it runs.
#include <catch2/catch.hpp>

#include "commands/node/node_ssh_args.hpp"
#include "support/harness.hpp"

using dcos::ssh_argv;
using dcos::SshSpec;
using dcos::testing::ClusterHarness;
using Words = std::vector<std::string>;

TEST_CASE("ssh argv: direct, with user, options and config file") {
  SshSpec spec;
  spec.host = "10.0.0.1";
  CHECK(ssh_argv(spec) == Words{"ssh", "-A", "-t", "10.0.0.1"});
  spec.user = "core";
  CHECK(ssh_argv(spec) == Words{"ssh", "-l", "core", "-A", "-t", "10.0.0.1"});
  spec.options = {"StrictHostKeyChecking=no", "Port=2222"};
  CHECK(ssh_argv(spec) == Words{"ssh", "-o", "StrictHostKeyChecking=no", "-o", "Port=2222", "-l",
                                "core", "-A", "-t", "10.0.0.1"});
  // A config file names the user itself: no -l.
  spec.config_file = "/home/me/.ssh/dcos";
  CHECK(ssh_argv(spec) == Words{"ssh", "-o", "StrictHostKeyChecking=no", "-o", "Port=2222", "-F",
                                "/home/me/.ssh/dcos", "-A", "-t", "10.0.0.1"});
  spec.options.clear();
  CHECK(ssh_argv(spec) == Words{"ssh", "-F", "/home/me/.ssh/dcos", "-A", "-t", "10.0.0.1"});
}

TEST_CASE("ssh argv: through a proxy, the inner ssh repeats the options and the user") {
  SshSpec spec;
  spec.host = "10.0.0.1";
  spec.proxy = "52.1.2.3";
  spec.user = "core";
  CHECK(ssh_argv(spec) == Words{"ssh", "-A", "-t", "-l", "core", "52.1.2.3", "ssh", "-l", "core",
                                "-A", "-t", "10.0.0.1"});
  spec.options = {"UserKnownHostsFile=/dev/null"};
  CHECK(ssh_argv(spec) == Words{"ssh", "-o", "UserKnownHostsFile=/dev/null", "-A", "-t", "-l",
                                "core", "52.1.2.3", "ssh", "-o", "UserKnownHostsFile=/dev/null",
                                "-l", "core", "-A", "-t", "10.0.0.1"});
  spec.config_file = "cfg";
  CHECK(ssh_argv(spec) == Words{"ssh", "-o", "UserKnownHostsFile=/dev/null", "-F", "cfg", "-A",
                                "-t", "52.1.2.3", "ssh", "-o", "UserKnownHostsFile=/dev/null", "-A",
                                "-t", "10.0.0.1"});
}

TEST_CASE("ssh argv: the remote command, wrapped in ' words only for the proxy's shell") {
  SshSpec spec;
  spec.host = "10.0.0.1";
  spec.user = "core";
  spec.command = {"df", "-h"};
  CHECK(ssh_argv(spec) == Words{"ssh", "-l", "core", "-A", "-t", "10.0.0.1", "df", "-h"});
  spec.proxy = "p";
  CHECK(ssh_argv(spec) == Words{"ssh", "-A", "-t", "-l", "core", "p", "ssh", "-l", "core", "-A",
                                "-t", "10.0.0.1", "'", "df", "-h", "'"});
  spec.command = {"echo", "it's"};
  CHECK(ssh_argv(spec).back() == "'");
  CHECK(ssh_argv(spec)[ssh_argv(spec).size() - 2] == "it'\\''s");
  CHECK(dcos::shell_line({"ssh", "-o", "A B", "it's", "x=y", "$HOME"}) ==
        "ssh -o \"A B\" \"it's\" x=y '$HOME'");
}

namespace {
const std::string kApi = "https://dcos.example/mesos/api/v1";
const std::string kAgents =
    R"({"type":"GET_AGENTS","get_agents":{"agents":[{"agent_info":{"id":{"value":"A-S1"},)"
    R"("hostname":"ip-10-0-0-1"},"pid":"slave(1)@10.0.0.1:5051","active":true}]}})";
}  // namespace

TEST_CASE("node ssh runs ssh to the agent's IP with the configured user") {
  ClusterHarness h;
  h.add_cluster("c1", std::string(ClusterHarness::kToml) + "  ssh_user = \"core\"\n", true);
  h.env["SSH_AUTH_SOCK"] = "/tmp/agent.sock";
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, kAgents);
  auto result = h.run({"node", "ssh", "--mesos-id", "S1", "--", "uptime"});
  CHECK(result.status == 0);
  CHECK(result.out.empty());
  CHECK(result.err.empty());
  REQUIRE(h.ran.size() == 1);
  CHECK(h.ran[0] == Words{"ssh", "-l", "core", "-A", "-t", "10.0.0.1", "uptime"});

  h.program_status = 255;
  h.http->expect_call("POST", kApi, "GET_AGENTS", 200, kAgents);
  auto failed = h.run({"node", "ssh", "--mesos-id", "A-S1"});
  CHECK(failed.status == 1);
  CHECK(failed.err == "Error: ssh exited with status 255\n");
}

TEST_CASE("node ssh --leader --master-proxy --dry-run prints the command; no agent, a warning") {
  ClusterHarness h;
  h.http->expect("GET", "https://dcos.example/mesos_dns/v1/hosts/leader.mesos", 200,
                 R"([{"host":"leader.mesos.","ip":"10.0.7.1"}])");
  h.http->expect("GET", "https://dcos.example/metadata", 200,
                 R"({"PUBLIC_IPV4":"52.0.0.9","CLUSTER_ID":"c"})");
  auto result =
      h.run({"node", "ssh", "--leader", "--master-proxy", "--option", "A=b", "--dry-run"});
  CHECK(result.status == 0);
  CHECK(result.out == "ssh -o A=b -A -t -l centos 52.0.0.9 ssh -o A=b -l centos -A -t 10.0.7.1\n");
  CHECK(result.err.rfind("Warning: SSH_AUTH_SOCK is not set", 0) == 0);
  CHECK(h.ran.empty());

  h.env["SSH_AUTH_SOCK"] = "/tmp/agent.sock";
  auto proxied = h.run({"node", "ssh", "--private-ip", "10.0.0.5", "--proxy-ip", "1.2.3.4",
                        "--user", "me", "--dry-run"});
  CHECK(proxied.out == "ssh -A -t -l me 1.2.3.4 ssh -l me -A -t 10.0.0.5\n");
  CHECK(proxied.err.empty());
}

TEST_CASE("node ssh: the leader's Mesos-DNS answer, the master's public IP, and the choice") {
  ClusterHarness h;
  const std::string leader = "https://dcos.example/mesos_dns/v1/hosts/leader.mesos";
  h.http->expect("GET", leader, 200, R"([{"host":"a","ip":"1"},{"host":"b","ip":"2"}])");
  CHECK(h.run({"node", "ssh", "--leader"}).err == "Error: expecting one leader. Got 2\n");
  h.http->expect("GET", leader, 200, "[]");
  CHECK(h.run({"node", "ssh", "--leader"}).err == "Error: no leader found\n");
  h.http->expect("GET", leader, 200, R"([{"host":"leader.mesos."}])");
  CHECK(h.run({"node", "ssh", "--leader"}).err ==
        "Error: invalid leader response, missing field 'ip'\n");
  h.http->expect("GET", "https://dcos.example/metadata", 200, R"({"CLUSTER_ID":"c"})");
  CHECK(h.run({"node", "ssh", "--private-ip", "10.0.0.5", "--master-proxy"}).err ==
        "Error: cannot use \"--master-proxy\", failed to detect public IP for the master\n");
  auto none = h.run({"node", "ssh"});
  CHECK(none.status == 2);
  CHECK(none.err == "Error: '--leader', '--mesos-id' or '--private-ip' must be provided\n");
  auto both = h.run({"node", "ssh", "--leader", "--private-ip", "10.0.0.5"});
  CHECK(both.status == 2);
  CHECK(h.ran.empty());
}

TEST_CASE("node ssh uses core.ssh_proxy_ip when no proxy flag is given") {
  ClusterHarness h;
  h.add_cluster("c1", std::string(ClusterHarness::kToml) + "  ssh_proxy_ip = \"9.9.9.9\"\n", true);
  h.env["SSH_AUTH_SOCK"] = "s";
  auto result = h.run({"node", "ssh", "--private-ip", "10.0.0.5", "--dry-run", "--", "ls", "-l"});
  CHECK(result.out ==
        "ssh -A -t -l centos 9.9.9.9 ssh -l centos -A -t 10.0.0.5 \"'\" ls -l \"'\"\n");
}
