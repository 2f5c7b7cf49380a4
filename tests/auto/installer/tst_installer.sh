#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 The Skynet developers
# tst_installer: builds the DEB and the TGZ with cpack from the build tree and checks them:
#  - the .deb's control fields (name, version, architecture, Depends: the Qt libraries found by
#    dpkg-shlibdeps, the SQLite driver, libsecret, and the Debian package of every QML module the
#    UI imports, found independently with qmlimportscanner and dpkg -S);
#  - the .deb's file list (binaries, desktop file, icon, metainfo, systemd user unit, config
#    template, copyright) and that nothing else slipped in (headers, static libraries, tests);
#  - the desktop file (desktop-file-validate), the metainfo (appstreamcli validate), the icon
#    (well-formed SVG), the unit (ExecStart, Restart, systemd-analyze verify when it can run);
#  - the package unpacked into a throwaway root (dpkg -x): skynet-gateway --version and --help,
#    skynet-gateway and skynet (offscreen) started on a free port with a throwaway home answer
#    /health;
#  - the TGZ's layout, and `cmake --install` into a DESTDIR (the unit names that prefix).
# Environment (set by CMake): SKYNET_BINARY_DIR SKYNET_SOURCE_DIR SKYNET_VERSION SKYNET_APP_ID
# SKYNET_BUILD_GUI CPACK_COMMAND CMAKE_COMMAND QMLIMPORTSCANNER.
set -uo pipefail

: "${SKYNET_BINARY_DIR:?}" "${SKYNET_SOURCE_DIR:?}" "${SKYNET_VERSION:?}" "${SKYNET_APP_ID:?}"
CPACK_COMMAND=${CPACK_COMMAND:-cpack}
CMAKE_COMMAND=${CMAKE_COMMAND:-cmake}
SKYNET_BUILD_GUI=${SKYNET_BUILD_GUI:-ON}

