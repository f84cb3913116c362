#!/usr/bin/env bash
# Large-cluster benchmark of `dcos marathon app list`: the table (three requests: apps,
# deployments, launch queue) and --json (one request), against `dcos-local --scale N` (N apps,
# 3N tasks). Reports hyperfine's median wall time and the peak memory (/usr/bin/time) of dcos.
# Usage: bench/marathon_list.sh [build-dir] [apps] [runs]
set -euo pipefail

build=${1:-build}
apps=${2:-10000}
runs=${3:-10}
bin_dir="$(cd "$build" && pwd)"
for binary in dcos dcos-local; do
  [ -x "$bin_dir/$binary" ] || { echo "bench: $bin_dir/$binary not found; build first" >&2; exit 1; }
done
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing; run ./scripts/setup.sh" >&2; exit 1; }
done

work=$(mktemp -d)
"$bin_dir/dcos-local" -q --port 0 --scale "$apps" --work-dir "$work/cluster" >"$work/url" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
until [ -s "$work/url" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "bench: dcos-local exited" >&2; exit 1; }
  sleep 0.01
done
url=$(head -n 1 "$work/url")
export DCOS_DIR="$work/dcos"
"$bin_dir/dcos" cluster setup "$url" >/dev/null

rows=$("$bin_dir/dcos" marathon app list | wc -l)
echo "dcos marathon app list against dcos-local --scale $apps ($((rows - 1)) apps listed)"
echo
echo "| command | median time | peak memory (dcos) | output |"
echo "| --- | --- | --- | --- |"
for args in "marathon app list" "marathon app list --json"; do
  hyperfine --shell=none --warmup 1 --runs "$runs" --export-json "$work/results.json" \
    --output=pipe "$bin_dir/dcos $args" >/dev/null 2>&1
  median=$(grep -o '"median": [0-9.e-]*' "$work/results.json" | head -n 1 |
    awk '{printf "%.0f ms", $2 * 1000}')
  /usr/bin/time -f '%M' -o "$work/rss" "$bin_dir/dcos" $args >"$work/output"
  rss=$(awk '{printf "%.1f MB", $1 / 1024}' "$work/rss")
  size=$(wc -c <"$work/output" | awk '{printf "%.1f MB", $1 / 1e6}')
  echo "| \`dcos $args\` | $median | $rss | $size |"
done
echo
echo "runs per command: $runs; machine: $(nproc) cores, $(date -u +%Y-%m-%d)"
