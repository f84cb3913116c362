// `dcos marathon group add|list|show|remove|scale|update`: Marathon's groups, the folders apps
// and pods live in. `list` shows every group at every depth with the number of apps under it;
// the changing verbs print the deployment they started and take --wait and --force.
#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "client/strings.hpp"
#include "commands/definition_input.hpp"
#include "commands/marathon_common.hpp"
#include "commands/marathon_wait.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct AddOptions {
  std::string resource;
  std::string id;
  std::string wait;
  bool json = false;
};

struct ListOptions {
  ListFlags list;
};

struct ShowOptions {
  std::string group_id;
  std::string version;
  bool yaml = false;
};

struct ChangeOptions {
  std::string group_id;
  std::vector<std::string> properties;  ///< update only
  std::string factor;                   ///< scale only
  bool force = false;
  std::string wait;
  bool json = false;
};

/// Apps of `group` and of all its subgroups.
size_t app_count(const GroupTree& group) {
  size_t count = group.apps;
  for (const auto& child : group.groups) count += app_count(child);
  return count;
}

/// Every group below `group`, depth first.
void collect(const GroupTree& group, std::vector<const GroupTree*>& out) {
  for (const auto& child : group.groups) {
    out.push_back(&child);
    collect(child, out);
  }
}

std::string enforce_role_cell(const GroupTree& group) {
  if (!group.enforce_role) return "N/A";
  return *group.enforce_role ? "true" : "false";
}

Status run_list(const ListOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto root = marathon->get_group("/");
  if (!root) return root.error();
  // Every group at every depth, by id; --json prints Marathon's top-level groups instead.
  auto sorted_groups = [&] {
    std::vector<const GroupTree*> groups;
    collect(root->tree, groups);
    std::stable_sort(groups.begin(), groups.end(),
                     [](const GroupTree* a, const GroupTree* b) { return a->id < b->id; });
    return groups;
  };
  ListRenderings renderings;
  renderings.json = [&]() -> Result<json> { return root->raw_groups(); };
  renderings.ids = [&]() -> Result<std::vector<std::string>> {
    std::vector<std::string> ids;
    for (const auto* group : sorted_groups()) ids.push_back(group->id);
    return ids;
  };
  renderings.table = [&]() -> Status {
    Table table({"ID", "APPS", "ENFORCE_ROLE"});
    table.set_align(0, Align::left);
    table.set_align(2, Align::right);
    for (const auto* group : sorted_groups())
      table.add_row({group->id, std::to_string(app_count(*group)), enforce_role_cell(*group)});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

Status run_show(const ShowOptions& options, Context& context) {
  auto id = validate_id(options.group_id, IdKind::group, RootId::allowed);
  if (!id) return id.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto group = marathon->get_group(*id, options.version);
  if (!group) return group.error();
  print_document(context, group->raw, options.yaml);
  return Status::success();
}

Status run_add(const AddOptions& options, Context& context) {
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  if (!options.id.empty() && !options.resource.empty())
    return Error::make(ErrorKind::usage, "give either a group definition or --id, not both");
  json definition;
  if (!options.id.empty()) {
    definition = json{{"id", options.id}};
  } else {
    auto loaded =
        load_definition(context, options.resource, "dcos marathon group add < group.json");
    if (!loaded) return loaded.error();
    definition = std::move(*loaded);
  }
  if (!definition.is_object() || !definition.contains("id") || !definition["id"].is_string())
    return Error::make(ErrorKind::invalid, "the group definition has no \"id\"");
  auto id = validate_id(definition["id"].get<std::string>(), IdKind::group);
  if (!id) return id.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto existing = marathon->get_group(*id);
  if (existing)
    return Error::make(ErrorKind::conflict, "group '" + *id + "' already exists",
                       "change it with 'dcos marathon group update " + *id + "'");
  if (existing.error().kind != ErrorKind::not_found) return existing.error();
  auto result = marathon->create_group(definition);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, *limit, {}, announce_for(options.json));
}

Status run_update(const ChangeOptions& options, Context& context) {
  auto id = validate_id(options.group_id, IdKind::group, RootId::allowed);
  if (!id) return id.error();
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto changes = load_changes(context, options.properties,
                              "dcos marathon group update " + *id + " < changes.json");
  if (!changes) return changes.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  if (auto group = marathon->get_group(*id); !group) return group.error();
  auto result = marathon->update_group(*id, *changes, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, *limit, {}, announce_for(options.json));
}

Status run_scale(const ChangeOptions& options, Context& context) {
  auto id = validate_id(options.group_id, IdKind::group);
  if (!id) return id.error();
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  double factor = 0;
  std::string_view text = trim(options.factor);
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), factor);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    return Error::make(ErrorKind::usage, "invalid scale factor '" + options.factor +
                                             "': expected a number such as 0.5 or 2");
  if (factor < 0)
    return Error::make(ErrorKind::usage,
                       "the scale factor must not be negative: " + options.factor);
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  // Marathon answers a scale of a missing group with an empty deployment: check it exists.
  if (auto group = marathon->get_group(*id); !group) return group.error();
  auto result = marathon->update_group(*id, json{{"scaleBy", factor}}, options.force);
  if (!result) return result.error();
  return finish_change(context, *marathon, *result, *limit, {}, announce_for(options.json));
}

