#include "commands/marathon_common.hpp"
#include "client/number_format.hpp"

#include <map>

namespace dcos {

Result<MarathonClient> marathon_client(Context& context) {
  auto http = context.client(Service::marathon);
  if (!http) return http.take_error();
  return MarathonClient(std::move(http).value());
}

std::string action_word(const std::string& action) {
  static const std::map<std::string, std::string> words = {
      {"ResolveArtifacts", "artifacts"},
      {"ScaleApplication", "scale"},
      {"StartApplication", "start"},
      {"StopApplication", "stop"},
      {"RestartApplication", "restart"},
      {"StartPod", "start"},
      {"ScalePod", "scale"},
      {"StopPod", "stop"},
      {"RestartPod", "restart"},
      {"KillAllOldTasksOf", "kill-tasks"},
  };
  auto it = words.find(action);
  return it == words.end() ? "" : it->second;
}

std::string format_number(double value) { return trimmed_decimal(value, 6); }

void add_document_flags(Flags& app, bool& yaml) {
  auto* json = app.add_flag("--json")->description("Print JSON (the default)");
  app.add_flag("--yaml", yaml, "Print YAML")->excludes(json);
}

void print_document(Context& context, const nlohmann::json& value, bool yaml) {
  if (yaml) {
    write_yaml(context.out, value);
  } else {
    write_json(context.out, value);
  }
}

void add_change_json_flag(Flags& app, bool& json) {
  app.add_flag("--json", json, "Print Marathon's answer as JSON instead of the confirmation");
}

void confirm_change(Context& context, bool json, const std::string& line,
                    const nlohmann::json& answer) {
  if (json) {
    write_json(context.out, answer);
  } else {
    context.out << line << "\n";
  }
}

void confirm_killed(Context& context, const std::string& noun, const std::vector<std::string>& ids,
                    const std::string& owner) {
  context.out << "Killed " << ids.size() << " " << noun << (ids.size() == 1 ? "" : "s") << " of "
              << owner << "\n";
  if (context.verbosity > 0)
    for (const auto& id : ids) context.out << "  " << id << "\n";
}

}  // namespace dcos
