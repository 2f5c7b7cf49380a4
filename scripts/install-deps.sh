#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every Debian 12 package Skynet needs to build, run and test. Idempotent; run as root
# (or with sudo available). Packages already present are skipped quickly.
set -euo pipefail

PKGS=(
  cmake ninja-build ccache g++ pkg-config
  qt6-base-dev libqt6sql6-sqlite qt6-websockets-dev
  qt6-declarative-dev qt6-declarative-dev-tools
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
  qml6-module-qtquick-dialogs qml6-module-qttest qml6-module-qt-labs-platform
  qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
  qtkeychain-qt6-dev libsecret-1-0 libtomlplusplus-dev libssl-dev libxkbcommon-dev
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core dbus dbus-daemon gnome-keyring
  dpkg-dev fakeroot file curl ca-certificates python3
  bubblewrap
  desktop-file-utils appstream
)
# Test-only: the web chat page is tested in headless Chromium (scripts/test.sh sets this).
if [ "${SKYNET_TEST_DEPS:-0}" = "1" ]; then PKGS+=(chromium); fi
# The sanitizer and fuzzing build (scripts/fuzz-build.sh): clang with libFuzzer and the sanitizer runtimes.
if [ "${SKYNET_FUZZ_DEPS:-0}" = "1" ]; then PKGS+=(clang-14 libclang-rt-14-dev llvm-14); fi
# Node.js: the machine image ships a Node 20 with npm; Debian's own is used only where none is present.
if ! command -v npm >/dev/null 2>&1; then PKGS+=(nodejs npm); fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
