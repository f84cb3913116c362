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

std::string text_or(const std::optional<std::string>& text, const std::string& absent) {
  return text ? *text : absent;
}

std::string number_or(const std::optional<double>& number, const std::string& absent) {
  return number ? format_number(*number) : absent;
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
  renderings.empty = [&] { return queue->empty(); };
  renderings.none = "Nothing waits in the launch queue.";
  renderings.table = [&]() -> Status {
    Table table({{"ID", ColumnKind::identifier},
                 "SINCE",
                 "INSTANCES TO LAUNCH",
                 "WAITING",
                 {"PROCESSED OFFERS", ColumnKind::optional, 3},
                 {"UNUSED OFFERS", ColumnKind::optional, 4},
                 {"LAST UNUSED OFFER", ColumnKind::optional, 1},
                 {"LAST USED OFFER", ColumnKind::optional, 2}});
    for (const auto& item : *queue)
      table.add_row({item_id(item), text_or(item.since, kNone), std::to_string(item.count),
                     item.overdue ? "true" : "false", std::to_string(item.offers.processed),
                     std::to_string(item.offers.unused), text_or(item.offers.last_unused_at, kNone),
                     text_or(item.offers.last_used_at, kNone)});
    table.print(context.out, context.table_width());
    return Status::success();
  };
  return print_list(context, options.list, renderings);
}

/// The queue item of `id` (with its last unused offers), or not_found.
Result<QueueItem> find_item(Context& context, const std::string& given) {
  auto id = validate_id(given, IdKind::app);
  if (!id) return id.take_error();
  auto marathon = marathon_client(context);
  if (!marathon) return marathon.take_error();
  auto queue = marathon->queue({.with_offers = true});
  if (!queue) return queue.take_error();
  for (auto& item : *queue)
    if (item_id(item) == *id) return std::move(item);
  return Error::make(ErrorKind::not_found,
                     "'" + *id + "' has no instances waiting in Marathon's launch queue");
}

/// Constraints as lists of words: [[hostname UNIQUE] [rack_id GROUP_BY 2]].
std::string constraints_text(const std::vector<std::vector<std::string>>& constraints) {
  std::vector<std::string> parts;
  for (const auto& words : constraints) parts.push_back("[" + join(words, " ") + "]");
  return "[" + join(parts, " ") + "]";
}

/// An app's ports as JSON writes them: [10010,10011]; a pod's are per container (---).
std::string ports_text(const std::optional<std::vector<long long>>& ports) {
  if (!ports) return kNone;
  std::vector<std::string> numbers;
  for (long long port : *ports) numbers.push_back(std::to_string(port));
  return "[" + join(numbers, ",") + "]";
}

bool declined(const UnusedOffer& offer, const std::string& reason) {
  return std::find(offer.reasons.begin(), offer.reasons.end(), reason) != offer.reasons.end();
}

/// How many of the item's last unused offers were declined for `reason`.
size_t declined_for(const std::vector<UnusedOffer>& offers, const std::string& reason) {
  return static_cast<size_t>(
      std::count_if(offers.begin(), offers.end(),
                    [&](const UnusedOffer& offer) { return declined(offer, reason); }));
}

Status run_summary(const ItemOptions& options, Context& context) {
  auto item = find_item(context, options.id);
  if (!item) return item.error();
  if (options.json) {
    write_json(context.out, item->raw);
    return Status::success();
  }
  const std::vector<UnusedOffer>& offers = item->unused_offers;
  const LaunchRequest& asked = item->requested;
  const std::vector<std::string> requested = {
      text_or(asked.role, kNone),   constraints_text(asked.constraints),
      number_or(asked.cpus, kNone), number_or(asked.mem, kNone),
      number_or(asked.disk, kNone), ports_text(asked.ports)};
  const char* rows[] = {"ROLE", "CONSTRAINTS", "CPUS", "MEM", "DISK", "PORTS"};
  const char* reasons[] = {"UnfulfilledRole",    "UnfulfilledConstraint", "InsufficientCpus",
                           "InsufficientMemory", "InsufficientDisk",      "InsufficientPorts"};
  Table table({"RESOURCE", {"REQUESTED", ColumnKind::text}, "MATCHED", "PERCENTAGE"});
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
  Table table({{"HOSTNAME", ColumnKind::identifier},
               "ROLE",
               "CONSTRAINTS",
               "CPUS",
               "MEM",
               "DISK",
               "PORTS",
               "SCARCE",
               {"RECEIVED", ColumnKind::optional, 1}});
  const char* reasons[] = {"UnfulfilledRole",        "UnfulfilledConstraint", "InsufficientCpus",
                           "InsufficientMemory",     "InsufficientDisk",      "InsufficientPorts",
                           "DeclinedScarceResources"};
  for (const auto& offer : item->unused_offers) {
    std::vector<std::string> row = {offer.hostname};
    for (const char* reason : reasons) row.push_back(declined(offer, reason) ? "-" : "ok");
    row.push_back(text_or(offer.timestamp, kNone));
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
