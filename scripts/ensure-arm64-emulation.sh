#!/usr/bin/env bash
# Lets this x64 machine run the linux-arm64 (Raspberry Pi) build under qemu-user: Debian's arm64 architecture,
# qemu-user-static and the libraries the .NET runtime needs. Idempotent (with sudo when not root). Used by test.sh.
set -euo pipefail
cd "$(dirname "$0")"

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root (or sudo) to add the arm64 architecture." >&2; exit 1; }
    sudo="sudo"
  fi
  echo "Adding the arm64 architecture to dpkg ..."
  $sudo dpkg --add-architecture arm64
fi
# ensure-packages.sh runs apt-get update before installing anything missing, so the new architecture's lists are read.
./ensure-packages.sh qemu-user-static libc6:arm64 libstdc++6:arm64 libicu72:arm64 libssl3:arm64 zlib1g:arm64
