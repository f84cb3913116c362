#include "client/agent_io.hpp"

#include <sys/wait.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <random>

#include "client/base64.hpp"
#include "client/recordio.hpp"

namespace dcos {
namespace {

using nlohmann::json;

constexpr const char* kJson = "application/json";
constexpr const char* kRecordIo = "application/recordio";
/// What the agent answers when a container has no I/O switchboard to attach to.
constexpr const char* kNoSwitchboard = "I/O switchboard server was disabled";
/// How often an idle input stream says it is alive, as Mesos's own clients do.
constexpr long long kHeartbeatNanoseconds = 30'000'000'000;

json container_json(const ContainerId& id) {
  json current = {{"value", id.value}};
  json* at = &current;
  for (auto it = id.ancestors.rbegin(); it != id.ancestors.rend(); ++it) {
    (*at)["parent"] = {{"value", *it}};
    at = &(*at)["parent"];
  }
  return current;
}

std::string container_text(const ContainerId& id) {
  std::string text;
  for (const auto& ancestor : id.ancestors) text += ancestor + ".";
  return text + id.value;
}

json launch_call(const ContainerId& id, const NestedCommand& command) {
  json call_command = {{"shell", false},
                       {"value", command.argv.empty() ? std::string() : command.argv.front()},
                       {"arguments", command.argv}};
  if (!command.user.empty()) call_command["user"] = command.user;
  json container = {{"type", "MESOS"}};
  if (command.tty) {
    container["tty_info"] = json::object();
    call_command["environment"] = {
        {"variables", json::array({{{"name", "TERM"}, {"type", "VALUE"}, {"value", "xterm"}}})}};
  }
  return {{"type", "LAUNCH_NESTED_CONTAINER_SESSION"},
          {"launch_nested_container_session",
           {{"container_id", container_json(id)},
            {"command", call_command},
            {"container", container}}}};
}

std::string input_call(const json& attach) {
  return recordio_encode(
      json{{"type", "ATTACH_CONTAINER_INPUT"}, {"attach_container_input", attach}}.dump());
}

std::string process_io_record(const json& process_io) {
  return input_call({{"type", "PROCESS_IO"}, {"process_io", process_io}});
}

std::string stdin_record(std::string_view bytes) {
  return process_io_record(
      {{"type", "DATA"}, {"data", {{"type", "STDIN"}, {"data", base64_encode(bytes)}}}});
}

std::string control_record(const json& control) {
  return process_io_record({{"type", "CONTROL"}, {"control", control}});
}

/// Hands one ProcessIO message to `output`; heartbeats and other controls are skipped.
Status deliver(const std::string& record, const ProcessOutput& output) {
  auto message = json::parse(record, nullptr, false);
  if (message.is_discarded() || !message.is_object())
    return Error::make(ErrorKind::server, "the agent sent an output record that is not JSON");
  if (message.value("type", "") != "DATA") return Status::success();
  const json& data = message.value("data", json::object());
  auto bytes = base64_decode(data.is_object() ? data.value("data", "") : "");
  if (!bytes)
    return Error::make(ErrorKind::server, "the agent sent output data that is not base64");
  const std::string stream = data.value("type", "");
  if (stream == "STDOUT" && output.out) output.out(*bytes);
  if (stream == "STDERR" && output.err) output.err(*bytes);
  return Status::success();
}

/// The request body of ATTACH_CONTAINER_INPUT, made record by record as curl asks for it.
class InputBody {
 public:
  InputBody(const ContainerId& id, std::optional<WindowSize> window, InputFeed feed)
      : feed_(std::move(feed)) {
    pending_ = input_call({{"type", "CONTAINER_ID"}, {"container_id", container_json(id)}});
    if (window)
      pending_ += control_record(
          {{"type", "TTY_INFO"},
           {"tty_info",
            {{"window_size", {{"rows", window->rows}, {"columns", window->columns}}}}}});
  }

  size_t fill(char* buffer, size_t size) {
    while (offset_ == pending_.size()) {
      if (done_) return 0;
      pending_.clear();
      offset_ = 0;
      next();
    }
    const size_t count = std::min(size, pending_.size() - offset_);
    pending_.copy(buffer, count, offset_);
    offset_ += count;
    return count;
  }

 private:
  void next() {
    InputPiece piece = feed_();
    switch (piece.kind) {
      case InputPiece::Kind::data:
        if (!piece.bytes.empty()) pending_ = stdin_record(piece.bytes);
        return;
      case InputPiece::Kind::end:
        pending_ = stdin_record("");
        done_ = true;
        return;
      case InputPiece::Kind::heartbeat:
        pending_ = control_record(
            {{"type", "HEARTBEAT"},
             {"heartbeat", {{"interval", {{"nanoseconds", kHeartbeatNanoseconds}}}}}});
        return;
      case InputPiece::Kind::stop:
        done_ = true;
        return;
    }
  }