failures=0
checks=0
pass() { checks=$((checks + 1)); echo "PASS   : $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL!  : $*"; }
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
die() { echo "FAIL!  : $*"; echo "Totals: $checks checks, $((failures + 1)) failed"; exit 1; }
has_line() { grep -qxF -- "$2" <<<"$1"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tst_installer.XXXXXX")
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

start=$(date +%s)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
arch=$(dpkg --print-architecture)
if [ "$SKYNET_BUILD_GUI" = "ON" ]; then pkgname=skynet; else pkgname=skynet-gateway; fi

# ---------------------------------------------------------------------------------------------
# Build the packages into the throwaway directory.
# ---------------------------------------------------------------------------------------------
if ! "$CPACK_COMMAND" --config "$SKYNET_BINARY_DIR/CPackConfig.cmake" -G "DEB;TGZ" -B "$work/out" \
        >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log"
    die "cpack -G DEB;TGZ failed"
fi
deb="$work/out/${pkgname}_${SKYNET_VERSION}-1_${arch}.deb"
tgz="$work/out/${pkgname}-${SKYNET_VERSION}-Linux.tar.gz"
[ -f "$deb" ] || { ls -l "$work/out"; die "no $deb"; }
[ -f "$tgz" ] || { ls -l "$work/out"; die "no $tgz"; }
pass "cpack built $(basename "$deb") and $(basename "$tgz") in $(($(date +%s) - start)) s"

# ---------------------------------------------------------------------------------------------
# Control fields.
# ---------------------------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: $pkgname" [ "$(field Package)" = "$pkgname" ]
check "Version: ${SKYNET_VERSION}-1" [ "$(field Version)" = "${SKYNET_VERSION}-1" ]
check "Architecture: $arch" [ "$(field Architecture)" = "$arch" ]
check "Section: net" [ "$(field Section)" = "net" ]
check "Maintainer set" grep -q '@' <<<"$(field Maintainer)"
check "Homepage set" grep -q '^https://' <<<"$(field Homepage)"
check "Description has a long part" [ "$(field Description | wc -l)" -ge 2 ]

depends=$(field Depends)
recommends=$(field Recommends)
echo "Depends: $depends"
echo "Recommends: $recommends"
# One package name per line, without version constraints; alternatives split too.
dep_names=$(tr ',|' '\n\n' <<<"$depends" | sed -e 's/(.*)//' -e 's/[[:space:]]//g' | sed '/^$/d')
needs() { # needs PACKAGE WHY
    if has_line "$dep_names" "$1"; then pass "Depends: $1 ($2)"; else fail "Depends lacks $1 ($2)"; fi
}
needs libc6 "dpkg-shlibdeps"
needs libqt6core6 "dpkg-shlibdeps"
needs libqt6network6 "dpkg-shlibdeps"
needs libqt6websockets6 "dpkg-shlibdeps"
needs libqt6sql6 "dpkg-shlibdeps"
needs libqt6sql6-sqlite "the SQLite driver plugin"
needs libsecret-1-0 "QtKeychain loads it at run time"
check "Recommends a Secret Service (gnome-keyring)" grep -q 'gnome-keyring' <<<"$recommends"
if [ "$SKYNET_BUILD_GUI" = "ON" ]; then
    # libQt6Quick is not NEEDED by skynet (linked --as-needed, used through QML); the QML module
    # packages below bring it in.
    needs libqt6gui6 "dpkg-shlibdeps"
    needs libqt6qml6 "dpkg-shlibdeps"
    needs libqt6svg6 "the SVG icon"
    # Every QML module the UI imports, directly or through another module, that is installed here
    # as a Debian package: its package must be a dependency. Styles the app does not use
    # (Material, Imagine, ...) live in the same package as QtQuick.Controls.
    qmldir_root="/usr/lib/$multiarch/qt6/qml"
    if [ -x "${QMLIMPORTSCANNER:-}" ]; then
        modules=$("$QMLIMPORTSCANNER" -rootPath "$SKYNET_SOURCE_DIR/qml" -importPath "$qmldir_root" 2>/dev/null |
            sed -n 's/^ *"path": "\(.*\)",$/\1/p' | sort -u)
        [ -n "$modules" ] || fail "qmlimportscanner found no QML imports in qml/"
        qml_pkgs=$(for m in $modules; do
            [ -f "$m/qmldir" ] && dpkg -S "$m/qmldir" 2>/dev/null | cut -d: -f1
        done | sort -u)
        for p in $qml_pkgs; do needs "$p" "QML import"; done
        [ -n "$qml_pkgs" ] && pass "QML imports map to: $(echo $qml_pkgs)"
    else
        fail "qmlimportscanner not found (QMLIMPORTSCANNER=${QMLIMPORTSCANNER:-})"
    fi
    # Imported by name in qml/ without being resolved through the scanner's qmldir walk.
    needs qml6-module-qtquick-templates "qml/components import QtQuick.Templates"
    needs qml6-module-qtqml-workerscript "QtQuick imports QtQml, which imports QtQml.WorkerScript"
fi

# apt resolves every dependency of the package on this system (no typo in a package name, no
# package Debian 12 does not have); a simulation, nothing is installed.
if out=$(apt-get install -s --no-install-recommends "$deb" 2>&1) && grep -q "^Inst $pkgname " <<<"$out"; then
    pass "apt-get install -s resolves all dependencies"
else
    fail "apt-get install -s: $(grep -E '^E:|Depends:' <<<"$out" | head -5)"
fi

# ---------------------------------------------------------------------------------------------
# File list.
# ---------------------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
files=$(awk '{print $6}' <<<"$contents")
expect_file() {
    if has_line "$files" "./$1"; then pass "deb contains /$1"; else fail "deb lacks /$1"; fi
}
expect_file usr/bin/skynet-gateway
expect_file usr/lib/systemd/user/skynet-gateway.service
expect_file usr/share/skynet/default.toml
expect_file "usr/share/doc/$pkgname/copyright"
if [ "${SKYNET_EXPECT_KEYCHAIN_MODULE:-OFF}" = "ON" ]; then
    # Where gateway/secrets/storeselect.cpp looks for it: ../lib/skynet from bin/.
    expect_file usr/lib/skynet/skynet-keychain.so
    needs libqt6keychain1 "the keychain module links QtKeychain"
fi
if [ "$SKYNET_BUILD_GUI" = "ON" ]; then
    expect_file usr/bin/skynet
    expect_file "usr/share/applications/$SKYNET_APP_ID.desktop"
    expect_file "usr/share/icons/hicolor/scalable/apps/$SKYNET_APP_ID.svg"
    expect_file "usr/share/metainfo/$SKYNET_APP_ID.metainfo.xml"
fi
unexpected=$(grep -vE '^\./($|usr/?$|usr/bin/?|usr/lib/?$|usr/lib/skynet/?|usr/lib/systemd/?$|usr/lib/systemd/user/?|usr/share/?$|usr/share/(applications|icons|metainfo|skynet|doc)(/|$))' <<<"$files")
check "no files outside the expected directories${unexpected:+: $unexpected}" [ -z "$unexpected" ]
check "no headers, static libraries or test binaries" \
    bash -c '! grep -qE "\.(h|a|cmake)$|/include/|tst_" <<<"$1"' _ "$files"
check "binaries are mode 0755 and owned by root" \
    bash -c '[ "$(grep -cE "^-rwxr-xr-x root/root .* \./usr/bin/" <<<"$1")" -eq "$2" ]' _ "$contents" \
    "$([ "$SKYNET_BUILD_GUI" = "ON" ] && echo 2 || echo 1)"

# ---------------------------------------------------------------------------------------------
# Unpacked into a throwaway root.
# ---------------------------------------------------------------------------------------------
root="$work/root"
dpkg -x "$deb" "$root" || die "dpkg -x failed"
bin="$root/usr/bin"
if [ "${SKYNET_EXPECT_KEYCHAIN_MODULE:-OFF}" = "ON" ]; then
    check "keychain module resolves all its libraries" bash -c \
        'out=$(ldd "$1" 2>&1) && ! grep -q "not found" <<<"$out"' _ "$root/usr/lib/skynet/skynet-keychain.so"
    check "keychain module is stripped" bash -c 'file -L "$1" | grep -q ", stripped"' _ "$root/usr/lib/skynet/skynet-keychain.so"
fi
check "skynet-gateway is stripped" bash -c 'file -L "$1" | grep -q ", stripped"' _ "$bin/skynet-gateway"

if [ "$SKYNET_BUILD_GUI" = "ON" ]; then
    desktop="$root/usr/share/applications/$SKYNET_APP_ID.desktop"
    if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then
        pass "desktop-file-validate"
    else
        fail "desktop-file-validate: $out"
    fi
    check "desktop Exec=skynet" grep -qxF 'Exec=skynet' "$desktop"
    check "desktop Icon=$SKYNET_APP_ID" grep -qxF "Icon=$SKYNET_APP_ID" "$desktop"
    metainfo="$root/usr/share/metainfo/$SKYNET_APP_ID.metainfo.xml"
    if out=$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1); then
        pass "appstreamcli validate --no-net"
    else
        fail "appstreamcli validate: $out"
    fi
    check "metainfo <id> is $SKYNET_APP_ID" grep -qF "<id>$SKYNET_APP_ID</id>" "$metainfo"
    check "metainfo launches $SKYNET_APP_ID.desktop" \
        grep -qF "<launchable type=\"desktop-id\">$SKYNET_APP_ID.desktop</launchable>" "$metainfo"
    check "metainfo release is $SKYNET_VERSION" grep -qF "<release version=\"$SKYNET_VERSION\"" "$metainfo"
    check "icon is well-formed SVG" python3 -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
