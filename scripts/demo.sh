#!/usr/bin/env bash
# A short tour of what the dcos binary does today, in a throw-away DCOS_DIR.
# Usage: scripts/demo.sh [build-dir]
set -uo pipefail

dcos="$(cd "${1:-build}" && pwd)/dcos"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DCOS_DIR="$work/.dcos"
unset DCOS_CLUSTER DCOS_SSL_VERIFY DCOS_TIMEOUT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() {
  step "dcos $*"
  "$dcos" "$@"
  echo "[exit $?]"
}

run --version
run --help
run help exit-codes
run config keys
run config show

# Until `dcos cluster setup` exists, write the cluster folder the way setup does.
cluster="$DCOS_DIR/clusters/0b6e1d2c-demo-4c1e-9a57-5f0d5c1e7a11"
mkdir -p "$cluster"
printf '\n[cluster]\n  name = "demo"\n\n[core]\n  dcos_url = "http://127.0.0.1:1"\n' >"$cluster/dcos.toml"
chmod 600 "$cluster/dcos.toml"
step "wrote $cluster/dcos.toml"

run config set core.timeout 30
run config show
run config show core.timeout
run config set core.timeout soon
run config validate
run -v config set core.ssl_verify false
step "cat $cluster/dcos.toml"
cat "$cluster/dcos.toml"
run --version
run confg show
