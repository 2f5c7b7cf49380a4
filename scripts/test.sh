#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README command two: installs what is needed, builds with warnings as errors, and runs every
# test suite with CTest (in parallel); then the short fuzz runs: every libFuzzer target over its
# seeds plus generated inputs, under ASan + UBSan (scripts/fuzz-build.sh builds the gateway and the
# targets with clang into build-san; SKYNET_SKIP_FUZZ=1 skips them). With SKYNET_SANITIZE_TESTS=1
# it also runs every suite under ASan + UBSan (scripts/sanitize-test.sh; not yet on by default:
# docs/reliability.md). Extra arguments go to the ctest runs of the suites. The last line printed
# is CTest's summary.
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

if [ "${SKYNET_SKIP_FUZZ:-0}" != "1" ]; then
    ./scripts/fuzz-build.sh
    (. scripts/sanitizer-env.sh && cd "${FUZZ_BUILD:-build-san}" && ctest --output-on-failure -j"$(nproc)" -L fuzz)
fi

if [ "${SKYNET_SANITIZE_TESTS:-0}" = "1" ]; then
    ./scripts/sanitize-test.sh "$@"
fi
