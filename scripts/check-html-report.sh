#!/usr/bin/env bash
# Renders the HTML reports of the samples in headless Chromium, as a person would see and print them,
# and fails when something is wrong:
#   - the audit report: a screenshot (docs/report-screenshot.png) that must not be blank, and no
#     console error or failed request while loading (the page must need nothing from outside);
#   - a briefing and a check (Toets voor contractering): printed to PDF on A4, each must fit one page.
# Needs Debian's `chromium` (.ci/run installs it when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "check-html-report: chromium is not installed (apt-get install chromium)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --product compliance-audit >/dev/null
bin=$(swift build --show-bin-path)/compliance-audit

"$bin" audit --format html --output "$work/audit.html" --fail-on never
"$bin" brief --contractor 12345678 --format html --output "$work/brief.html" --fail-on never
"$bin" check --contractor 07890123 --format html --output "$work/check.html" --fail-on never
# With history: the samples audited as 2017 and again as 2018 in a scratch database, so the second
# report shows repeated findings, an escalation and last year's indicators.
sed 's/reference-date="2017-12-31"/reference-date="2018-12-31"/' samples/register.xml > "$work/register-2018.xml"
"$bin" audit --db "$work/history.sqlite" --profile groningen --output /dev/null --fail-on never 2>/dev/null
"$bin" audit --db "$work/history.sqlite" --profile groningen --register "$work/register-2018.xml" \
  --meldingen samples/veilig-thuis-2017.xml samples/verwijsindex-2017.xml --format html --output "$work/history.html" --fail-on never 2>/dev/null
grep -q "herhaald" "$work/history.html" || { echo "check-html-report: the report with history shows no repeated finding"; exit 1; }

chrome() {
  # No network for the page: any request it tries to make outside file:// fails and is logged.
  timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --proxy-server=127.0.0.1:9 --enable-logging=stderr --v=0 "$@"
}

chrome --window-size=1280,1700 --screenshot="$work/audit.png" "file://$work/audit.html" 2>"$work/audit.log" >/dev/null
if grep -E "CONSOLE|ERR_|Failed to load|Refused" "$work/audit.log" | grep -v "dbus" ; then
  echo "check-html-report: the audit page logged errors (above)"; exit 1
fi
python3 - "$work/audit.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
raw = zlib.decompress(idat)
# Rows are filtered (PNG stores differences), so a blank page is almost all zero bytes.
changing = sum(1 for byte in raw[::7] if byte) / len(raw[::7])
distinct = len(set(raw[::97]))
print(f"screenshot {width}x{height}: {changing:.1%} of sampled bytes change, {distinct} distinct values")
if changing < 0.01 or distinct < 20:
    sys.exit("check-html-report: the screenshot is blank")
PY
cp "$work/audit.png" docs/report-screenshot.png

chrome --window-size=1280,1700 --screenshot="$work/history.png" "file://$work/history.html" 2>"$work/history.log" >/dev/null
if grep -E "CONSOLE|ERR_|Failed to load|Refused" "$work/history.log" | grep -v "dbus" ; then
  echo "check-html-report: the report with history logged errors (above)"; exit 1
fi
[ -s "$work/history.png" ] || { echo "check-html-report: no screenshot of the report with history"; exit 1; }
echo "report with history rendered: $(wc -c < "$work/history.png") bytes of screenshot"

for page in brief check; do
  chrome --no-pdf-header-footer --print-to-pdf="$work/$page.pdf" "file://$work/$page.html" 2>"$work/$page.log" >/dev/null
  pages=$(python3 -c "import re,sys; print(len(re.findall(rb'/Type\s*/Page[^s]', open(sys.argv[1],'rb').read())))" "$work/$page.pdf")
  echo "$page printed on A4: $pages page(s)"
  [ "$pages" = "1" ] || { echo "check-html-report: the $page does not fit one A4 page"; exit 1; }
done
echo "check-html-report: ok"
