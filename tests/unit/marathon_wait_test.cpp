// judge_poll() and record_app() on their own: every way a poll of a deployment can end the
// wait, or keep it going, decided from plain values with no transport, clock or Context.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "commands/marathon_wait_verdict.hpp"

using dcos::AppWatch;
using dcos::ErrorKind;
using dcos::MarathonApp;
using dcos::MarathonDeployment;
using dcos::WaitBudget;
using dcos::WaitOutcome;
using dcos::WaitTrack;
using std::chrono::milliseconds;

namespace {

MarathonDeployment deployment(const std::string& id, std::vector<std::string> apps,
                              std::vector<std::string> pods = {}) {
  MarathonDeployment d;
  d.id = id;
  d.affected_apps = std::move(apps);
  d.affected_pods = std::move(pods);
  d.current_step = 1;
  d.total_steps = 2;
  return d;
}

AppWatch watch(long long running, long long wanted, int failures = 0) {
  AppWatch w;
  w.seen = true;
  w.running = running;
  w.wanted = wanted;
  for (int i = 0; i < failures; ++i) w.failed_tasks.insert("t" + std::to_string(i));
  if (failures > 0) w.last_failure = "exit 1";
  if (failures > 0) w.last_failed_task = "t" + std::to_string(failures - 1);
  return w;
}

WaitTrack track_of(std::map<std::string, AppWatch> apps) {
  WaitTrack track;
  track.id = "d1";
  track.apps = std::move(apps);
  return track;
}

WaitBudget budget(long long elapsed_ms, std::optional<long long> limit_ms = std::nullopt) {
  WaitBudget b;
  b.elapsed = milliseconds(elapsed_ms);
  if (limit_ms) b.limit = milliseconds(*limit_ms);
  return b;
}

MarathonApp app(long long running, long long instances, const std::string& version,
                const nlohmann::json& failure = nullptr) {
  MarathonApp a;
  a.id = "/web";
  a.tasks_running = running;
  a.instances = instances;
  a.version = version;
  a.raw = nlohmann::json::object();
  if (!failure.is_null())
    a.last_task_failure = {failure.value("taskId", ""), failure.value("version", ""),
                           failure.value("message", "")};
  return a;
}

}  // namespace

TEST_CASE("a deployment gone from the list, its apps all running, is done") {
  auto track = track_of({{"/web", watch(2, 2)}});
  auto verdict = dcos::judge_poll(track, {}, budget(1500));
  CHECK(verdict.outcome == WaitOutcome::done);
  CHECK(verdict.status.ok());
  CHECK(verdict.progress.empty());
}

TEST_CASE("a removed app does not count as short of tasks") {
  AppWatch gone = watch(0, 2, 1);
  gone.gone = true;
  auto verdict = dcos::judge_poll(track_of({{"/web", gone}}), {}, budget(0));
  CHECK(verdict.outcome == WaitOutcome::done);
}

TEST_CASE("tasks that keep failing while the deployment runs fail the wait") {
  auto track = track_of({{"/web", watch(0, 2, dcos::kFailuresToGiveUp)}});
  auto verdict = dcos::judge_poll(track, {deployment("d1", {"/web"})}, budget(800));
  CHECK(verdict.outcome == WaitOutcome::failed);
  CHECK(verdict.progress.empty());
  REQUIRE(!verdict.status.ok());
  CHECK(verdict.status.error().kind == ErrorKind::generic);
  CHECK(verdict.status.error().message ==
        "deployment d1: /web runs 0 of 2 tasks; 3 failed, the last (t2) with: exit 1");
  CHECK(verdict.status.error().hint ==
        "read its stderr with 'dcos task log --completed t2 stderr'; the deployment goes on in "
        "the cluster: roll it back with 'dcos marathon deployment rollback d1'");
}

TEST_CASE("fewer failures than the limit keep the wait going") {
  auto track = track_of({{"/web", watch(1, 2, dcos::kFailuresToGiveUp - 1)}});
  auto verdict = dcos::judge_poll(track, {deployment("d1", {"/web"})}, budget(300));
  CHECK(verdict.outcome == WaitOutcome::going);
  CHECK(verdict.progress == "deployment d1: step 1/2; /web 1/2 running, 2 failed [0.3s]");
}

TEST_CASE("a deployment that ended short of tasks after failures fails the wait") {
  AppWatch checked = watch(2, 2, 1);
  checked.checks = true;
  checked.healthy = 1;
  auto verdict = dcos::judge_poll(track_of({{"/web", checked}}), {}, budget(0));
  CHECK(verdict.outcome == WaitOutcome::failed);
  REQUIRE(!verdict.status.ok());
  CHECK(verdict.status.error().message ==
        "deployment d1 ended, but /web runs 1 of 2 healthy tasks; 1 failed, the last (t0) with: "
        "exit 1");
  CHECK(verdict.status.error().hint ==
        "read its stderr with 'dcos task log --completed t0 stderr'");
}

TEST_CASE("short of tasks without any failure is still done") {
  auto verdict = dcos::judge_poll(track_of({{"/web", watch(1, 2)}}), {}, budget(0));
  CHECK(verdict.outcome == WaitOutcome::done);
}

