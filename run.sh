#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then runs
# the demo tour, the test suite or the benchmarks.   Usage: ./run.sh demo|test|build|bench
set -euo pipefail
cd "$(dirname "$0")"

task=${1:-}
case "$task" in
  demo | test | build | bench) ;;
  *)
    echo "usage: ./run.sh demo|test|build|bench" >&2
    exit 2
    ;;
esac

./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDCOS_WERROR=ON
# The demo, the benchmarks and a plain build need only the two binaries; the tests need all.
case "$task" in
  test) cmake --build build -j"${JOBS:-2}" ;;
  *) cmake --build build -j"${JOBS:-2}" --target dcos dcos-local ;;
esac

case "$task" in
  demo) ./scripts/demo.sh build ;;
  test) cd build && ctest --output-on-failure -j"${JOBS:-2}" ;;
  bench) ./bench/startup.sh build && ./bench/marathon_list.sh build ;;
  build) ;;
esac
