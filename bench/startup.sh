#!/usr/bin/env bash
# Start-up benchmark: median wall time (hyperfine) and peak resident memory (/usr/bin/time) of
# `dcos --version` with no cluster configured and of `dcos --help`, beside /bin/true on the
# same machine. Usage: bench/startup.sh [build-dir] [runs]
set -euo pipefail

build=${1:-build}
runs=${2:-200}
dcos="$(cd "$build" && pwd)/dcos"
[ -x "$dcos" ] || { echo "bench: $dcos not found; run 'make build' first" >&2; exit 1; }
for tool in hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing; run ./scripts/setup.sh" >&2; exit 1; }
done

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" DCOS_DIR="$home/.dcos"   # no cluster: --version must not touch the network

results=$(mktemp)
hyperfine --shell=none --warmup 20 --runs "$runs" --export-json "$results" \
  -n "dcos --version" "$dcos --version" \
  -n "dcos --help" "$dcos --help" \
  -n "/bin/true" "/bin/true" >&2

peak_kib() {
  local best=0 kib
  for _ in 1 2 3 4 5; do
    kib=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
    [ "$kib" -gt "$best" ] && best=$kib
  done
  echo "$best"
}

echo "| command | median wall time | peak RSS |"
echo "| --- | --- | --- |"
i=0
for name in "dcos --version" "dcos --help" "/bin/true"; do
  median=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][$i]; print(f\"{r['median']*1000:.2f} ms\")" "$results" 2>/dev/null ||
           grep -o '"median": [0-9.e-]*' "$results" | sed -n "$((i + 1))p" | awk '{printf "%.2f ms", $2 * 1000}')
  case "$name" in
    "dcos --version") kib=$(peak_kib "$dcos" --version) ;;
    "dcos --help") kib=$(peak_kib "$dcos" --help) ;;
    *) kib=$(peak_kib /bin/true) ;;
  esac
  echo "| \`$name\` | $median | $(awk -v k="$kib" 'BEGIN { printf "%.1f MB", k / 1024 }') |"
  i=$((i + 1))
done
echo
echo "runs per command: $runs; machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
rm -f "$results"
