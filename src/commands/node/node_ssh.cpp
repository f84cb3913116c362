// `dcos node ssh [<command>...]`: an SSH session (or a remote command) on the leading master, an
// agent, or any private IP, directly or through a proxy host, with the system's ssh and this
// process's terminal. --dry-run prints the ssh command line instead of running it.
#include "cli/command_table.hpp"
#include "client/metadata.hpp"
#include "commands/node/node_ssh_args.hpp"
#include "commands/node/node_target.hpp"
#include "commands/node/node_verbs.hpp"

namespace dcos {
namespace {

struct SshOptions {
  bool leader = false;
  std::string mesos_id;
  std::string private_ip;
  bool master_proxy = false;
  std::string proxy_ip;
  std::string user;
  std::string config_file;
  std::vector<std::string> options;
  std::vector<std::string> command;
  bool dry_run = false;
};

Status check_choice(const SshOptions& options) {
  const int chosen = (options.leader ? 1 : 0) + (options.mesos_id.empty() ? 0 : 1) +
                     (options.private_ip.empty() ? 0 : 1);
  if (chosen == 0)
    return Error::make(ErrorKind::usage,
                       "'--leader', '--mesos-id' or '--private-ip' must be provided");
  if (chosen > 1)
    return Error::make(ErrorKind::usage, "choose one of --leader, --mesos-id and --private-ip");
  return Status::success();
}

Result<std::string> target_host(const SshOptions& options, Context& context) {
  if (!options.private_ip.empty()) return options.private_ip;
  NodeChoice choice{options.leader, options.mesos_id};
  auto node = find_node(context, choice);
  if (!node) return node.take_error();
  return node->ip;
}

/// The proxy: --proxy-ip, else core.ssh_proxy_ip, else with --master-proxy the master's public
/// IP; "" for none.
Result<std::string> proxy_host(const SshOptions& options, Context& context,
                               const ClusterConfig& cluster) {
  if (!options.proxy_ip.empty()) return options.proxy_ip;
  if (auto configured = cluster.config.get("core.ssh_proxy_ip"); !configured.empty())
    return configured;
  if (!options.master_proxy) {
    context.info("If you are not on the cluster's network, consider --master-proxy or --proxy-ip");
    return std::string();
  }
  auto http = context.client(Service::admin_router);
  if (!http) return http.take_error();
  auto metadata = MetadataClient(std::move(http).value()).metadata();
  if (!metadata) return metadata.take_error();
  if (metadata->public_ipv4.empty())
    return Error::make(ErrorKind::generic,
                       "cannot use \"--master-proxy\", failed to detect public IP for the master");
  return metadata->public_ipv4;
}

Status run_ssh(const SshOptions& options, Context& context) {
  if (Status valid = check_choice(options); !valid) return valid;
  auto cluster = context.cluster();
  if (!cluster) return cluster.error();
  SshSpec spec;
  spec.options = options.options;
  spec.config_file = options.config_file;
  spec.user = options.user;
  if (spec.user.empty()) spec.user = (*cluster)->config.get("core.ssh_user");
  if (spec.user.empty()) spec.user = "centos";
  spec.command = options.command;
  auto host = target_host(options, context);
  if (!host) return host.error();
  spec.host = *host;
  auto proxy = proxy_host(options, context, **cluster);
  if (!proxy) return proxy.error();
  spec.proxy = *proxy;
  // A hop through a proxy needs the key on the proxy too: ssh-agent forwarding (-A).
  if (!spec.proxy.empty() && !(context.env && context.env("SSH_AUTH_SOCK")))
    context.warn(
        "SSH_AUTH_SOCK is not set, which likely means that ssh-agent is not running; going "
        "through a proxy needs it to use your key on the next hop (start ssh-agent and add "
        "your key with ssh-add)");
  const auto argv = ssh_argv(spec);
  if (options.dry_run) {
    context.out << shell_line(argv) << "\n";
    return Status::success();
  }
  context.out.flush();
  auto status = context.effects.run_program(argv);
  if (!status) return status.error();
  if (*status != 0)
    return Error::make(ErrorKind::generic, "ssh exited with status " + std::to_string(*status));
  return Status::success();
}

}  // namespace

void register_node_ssh(CommandTable& table) {
  table.verb<SshOptions>(
      "node ssh",
      {.summary = "Establish an SSH connection to the master or agent nodes of your DC/OS cluster",
       .description =
           "Open an SSH session (or run <command>) on the leading master, on an agent or on a\n"
           "private IP, with the system's ssh. --master-proxy or --proxy-ip hop through another\n"
           "host first (core.ssh_proxy_ip sets one for good), which needs ssh-agent. The user is\n"
           "--user, else core.ssh_user, else centos. --dry-run prints the ssh command instead.",
       .arguments = "[<command>...]",
       .examples = "    dcos node ssh --leader\n"
                   "    dcos node ssh --mesos-id 2e4a-S1 --master-proxy -- df -h\n"
                   "    dcos node ssh --private-ip 10.0.1.8 --option StrictHostKeyChecking=no "
                   "--dry-run\n",
       .needs = Needs::cluster},
      [](Flags& flags, SshOptions& options) {
        flags.add_option("command", options.command, "The remote command and its arguments");
        flags.add_flag("--leader", options.leader, "SSH into the leading master");
        flags
            .add_option("--mesos-id", options.mesos_id,
                        "SSH into the agent with this Mesos id (or a unique part of it)")
            ->type_name("<mesos-id>");
        flags.add_option("--private-ip", options.private_ip, "SSH into the node with this IP")
            ->type_name("<ip>");
        flags.add_flag("--master-proxy", options.master_proxy,
                       "Go through the leading master (its public IP)");
        flags.add_option("--proxy-ip", options.proxy_ip, "Go through this host")->type_name("<ip>");
        flags
            .add_option("--user", options.user,
                        "The SSH user (default: core.ssh_user, else centos)")
            ->type_name("<user>");
        flags.add_option("--config-file", options.config_file, "The SSH configuration file")
            ->type_name("<path>");
        flags
            .add_option("--option", options.options,
                        "An SSH option, e.g. StrictHostKeyChecking=no; repeatable")
            ->type_name("<key=value>");
        flags.add_flag("--dry-run", options.dry_run, "Print the ssh command instead of running it");
      },
      run_ssh);
}

}  // namespace dcos
