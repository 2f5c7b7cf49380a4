#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Renders every page of the desktop app offscreen (tests/auto/app/tst_pages.cpp over a real
# in-process gateway with fake providers) and writes them to docs/screenshots/<page>.png.
# Needs a build with the GUI and tests (scripts/test.sh makes one): BUILD_DIR=build by default.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake --build "$BUILD_DIR" --target tst_pages >/dev/null
export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software
export SKYNET_SCREENSHOT_DIR="$PWD/docs/screenshots"
export LANG=C.UTF-8 LANGUAGE=en
"$BUILD_DIR/tests/auto/app/tst_pages" everyPageRenders 2>/dev/null | grep -E "^(PASS|FAIL|Totals)" || true
ls -1 "$SKYNET_SCREENSHOT_DIR"
