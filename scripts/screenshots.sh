#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Renders the desktop app offscreen (software scene graph, 1024x680, light palette unless the test
# switches it) through the GUI test suites, over real in-process gateways with fake providers and
# channels, and writes the pictures to docs/screenshots/:
#   tst_pages          every page (dashboard.png, ..., logs.png), a conversation (chat.png), German settings
#   tst_setupwizard    each step of the first-run wizard (wizard-*.png), a download under way
#   tst_providerscontroller   the Providers & Models page (providers*.png)
#   tst_channelspage / tst_userscontroller   Channels with a pairing request, Users
#   tst_desktopintegration   the dark palette (dashboard-dark.png)
# Needs a build with the GUI and tests (scripts/test.sh makes one): BUILD_DIR=build by default.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
out="$PWD/docs/screenshots"
mkdir -p "$out"
cmake --build "$BUILD_DIR" >/dev/null
export QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software LANG=C.UTF-8 LANGUAGE=en
export SKYNET_SCREENSHOT_DIR="$out" SKYNET_UPDATE_SCREENSHOTS=1 SKYNET_SOURCE_DIR="$PWD"
run() { # test binary, functions...
    local bin
    bin=$(find "$BUILD_DIR/tests/auto/app" -type f -name "$1" -perm -u+x | head -n1)
    [[ -n $bin ]] || { echo "screenshots: $1 is not built" >&2; return 1; }
    shift
    "$bin" "$@" 2>/dev/null | grep -E "^(FAIL|Totals)" || true
}
run tst_pages everyPageRenders chatConversation germanSettings
run tst_setupwizard walkThroughInTheWindow
run tst_providerscontroller
run tst_channelspage
run tst_userscontroller
run tst_desktopintegration colorSchemeSwitchesTheme
ls -1 "$out"
