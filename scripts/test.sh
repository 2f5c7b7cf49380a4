#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README command two: installs what is needed, builds with warnings as errors, and runs every
# test suite with CTest (in parallel). Then the sanitizer leg: scripts/sanitize-test.sh builds
# everything again with clang, ASan + UBSan and libFuzzer coverage into build-san and runs every
# suite under the sanitizers, the fuzz targets' short runs included (docs/reliability.md).
# SKYNET_SANITIZE_TESTS=0 replaces that leg by the fuzz runs alone (scripts/fuzz-build.sh);
# SKYNET_SKIP_FUZZ=1 as well skips both. Extra arguments go to the ctest runs. The last line
# printed is CTest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

export BUILD_DIR=${BUILD_DIR:-build}
export SKYNET_TEST_DEPS=1
./scripts/build.sh -DSKYNET_WERROR=ON -DBUILD_TESTING=ON -DSKYNET_BUILD_GUI=ON
# Every QML file must pass qmllint (warnings fail the build target).
cmake --build "$BUILD_DIR" --target all_qmllint

# Tests must not touch the invoking user's real home or keyring.
TEST_HOME=$(mktemp -d)
trap 'rm -rf "$TEST_HOME"' EXIT
export SKYNET_TEST_HOME="$TEST_HOME"
export QT_QPA_PLATFORM=offscreen

(cd "$BUILD_DIR" && ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@")

if [ "${SKYNET_SANITIZE_TESTS:-1}" = "1" ]; then
    ./scripts/sanitize-test.sh "$@"
elif [ "${SKYNET_SKIP_FUZZ:-0}" != "1" ]; then
    ./scripts/fuzz-build.sh
    (. scripts/sanitizer-env.sh && cd "${FUZZ_BUILD:-build-san}" && ctest --output-on-failure -j"$(nproc)" -L fuzz)
fi
