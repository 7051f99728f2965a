#!/usr/bin/env bash
# Installs the Debian 12 packages PortSim builds and tests with. Idempotent: installs only what is
# missing, so running it again is a no-op. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost-dev libboost-graph-dev libboost-random-dev libboost-math-dev
  libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libnlopt-cxx-dev libsqlite3-dev libxgboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin
  libimgui-dev libstb-dev libglfw3-dev libgl-dev
  gnuplot-nox xvfb xauth libgl1-mesa-dri
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
