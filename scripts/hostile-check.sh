#!/usr/bin/env bash
# Runs `validate` and `audit` (release build) over every file of a hostile set (scripts/hostile-inputs.py
# writes one; a reviewer's own set works too) and prints per file: exit codes, seconds, and how many
# printed lines repeat a case key or BSN-like value planted in the set. Usage: scripts/hostile-check.sh [DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/compliance-hostile}
[ -d "$dir" ] || python3 scripts/hostile-inputs.py "$dir"
swift build -c release --product compliance-audit >/dev/null
bin=$(swift build -c release --show-bin-path)/compliance-audit
secrets='af6b428dbc00731f|d34ce9777b5cb260|111222333|123456782|6a616e|4a616e|0x[0-9A-F][0-9A-F]'
export COMPLIANCE_AUDIT_DB="$dir/.history.sqlite"
worst=0
for f in "$dir"/*.xml; do
  name=$(basename "$f")
  case $name in mel-*) args=(--register samples/register.xml --meldingen "$f");; *) args=(--register "$f");; esac
  start=$(date +%s.%N); timeout 20 "$bin" validate "$f" >"$dir/.validate.out" 2>&1; v=$?; mid=$(date +%s.%N)
  timeout 20 "$bin" audit "${args[@]}" --no-store --format json --output "$dir/.report.json" >"$dir/.audit.out" 2>&1; a=$?
  end=$(date +%s.%N)
  leaks=$(cat "$dir/.validate.out" "$dir/.audit.out" "$dir/.report.json" 2>/dev/null | grep -ciE "$secrets")
  printf "%-28s validate %3d %5.2fs   audit %3d %5.2fs   leaks %s\n" "$name" $v "$(echo "$mid - $start" | bc)" $a \
    "$(echo "$end - $mid" | bc)" "$leaks"
  rm -f "$dir/.report.json"
done
