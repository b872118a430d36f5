#!/usr/bin/env bash
# `npm test`: every test, against real parts. Installs the Debian packages the tests need when missing (Chromium,
# Dovecot, gnome-keyring…), installs node modules when absent, builds, then runs the unit and integration tests
# (Vitest) and the end-to-end tests (Playwright, Debian Chromium) inside a private D-Bus session with an unlocked
# keyring. The last line is "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh || exit 1
if [ ! -d node_modules ]; then npm ci --loglevel=warn || exit 1; fi
node scripts/build-if-stale.mjs || exit 1
mkdir -p .cache
rm -f .cache/vitest.json .cache/playwright.json

status=0
scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json "$@" || status=1
scripts/with-keyring.sh npx playwright test || status=1
node scripts/test-summary.mjs .cache/vitest.json .cache/playwright.json || status=1
exit $status
