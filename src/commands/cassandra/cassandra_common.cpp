#include "commands/cassandra/cassandra_common.hpp"

#include <algorithm>
#include <cstdio>

#include "client/cassandra_ring.hpp"
#include "client/duration.hpp"
#include "client/marathon.hpp"
#include "client/strings.hpp"

namespace dcos {
namespace {

using std::chrono::milliseconds;

std::string ring_list(const std::vector<CassandraRing>& rings) {
  std::vector<std::string> named;
  for (const auto& ring : rings) named.push_back(ring.framework_name + " (" + ring.app_id + ")");
  return join(named, ", ");
}

Error no_ring_installed() {
  return Error::make(ErrorKind::not_found,
                     "no Cassandra service is installed (no Marathon app is labelled "
                     "DCOS_PACKAGE_NAME=cassandra)",
                     "install one with 'dcos package install cassandra', or name a ring "
                     "installed another way with --name <ring>");
}

/// The ring the Marathon apps give: the only one when `app_id` is empty, else the one with that
/// app id.
Result<CassandraRing> ring_from_marathon(Context& context, const std::string& app_id) {
  auto http = context.client(Service::marathon);
  if (!http) return http.error();
  MarathonClient marathon(std::move(http).value());
  auto rings = installed_cassandra_rings(marathon);
  if (!rings) return rings.take_error();
  if (!app_id.empty()) {
    auto wanted = validate_app_id(app_id);
    if (!wanted) return wanted.take_error();
    for (const auto& ring : *rings)
      if (ring.app_id == *wanted) return ring;
    if (rings->empty()) return no_ring_installed();
    return Error::make(ErrorKind::not_found, "no Cassandra service runs as the Marathon app " +
                                                 *wanted + "; installed: " + ring_list(*rings));
  }
  if (rings->empty()) return no_ring_installed();
  if (rings->size() > 1)
    return Error::make(ErrorKind::ambiguous,
                       "several Cassandra services are installed: " + ring_list(*rings),
                       "choose one with --name, e.g. --name " +
                           cassandra_ring_name(rings->front().framework_name));
  return rings->front();
}

}  // namespace

void add_ring_flag(Flags& flags, std::string& name) {
  flags
      .add_option("--name", name,
                  "The ring: its framework name (cassandra.dev), ring name (dev) or Marathon "
                  "app id (/cassandra/dev); needed when several rings are installed")
      ->type_name("<ring>");
}

std::string framework_for_name(const std::string& name) {
  if (name.empty() || name.front() == '/') return {};
  return cassandra_framework_name(name);
}

Result<CassandraClient> open_ring(Context& context, const std::string& name) {
  std::string framework = framework_for_name(name);
  if (framework.empty()) {
    auto ring = ring_from_marathon(context, name);
    if (!ring) return ring.take_error();
    framework = ring->framework_name;
  }
  auto options = context.service_options(Service::admin_router);
  if (!options) return options.take_error();
  options->base_url += cassandra_service_path(framework);
  return CassandraClient(context.client(std::move(options).value()), framework);
}

void add_ring_wait_flag(Flags& flags, std::string& value, const std::string& text) {
  flags.add_duration_flag("--wait{10m}", value, text);
}

Result<std::optional<milliseconds>> ring_wait_limit(const std::string& value) {
  if (value.empty()) return std::optional<milliseconds>();
  auto duration = parse_duration(value);
  if (!duration) return duration.take_error();
  return std::optional<milliseconds>(*duration);
}

std::string duration_text(milliseconds elapsed) {
  long long seconds = std::max<long long>(0, elapsed.count() / 1000);
  char text[32];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%llds", seconds);
  } else if (seconds < 3600) {
    std::snprintf(text, sizeof text, "%lldm%02llds", seconds / 60, seconds % 60);
  } else {
    std::snprintf(text, sizeof text, "%lldh%02lldm", seconds / 3600, seconds / 60 % 60);
  }
  return text;
}

long long epoch_ms(std::chrono::system_clock::time_point now) {
  return std::chrono::duration_cast<milliseconds>(now.time_since_epoch()).count();
}

std::string age_text(std::optional<long long> epoch, std::chrono::system_clock::time_point now) {
  if (!epoch) return "-";
  long long seconds = std::max<long long>(0, (epoch_ms(now) - *epoch) / 1000);
  if (seconds < 120) return std::to_string(seconds) + "s";
  if (seconds < 2 * 3600) return std::to_string(seconds / 60) + "m";
  if (seconds < 2 * 86400) return std::to_string(seconds / 3600) + "h";
  return std::to_string(seconds / 86400) + "d";
}

void WaitProgress::show(const std::string& line) {
  if (!context_.terminal.stderr_tty) return;
  std::string text = line;
  size_t width = static_cast<size_t>(std::max(context_.terminal.width, 20)) - 1;
  if (text.size() > width) text = text.substr(0, width - 3) + "...";
  context_.err << "\r\033[K" << text << std::flush;
  drawn_ = true;
}

void WaitProgress::clear() {
  if (drawn_) context_.err << "\r\033[K" << std::flush;
  drawn_ = false;
}

bool interrupted(const Context& context) {
  return context.interrupted != nullptr && context.interrupted->load();
}

}  // namespace dcos
