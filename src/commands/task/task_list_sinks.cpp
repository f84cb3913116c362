#include "commands/task/task_list_sinks.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "cli/output.hpp"
#include "cli/streamed_output.hpp"

namespace dcos {
namespace {

class IdSink : public TaskSink {
 public:
  explicit IdSink(std::ostream& out) : out_(out) {}
  Status emit(const MesosTask& task) override {
    out_ << task.id << '\n';
    return Status::success();
  }
  Status hold(const MesosTask& task) override { return held_.append(task.id + "\n"); }
  Status release(const MesosFramework&) override { return held_.write_to(out_); }
  Status finish() override { return Status::success(); }

 private:
  std::ostream& out_;
  SpillBuffer held_;
};

class JsonSink : public TaskSink {
 public:
  explicit JsonSink(std::ostream& out) : out_(out), writer_(out) {}
  Status emit(const MesosTask& task) override {
    writer_.add(task.raw);
    return Status::success();
  }
  Status hold(const MesosTask& task) override {
    if (!held_.empty())
      if (Status status = held_.append(",\n    "); !status.ok()) return status;
    return held_.append(render_json(task.raw, 1));
  }
  Status release(const MesosFramework&) override {
    if (held_.empty()) return Status::success();
    writer_.begin_element();
    return held_.write_to(out_);
  }
  Status finish() override {
    writer_.finish();
    return Status::success();
  }

 private:
  std::ostream& out_;
  JsonArrayWriter writer_;
  SpillBuffer held_;
};

/// Distinct strings, each kept once: a task's name, state and agent id repeat across tasks.
class StringPool {
 public:
  uint32_t intern(const std::string& text) {
    auto [at, added] = index_.try_emplace(text, static_cast<uint32_t>(values_.size()));
    if (added) values_.push_back(text);
    return at->second;
  }
  const std::string& at(uint32_t index) const { return values_[index]; }
  size_t size() const { return values_.size(); }

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint32_t> index_;
};

class TableSink : public TaskSink {
 public:
  TableSink(std::ostream& out, std::optional<int> width) : out_(out), width_(width) {}

  Status emit(const MesosTask& task) override {
    order_.push_back(add(task));
    return Status::success();
  }
  Status hold(const MesosTask& task) override {
    held_.push_back(add(task));
    return Status::success();
  }
  Status release(const MesosFramework& framework) override {
    order_.insert(order_.end(), held_.begin(), held_.end());
    held_.clear();
    users_.push_back(framework.user);
    return Status::success();
  }
  void agent(MesosAgent&& agent) override {
    agents_[agent.id] = {agent.hostname, agent.region, agent.zone};
  }
  Status finish() override;

 private:
  struct Row {
    size_t id_end;  ///< in ids_; the id starts where the previous row's ends
    uint32_t name, state, agent, framework;
  };
  struct AgentCells {
    std::string hostname, region, zone;
  };

  uint32_t add(const MesosTask& task) {
    ids_ += task.id;
    rows_.push_back({ids_.size(), names_.intern(task.name), states_.intern(task.state),
                     agent_ids_.intern(task.agent_id), static_cast<uint32_t>(users_.size())});
    return static_cast<uint32_t>(rows_.size() - 1);
  }

  std::ostream& out_;
  std::optional<int> width_;
  std::string ids_;
  std::vector<Row> rows_;
  std::vector<uint32_t> order_;  ///< the rows in printing order
  std::vector<uint32_t> held_;
  StringPool names_, states_, agent_ids_;
  std::vector<std::string> users_;  ///< by framework, in the master's order
  std::unordered_map<std::string, AgentCells> agents_;
};

Status TableSink::finish() {
  // An agent the master no longer lists has no host or domain to show; a known agent without a
  // fault domain shows N/A.
  std::vector<const AgentCells*> agent_of(agent_ids_.size(), nullptr);
  for (uint32_t i = 0; i < agent_ids_.size(); ++i)
    if (auto found = agents_.find(agent_ids_.at(i)); found != agents_.end())
      agent_of[i] = &found->second;
  auto domain = [](const AgentCells* agent, const std::string& name) {
    if (agent == nullptr) return std::string();
    return name.empty() ? std::string("N/A") : name;
  };
  Table table({"NAME", "HOST", "USER", "STATE", "ID", "AGENT ID", "REGION", "ZONE"});
  for (size_t column = 0; column < 8; ++column) table.set_align(column, Align::left);
  table.print_rows(
      out_, order_.size(),
      [&](size_t index, std::vector<std::string>& cells) {
        const uint32_t at = order_[index];
        const Row& row = rows_[at];
        const size_t id_begin = at == 0 ? 0 : rows_[at - 1].id_end;
        const AgentCells* agent = agent_of[row.agent];
        cells = {names_.at(row.name),
                 agent ? agent->hostname : "",
                 row.framework < users_.size() ? users_[row.framework] : "",
                 states_.at(row.state),
                 ids_.substr(id_begin, row.id_end - id_begin),
                 agent_ids_.at(row.agent),
                 domain(agent, agent ? agent->region : ""),
                 domain(agent, agent ? agent->zone : "")};
      },
      width_);
  return Status::success();
}

}  // namespace

std::unique_ptr<TaskSink> task_id_sink(std::ostream& out) { return std::make_unique<IdSink>(out); }

std::unique_ptr<TaskSink> task_json_sink(std::ostream& out) {
  return std::make_unique<JsonSink>(out);
}

std::unique_ptr<TaskSink> task_table_sink(std::ostream& out, std::optional<int> width) {
  return std::make_unique<TableSink>(out, width);
}

}  // namespace dcos