sys.exit(0 if r.tag == "{http://www.w3.org/2000/svg}svg" and r.get("viewBox") else 1)' \
        "$root/usr/share/icons/hicolor/scalable/apps/$SKYNET_APP_ID.svg"
fi

unit="$root/usr/lib/systemd/user/skynet-gateway.service"
check "unit ExecStart=/usr/bin/skynet-gateway" grep -qx 'ExecStart=/usr/bin/skynet-gateway' "$unit"
check "unit Restart=on-failure" grep -qx 'Restart=on-failure' "$unit"
check "unit NoNewPrivileges=yes" grep -qx 'NoNewPrivileges=yes' "$unit"
check "unit WantedBy=default.target" grep -qx 'WantedBy=default.target' "$unit"
check "unit has no unexpanded @VARIABLES@" bash -c '! grep -q "@[A-Z_]*@" "$1"' _ "$unit"
if command -v systemd-analyze >/dev/null 2>&1; then
    # Verified as a user unit, with ExecStart pointing into the unpacked root.
    mkdir -p "$work/verify" "$work/xdg" && chmod 700 "$work/xdg"
    sed "s|^ExecStart=/usr/bin/|ExecStart=$bin/|" "$unit" >"$work/verify/skynet-gateway.service"
    if out=$(XDG_RUNTIME_DIR="$work/xdg" systemd-analyze --user verify \
            "$work/verify/skynet-gateway.service" 2>&1); then
        pass "systemd-analyze --user verify"
    elif grep -q "Failed to initialize manager\|Failed to lookup RuntimeDirectory" <<<"$out"; then
        echo "SKIP   : systemd-analyze cannot run here: $out"
    else
        fail "systemd-analyze --user verify: $out"
    fi
