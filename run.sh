#!/usr/bin/env bash
# Runs the system locally: Azurite (default ports, data in .azurite/), the Zoho CRM sandbox on :5080,
# the function app on the local Functions host (tools/Offboarding.LocalHost) on :7071, then sends a signed sample webhook and prints the offboarding's
# timeline to its completion event, then the operator console's URL and the local operator key. Everything keeps running until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"

APP_PORT=${APP_PORT:-7071}
SANDBOX_PORT=${SANDBOX_PORT:-5080}

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "Building (Release) ..."
dotnet build tools/Offboarding.LocalRun -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary
dotnet build tools/Offboarding.LocalHost -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary
dotnet build tools/Zoho.Crm.Sandbox -c Release -nologo -v quiet -clp:ErrorsOnly\;NoSummary

# The app reads local.settings.json from the folder it starts in, as Core Tools would.
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

# The operator API's key stands in for a signed-in operator locally (Operators__Key in local.settings.json); the
# console asks for it once per tab, so it is printed at the end.
operator_key=$(node -e 'process.stdout.write(require("./local.settings.json").Values.Operators__Key ?? "")')

pids=()
# Each child runs in a session of its own (setsid), so Ctrl+C or a SIGTERM to this script's process group reaches
# only this script, which then signals each child exactly once: Azurite 3.35 saves its data on the first signal and
# dies at once on a second, so a second signal would lose acknowledged writes. Stop the app first, storage last.
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  exit "$status"
}
trap cleanup EXIT INT TERM

wait_for() { # url name pid
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited; see .local-run/$2.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "$2 did not answer at $1; see .local-run/$2.log" >&2; exit 1
}

mkdir -p .azurite .local-run
echo "Starting Azurite (blob 10000, queue 10001, table 10002) ..."
setsid node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location .azurite > .local-run/azurite.log 2>&1 &
pids+=($!)
sleep 1
kill -0 "${pids[-1]}" 2>/dev/null || { cat .local-run/azurite.log; echo "Azurite did not start (ports 10000-10002 busy?)" >&2; exit 1; }

echo "Starting the Zoho CRM sandbox on http://127.0.0.1:$SANDBOX_PORT (jobs finish after 5 s) ..."
setsid dotnet tools/Zoho.Crm.Sandbox/bin/Release/net10.0/Zoho.Crm.Sandbox.dll --port "$SANDBOX_PORT" --job-duration 5 > .local-run/sandbox.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$SANDBOX_PORT/__sandbox/state" sandbox "${pids[-1]}"

echo "Starting the function app on the local Functions host on http://127.0.0.1:$APP_PORT ..."
Zoho__AccountsUri="http://127.0.0.1:$SANDBOX_PORT" Zoho__ApiUri="http://127.0.0.1:$SANDBOX_PORT" \
  ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
  setsid dotnet tools/Offboarding.LocalHost/bin/Release/net10.0/Offboarding.LocalHost.dll > .local-run/app.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT/" app "${pids[-1]}"

echo
dotnet tools/Offboarding.LocalRun/bin/Release/net10.0/Offboarding.LocalRun.dll --app "http://127.0.0.1:$APP_PORT" --settings local.settings.json

echo
echo "Operator console: http://127.0.0.1:$APP_PORT/api/console"
echo "  operator key: ${operator_key:-(none: set Operators__Key in local.settings.json)}  (the page asks for it once and keeps it for the tab)"
echo
echo "Still serving: app http://127.0.0.1:$APP_PORT/api/offboardings (its OpenAPI document: http://127.0.0.1:$APP_PORT/api/openapi.json,"
echo "the request and event data schemas: http://127.0.0.1:$APP_PORT/api/schemas/{name}, e.g. offboarding-request.json),"
echo "sandbox http://127.0.0.1:$SANDBOX_PORT,"
echo "logs in .local-run/. Ctrl+C stops everything."
wait
