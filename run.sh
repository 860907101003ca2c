#!/usr/bin/env bash
# Runs the system locally: installs Azurite from npm, starts it, and starts whatever parts exist.
# Grows with the pipeline: see README.md.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

mkdir -p .azurite
echo "Starting Azurite (queue 10001, table 10002; data in .azurite/) ..."
node_modules/.bin/azurite --silent --disableTelemetry --location .azurite &
azurite=$!
trap 'kill $azurite 2>/dev/null || true' EXIT
echo "Azurite is running. The functions are not built yet: only storage runs. Ctrl+C stops it."
wait $azurite
