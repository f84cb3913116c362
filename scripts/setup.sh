#!/usr/bin/env bash
# Installs the Debian 12 packages that build, test and benchmark dcos.
# Packages already present are skipped; apt-get runs only when something is missing.
set -euo pipefail

packages=(
  cmake g++ make pkg-config ccache clang-format
  libcli11-dev libcurl4-openssl-dev nlohmann-json3-dev libfmt-dev
  libyaml-cpp-dev catch2 libtomlplusplus-dev libssl-dev libcpp-httplib-dev
  libkainjow-mustache-dev json-schema-test-suite zlib1g-dev
  hyperfine time curl
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed" >&2
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "setup: missing packages (${missing[*]}) and not root; install them or run as root" >&2
    exit 1
  fi
fi

echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${missing[@]}"
