#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages (unless SKYNET_SKIP_DEPS=1), configures with CMake + Ninja (ccache
# when present) and builds everything into ${BUILD_DIR:-build}.
# Extra CMake arguments may follow, e.g. scripts/build.sh -DSKYNET_SANITIZE=ON
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKYNET_SKIP_DEPS:-0}" != "1" ]; then
  ./scripts/install-deps.sh
fi

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
if [ ! -f "$BUILD_DIR/build.ninja" ] || [ $# -gt 0 ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" "$@" >/dev/null
fi
# Two cores: ninja's default parallelism fits.
cmake --build "$BUILD_DIR"
