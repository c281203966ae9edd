#!/usr/bin/env bash
# Checks every spec/*.yaml (or the files given) with two standard OpenAPI tools:
#   1. Redocly CLI lint, with the rules in redocly.yaml (warnings fail too);
#   2. openapi-typescript, which must turn the document into TypeScript types without an error.
# Usage: scripts/lint-spec.sh [spec/redis.yaml ...]
set -euo pipefail

cd "$(dirname "$0")/.."
bin=node_modules/.bin
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

if [ "$#" -gt 0 ]; then specs=("$@"); else specs=(spec/*.yaml); fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

status=0
echo "== redocly lint"
"$bin/redocly" lint --max-problems 1000 --format stylish "${specs[@]}" 2>&1 | tee "$out/redocly.log" || status=1
# Redocly exits 0 on warnings; count them as failures so they get fixed or listed, with a reason,
# in .redocly.lint-ignore.yaml.
if grep -Eq '^ +[0-9]+:[0-9]+ +warning ' "$out/redocly.log"; then
  echo "redocly reported warnings (see above)" >&2
  status=1
fi

echo "== openapi-typescript"
# One process for all specs: Node's start-up, not the conversion, was most of the time per spec.
node scripts/openapi-ts-check.mjs "${specs[@]}" || status=1
exit "$status"