Status run_remove(const ChangeOptions& options, Context& context) {
  auto id = validate_id(options.group_id, IdKind::group);
  if (!id) return id.error();
  auto limit = wait_limit(options.wait);
  if (!limit) return limit.error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto result = marathon->remove_group(*id, options.force);
  if (!result) return result.error();
  confirm_change(context, options.json, "Removed group " + *id, result->document());
  return finish_change(context, *marathon, *result, *limit, {}, Announce::no);
}

void id_force_wait(Flags& app, ChangeOptions& options) {
  app.add_option("group-id", options.group_id, "The group's id")->required();
  app.add_flag("--force", options.force, "Override a deployment that holds the group");
  add_wait_flag(app, options.wait);
  add_change_json_flag(app, options.json);
}

}  // namespace

void register_marathon_group_commands(CommandTable& table) {
  table.group("marathon group",
              {.summary = "Manage Marathon groups",
               .description = "Create, change, scale and remove groups of apps."});
  table.verb<AddOptions>(
      "marathon group add",
      {.summary = "Create a group",
       .description = "Create a group from a definition (a file, an http(s) URL, or stdin; JSON or "
                      "YAML),\nor an empty one with --id.",
       .arguments = "[<group-resource>]",
       .examples = "    dcos marathon group add group.json --wait\n"
                   "    dcos marathon group add --id=/prod\n",
       .needs = Needs::cluster},
      [](Flags& app, AddOptions& options) {
        app.add_option("group-resource", options.resource,
                       "A file, an http(s) URL, or - for stdin (the default)");
        app.add_option("--id", options.id, "Create an empty group with this id");
        add_wait_flag(app, options.wait);
        add_change_json_flag(app, options.json);
      },
      run_add);
  table.verb<ListOptions>(
      "marathon group list",
      {.summary = "List the groups",
       .description = "List every group at every depth, with the number of apps in it and its "
                      "subgroups.",
       .needs = Needs::cluster},
      [](Flags& app, ListOptions& options) {
        add_list_flags(app, options.list,
                       {.json = "Print JSON (Marathon's top-level groups)",
                        .quiet = "Print only the group ids"});
      },
      run_list);
  table.verb<ShowOptions>(
      "marathon group show",
      {.summary = "Show a group",
       .description = "Print the group as Marathon describes it, or as it was at a version.",
       .arguments = "<group-id>",
       .needs = Needs::cluster},
      [](Flags& app, ShowOptions& options) {
        app.add_option("group-id", options.group_id, "The group's id")->required();
        app.add_option("--group-version", options.version, "An ISO-8601 version timestamp");
        add_document_flags(app, options.yaml);
      },
      run_show);
  table.verb<ChangeOptions>(
      "marathon group update",
      {.summary = "Change a group",
       .description = "Change the fields given as key=value properties, or those of the JSON or "
                      "YAML\nobject on stdin.",
       .arguments = "<group-id> [<properties>...]",
       .examples = "    dcos marathon group update /prod < prod.json --wait\n",
       .needs = Needs::cluster},
      [](Flags& app, ChangeOptions& options) {
        id_force_wait(app, options);
        app.add_option("properties", options.properties, "key=value pairs of fields to change");
      },
      run_update);
  table.verb<ChangeOptions>(
      "marathon group scale",
      {.summary = "Scale every app of a group",
       .description = "Multiply the instances of every app in the group by <scale-factor>.",
       .arguments = "<group-id> <scale-factor>",
       .examples = "    dcos marathon group scale /prod 2 --wait\n",
       .needs = Needs::cluster},
      [](Flags& app, ChangeOptions& options) {
        id_force_wait(app, options);
        app.add_option("scale-factor", options.factor, "A number: 0.5 halves, 2 doubles")
            ->required();
      },
      run_scale);
  table.verb<ChangeOptions>("marathon group remove",
                            {.summary = "Remove a group",
                             .description = "Remove the group with every app, pod and group in it.",
                             .arguments = "<group-id>",
                             .needs = Needs::cluster},
                            id_force_wait, run_remove);
}

}  // namespace dcos
