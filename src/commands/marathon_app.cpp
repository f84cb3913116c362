// `dcos marathon app list|show|version list`: reading the apps Marathon runs. `list` is a table
// of every app with its tasks, health, deployment and launch-queue state; `show` prints one
// app, or one of its stored versions, as JSON or YAML; `version list` its stored versions.
// The verbs that change apps are in marathon_app_change.cpp, `app diff` in marathon_app_diff.cpp.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "cli/output.hpp"
#include "client/fan_out.hpp"
#include "client/marathon.hpp"
#include "client/strings.hpp"
#include "commands/marathon_common.hpp"

namespace dcos {
namespace {

struct ListOptions {
  ListFlags list;
};

struct VersionListOptions {
  std::string app_id;
  long long max_count = 0;  ///< 0: all
  bool max_count_given = false;
  bool yaml = false;
};

struct ShowOptions {
  std::string app_id;
  std::string app_version;
  bool yaml = false;
};

constexpr size_t kCmdLimit = 30;  ///< a CMD cell of this many bytes or more is shortened

/// What the table needs of /v2/deployments and /v2/queue, indexed once so that a cluster of
/// thousands of apps is not scanned once per app.
struct ListContext {
  std::unordered_map<std::string, const MarathonDeployment*> deployments;
  std::unordered_set<std::string> overdue;  ///< apps whose launch waits past its backoff

  ListContext(const std::vector<MarathonDeployment>& list, const std::vector<QueueItem>& queue) {
    for (const auto& deployment : list) deployments.emplace(deployment.id, &deployment);
    for (const auto& item : queue)  // pod items never match an app
      if (!item.app_id.empty() && item.overdue) overdue.insert(item.app_id);
  }
};

/// What the app's deployments are doing to it now: `---`, one word, or `(word,word)`.
std::string deployment_cell(const MarathonApp& app, const ListContext& known) {
  std::vector<std::string> words;
  for (const auto& id : app.deployment_ids) {
    auto deployment = known.deployments.find(id);
    if (deployment == known.deployments.end()) continue;
    for (const auto& action : deployment->second->current_actions)
      if (action.app == app.id) words.push_back(action_word(action.action));
  }
  if (words.empty()) return "---";
  if (words.size() == 1) return words.front();
  return "(" + join(words, ",") + ")";
}

/// The HEALTH column: `---` for an app without health checks, else healthy/running.
std::string health_cell(const MarathonApp& app) {
  if (app.health_checks == 0) return "---";
  return std::to_string(app.tasks_healthy) + "/" + std::to_string(app.tasks_running);
}

/// The CMD column: cmd, else the args as `[a, b]`, else `---`; long commands end in "...".
std::string cmd_cell(const MarathonApp& app) {
  std::string text = !app.cmd.empty()    ? app.cmd
                     : !app.args.empty() ? "[" + join(app.args, ", ") + "]"
                                         : "---";
  if (text.size() < kCmdLimit) return text;
  size_t keep = kCmdLimit - 3;
  while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
  return text.substr(0, keep) + "...";
}

std::vector<std::string> app_row(const MarathonApp& app, const ListContext& known) {
  return {app.id,
          format_number(app.mem),
          format_number(app.cpus),
          std::to_string(app.tasks_running) + "/" + std::to_string(app.instances.value_or(0)),
          health_cell(app),
          deployment_cell(app, known),
          known.overdue.count(app.id) ? "true" : "false",
          app.container_type.empty() ? "MESOS" : app.container_type,
          cmd_cell(app),
          app.role};
}

/// What the table reads beside the apps.
struct SideLists {
  std::vector<MarathonDeployment> deployments;
  std::vector<QueueItem> queue;
};

Result<SideLists> fetch_side_lists(HttpClient http) {
  MarathonClient marathon(std::move(http));
  auto deployments = marathon.list_deployments();
  if (!deployments) return deployments.take_error();
  auto queue = marathon.queue({.launch_state_only = true});
  if (!queue) return queue.take_error();
  return SideLists{std::move(deployments).value(), std::move(queue).value()};
}

/// The launch queue and the deployments, fetched on a connection and thread of their own while
/// the (much larger) app list is fetched and parsed: the table waits for the slowest of the
/// three requests instead of their sum.
class SideFetch {
 public:
  explicit SideFetch(Context& context) {
    auto options = context.service_options(Service::marathon);
    if (!options) {
      lists_.emplace(options.error());
      return;
    }
    std::vector<FanOutJob<SideLists>> jobs;
    jobs.push_back({std::move(options).value(), fetch_side_lists});
    fetch_.emplace(context.client_factory(), std::move(jobs));
  }

