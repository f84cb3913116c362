#!/usr/bin/env bash
# Latency of ordinary requests while dcos-local is under load. Each client does R rounds of:
# list apps, show one app, Mesos state, create an app, list its tasks, delete it (the load of
# the "fifty concurrent clients" test in tests/local/server_robustness_test.cpp); even clients
# keep their connection alive, odd ones open a new connection for every request. Measured
# first with one client alone, then with N clients at once: requests, failures (a status other
# than the expected one), and the median, 95th percentile and slowest request time as curl
# reports it. A request stalled on a full listen queue waits a second or more for SYN
# retransmits, so a slowest figure near or above 1 s points there.
# Usage: bench/concurrent_clients.sh [build-dir] [clients] [rounds]
set -euo pipefail

build=${1:-build}
clients=${2:-50}
rounds=${3:-4}
local_bin="$(cd "$build" && pwd)/dcos-local"
[ -x "$local_bin" ] || { echo "bench: $local_bin not found; run 'make build' first" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: curl missing; run ./scripts/setup.sh" >&2; exit 1; }

work=$(mktemp -d)
"$local_bin" -q --host 127.0.0.1 --port 0 --work-dir "$work/cluster" >"$work/url" 2>"$work/log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
until [ -s "$work/url" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "bench: dcos-local exited: $(cat "$work/log")" >&2; exit 1; }
  sleep 0.01
done
url=$(head -n 1 "$work/url")
marathon="$url/service/marathon"

app_json() { printf '{"id":"%s","cmd":"sleep 300","instances":%d,"cpus":0.01,"mem":1}' "$1" "$2"; }

curl -sf -o /dev/null -H 'Content-Type: application/json' -d "$(app_json /load/shared 2)" \
  "$marathon/v2/apps" || { echo "bench: cannot create /load/shared" >&2; exit 1; }

# Adds one transfer to the caller's `args` (bash scope is dynamic): expected status, method,
# URL and an optional JSON body; `close` holds the header that refuses keep-alive, if any.
add() {
  ((${#args[@]} == 0)) || args+=(--next)
  args+=(-s -o /dev/null -w "$1 %{http_code} %{time_total}\n" -X "$2" "${close[@]}")
  [ -z "${4:-}" ] || args+=(-H 'Content-Type: application/json' -d "$4")
  args+=("$3")
}

# One client: one curl per round, whose six transfers share a connection unless the client
# asks for a new one each time. Appends "<expected status> <status> <seconds>" per request.
client() {
  local name=$1 n=$2 out=$3 close=() round own args
  ((n % 2 == 0)) || close=(-H 'Connection: close')
  for ((round = 0; round < rounds; ++round)); do
    # A fresh id each round: the removal of the previous one may still be deploying.
    own="/load/$name-$n-$round"
    args=()
    add 200 GET "$marathon/v2/apps"
    add 200 GET "$marathon/v2/apps/load/shared"
    add 200 GET "$url/mesos/master/state"
    add 201 POST "$marathon/v2/apps" "$(app_json "$own" 1)"
    add 200 GET "$marathon/v2/apps$own/tasks"
    add 200 DELETE "$marathon/v2/apps$own"
    curl "${args[@]}" >>"$out" || true
  done
}

# Runs `count` clients at once and prints one table row.
phase() {
  local count=$1 label=$2 dir="$work/phase-$1" pids=() n start wall failed
  mkdir -p "$dir"
  start=$(date +%s%N)
  for ((n = 0; n < count; ++n)); do
    client "c$count" "$n" "$dir/$n" &
    pids+=($!)
  done
  for n in "${pids[@]}"; do wait "$n"; done
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  cat "$dir"/* >"$dir.all"
  failed=$(awk '$1 != $2' "$dir.all" | wc -l)
  awk '{ printf "%.3f\n", $3 * 1000 }' "$dir.all" | sort -n | awk -v label="$label" \
    -v planned=$((count * rounds * 6)) -v failed="$failed" -v wall="$wall" '
    { times[NR] = $1 }
    END {
      median = NR ? times[int((NR + 1) / 2)] : 0
      p95 = NR ? times[int(NR * 0.95 + 0.999999)] : 0
      printf "| %s | %d of %d | %d | %.1f ms | %.1f ms | %.1f ms | %.2f s |\n", label, NR,
             planned, failed, median, p95, NR ? times[NR] : 0, wall / 1000
    }'
}

echo "| clients at once | requests made | failed | median | 95th percentile | slowest | wall time |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
phase 1 "1 (alone)"
phase "$clients" "$clients"
echo
echo "$rounds rounds of 6 requests per client; machine: $(nproc) cores, $(date -u +%Y-%m-%d)"