  InputFeed feed_;
  std::string pending_;
  size_t offset_ = 0;
  bool done_ = false;
};

}  // namespace

ContainerId ContainerId::child(std::string id) const {
  ContainerId nested{std::move(id), ancestors};
  nested.ancestors.push_back(value);
  return nested;
}

AgentIoClient::AgentIoClient(HttpClient http, std::string agent_id)
    : http_(std::move(http)), path_("/slave/" + agent_id + "/api/v1") {}

Status AgentIoClient::follow_output(const std::string& body, const ProcessOutput& output,
                                    const StreamControl& control) {
  RecordIoDecoder decoder;
  Status problem;
  ResponseSink sink;
  sink.on_head = [&](const HttpResponse&) {
    if (control.started) control.started();
    return true;
  };
  sink.on_data = [&](std::string_view piece) {
    std::vector<std::string> records;
    problem = decoder.feed(piece, records);
    for (const auto& record : records) {
      if (!problem) break;
      problem = deliver(record, output);
    }
    return problem.ok();
  };
  sink.keep_going = control.keep_going;
  auto response = http_.stream(
      "POST", path_, sink,
      {{"Content-Type", kJson}, {"Accept", kRecordIo}, {"Message-Accept", kJson}}, body);
  if (!response) return response.take_error();
  if (!problem) return problem;
  return Status::success();
}

Status AgentIoClient::launch_session(const ContainerId& id, const NestedCommand& command,
                                     const ProcessOutput& output, const StreamControl& control) {
  return follow_output(launch_call(id, command).dump(), output, control);
}

Status AgentIoClient::attach_output(const ContainerId& id, const ProcessOutput& output,
                                    const StreamControl& control) {
  json call = {{"type", "ATTACH_CONTAINER_OUTPUT"},
               {"attach_container_output", {{"container_id", container_json(id)}}}};
  Status status = follow_output(call.dump(), output, control);
  if (!status && status.error().message.find(kNoSwitchboard) != std::string::npos)
    return Error::make(ErrorKind::invalid,
                       "container " + container_text(id) +
                           " was launched without a TTY, so there is no output to attach to "
                           "(the agent says: " +
                           kNoSwitchboard + " for this container)");
  return status;
}

Status AgentIoClient::attach_input(const ContainerId& id, std::optional<WindowSize> window,
                                   InputFeed feed) {
  auto body = std::make_shared<InputBody>(id, window, std::move(feed));
  BodySource source = [body](char* buffer, size_t size) { return body->fill(buffer, size); };
  auto response = http_.stream(
      "POST", path_, ResponseSink{},
      {{"Content-Type", kRecordIo}, {"Message-Content-Type", kJson}, {"Accept", kJson}}, {},
      std::move(source));
  // A 500 is the agent saying that the container's I/O is gone: it has finished already.
  if (!response && response.error().kind == ErrorKind::server &&
      response.error().message.rfind("HTTP 500 ", 0) == 0)
    return Status::success();
  if (!response) return response.take_error();
  return Status::success();
}

Result<std::optional<int>> AgentIoClient::wait(const ContainerId& id) {
  json call = {{"type", "WAIT_CONTAINER"},
               {"wait_container", {{"container_id", container_json(id)}}}};
  auto response =
      http_.request("POST", path_, call.dump(), {{"Content-Type", kJson}, {"Accept", kJson}});
  if (!response) return response.take_error();
  auto body = json::parse(response->body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Error::make(ErrorKind::server, "POST " + http_.options().base_url + path_ +
                                              " (WAIT_CONTAINER) did not "
                                              "answer with a JSON object");
  auto waited = body.find("wait_container");
  if (waited == body.end() || !waited->is_object()) waited = body.find("wait_nested_container");
  if (waited == body.end() || !waited->is_object()) return std::optional<int>();
  auto status = waited->find("exit_status");
  if (status == waited->end() || !status->is_number_integer()) return std::optional<int>();
  return std::optional<int>(status->get<int>());
}

std::string new_container_id() {
  std::random_device entropy;
  std::mt19937_64 generator((static_cast<uint64_t>(entropy()) << 32) ^
                            static_cast<uint64_t>(entropy()));
  unsigned char bytes[16];
  for (size_t i = 0; i < sizeof bytes; i += 8) {
    uint64_t word = generator();
    for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<unsigned char>(word >> (8 * j));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (size_t i = 0; i < sizeof bytes; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0f];
  }
  return text;
}

int exit_code_from_wait_status(int status) {
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

}  // namespace dcos
