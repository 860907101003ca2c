#!/usr/bin/env bash
# Runs the system locally: Azurite (default ports, data in .azurite/), the Zoho CRM sandbox on :5080,
# the function app standalone on :7071, then sends a signed sample webhook and prints the offboarding's
# timeline to its completion event. Everything keeps running until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"

APP_PORT=${APP_PORT:-7071}
SANDBOX_PORT=${SANDBOX_PORT:-5080}

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

echo "Building (Release) ..."
dotnet build tools/Offboarding.LocalRun -c Release -nologo -v quiet
dotnet build tools/Zoho.Crm.Sandbox -c Release -nologo -v quiet

# The app reads local.settings.json from the folder it starts in, as Core Tools would.
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
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
node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location .azurite > .local-run/azurite.log 2>&1 &
pids+=($!)
sleep 1
kill -0 "${pids[-1]}" 2>/dev/null || { cat .local-run/azurite.log; echo "Azurite did not start (ports 10000-10002 busy?)" >&2; exit 1; }

echo "Starting the Zoho CRM sandbox on http://127.0.0.1:$SANDBOX_PORT (jobs finish after 5 s) ..."
dotnet tools/Zoho.Crm.Sandbox/bin/Release/net10.0/Zoho.Crm.Sandbox.dll --port "$SANDBOX_PORT" --job-duration 5 > .local-run/sandbox.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$SANDBOX_PORT/__sandbox/state" sandbox "${pids[-1]}"

echo "Starting the function app (standalone) on http://127.0.0.1:$APP_PORT ..."
Zoho__AccountsUri="http://127.0.0.1:$SANDBOX_PORT" Zoho__ApiUri="http://127.0.0.1:$SANDBOX_PORT" \
  ASPNETCORE_URLS="http://127.0.0.1:$APP_PORT" \
  dotnet functions/Offboarding.Functions/bin/Release/net10.0/Offboarding.Functions.dll > .local-run/app.log 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT/" app "${pids[-1]}"

echo
dotnet tools/Offboarding.LocalRun/bin/Release/net10.0/Offboarding.LocalRun.dll --app "http://127.0.0.1:$APP_PORT" --settings local.settings.json

echo
echo "Still serving: app http://127.0.0.1:$APP_PORT/api/offboardings, sandbox http://127.0.0.1:$SANDBOX_PORT,"
echo "logs in .local-run/. Ctrl+C stops everything."
wait