  /// Waits for both answers; the first failure, if any, is the Error.
  Status join() {
    if (fetch_) lists_.emplace(std::move(fetch_->wait().front()));
    fetch_.reset();
    if (!lists_->ok()) return lists_->error();
    return Status::success();
  }
  const std::vector<MarathonDeployment>& deployments() const { return lists_->value().deployments; }
  const std::vector<QueueItem>& queue() const { return lists_->value().queue; }

 private:
  std::optional<FanOut<SideLists>> fetch_;
  std::optional<Result<SideLists>> lists_;
};

Status run_list(const ListOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  const ListMode mode = list_mode(options.list);
  std::optional<SideFetch> side;
  if (mode == ListMode::table) side.emplace(context);
  auto apps = marathon->list_apps({.whole_raw = mode == ListMode::json});
  if (!apps) return apps.error();
  ListRenderings renderings;
  renderings.ids = [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> ids;
    ids.reserve(apps->size());
    for (const auto& app : *apps) ids.push_back(app.id);
    return ids;
  };
  renderings.json = [&]() -> Result<nlohmann::json> {
    nlohmann::json list = nlohmann::json::array();
    for (auto& app : *apps) list.push_back(std::move(app.raw));
    return list;
  };
  renderings.table = [&]() -> Status {
    if (Status fetched = side->join(); !fetched) return fetched;
    std::stable_sort(apps->begin(), apps->end(),
                     [](const MarathonApp& a, const MarathonApp& b) { return a.id < b.id; });
    Table table({"ID", "MEM", "CPUS", "TASKS", "HEALTH", "DEPLOYMENT", "WAITING", "CONTAINER",
                 "CMD", "ROLE"});
    for (size_t column = 0; column < 10; ++column) table.set_align(column, Align::left);
    const ListContext known(side->deployments(), side->queue());
    for (const auto& app : *apps) table.add_row(app_row(app, known));
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

/// A relative version (`-N`, or a refused positive N) as a number; nullopt for a timestamp.
std::optional<long long> relative_version(const std::string& version) {
  std::string_view digits = version;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  auto number = parse_int(digits);
  if (!number) return std::nullopt;
  return negative ? -*number : *number;
}

/// The app definition to show: the current one, or the stored version asked for.
Result<nlohmann::json> app_to_show(MarathonClient& marathon, const std::string& id,
                                   const std::string& version) {
  if (version.empty()) {
    auto app = marathon.get_app(id);
    if (!app) return app.take_error();
    return std::move(app->raw);
  }
  auto relative = relative_version(version);
  if (!relative) return marathon.app_version(id, version);
  auto versions = marathon.app_versions(id);
  if (!versions) return versions.take_error();
  auto back = static_cast<unsigned long long>(-*relative);
  if (back >= versions->size())
    return Error::make(ErrorKind::not_found, "application '" + id + "' only has " +
                                                 std::to_string(versions->size()) + " version(s)");
  return marathon.app_version(id, (*versions)[back]);
}

Status run_show(const ShowOptions& options, Context& context) {
  auto id = validate_app_id(options.app_id);
  if (!id) return id.error();
  auto relative = relative_version(options.app_version);
  if (relative && *relative > 0)
    return Error::make(ErrorKind::usage,
                       "relative versions must be negative: " + std::to_string(*relative));
  if (!relative && !options.app_version.empty() && !validate_version(options.app_version))
    return Error::make(ErrorKind::usage,
                       "invalid --app-version '" + options.app_version +
                           "': give an ISO-8601 timestamp, or -N for the Nth version before the "
                           "current one",
                       "see the stored versions with 'dcos marathon app version list " + *id + "'");
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto app = app_to_show(*marathon, *id, options.app_version);
  if (!app) return app.error();
  print_document(context, *app, options.yaml);
  return Status::success();
}

Status run_version_list(const VersionListOptions& options, Context& context) {
  auto id = validate_app_id(options.app_id);
  if (!id) return id.error();
  if (options.max_count < 0 || (options.max_count == 0 && options.max_count_given))
    return Error::make(ErrorKind::usage, "--max-count must be a positive number");
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto versions = marathon->app_versions(*id);
  if (!versions) return versions.error();
  if (options.max_count > 0 && versions->size() > static_cast<size_t>(options.max_count))
    versions->resize(static_cast<size_t>(options.max_count));
  print_document(context, *versions, options.yaml);
  return Status::success();
}

}  // namespace

void register_marathon_app_commands(CommandTable& table) {
  table.group("marathon app", {.summary = "Manage Marathon applications",
                               .description = "Deploy, change, inspect and remove the apps "
                                              "Marathon runs."});
  table.group("marathon app version", {.summary = "Inspect an application's stored versions"});
  table.verb<ListOptions>(
      "marathon app list",
      {.summary = "List the installed applications",
       .description =
           "List every app with its resources, running/wanted tasks, health, what its\n"
           "deployments are doing, whether its launch waits past its backoff, its container\n"
           "and its command. HEALTH is --- for an app without health checks (also when\n"
           "Marathon answers an empty list); launch-queue entries of pods are ignored.\n"
           "-q prints only the ids; --json prints Marathon's app objects as they are.",
       .examples = "    dcos marathon app list\n    dcos marathon app list -q\n",
       .needs = Needs::cluster},
      [](Flags& app, ListOptions& options) {
        add_list_flags(app, options.list,
                       {.json = "Print JSON (Marathon's app objects)",
                        .quiet = "Print only the app ids (wins over --json)"});
      },
      run_list);
  table.verb<ShowOptions>(
      "marathon app show",
      {.summary = "Show an application's definition",
       .description = "Print the app as Marathon describes it, or one of its stored versions: an\n"
                      "ISO-8601 timestamp, or -N for the Nth version before the current one.",
       .arguments = "<app-id>",
       .examples = "    dcos marathon app show /demo/hello\n"
                   "    dcos marathon app show demo/hello --app-version=-1 --yaml\n",
       .needs = Needs::cluster},
      [](Flags& app, ShowOptions& options) {
        app.add_option("app-id", options.app_id, "The app's id")->required();
        app.add_option("--app-version", options.app_version,
                       "An ISO-8601 timestamp, or -N for the Nth version before the current one");
        add_document_flags(app, options.yaml);
      },
      run_show);
  table.verb<VersionListOptions>(
      "marathon app version list",
      {.summary = "List an application's stored versions",
       .description = "Print the version timestamps Marathon keeps for the app, newest first; "
                      "any of them\nworks with 'app show --app-version'.",
       .arguments = "<app-id>",
       .examples = "    dcos marathon app version list /demo/hello --max-count=3\n",
       .needs = Needs::cluster},
      [](Flags& app, VersionListOptions& options) {
        app.add_option("app-id", options.app_id, "The app's id")->required();
        app.add_option("--max-count", options.max_count, "Print at most this many versions")
            ->each([&options](const std::string&) { options.max_count_given = true; });
        add_document_flags(app, options.yaml);
      },
      run_version_list);
}

}  // namespace dcos
