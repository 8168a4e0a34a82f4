#!/usr/bin/env bash
# Runs every test of the solution and ends with one line "N passed, N failed, N skipped".
# Tests that need real servers start them themselves on 127.0.0.1.
set -uo pipefail
cd "$(dirname "$0")"

# Real servers the tests start themselves: redis-server (Debian package). Install it when missing.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server (Debian package) for the harvest-dynamics tests ..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server >/dev/null
fi

# Azurite (the Blob Storage emulator of the package-store tests) is the npm package pinned in tests/azurite's
# package-lock.json; the tests start it themselves. Install node/npm (Debian) and Azurite when missing.
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing nodejs and npm (Debian packages) for Azurite ..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -x tests/azurite/node_modules/.bin/azurite-blob ]; then
  echo "Installing Azurite (npm ci in tests/azurite) ..."
  (cd tests/azurite && npm ci --no-audit --no-fund --loglevel error)
fi

# Headless Chromium (Debian package) renders the trigger's page and the Orleans Dashboard in the HTTP tests.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (Debian package) for the page tests ..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

results="$(pwd)/TestResults"
rm -rf "$results"
# A hung test must fail the run, not eat CI's time: blame aborts after 5 minutes without progress.
dotnet test HarvestOrleans.sln --configuration Release --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m --blame-hang-dump-type none "$@"
status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + $(get error || echo 0) + $(get timeout || echo 0) + $(get aborted || echo 0)))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the run itself failed (build error, crashed host): never report green
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
