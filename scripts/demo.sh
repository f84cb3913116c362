#!/usr/bin/env bash
# A short tour: starts dcos-local (the single-machine cluster emulator) with a demo cluster that
# requires logins, points the dcos binary at it in a throw-away DCOS_DIR, runs the dcos commands
# that exist today, and stops the emulator.   Usage: scripts/demo.sh [build-dir]
set -uo pipefail

build="$(cd "${1:-build}" && pwd)"
dcos="$build/dcos"
work=$(mktemp -d)
export DCOS_DIR="$work/.dcos"
unset DCOS_CLUSTER DCOS_SSL_VERIFY DCOS_TIMEOUT DCOS_USERNAME DCOS_PASSWORD \
  DCOS_CLUSTER_SETUP_ACS_TOKEN

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() {
  step "dcos $*"
  "$dcos" "$@"
  echo "[exit $?]"
}

# Four private agents hold a Cassandra ring of three nodes (one per agent) with room to spare;
# --time-scale 0.02 makes the emulated Cassandra boot in seconds instead of minutes.
step "dcos-local --auth --seed demo --agents 4 --time-scale 0.02 &"
"$build/dcos-local" --port 0 --auth --seed demo --agents 4 --time-scale 0.02 --log-requests \
  --work-dir "$work/cluster" \
  >"$work/url" 2>"$work/requests.log" &
local_pid=$!
trap 'kill "$local_pid" 2>/dev/null; wait "$local_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  [ -s "$work/url" ] && break
  sleep 0.05
done
url=$(head -n 1 "$work/url")
[ -n "$url" ] || { echo "demo: dcos-local did not start" >&2; cat "$work/requests.log" >&2; exit 1; }
echo "dcos-local serves a 5-agent cluster at $url (user bootstrapuser, password deleteme)"

run --help
run help exit-codes

# A CI pipeline logs in without prompts: the password comes from a file only its owner reads.
printf 'deleteme\n' >"$work/password"
chmod 600 "$work/password"
run cluster setup "$url" --username bootstrapuser --password-file "$work/password" --name local
run cluster list
run auth list-providers
run marathon ping
run marathon about
run marathon app list
run marathon app show /mesosphere/cd-demo-app
run marathon app show /Demo/Hello

# Deploying: a definition in YAML, --wait until it runs, a change by properties, a diff.
cat >"$work/web.yaml" <<'YAML'
id: /shop/web
cmd: echo "serving on $PORT0"; sleep 3600
instances: 2
cpus: 0.1
mem: 32
labels: {tier: web}
YAML
printf '{"id": "/shop/broken",\n "cmd": "echo cannot read /etc/shop.conf >&2; exit 1",\n "cpus": 0.1,,\n "mem": 16}\n' >"$work/broken.json"
step "cat web.yaml"; cat "$work/web.yaml"
run marathon app add "$work/web.yaml" --wait
run marathon app update /shop/web instances=3 --wait=1m
run marathon app diff /shop/web "$work/web.yaml"
run marathon task list /shop/web
run task list
run node list
run service list
web_task=$("$dcos" task list shop_web -q | head -n 1)
run task log shop_web --lines 1
run task ls "$web_task"
run task exec "$web_task" sh -c 'echo "in $PWD as $(id -un)"; exit 3'
run node log --leader --lines 3
run marathon app restart /shop/web --wait
run marathon group list
run marathon app add "$work/broken.json"
sed -i 's/,,/,/' "$work/broken.json"
run marathon app add "$work/broken.json" --wait=30s
run task log --completed shop_broken stderr --lines 1
run marathon app update /shop/web instances=1 cpus=-1
run marathon app remove /shop/broken --wait
run marathon group remove /shop --wait
# Packages: the talk's Cassandra ring, installed with its options file, then driven through the
# service's own REST API with `dcos cassandra`.
printf '{ "cassandra": { "cluster-name": "dev", "resources": { "cpus": 3.0, "mem": 6144, "disk": 30720 } } }\n' \
  >"$work/options.json"
printf '{ "cassandra": { "cluster-name": "dev", "nodes": 3, "resources": { "cpus": "3" } } }\n' \
  >"$work/bad-options.json"
run package search
run package describe cassandra --package-versions
step "cat options.json"; cat "$work/options.json"
run package install cassandra --options="$work/bad-options.json" --yes
run package install cassandra --options="$work/options.json" --yes --wait=3m
run package list
run cassandra node list
run cassandra health
run cassandra connection
run service list
run package uninstall cassandra --yes
run --version
run config show
run config set core.timeout 30
run config show core.timeout
run config set core.timeout soon
run config validate

run auth logout
run marathon about
step "DCOS_USERNAME=bootstrapuser DCOS_PASSWORD=... dcos auth login"
DCOS_USERNAME=bootstrapuser DCOS_PASSWORD=deleteme "$dcos" auth login
echo "[exit $?]"
run marathon ping
run cluster rename local demo
run cluster list --json
run confg show

step "what dcos-local logged (one line per request)"
cat "$work/requests.log"
step "kill -TERM dcos-local"
kill -TERM "$local_pid"
wait "$local_pid"
echo "[dcos-local exit $?]"
