#!/usr/bin/env bash
# A short tour: starts dcos-local (the single-machine cluster emulator) with a demo cluster,
# points the dcos binary at it in a throw-away DCOS_DIR, runs the dcos commands that exist
# today, and stops the emulator.   Usage: scripts/demo.sh [build-dir]
set -uo pipefail

build="$(cd "${1:-build}" && pwd)"
dcos="$build/dcos"
work=$(mktemp -d)
export DCOS_DIR="$work/.dcos"
unset DCOS_CLUSTER DCOS_SSL_VERIFY DCOS_TIMEOUT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() {
  step "dcos $*"
  "$dcos" "$@"
  echo "[exit $?]"
}

step "dcos-local --seed demo --deploy-delay 500 &"
"$build/dcos-local" --port 0 --seed demo --deploy-delay 500 --work-dir "$work/cluster" \
  >"$work/url" 2>"$work/requests.log" &
local_pid=$!
trap 'kill "$local_pid" 2>/dev/null; wait "$local_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  [ -s "$work/url" ] && break
  sleep 0.05
done
url=$(head -n 1 "$work/url")
[ -n "$url" ] || { echo "demo: dcos-local did not start" >&2; cat "$work/requests.log" >&2; exit 1; }
echo "dcos-local serves a 3-agent cluster at $url (Marathon, Mesos, IAM, files and logs APIs)"

run --help
run help exit-codes
run config keys

# `dcos cluster setup` comes next (issue 4); until then, write the folder it would write.
cluster="$DCOS_DIR/clusters/local-demo"
mkdir -p "$cluster"
printf '\n[cluster]\n  name = "local"\n\n[core]\n  dcos_url = "%s"\n' "$url" >"$cluster/dcos.toml"
chmod 600 "$cluster/dcos.toml"
step "wrote $cluster/dcos.toml"
cat "$cluster/dcos.toml"

run --version
run -v --version
run config set core.timeout 30
run config show
run config show core.timeout
run config set core.timeout soon
run config validate
run config unset core.ssl_verify
run confg show

step "what dcos-local logged (one line per request)"
cat "$work/requests.log"
step "kill -TERM dcos-local"
kill -TERM "$local_pid"
wait "$local_pid"
echo "[dcos-local exit $?]"