fi

version=$("$bin/skynet-gateway" --version 2>&1)
check "skynet-gateway --version prints '$version'" grep -qF "$SKYNET_VERSION" <<<"$version"
check "skynet-gateway --help exits 0 and documents --home" \
    bash -c '"$1" --help 2>&1 | grep -q -- "--home"' _ "$bin/skynet-gateway"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# serves NAME COMMAND...: starts COMMAND in the background and waits up to 15 s for /health.
serves() {
    local what=$1; shift
    local port home
    port=$(free_port); home=$(mktemp -d "$work/home.XXXXXX")
    last_home=$home
    env -u SKYNET_HOME -u SKYNET_GATEWAY_TOKEN -u SKYNET_GATEWAY_PORT HOME="$home" \
        QT_QPA_PLATFORM=offscreen "$@" --home "$home/.skynet" --port "$port" \
        >"$home/log" 2>&1 &
    local pid=$!
    pids+=("$pid")
    local body=""
    for _ in $(seq 1 150); do
        body=$(curl -s --max-time 1 "http://127.0.0.1:$port/health" 2>/dev/null) && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if grep -q '"ok":true' <<<"$body"; then
        pass "$what answers /health on port $port"
        sleep 0.5
        check "$what still runs (a QML load failure would have ended it)" kill -0 "$pid"
        check "$what logged no QML errors" bash -c '! grep -qiE "failed to load component|module .* is not installed|qrc:/.*\.qml:[0-9]+" "$1"' _ "$home/log"
    else
        fail "$what did not answer /health: ${body:-no answer}; log: $(tail -5 "$home/log")"
    fi
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check "$what kept its data in the throwaway home" test -d "$home/.skynet"
}
serves "unpacked skynet-gateway" "$bin/skynet-gateway"
if [ "${SKYNET_EXPECT_KEYCHAIN_MODULE:-OFF}" = "ON" ] && command -v dbus-run-session >/dev/null 2>&1; then
    # With a session bus the gateway loads the keychain module from ../lib/skynet; the private
    # bus has no Secret Service, so QtKeychain answers "not provided" (not "module is missing").
    khome=$(mktemp -d "$work/home.XXXXXX")
    env -u SKYNET_HOME -u SKYNET_KEYCHAIN_MODULE HOME="$khome" dbus-run-session \
        --config-file="$(dirname "$0")/session-bus.conf" -- timeout 3 "$bin/skynet-gateway" \
        --home "$khome/.skynet" --port "$(free_port)" >"$khome/log" 2>&1
    if grep -q "keychain" "$khome/log" && ! grep -q "module is missing" "$khome/log"; then
        pass "the unpacked gateway loads the keychain module from /usr/lib/skynet"
    else
        fail "keychain module not loaded: $(grep -i keychain "$khome/log" | head -2)"
    fi
fi
if [ "$SKYNET_BUILD_GUI" = "ON" ]; then
    check "skynet --version (offscreen)" bash -c \
        'QT_QPA_PLATFORM=offscreen "$1" --version 2>&1 | grep -qF "$2"' _ "$bin/skynet" "$SKYNET_VERSION"
    serves "unpacked skynet (offscreen)" "$bin/skynet"
fi

