#!/usr/bin/env bash
# Generates a meldingen export (1,000,000 records by default) and times, each in its own process
# so every peak-memory figure is that mode's own: a bare libxml2 SAX2 parse through CLibXML2,
# the streaming import the audit uses, and `validate` (import checks plus the XSD). Release build.
#
# Usage: scripts/benchmark-import.sh [RECORDS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
dir=${2:-bench-data}

swift build -c release --product compliance-audit >/dev/null
swift build -c release --product import-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)

"$bin/compliance-audit" generate --agreements 500 --meldingen "$records" --out "$dir" --seed 1 >/dev/null
file="$dir/veilig-thuis.xml"
echo "file: $file ($(du -m "$file" | cut -f1) MB, $records records)"
for mode in sax2 import validate; do
  "$bin/import-benchmark" "$mode" "$file"
done
if command -v xmllint >/dev/null 2>&1; then
  /usr/bin/time -f "xmllint --stream --noout: %e s, %M KB peak" xmllint --stream --noout "$file"
else
  echo "xmllint not installed (apt-get install libxml2-utils) — no comparison"
fi
