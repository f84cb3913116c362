#include "commands/service_records.hpp"

#include <nlohmann/json.hpp>

namespace dcos {
namespace {

// Where things sit in the printed list: a record at depth 1, its members at 2, tasks at 3.
const std::string kMemberIndent(8, ' ');
const std::string kRecordIndent(4, ' ');
const std::string kTaskSeparator = ",\n" + std::string(12, ' ');

std::string quoted(const std::string& key) {
  return nlohmann::json(key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

FrameworkRecordsWriter::FrameworkRecordsWriter(std::ostream& out, Shown shown)
    : out_(out), shown_(std::move(shown)), list_(out) {}

StateQuery FrameworkRecordsWriter::query(bool completed_frameworks) {
  StateQuery query;
  query.agents = false;
  query.completed_frameworks = completed_frameworks;
  return query;
}

StateVisitor FrameworkRecordsWriter::visitor() {
  StateVisitor visitor;
  visitor.task = [this](MesosTask&& task, bool completed) { return this->task(task, completed); };
  visitor.framework = [this](MesosFramework&& framework, bool completed) {
    return this->framework(framework, completed);
  };
  return visitor;
}

Status FrameworkRecordsWriter::task(const MesosTask& task, bool completed) {
  SpillBuffer& held = completed ? completed_ : running_;
  if (!held.empty())
    if (Status status = held.append(kTaskSeparator); !status.ok()) return status;
  return held.append(render_json(task.raw, 3));
}

Status FrameworkRecordsWriter::framework(const MesosFramework& framework, bool completed) {
  Status status = Status::success();
  if (shown_(framework, completed)) {
    if (!completed) {
      list_.begin_element();
      status = write_record(framework, [this](std::string_view text) {
        out_.write(text.data(), static_cast<std::streamsize>(text.size()));
        return Status::success();
      });
    } else {
      status = later_.empty() ? Status::success() : later_.append(",\n" + kRecordIndent);
      if (status.ok())
        status =
            write_record(framework, [this](std::string_view text) { return later_.append(text); });
    }
  }
  running_.clear();
  completed_.clear();
  return status;
}

Status FrameworkRecordsWriter::write_record(const MesosFramework& framework,
                                            const std::function<Status(std::string_view)>& write) {
  // The members in name order, as nlohmann orders an object's, with the two task lists among
  // them.
  auto tasks = [&](const char* key, SpillBuffer& held) -> Status {
    if (Status status = write(kMemberIndent + quoted(key) + ": "); !status.ok()) return status;
    if (held.empty()) return write("[]");
    if (Status status = write("[\n" + std::string(12, ' ')); !status.ok()) return status;
    if (Status status = held.drain(write); !status.ok()) return status;
    return write("\n" + kMemberIndent + "]");
  };
  const char* lists[] = {"completed_tasks", "tasks"};
  size_t next_list = 0;
  bool first = true;
  auto separate = [&]() -> Status {
    if (first) {
      first = false;
      return write("{\n");
    }
    return write(",\n");
  };
  auto lists_before = [&](const std::string* key) -> Status {
    while (next_list < 2 && (key == nullptr || *key > lists[next_list])) {
      if (Status status = separate(); !status.ok()) return status;
      const char* name = lists[next_list++];
      if (Status status = tasks(name, name[0] == 'c' ? completed_ : running_); !status.ok())
        return status;
    }
    return Status::success();
  };
  if (framework.raw.is_object()) {
    for (const auto& [key, value] : framework.raw.items()) {
      if (key == "tasks" || key == "completed_tasks") continue;
      if (Status status = lists_before(&key); !status.ok()) return status;
      if (Status status = separate(); !status.ok()) return status;
      if (Status status = write(kMemberIndent + quoted(key) + ": " + render_json(value, 2));
          !status.ok())
        return status;
    }
  }
  if (Status status = lists_before(nullptr); !status.ok()) return status;
  return write("\n" + kRecordIndent + "}");
}

Status FrameworkRecordsWriter::finish() {
  if (!later_.empty()) {
    list_.begin_element();
    if (Status status = later_.write_to(out_); !status.ok()) return status;
  }
  list_.finish();
  return Status::success();
}

}  // namespace dcos
