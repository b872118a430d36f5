#!/usr/bin/env bash
# Runs a command inside its own D-Bus session with an unlocked gnome-keyring: a real Secret Service for keytar,
# headless (machine-notes.md "Keychain (keytar) headless"). Isolated through XDG_DATA_HOME/XDG_RUNTIME_DIR so the
# test keyring never touches a real one; HOME stays as it is because npm reads its config from there.
# Usage: scripts/with-keyring.sh COMMAND [ARGS...]
set -euo pipefail
if [ -n "${MIMAMORI_KEYRING_READY:-}" ]; then exec "$@"; fi
base="$(mktemp -d "${TMPDIR:-/tmp}/mimamori-keyring.XXXXXX")"
mkdir -p "$base/data" && mkdir -p -m700 "$base/run"
trap 'rm -rf "$base"' EXIT
export XDG_DATA_HOME="$base/data" XDG_RUNTIME_DIR="$base/run" MIMAMORI_KEYRING_READY=1
dbus-run-session -- bash -c 'printf %s "mimamori-test-keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"' _ "$@"
