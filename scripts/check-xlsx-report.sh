#!/usr/bin/env bash
# Writes the samples' audit, a briefing and a check as .xlsx and as JSON, and has openpyxl (an
# independent reader) hold each workbook to its JSON report (scripts/check_xlsx_report.py). Also
# checks that a register goes from XML to a workbook and back unchanged.
# Needs python3 with openpyxl (.ci/run installs it with pip when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import openpyxl" 2>/dev/null || { echo "check-xlsx-report: openpyxl is not installed (pip install openpyxl)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --product compliance-audit >/dev/null
bin=$(swift build --show-bin-path)/compliance-audit

for format in xlsx json; do
  "$bin" audit --no-store --format "$format" --output "$work/audit.$format" --fail-on never
  "$bin" brief --contractor 12345678 --format "$format" --output "$work/brief.$format" --fail-on never
  "$bin" check --contractor 07890123 --format "$format" --output "$work/check.$format" --fail-on never
done
python3 scripts/check_xlsx_report.py "$work/audit.xlsx" "$work/audit.json" audit
python3 scripts/check_xlsx_report.py "$work/brief.xlsx" "$work/brief.json" brief
python3 scripts/check_xlsx_report.py "$work/check.xlsx" "$work/check.json" check

exports=(samples/veilig-thuis-2017.xml samples/verwijsindex-2017.xml)
"$bin" audit --no-store --register samples/register.xml --meldingen "${exports[@]}" --format json --output "$work/before.json" \
  --fail-on never
"$bin" register convert samples/register.xml --out "$work/register.xlsx" >/dev/null
"$bin" register convert "$work/register.xlsx" --out "$work/register.xml" >/dev/null
"$bin" audit --no-store --register "$work/register.xml" --meldingen "${exports[@]}" --format json --output "$work/again.json" \
  --fail-on never
strip() { grep -v -e '"location"' -e '"sha256"' -e '"path"' -e 'register\.xml' "$1"; }
diff <(strip "$work/before.json") <(strip "$work/again.json") >/dev/null \
  || { echo "check-xlsx-report: the register converted to .xlsx and back audits differently"; exit 1; }
echo "check-xlsx-report: ok: samples/register.xml → .xlsx → XML audits the same"
