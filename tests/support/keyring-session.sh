#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs a command with a real Secret Service: gnome-keyring unlocked with a throwaway password in a
# throwaway HOME. Call it inside a private session bus, so no real keyring is ever touched:
#   env -u DISPLAY dbus-run-session -- sh keyring-session.sh COMMAND...
set -e
HOME=$(mktemp -d "${TMPDIR:-/tmp}/skynet-keyring.XXXXXX")
export HOME
eval "$(printf '%s' "${KEYRING_PW:-skynet-test}" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
# The daemon forks before it owns org.freedesktop.secrets; a client that asks earlier makes the
# bus start a second daemon, which finds the first one's keyring half-written. Wait for the name.
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    i=$((i + 1))
    if [ "$i" -gt 200 ]; then echo "keyring-session: gnome-keyring did not appear on the bus" >&2; exit 1; fi
    sleep 0.05
done
export SKYNET_TEST_KEYRING=1
rc=0
"$@" || rc=$?
rm -rf "$HOME"
exit $rc
