#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# Configures and builds the sanitizer + fuzzing build (clang, ASan + UBSan, libFuzzer targets,
# no desktop app) in $FUZZ_BUILD (default build-san). Extra arguments are build targets
# (default: every fuzz target). docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SKYNET_FUZZ_DEPS=1 ./scripts/install-deps.sh
FUZZ_BUILD=${FUZZ_BUILD:-build-san}
if [ ! -f "$FUZZ_BUILD/build.ninja" ]; then
    CC=clang-14 CXX=clang++-14 cmake -S . -B "$FUZZ_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DSKYNET_BUILD_GUI=OFF -DSKYNET_SANITIZE=ON -DSKYNET_FUZZ=ON -DBUILD_TESTING=ON -DSKYNET_WERROR=ON >/dev/null
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(sed -n 's/^    \(fuzz_[a-z_0-9]*\)$/\1/p' tests/fuzz/CMakeLists.txt)
fi
cmake --build "$FUZZ_BUILD" --target "${targets[@]}"
