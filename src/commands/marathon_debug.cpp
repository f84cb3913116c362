// `dcos marathon debug list|summary|details`: why instances wait in Marathon's launch queue.
// `summary` counts, per resource, how many of the last unused offers matched what the app or
// pod asks for; `details` shows each of those offers.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli/command_table.hpp"
#include "cli/list_output.hpp"
#include "client/number_format.hpp"
#include "client/strings.hpp"
#include "commands/marathon_common.hpp"

namespace dcos {
namespace {

using nlohmann::json;

struct ListOptions {
  ListFlags list;
};

struct ItemOptions {
  std::string id;
  bool json = false;
};

const char* const kNone = "---";

std::string text_or(const json& object, const char* key, const std::string& absent) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return absent;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return format_number(it->get<double>());
  return it->dump();
}

std::string item_id(const QueueItem& item) {
  return item.app_id.empty() ? item.pod_id : item.app_id;
}

Status run_list(const ListOptions& options, Context& context) {
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.error();
  auto queue = marathon->queue();
  if (!queue) return queue.error();
  std::stable_sort(queue->begin(), queue->end(),
                   [](const QueueItem& a, const QueueItem& b) { return item_id(a) < item_id(b); });
  ListRenderings renderings;
  renderings.json = [&]() -> Result<json> {
    json list = json::array();
    for (const auto& item : *queue) list.push_back(item.raw);
    return list;
  };
  renderings.table = [&]() -> Status {
    Table table({"ID", "SINCE", "INSTANCES TO LAUNCH", "WAITING", "PROCESSED OFFERS",
                 "UNUSED OFFERS", "LAST UNUSED OFFER", "LAST USED OFFER"});
    for (const auto& item : *queue) {
      const json summary = item.raw.value("processedOffersSummary", json::object());
      table.add_row(
          {item_id(item), text_or(item.raw, "since", kNone), text_or(item.raw, "count", "0"),
           item.overdue ? "true" : "false", text_or(summary, "processedOffersCount", "0"),
           text_or(summary, "unusedOffersCount", "0"), text_or(summary, "lastUnusedOfferAt", kNone),
           text_or(summary, "lastUsedOfferAt", kNone)});
    }
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context.out, options.list, renderings);
}

/// The queue item of `id` (with its last unused offers), or not_found.
Result<QueueItem> find_item(Context& context, const std::string& given) {
  auto id = validate_id(given, IdKind::app);
  if (!id) return id.take_error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.take_error();
  auto queue = marathon->queue(true);
  if (!queue) return queue.take_error();
  for (auto& item : *queue)
    if (item_id(item) == *id) return std::move(item);
  return Error::make(ErrorKind::not_found,
                     "'" + *id + "' has no instances waiting in Marathon's launch queue");
}

/// Constraints as lists of words: [[hostname UNIQUE] [rack_id GROUP_BY 2]].
std::string constraints_text(const json& constraints) {
  if (!constraints.is_array()) return "[]";
  std::vector<std::string> parts;
  for (const auto& constraint : constraints) {
    std::vector<std::string> words;
    if (constraint.is_array()) {
      for (const auto& word : constraint)
        words.push_back(word.is_string() ? word.get<std::string>() : word.dump());
    } else if (constraint.is_object()) {
      for (const char* key : {"fieldName", "operator", "value"})
        if (constraint.contains(key) && constraint[key].is_string())
          words.push_back(constraint[key].get<std::string>());
    }
    parts.push_back("[" + join(words, " ") + "]");
  }
  return "[" + join(parts, " ") + "]";
}

/// How many of the item's last unused offers were declined for `reason`.
size_t declined_for(const json& offers, const std::string& reason) {
  size_t count = 0;
  for (const auto& offer : offers) {
    const json reasons = offer.value("reason", json::array());
    if (std::find(reasons.begin(), reasons.end(), json(reason)) != reasons.end()) ++count;
  }
  return count;
}

Status run_summary(const ItemOptions& options, Context& context) {
  auto item = find_item(context, options.id);
  if (!item) return item.error();
  if (options.json) {
    write_json(context.out, item->raw);
    return Status::success();
  }
  const json offers = item->raw.value("lastUnusedOffers", json::array());
  std::vector<std::string> requested;
  if (!item->app_id.empty()) {
    const json& app = item->raw["app"];
    requested = {text_or(app, "role", kNone), constraints_text(app.value("constraints", json())),
                 text_or(app, "cpus", kNone), text_or(app, "mem", kNone),
                 text_or(app, "disk", kNone), app.contains("ports") ? app["ports"].dump() : "[]"};
  } else {
    const json& pod = item->raw["pod"];
    const json executor = pod.value("executorResources", json::object());
    const json placement =
        pod.value("scheduling", json::object()).value("placement", json::object());
    requested = {
        text_or(pod, "role", kNone),      constraints_text(placement.value("constraints", json())),
        text_or(executor, "cpus", kNone), text_or(executor, "mem", kNone),
        text_or(executor, "disk", kNone), kNone};
  }
  const char* rows[] = {"ROLE", "CONSTRAINTS", "CPUS", "MEM", "DISK", "PORTS"};
  const char* reasons[] = {"UnfulfilledRole",    "UnfulfilledConstraint", "InsufficientCpus",
                           "InsufficientMemory", "InsufficientDisk",      "InsufficientPorts"};
  Table table({"RESOURCE", "REQUESTED", "MATCHED", "PERCENTAGE"});
  const size_t total = offers.size();
  for (size_t i = 0; i < 6; ++i) {
    size_t matched = total - declined_for(offers, reasons[i]);
    std::string percentage = kNone;  // no offers: nothing to divide by
    if (total > 0) {
      percentage =
          fixed_decimal(100.0 * static_cast<double>(matched) / static_cast<double>(total), 2) + "%";
    }
    table.add_row(
        {rows[i], requested[i], std::to_string(matched) + "/" + std::to_string(total), percentage});
  }
  table.print(context.out, context.table_width());
  return Status::success();
}

Status run_details(const ItemOptions& options, Context& context) {
  auto item = find_item(context, options.id);
  if (!item) return item.error();
  if (options.json) {
    write_json(context.out, item->raw);
    return Status::success();
  }
  Table table(
      {"HOSTNAME", "ROLE", "CONSTRAINTS", "CPUS", "MEM", "DISK", "PORTS", "SCARCE", "RECEIVED"});
  const char* reasons[] = {"UnfulfilledRole",        "UnfulfilledConstraint", "InsufficientCpus",
                           "InsufficientMemory",     "InsufficientDisk",      "InsufficientPorts",
                           "DeclinedScarceResources"};
  for (const auto& offer : item->raw.value("lastUnusedOffers", json::array())) {
    const json reasons_given = offer.value("reason", json::array());
    std::vector<std::string> row = {text_or(offer.value("offer", json::object()), "hostname", "")};
    for (const char* reason : reasons)
      row.push_back(std::find(reasons_given.begin(), reasons_given.end(), json(reason)) ==
                            reasons_given.end()
                        ? "ok"
                        : "-");
    row.push_back(text_or(offer, "timestamp", kNone));
    table.add_row(row);
  }
  table.print(context.out, context.table_width());
  return Status::success();
}

void item_options(Flags& app, ItemOptions& options) {
  app.add_option("id", options.id, "The app's or pod's id")->required();
  app.add_flag("--json", options.json, "Print the queue entry as JSON");
}

}  // namespace

void register_marathon_debug_commands(CommandTable& table) {
  table.group("marathon debug",
              {.summary = "Find out why instances wait to launch",
               .description = "Inspect Marathon's launch queue and the offers it turned down."});
  table.verb<ListOptions>(
      "marathon debug list",
      {.summary = "List the apps and pods waiting to launch", .needs = Needs::cluster},
      [](Flags& app, ListOptions& options) {
        add_list_flags(app, options.list, {.json = "Print JSON (Marathon's queue entries)"});
      },
      run_list);
  table.verb<ItemOptions>(
      "marathon debug summary",
      {.summary = "Summarise why an app's offers were declined",
       .description = "For each resource, how many of the last unused offers matched what the "
                      "app or pod asks.",
       .arguments = "<app-id>",
       .needs = Needs::cluster},
      item_options, run_summary);
  table.verb<ItemOptions>(
      "marathon debug details",
      {.summary = "Show each declined offer of an app",
       .description = "One row per last unused offer: ok, or - for what it lacked.",
       .arguments = "<app-id>",
       .needs = Needs::cluster},
      item_options, run_details);
}

}  // namespace dcos
