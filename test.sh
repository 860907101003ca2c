#!/usr/bin/env bash
# Runs every test: installs what the tests need (Azurite from npm, chromium from apt), builds, runs the xunit
# suites against a real Azurite and the Zoho CRM sandbox, and prints the totals on one line.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# The operator console's browser tests drive Debian's chromium (Playwright's own browser download cannot reach
# its servers here). Install it when missing: as root directly, else through sudo; stop with a clear reason otherwise.
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "chromium is missing; installing Debian's chromium for the console's browser tests ..."
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
    echo "test.sh: chromium is not installed and this user can neither install packages (not root) nor use sudo." >&2
    echo "Install it with 'apt-get install -y chromium', or set CHROMIUM_PATH to a Chromium binary." >&2
    exit 1
  fi
  apt_log=$(mktemp)
  if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$apt_log" 2>&1 \
     || ! command -v chromium >/dev/null 2>&1; then
    tail -n 20 "$apt_log" >&2
    echo "test.sh: installing chromium with apt-get failed (above); the console's browser tests cannot run." >&2
    exit 1
  fi
  rm -f "$apt_log"
fi

results=TestResults
rm -rf "$results"
dotnet build Serverless.sln --configuration Release

# One run per test project, each with its own TRX file, so no result file can overwrite another.
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --configuration Release --no-build \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=$?
done

passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$((total + $(value total)))
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed)))
  skipped=$((skipped + $(value notExecuted)))
done

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"

if [ "$status" -ne 0 ] || [ "$failed" -gt 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
