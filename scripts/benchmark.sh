#!/usr/bin/env bash
# The tool's benchmarks, release build, each mode in its own process so every peak-memory figure is
# that mode's own:
#   - a meldingen export (1,000,000 records by default): a bare libxml2 SAX2 parse through CLibXML2,
#     the streaming import the audit uses (in pieces on every core, then in one pass, in one process:
#     the second peak is the larger of the two), and `validate` (import checks plus the XSD), next to
#     `xmllint --stream --noout` when installed; then, in one process, the bare parse and the full
#     count-and-flag of the audit side by side, with their ratio;
#   - a register (100,000 agreements by default): reading it, and evaluating the default rule set.
#
# Usage: scripts/benchmark.sh [MELDINGEN] [AGREEMENTS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
meldingen=${1:-1000000}
agreements=${2:-100000}
dir=${3:-bench-data}

swift build -c release --product compliance-audit >/dev/null
swift build -c release --product compliance-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)

"$bin/compliance-audit" generate --agreements 500 --meldingen "$meldingen" --out "$dir/meldingen" --seed 1 >/dev/null
file="$dir/meldingen/veilig-thuis.xml"
echo "meldingen export: $file ($(du -m "$file" | cut -f1) MB, $meldingen records)"
for mode in sax2 import validate; do
  "$bin/compliance-benchmark" "$mode" "$file"
done
echo "count and flag (issue 4), one process:"
"$bin/compliance-benchmark" meldingen "$dir/meldingen/register.xml" "$file"
if command -v xmllint >/dev/null 2>&1; then
  /usr/bin/time -f "xmllint --stream --noout: %e s, %M KB peak" xmllint --stream --noout "$file"
else
  echo "xmllint not installed (apt-get install libxml2-utils): no comparison"
fi

"$bin/compliance-audit" generate --agreements "$agreements" --meldingen 0 --signals 0 --out "$dir/register" --seed 1 >/dev/null
echo "register: $dir/register/register.xml ($agreements agreements)"
"$bin/compliance-benchmark" rules "$dir/register/register.xml"
