#!/usr/bin/env bash
# Large-cluster benchmark of the Mesos lists: `dcos task list` (table, --json, --all -q),
# `dcos node list` and `dcos service list` (table and --json) against `dcos-local --scale N`
# (N apps, 3N running tasks, one agent per 50 apps), then again with `--history M` completed
# tasks as well. For each command: hyperfine's median wall time, the peak memory of dcos
# (/usr/bin/time) and the size of its output; beside it, as the anchor, `curl -s` of the
# largest endpoint the command reads (median and peak memory) and the ratio of the two times.
# With a baseline dcos binary (an older build), its median and peak memory are added.
# Usage: bench/mesos_lists.sh [build-dir] [apps] [history] [runs] [baseline-dcos]
set -euo pipefail

build=${1:-build}
apps=${2:-10000}
history=${3:-90000}
runs=${4:-5}
baseline=${5:-}
bin_dir="$(cd "$build" && pwd)"
for binary in dcos dcos-local; do
  [ -x "$bin_dir/$binary" ] || { echo "bench: $bin_dir/$binary not found; build first" >&2; exit 1; }
done
[ -z "$baseline" ] || [ -x "$baseline" ] || { echo "bench: $baseline is not executable" >&2; exit 1; }
for tool in hyperfine /usr/bin/time curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing; run ./scripts/setup.sh" >&2; exit 1; }
done

work=$(mktemp -d)
pid=
stop_cluster() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=
}
trap 'stop_cluster; rm -rf "$work"' EXIT

# The command lines, each with the endpoint whose curl is its anchor.
commands=("task list" "task list --json" "task list --all -q" "node list" "node list --json"
          "service list" "service list --json")
anchor_of() {
  case "$1" in
    task*) echo /mesos/master/state ;;
    node*) echo /mesos/master/state-summary ;;
    service*) echo /mesos/master/frameworks ;;
  esac
}

median_ms() {  # hyperfine's median of a command line, in ms
  hyperfine --shell=none --warmup 1 --runs "$runs" --export-json "$work/results.json" \
    --output=pipe "$1" >/dev/null 2>&1
  grep -o '"median": [0-9.e-]*' "$work/results.json" | head -n 1 | awk '{printf "%.0f", $2 * 1000}'
}

peak_mb() {  # peak resident memory of one run, in MB; stdout to $work/output
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/output"
  awk '{printf "%.1f", $1 / 1024}' "$work/rss"
}

run_size() {
  local label=$1
  shift
  rm -rf "$work/cluster" "$work/dcos" "$work/url"
  "$bin_dir/dcos-local" -q --port 0 "$@" --work-dir "$work/cluster" >"$work/url" &
  pid=$!
  until [ -s "$work/url" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "bench: dcos-local exited" >&2; exit 1; }
    sleep 0.01
  done
  local url
  url=$(head -n 1 "$work/url")
  export DCOS_DIR="$work/dcos"
  "$bin_dir/dcos" cluster setup "$url" >/dev/null
  curl -s -o /dev/null "$url/mesos/master/state"  # the first answer builds dcos-local's caches

  local size tasks
  size=$(curl -s -o /dev/null -w '%{size_download}' "$url/mesos/master/state")
  tasks=$("$bin_dir/dcos" task list --all -q | wc -l)
  echo "### dcos-local $label: $tasks tasks, /mesos/master/state $(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
  echo
  local header="| command | median | peak RSS | output | anchor | curl median | curl peak RSS | time / curl |"
  local rule="| --- | --- | --- | --- | --- | --- | --- | --- |"
  if [ -n "$baseline" ]; then
    header="$header baseline median | baseline peak RSS |"
    rule="$rule --- | --- |"
  fi
  echo "$header"
  echo "$rule"
  declare -A curl_ms curl_mb
  local args path ms mb out row over=""
  for args in "${commands[@]}"; do
    path=$(anchor_of "$args")
    if [ -z "${curl_ms[$path]:-}" ]; then
      curl_ms[$path]=$(median_ms "curl -s -o /dev/null $url$path")
      curl_mb[$path]=$(peak_mb curl -s -o /dev/null "$url$path")
    fi
    # shellcheck disable=SC2086  # the command line is split into words on purpose
    ms=$(median_ms "$bin_dir/dcos $args")
    # shellcheck disable=SC2086
    mb=$(peak_mb "$bin_dir/dcos" $args)
    out=$(wc -c <"$work/output" | awk '{ if ($1 < 1e5) printf "%.1f kB", $1 / 1e3; else printf "%.1f MB", $1 / 1e6 }')
    row="| \`dcos $args\` | $ms ms | $mb MB | $out | \`$path\` | ${curl_ms[$path]} ms | ${curl_mb[$path]} MB | $(awk -v a="$ms" -v b="${curl_ms[$path]}" 'BEGIN { printf "%.2f×", a / b }') |"
    if [ -n "$baseline" ]; then
      # shellcheck disable=SC2086
      row="$row $(median_ms "$baseline $args") ms | $(peak_mb "$baseline" $args) MB |"
    fi
    echo "$row"
    awk -v m="$mb" 'BEGIN { exit !(m >= 30) }' && over="$over \`dcos $args\`"
  done
  echo
  if [ -n "$over" ]; then echo "over 30 MB:$over"; else echo "every command stayed under 30 MB"; fi
  echo
  stop_cluster
}

run_size "--scale $apps" --scale "$apps"
run_size "--scale $apps --history $history" --scale "$apps" --history "$history"
echo "runs per command: $runs; machine: $(nproc) cores, $(date -u +%Y-%m-%d)"