TEST_CASE("a new deployment touching our app or pod means ours was replaced") {
  SECTION("an app") {
    auto track = track_of({{"/web", watch(1, 2)}});
    auto verdict = dcos::judge_poll(track, {deployment("d2", {"/web"})}, budget(0));
    CHECK(verdict.outcome == WaitOutcome::replaced);
    REQUIRE(!verdict.status.ok());
    CHECK(verdict.status.error().message ==
          "deployment d1 was cancelled; deployment d2 (a rollback or a forced change) now "
          "changes /web");
  }
  SECTION("a pod") {
    auto track = track_of({});
    track.pods.insert("/db");
    auto verdict = dcos::judge_poll(track, {deployment("d2", {}, {"/db"})}, budget(0));
    CHECK(verdict.outcome == WaitOutcome::replaced);
    REQUIRE(!verdict.status.ok());
    CHECK(verdict.status.error().message ==
          "deployment d1 was cancelled; deployment d2 (a rollback or a forced change) now "
          "changes /db");
  }
  SECTION("not by one that was running when the wait began, nor one elsewhere") {
    auto track = track_of({{"/web", watch(2, 2)}});
    track.others_at_start.insert("d0");
    auto verdict = dcos::judge_poll(
        track, {deployment("d0", {"/web"}), deployment("d3", {"/other"})}, budget(0));
    CHECK(verdict.outcome == WaitOutcome::done);
  }
}

TEST_CASE("time or polls running out leave the deployment still running, after its progress") {
  auto track = track_of({{"/web", watch(1, 2)}});
  const std::vector<MarathonDeployment> listed{deployment("d1", {"/web"})};
  SECTION("the limit") {
    auto verdict = dcos::judge_poll(track, listed, budget(90'000, 90'000));
    CHECK(verdict.outcome == WaitOutcome::still_running);
    CHECK(verdict.progress == "deployment d1: step 1/2; /web 1/2 running [90.0s]");
    REQUIRE(!verdict.status.ok());
    CHECK(verdict.status.error().kind == ErrorKind::still_running);
    CHECK(verdict.status.error().message ==
          "deployment d1 is still running after 90.0s; it goes on in the cluster");
    CHECK(verdict.status.error().hint ==
          "follow it with 'dcos marathon deployment watch d1', or roll it back with 'dcos "
          "marathon deployment rollback d1'");
  }
  SECTION("the last poll") {
    WaitBudget last = budget(1200);
    last.last_poll = true;
    auto verdict = dcos::judge_poll(track, listed, last);
    CHECK(verdict.outcome == WaitOutcome::still_running);
    REQUIRE(!verdict.status.ok());
    CHECK(verdict.status.error().message ==
          "deployment d1 is still running after 1.2s; it goes on in the cluster");
  }
  SECTION("before the limit it goes on") {
    auto verdict = dcos::judge_poll(track, listed, budget(89'999, 90'000));
    CHECK(verdict.outcome == WaitOutcome::going);
    CHECK(verdict.status.ok());
  }
}

TEST_CASE("the progress text names the step, the actions and every app seen") {
  MarathonDeployment ours = deployment("0123456789abcdef", {"/web", "/api", "/old"});
  ours.current_actions = {{"ScaleApplication", "/web", ""}, {"StartPod", "", "/db"}};
  AppWatch healthy = watch(3, 3);
  healthy.checks = true;
  healthy.healthy = 2;
  AppWatch unseen;
  AppWatch gone = watch(0, 0);
  gone.gone = true;
  WaitTrack track = track_of({{"/web", healthy}, {"/api", unseen}, {"/old", gone}});
  track.id = ours.id;
  auto verdict = dcos::judge_poll(track, {ours}, budget(2500, 60'000));
  CHECK(verdict.outcome == WaitOutcome::going);
  CHECK(verdict.progress ==
        "deployment 01234567: step 1/2 (ScaleApplication /web, StartPod /db); /web 3/3 "
        "running, 2 healthy [2.5s]");
}

TEST_CASE("record_app counts only new failures of the app's current version") {
  AppWatch w;
  const nlohmann::json old = {{"taskId", "old"}, {"version", "v1"}, {"message", "old news"}};
  MarathonApp first = app(0, 2, "v2", old);
  dcos::record_app(w, &first);
  CHECK(w.seen);
  CHECK(w.baseline_failure == "old");
  CHECK(w.failed_tasks.empty());
  CHECK(w.wanted == 2);

  // The same failure again, and one of the previous version, are not new.
  MarathonApp stale = app(0, 2, "v2", {{"taskId", "t0"}, {"version", "v1"}});
  dcos::record_app(w, &stale);
  CHECK(w.failed_tasks.empty());

  MarathonApp failing = app(1, 2, "v2", {{"taskId", "t1"}, {"version", "v2"}});
  dcos::record_app(w, &failing);
  CHECK(w.failed_tasks.size() == 1);
  CHECK(w.last_failure == "the task failed");  // no message given
  CHECK(w.running == 1);

  dcos::record_app(w, nullptr);
  CHECK(w.gone);
}
