#!/usr/bin/env bash
# Publishes the Azure Functions deploy layout and zips it:
#   <out>/deploy/   host.json, Offboarding.Functions (self-contained linux-x64 handler, executable),
#                   one folder per function holding its function.json
#   <out>/offboarding-functions.zip   the same, zipped on Linux so the execute bit survives
# Usage: ./publish.sh [out-dir]   (default: artifacts)
set -euo pipefail
cd "$(dirname "$0")"

out=$(mkdir -p "${1:-artifacts}" && cd "${1:-artifacts}" && pwd)
layout="$out/deploy"
zipfile="$out/offboarding-functions.zip"
project=functions/Offboarding.Functions
handler=Offboarding.Functions   # host.json customHandler.description.defaultExecutablePath

rm -rf "$layout" "$zipfile"
mkdir -p "$layout"

# Self-contained so the Flex Consumption image needs no .NET runtime; one file so the layout stays readable.
dotnet publish "$project/$handler.csproj" --configuration Release --runtime linux-x64 --self-contained true \
  -p:PublishSingleFile=true -p:DebugType=none -p:PublishReferencesDocumentationFiles=false --output "$layout" --nologo --verbosity quiet

# host.json comes with the publish output (the project ships it next to the executable); check, don't assume.
[ -f "$layout/host.json" ] || { echo "publish: host.json missing from the publish output" >&2; exit 1; }

# Each function.json sits in a folder named after its function, next to the function's code.
declare -A seen=()
while IFS= read -r -d '' json; do
  name=$(basename "$(dirname "$json")")
  if [ -n "${seen[$name]:-}" ]; then
    echo "publish: two function.json files for function '$name': ${seen[$name]} and $json" >&2
    exit 1
  fi
  seen[$name]=$json
  mkdir -p "$layout/$name"
  cp "$json" "$layout/$name/function.json"
done < <(find "$project" -name function.json -not -path '*/bin/*' -not -path '*/obj/*' -print0)
[ ${#seen[@]} -gt 0 ] || { echo "publish: no function.json found under $project" >&2; exit 1; }

chmod 755 "$layout/$handler"
(cd "$layout" && zip -q -r -X "$zipfile" .)
echo "Deploy layout: $layout"
echo "Package:       $zipfile ($(du -h "$zipfile" | cut -f1), ${#seen[@]} functions)"
