#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when any is missing: Chromium for the browser tests, Xvfb for
# headed runs, Dovecot as the real IMAP server, gnome-keyring and D-Bus for the real Secret Service, libsecret
# (keytar builds against it), a CJK font so Japanese renders in screenshots and in the PDF report, and poppler's
# pdftotext so the tests can read the PDF report back. Idempotent; about 25 s cold.
set -euo pipefail

PACKAGES=(chromium xvfb xauth dovecot-imapd gnome-keyring dbus dbus-x11 libsecret-1-dev libsecret-tools fonts-ipafont-gothic openssl poppler-utils)

missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_cmd chromium || missing+=(chromium)
have_cmd xvfb-run || missing+=(xvfb xauth)
have_cmd dovecot || [ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
have_cmd gnome-keyring-daemon || missing+=(gnome-keyring)
have_cmd dbus-run-session || missing+=(dbus dbus-x11)
have_cmd secret-tool || missing+=(libsecret-tools)
have_cmd openssl || missing+=(openssl)
have_cmd pdftotext || missing+=(poppler-utils)
pkg-config --exists libsecret-1 2>/dev/null || [ -f /usr/include/libsecret-1/libsecret/secret.h ] || missing+=(libsecret-1-dev)
fc-list 2>/dev/null | grep -qi ipag || [ -d /usr/share/fonts/opentype/ipafont-gothic ] || missing+=(fonts-ipafont-gothic)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "system-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "system-deps: missing ${missing[*]}; run as root or: sudo apt-get install -y ${PACKAGES[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
