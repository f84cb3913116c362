// `dcos cluster`: the configured clusters — list (probing each in parallel), attach, rename,
// remove, open. `cluster setup` lives in cluster_setup.cpp.

#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/fan_out.hpp"
#include "client/metadata.hpp"
#include "client/strings.hpp"
#include "client/token_claims.hpp"

namespace dcos {

/// `cluster setup`, in cluster_setup.cpp.
void register_cluster_setup(CommandTable& table);

namespace {

struct ListOptions {
  bool attached = false;
  ListFlags list;
  bool names = false;
};

struct ClusterArg {
  std::string cluster;
};

struct RenameOptions {
  std::string cluster;
  std::string name;
};

struct RemoveOptions {
  std::string cluster;
  bool all = false;
  bool unavailable = false;
};

struct Probe {
  std::string status = "UNAVAILABLE";
  std::string version = "UNKNOWN";
};

/// True when the cluster's token has expired and nothing will renew it (no service account
/// key): the cluster needs `dcos auth login`. The token's `exp` is read, not verified.
bool needs_login(Context& context, const ClusterConfig& cluster) {
  if (!cluster.config.get("core.dcos_service_account").empty() &&
      !cluster.config.get("core.dcos_private_key").empty())
    return false;
  return token_expired(cluster.config.get("core.dcos_acs_token"), context.now());
}

/// Asks each cluster for its version at the same time, 3 s at most each: a cluster that
/// answers with a JSON document is AVAILABLE. Beyond the real CLI's two words, a cluster whose
/// dcos.toml cannot be read is BROKEN (and not asked), and one that answers (or refuses the
/// token) while its token has expired is UNAUTHENTICATED.
std::vector<Probe> probe_all(Context& context, const std::vector<ClusterConfig>& clusters) {
  std::vector<Probe> probes(clusters.size());
  std::vector<FanOutJob<DcosVersion>> jobs;
  std::vector<size_t> asked;  // the cluster of each job; one without a URL is not asked
  for (size_t i = 0; i < clusters.size(); ++i) {
    if (clusters[i].load_error) {
      probes[i].status = "BROKEN";
      continue;
    }
    auto options = client_options(clusters[i].config, Service::admin_router, context.env);
    if (!options) continue;
    jobs.push_back({quick_probe_options(std::move(options).value()),
                    [](HttpClient http) { return MetadataClient(std::move(http)).version(); }});
    asked.push_back(i);
  }
  // One thread per cluster (no limit): every probe must be able to take its full 3 seconds.
  auto versions = fan_out(context.client_factory(), std::move(jobs));
  for (size_t job = 0; job < versions.size(); ++job) {
    Probe& probe = probes[asked[job]];
    const bool expired = needs_login(context, clusters[asked[job]]);
    if (versions[job]) {
      probe.status = expired ? "UNAUTHENTICATED" : "AVAILABLE";
      probe.version = versions[job]->version.value_or("");
    } else if (expired && versions[job].error().kind == ErrorKind::auth) {
      probe.status = "UNAUTHENTICATED";
    }
  }
  return probes;
}

/// The id of the cluster commands act on by default, or "" when none is. A broken dcos.toml
/// does not hide the marker: the attached (or only) cluster keeps its *.
std::string current_id(Context& context, const std::vector<ClusterConfig>& all) {
  auto store = context.store();
  if (!store) return "";
  auto current = (*store)->current(std::nullopt);
  if (current) return current->id;
  if (current.error().detail != ErrorDetail::config_unreadable) return "";
  if (all.size() == 1) return all.front().id;
  std::string attached;
  for (const auto& cluster : all) {
    if (!cluster.attached) continue;
    if (!attached.empty()) return "";
    attached = cluster.id;
  }
  return attached;
}

/// On stderr, what the STATUS column cannot say: why a cluster is BROKEN, and how to log in
/// again to an UNAUTHENTICATED one.
void explain(Context& context, const std::vector<ClusterConfig>& shown,
             const std::vector<Probe>& probes) {
  for (size_t i = 0; i < shown.size(); ++i) {
    if (probes[i].status == "BROKEN") {
      context.warn("cluster " + shown[i].id + " is broken: " + shown[i].load_error->message);
    } else if (probes[i].status == "UNAUTHENTICATED") {
      context.warn("the token of cluster \"" + shown[i].name() +
                   "\" has expired: run 'dcos --cluster " + shown[i].name() + " auth login'");
    }
  }
}

Status run_list(const ListOptions& options, Context& context) {
  auto store = context.store();
  if (!store) return store.error();
  auto all = (*store)->clusters();
  if (!all) return all.error();
  std::string current = current_id(context, *all);
  std::vector<ClusterConfig> shown;
  for (auto& cluster : *all) {
    if (options.attached && cluster.id != current) continue;
    shown.push_back(std::move(cluster));
  }
  if (options.attached && shown.empty()) {
    return Error::make(ErrorKind::config, "no cluster is attached",
                       "run 'dcos cluster attach <cluster-name>'");
  }
  std::stable_sort(shown.begin(), shown.end(), [](const ClusterConfig& a, const ClusterConfig& b) {
    return a.name() < b.name();
  });
  if (options.names) {
    for (const auto& cluster : shown) context.out << cluster.name() << "\n" << cluster.id << "\n";
    return Status::success();
  }
  std::vector<Probe> probes = probe_all(context, shown);
  explain(context, shown, probes);
  ListRenderings renderings;
  renderings.json = [&]() -> Result<nlohmann::json> {
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = 0; i < shown.size(); ++i) {
      nlohmann::json item = {{"attached", shown[i].id == current},
                             {"cluster_id", shown[i].id},
                             {"name", shown[i].name()},
                             {"status", probes[i].status},
                             {"url", shown[i].config.get("core.dcos_url")},
                             {"version", probes[i].version}};
      // A BROKEN cluster says which file and why, for scripts that report it.
      if (shown[i].load_error) {
        item["file"] = shown[i].file().string();
        item["error"] = shown[i].load_error->message;
      }
      list.push_back(std::move(item));
    }
    return list;
  };
  renderings.table = [&]() -> Status {
    Table table({"", "NAME", "ID", "STATUS", "VERSION", "URL"});
    for (size_t i = 0; i < shown.size(); ++i) {
      table.add_row({shown[i].id == current ? "*" : "", shown[i].name(), shown[i].id,
                     probes[i].status, probes[i].version, shown[i].config.get("core.dcos_url")});
    }
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

Status run_attach(const ClusterArg& options, Context& context) {
  auto store = context.store();
  if (!store) return store.error();
  auto cluster = (*store)->find(options.cluster);
  if (!cluster) return cluster.error();
  if (Status attached = (*store)->attach(cluster->id); !attached) return attached;
  // A confirmation, not data: stderr.
  context.err << "Attached to " << cluster->summary() << "\n";
  return Status::success();
}

Status run_rename(const RenameOptions& options, Context& context) {
  auto store = context.store();
  if (!store) return store.error();
  auto cluster = (*store)->find(options.cluster);
  if (!cluster) return cluster.error();
  std::string old_name = cluster->name();
  if (Status unique = (*store)->check_unique_name(cluster->id, options.name,
                                                  "choose another name, or rename that cluster");
      !unique)
    return unique;
  if (Status set = cluster->config.set("cluster.name", options.name); !set) return set;
  if (Status saved = cluster->config.save(); !saved) return saved;
  context.info("Renamed " + old_name + " to " + options.name);
  return Status::success();
}

Status remove_dir(Context& context, const ClusterConfig& cluster) {
  std::error_code ec;
  std::filesystem::remove_all(cluster.dir, ec);
  if (ec)
    return Error::make(ErrorKind::config,
                       "cannot remove " + cluster.dir.string() + ": " + ec.message());
  context.info("Removed cluster " + cluster.id);
  return Status::success();
}

Status run_remove(const RemoveOptions& options, Context& context) {
  bool bulk = options.all || options.unavailable;
  if (!options.cluster.empty() && bulk)
    return Error::make(ErrorKind::usage,
                       "give either a cluster or --all / --unavailable, not both");
  if (options.cluster.empty() && !bulk)
    return Error::make(ErrorKind::usage, "give a cluster to remove, or --all / --unavailable");
  auto store = context.store();
  if (!store) return store.error();
  if (!bulk) {
    // A broken dcos.toml does not stop its cluster from being removed.
    auto cluster = (*store)->find(options.cluster, Broken::allowed);
    if (!cluster) return cluster.error();
    return remove_dir(context, *cluster);
  }
  auto all = (*store)->clusters();
  if (!all) return all.error();
  std::vector<Probe> probes;
  if (options.unavailable) probes = probe_all(context, *all);
  for (size_t i = 0; i < all->size(); ++i) {
    // Only clusters that do not answer: not one that needs a login, nor a BROKEN one (its file
    // wants a look; remove it by name or with --all).
    if (options.unavailable && probes[i].status != "UNAVAILABLE") continue;
    if (Status removed = remove_dir(context, (*all)[i]); !removed) return removed;
  }
  return Status::success();
}

Status run_open(const ClusterArg& options, Context& context) {
  Result<ClusterConfig> cluster = Error::make(ErrorKind::generic, "");
  auto store = context.store();
  if (!store) return store.error();
  cluster = options.cluster.empty() ? (*store)->current(context.cluster_choice)
                                    : (*store)->find(options.cluster);
  if (!cluster) return cluster.error();
  std::string url = cluster->config.get("core.dcos_url");
  if (url.empty())
    return Error::make(ErrorKind::config, "cluster " + cluster->name() + " has no core.dcos_url");
  // The URL is the data: print it, and open it too when a desktop opener is at hand.
  context.out << url << "\n";
  auto display = context.env("DISPLAY");
  auto wayland = context.env("WAYLAND_DISPLAY");
  if ((display && !display->empty()) || (wayland && !wayland->empty()))
    context.effects.open_browser(url);
  return Status::success();
}

}  // namespace

void register_cluster_commands(CommandTable& table) {
  table.verb<ListOptions>(
      "cluster list",
      {.summary = "List the configured clusters",
       .description =
           "List every configured cluster with its status: each is asked for its version at\n"
           "the same time (3 seconds at most), and answers AVAILABLE or UNAVAILABLE. A cluster\n"
           "whose token has expired (and no stored service-account key renews it) is\n"
           "UNAUTHENTICATED: log in again with 'dcos --cluster <name> auth login'. A cluster\n"
           "whose dcos.toml cannot be read is BROKEN; the file and the reason are on stderr\n"
           "(and in --json, as \"file\" and \"error\"). The cluster commands act on by default\n"
           "is marked with *.",
       .needs = Needs::config},
      [](Flags& app, ListOptions& options) {
        app.add_flag("--attached", options.attached, "Only the attached cluster");
        add_list_flags(app, options.list, {.json = "Print JSON"});
        app.add_flag("--names", options.names, "Print each cluster's name and id, one per line")
            ->hidden();
      },
      run_list);
  table.verb<ClusterArg>(
      "cluster attach",
      {.summary = "Attach the CLI to a cluster",
       .description = "Make a configured cluster the one commands act on. The cluster is named "
                      "by its id,\nits name, or a unique prefix of its id.",
       .arguments = "<cluster>",
       .needs = Needs::config},
      [](Flags& app, ClusterArg& options) {
        app.add_option("cluster", options.cluster, "Cluster name or id")->required();
      },
      run_attach);
  table.verb<RenameOptions>(
      "cluster rename",
      {.summary = "Rename a configured cluster",
       .arguments = "<cluster> <name>",
       .needs = Needs::config},
      [](Flags& app, RenameOptions& options) {
        app.add_option("cluster", options.cluster, "Cluster name or id")->required();
        app.add_option("name", options.name, "New name")->required();
      },
      run_rename);
  table.verb<RemoveOptions>(
      "cluster remove",
      {.summary = "Remove configured clusters",
       .description = "Remove a cluster's configuration folder (its token and settings). "
                      "--all removes every\ncluster, --unavailable those that do not answer "
                      "within 3 seconds.",
       .arguments = "[<cluster>]",
       .needs = Needs::config},
      [](Flags& app, RemoveOptions& options) {
        app.add_option("cluster", options.cluster, "Cluster name or id");
        app.add_flag("--all", options.all, "Remove every cluster");
        app.add_flag("--unavailable", options.unavailable,
                     "Remove the clusters that do not answer");
      },
      run_remove);
  table.verb<ClusterArg>(
      "cluster open",
      {.summary = "Print a cluster's URL and open it in a browser",
       .description = "Print the URL of a cluster (the current one by default); on a desktop "
                      "session it is\nalso opened with xdg-open.",
       .arguments = "[<cluster>]",
       .needs = Needs::config},
      [](Flags& app, ClusterArg& options) {
        app.add_option("cluster", options.cluster, "Cluster name or id");
      },
      run_open);
  register_cluster_setup(table);  // cluster_setup.cpp
}

}  // namespace dcos
