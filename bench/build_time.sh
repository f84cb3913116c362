#!/usr/bin/env bash
# Cold-build benchmark: for each git revision given (default: HEAD), checks it out into a
# temporary work tree, configures a fresh Release build and times, with ccache disabled,
#   1. the two binaries (`--target dcos dcos-local`, what `./run.sh demo` builds), then
#   2. everything else (the test programs), so that 1 + 2 is a cold build of all.
# Revisions are built one after the other in one run, so their figures compare.
# Usage: bench/build_time.sh [jobs] [rev...]     e.g. bench/build_time.sh 2 f6b585d HEAD
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${1:-2}
shift || true
revs=("$@")
[ ${#revs[@]} -gt 0 ] || revs=(HEAD)

work=$(mktemp -d)
cleanup() {
  for dir in "$work"/tree-*; do
    [ -d "$dir" ] && git worktree remove --force "$dir" >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT

seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -n 1; }

echo "| revision | dcos + dcos-local | the rest (tests) | all |"
echo "| --- | --- | --- | --- |"
for rev in "${revs[@]}"; do
  name=$(git rev-parse --short "$rev")
  tree="$work/tree-$name"
  git worktree add --detach "$tree" "$rev" >/dev/null 2>&1
  # ../shared is looked up next to the tree; the tests need not find it to be built.
  export CCACHE_DISABLE=1
  cmake -S "$tree" -B "$tree/build" -DCMAKE_BUILD_TYPE=Release -DDCOS_WERROR=ON >/dev/null
  binaries=$(seconds cmake --build "$tree/build" -j"$jobs" --target dcos dcos-local)
  rest=$(seconds cmake --build "$tree/build" -j"$jobs")
  all=$(echo "$binaries + $rest" | bc)
  echo "| $name | ${binaries} s | ${rest} s | ${all} s |"
done
