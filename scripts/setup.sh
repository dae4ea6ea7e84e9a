#!/usr/bin/env bash
# Installs what f3kit needs from Debian, skipping what is already there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git procps
  gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi
  openocd gdb-multiarch
  libelf-dev libcmocka-dev libcapstone-dev
  libunicorn-dev
  clang libclang-rt-14-dev python3 tmux
  qemu-system-arm
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
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: need root to install packages: run as root, or install them yourself" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "setup: done"
