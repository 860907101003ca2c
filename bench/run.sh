#!/usr/bin/env bash
# The benchmark (default) or the fault soak, built in Release; see the README's "Benchmark" section.
#   ./bench/run.sh [--count 1000 --zoho-concurrency 8 --zoho-latency-ms 100 --runs 3 ...]
#   ./bench/run.sh soak [--count 1000 --app-restarts 2 --azurite-restarts 1]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund
exec dotnet run -c Release --project bench/Offboarding.Bench -- "$@"
