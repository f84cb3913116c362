#include "commands/task/task_list_sinks.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
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

/// The table's rows are kept as records in a spill buffer until the agents have been read:
/// name, state, id and agent id (each a 4-byte length and its bytes) and the index of the
/// framework, whose user is known once its record ends.
Status put_row(SpillBuffer& rows, const MesosTask& task, uint32_t framework) {
  std::string record;
  for (const std::string* text : {&task.name, &task.state, &task.id, &task.agent_id}) {
    const auto length = static_cast<uint32_t>(text->size());
    record.append(reinterpret_cast<const char*>(&length), sizeof length);
    record += *text;
  }
  record.append(reinterpret_cast<const char*>(&framework), sizeof framework);
  return rows.append(record);
}

struct TableRow {
  std::string name, state, id, agent_id;
  uint32_t framework = 0;
};

Status get_row(SpillReader& reader, TableRow& row) {
  auto read = [&reader](void* to, size_t size) -> Status {
    auto got = reader.read(static_cast<char*>(to), size);
    if (!got) return got.take_error();
    if (!*got) return Error::make(ErrorKind::generic, "the table's rows ended early");
    return Status::success();
  };
  for (std::string* text : {&row.name, &row.state, &row.id, &row.agent_id}) {
    uint32_t length = 0;
    if (Status status = read(&length, sizeof length); !status.ok()) return status;
    text->resize(length);
    if (Status status = read(text->data(), length); !status.ok()) return status;
  }
  return read(&row.framework, sizeof row.framework);
}

class TableSink : public TaskSink {
 public:
  TableSink(std::ostream& out, std::optional<int> width) : out_(out), width_(width) {}

  Status emit(const MesosTask& task) override {
    ++count_;
    return put_row(rows_, task, framework_index());
  }
  Status hold(const MesosTask& task) override {
    ++held_count_;
    return put_row(held_, task, framework_index());
  }
  Status release(const MesosFramework& framework) override {
    users_.push_back(framework.user);
    count_ += held_count_;
    held_count_ = 0;
    return held_.drain([this](std::string_view rows) { return rows_.append(rows); });
  }
  void agent(MesosAgent&& agent) override {
    agents_[agent.id] = {agent.hostname, agent.region, agent.zone};
  }
  Status finish() override;

 private:
  struct AgentCells {
    std::string hostname, region, zone;
  };

  /// The framework being read: the tasks come before their framework's record ends.
  uint32_t framework_index() const { return static_cast<uint32_t>(users_.size()); }

  std::ostream& out_;
  std::optional<int> width_;
  SpillBuffer rows_;  ///< in printing order
  SpillBuffer held_;
  size_t count_ = 0;
  size_t held_count_ = 0;
  std::vector<std::string> users_;  ///< by framework, in the master's order
  std::unordered_map<std::string, AgentCells> agents_;
};

Status TableSink::finish() {
  // An agent the master no longer lists has no host or domain to show; a known agent without a
  // fault domain shows N/A.
  auto domain = [](const AgentCells* agent, const std::string& name) {
    if (agent == nullptr) return std::string();
    return name.empty() ? std::string("N/A") : name;
  };
  Table table({{"NAME", ColumnKind::identifier},
               {"HOST", ColumnKind::identifier},
               {"USER", ColumnKind::optional, 3},
               "STATE",
               {"ID", ColumnKind::identifier},
               {"AGENT ID", ColumnKind::optional, 4},
               {"REGION", ColumnKind::optional, 2},
               {"ZONE", ColumnKind::optional, 1}});
  for (size_t column = 0; column < 8; ++column) table.set_align(column, Align::left);
  std::optional<SpillReader> reader;
  TableRow row;
  Status failed = Status::success();
  table.print_rows(
      out_, count_,
      [&](size_t index, std::vector<std::string>& cells) {
        if (index == 0) reader.emplace(rows_);  // the second pass reads them again
        if (Status status = get_row(*reader, row); !status.ok()) {
          if (failed.ok()) failed = status;
          return;
        }
        const auto found = agents_.find(row.agent_id);
        const AgentCells* agent = found == agents_.end() ? nullptr : &found->second;
        cells = {row.name,
                 agent ? agent->hostname : "",
                 row.framework < users_.size() ? users_[row.framework] : "",
                 row.state,
                 row.id,
                 row.agent_id,
                 domain(agent, agent ? agent->region : ""),
                 domain(agent, agent ? agent->zone : "")};
      },
      width_);
  return failed;
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