# ---------------------------------------------------------------------------------------------
# TGZ: the same tree under a top directory, bin/ share/ lib/ (meant for /usr/local).
# ---------------------------------------------------------------------------------------------
top="${pkgname}-${SKYNET_VERSION}-Linux"
tfiles=$(tar -tzf "$tgz")
tgz_expected="bin/skynet-gateway lib/systemd/user/skynet-gateway.service share/skynet/default.toml"
[ "${SKYNET_EXPECT_KEYCHAIN_MODULE:-OFF}" = "ON" ] && tgz_expected+=" lib/skynet/skynet-keychain.so"
for f in $tgz_expected; do
    check "tgz contains $top/$f" has_line "$tfiles" "$top/$f"
done
[ "$SKYNET_BUILD_GUI" = "ON" ] && check "tgz contains $top/bin/skynet" has_line "$tfiles" "$top/bin/skynet"
check "tgz unit names /usr/local/bin/skynet-gateway" bash -c \
    'tar -xzOf "$1" "$2/lib/systemd/user/skynet-gateway.service" | grep -qx "ExecStart=/usr/local/bin/skynet-gateway"' \
    _ "$tgz" "$top"

# ---------------------------------------------------------------------------------------------
# cmake --install into a DESTDIR with another prefix.
# ---------------------------------------------------------------------------------------------
dest="$work/destdir"
if DESTDIR="$dest" "$CMAKE_COMMAND" --install "$SKYNET_BINARY_DIR" --prefix /opt/skynet >"$work/install.log" 2>&1; then
    pass "cmake --install --prefix /opt/skynet with DESTDIR"
    check "DESTDIR tree has opt/skynet/bin/skynet-gateway" test -x "$dest/opt/skynet/bin/skynet-gateway"
    check "DESTDIR unit names /opt/skynet/bin/skynet-gateway" \
        grep -qx 'ExecStart=/opt/skynet/bin/skynet-gateway' "$dest/opt/skynet/lib/systemd/user/skynet-gateway.service"
    stray=$(cd "$dest" && find . -mindepth 1 -maxdepth 2 ! -path ./opt ! -path ./opt/skynet)
    check "DESTDIR install wrote nothing outside the prefix${stray:+: $stray}" [ -z "$stray" ]
else
    cat "$work/install.log"
    fail "cmake --install into a DESTDIR"
fi

# ---------------------------------------------------------------------------------------------
# Opt-in (SKYNET_TEST_SYSTEM_INSTALL=1, as root, on a throwaway machine): install the .deb into
# the system with apt-get, run the installed binaries, remove it and check user data is kept.
# ---------------------------------------------------------------------------------------------
if [ "${SKYNET_TEST_SYSTEM_INSTALL:-0}" = "1" ]; then
    if dpkg-query -W -f='${Status}' "$pkgname" 2>/dev/null | grep -q "install ok installed"; then
        fail "$pkgname is already installed on this system; not touching it"
    elif DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" \
            >"$work/apt.log" 2>&1; then
        pass "apt-get install $(basename "$deb")"
        check "installed skynet-gateway --version" bash -c \
            '/usr/bin/skynet-gateway --version | grep -qF "$1"' _ "$SKYNET_VERSION"
        serves "installed skynet-gateway" /usr/bin/skynet-gateway
        kept_home=$last_home
        [ "$SKYNET_BUILD_GUI" = "ON" ] && serves "installed skynet (offscreen)" /usr/bin/skynet
        if DEBIAN_FRONTEND=noninteractive apt-get remove -y -q "$pkgname" >>"$work/apt.log" 2>&1; then
            pass "apt-get remove $pkgname"
            check "binaries gone after removal" bash -c '! test -e /usr/bin/skynet-gateway && ! test -e /usr/bin/skynet'
            check "user data kept after removal" test -f "$kept_home/.skynet/skynet.toml"
        else
            fail "apt-get remove: $(tail -5 "$work/apt.log")"
        fi
    else
        fail "apt-get install: $(tail -5 "$work/apt.log")"
    fi
fi


echo "Totals: $checks checks, $failures failed, $(($(date +%s) - start)) s"
[ "$failures" -eq 0 ]
