#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# The sanitizer leg of README command two (scripts/test.sh calls it after the normal suite):
# installs clang-14 and its sanitizer and libFuzzer runtimes, builds everything (desktop app and
# tests included) with ASan + UBSan and libFuzzer coverage into ${SAN_BUILD_DIR:-build-san}, then
# runs every CTest suite under the sanitizers -- the fuzz targets' short runs included (label fuzz)
# -- except packaging, which builds and installs the release .deb. docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SKYNET_SKIP_DEPS:-0}" != "1" ]; then
    SKYNET_FUZZ_DEPS=1 SKYNET_TEST_DEPS=1 ./scripts/install-deps.sh
fi
SAN_BUILD_DIR=${FUZZ_BUILD:-build-san}
# The same folder as scripts/fuzz-build.sh, here with the desktop app and every suite.
CC=clang-14 CXX=clang++-14 cmake -S . -B "$SAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSKYNET_SANITIZE=ON -DSKYNET_FUZZ=ON -DSKYNET_BUILD_GUI=ON -DBUILD_TESTING=ON \
    -DSKYNET_WERROR=ON >/dev/null
cmake --build "$SAN_BUILD_DIR"

. scripts/sanitizer-env.sh

TEST_HOME=$(mktemp -d)
trap 'rm -rf "$TEST_HOME"' EXIT
export SKYNET_TEST_HOME="$TEST_HOME"
export QT_QPA_PLATFORM=offscreen

cd "$SAN_BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" --timeout 900 -LE packaging "$@"
