#!/usr/bin/env bash
# Regional and national scale (release build). Generates two data sets and prints for each, side by
# side: the bare libxml2 SAX2 parse of every input file through CLibXML2 (one file after another,
# one thread), the full `audit` (register(s) and exports read, rules, meldingen check, report
# written with --format json to a file, --no-store), their ratio, peak memory and the audit's CPU
# time (user + system, the least of the runs); the audit's reading and judging alone, before any
# report (`compliance-benchmark phases`); then the audit's time and peak memory in each of
# the other formats, and with the history database (the default): a first year stored, then a
# year later reading it.
#   - a national year: 342 registers with 25,000 agreements held by 8,000 contractors,
#     2,000,000 Veilig Thuis meldingen and 1,000,000 Verwijsindex signals;
#   - 1,000,000 Veilig Thuis meldingen with a register of 10,000 single-agreement contractors.
# Times are the best of RUNS runs (default 3): wall-clock time on a shared machine varies.
#
# Usage: scripts/scale-benchmark.sh [DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-bench-data/scale}
runs=${2:-3}
command -v /usr/bin/time >/dev/null || { echo "scale-benchmark: /usr/bin/time is needed (apt-get install time)"; exit 1; }

swift build -c release --product compliance-audit >/dev/null
swift build -c release --product compliance-benchmark >/dev/null
bin=$(swift build -c release --show-bin-path)
# The reports and history databases (about 1 GB for the national year) go here, removed however
# the script ends.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

generate() { # NAME ARGS...
  local name=$1; shift
  if [ ! -f "$dir/$name/.complete" ]; then
    rm -rf "${dir:?}/$name"
    "$bin/compliance-audit" generate "$@" --out "$dir/$name" --seed 1 >/dev/null
    touch "$dir/$name/.complete"
  fi
}
generate national --agreements 25000 --contractors 8000 --municipalities 342 --meldingen 2000000 --signals 1000000
generate single --agreements 10000 --contractors 10000 --meldingen 1000000 --signals 0

# best-of-N wall seconds, the peak of those runs, and the least CPU time (user + system) of
# them, for a command
measure() { # COMMAND...
  local best="" peak=0 cpu="" seconds kb user system used
  for _ in $(seq "$runs"); do
    if ! /usr/bin/time -o "$dir/.time" -f "%e %M %U %S" "$@" >/dev/null 2>"$dir/.stderr"; then
      echo "scale-benchmark: the audit failed: $*" >&2
      tail -5 "$dir/.stderr" >&2
      exit 1
    fi
    read -r seconds kb user system < <(tail -1 "$dir/.time")
    if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
    used=$(awk "BEGIN{print $user + $system}")
    if [ -z "$cpu" ] || awk "BEGIN{exit !($used < $cpu)}"; then cpu=$used; fi
  done
  echo "$best $peak $cpu"
}

run_case() { # TITLE GOAL-RATIO GOAL-MB REGISTER-ARGS... -- EXPORTS...
  local title=$1 goal_ratio=$2 goal_mb=$3; shift 3
  local registers=() exports=() files=()
  while [ "$1" != "--" ]; do registers+=("$1"); shift; done; shift
  exports=("$@")
  for r in "${registers[@]}"; do
    if [ -d "$r" ]; then files+=("$r"/*.xml); else files+=("$r"); fi
  done
  local register_files=("${files[@]}")
  files+=("${exports[@]}")
  local bytes; bytes=$(cat "${files[@]}" | wc -c)
  echo
  echo "$title"
  echo "  input: ${#files[@]} files, $((bytes / 1000000)) MB"
  local out; out=$(mktemp -d -p "$work")
  # The bare parse, the reading alone and the audit take turns, so that all see the same machine.
  local bare="" bare_mb audit="" audit_kb=0 audit_cpu="" reading="" line seconds kb cpu
  for _ in $(seq "$runs"); do
    line=$("$bin/compliance-benchmark" sax2 "${files[@]}")
    seconds=$(echo "$line" | awk '{print $(NF-4)}'); bare_mb=$(echo "$line" | awk '{print $(NF-2)}')
    if [ -z "$bare" ] || awk "BEGIN{exit !($seconds < $bare)}"; then bare=$seconds; fi
    # The audit's reading and judging alone (`Audit.run`: every file read and checked, the rules,
    # the meldingen check), before any report is made: the part no report format can shorten.
    line=$("$bin/compliance-benchmark" phases "${register_files[@]}" -- "${exports[@]}" | awk '$1 == "Audit.run"')
    seconds=$(echo "$line" | awk '{print $(NF-4)}')
    [ -n "$seconds" ] || { echo "scale-benchmark: compliance-benchmark phases failed" >&2; exit 1; }
    if [ -z "$reading" ] || awk "BEGIN{exit !($seconds < $reading)}"; then reading=$seconds; fi
    read -r seconds kb cpu < <(runs=1 measure "$bin/compliance-audit" audit --no-store --db "$out/no-history.sqlite" --fail-on never \
        --register "${registers[@]}" --meldingen "${exports[@]}" --format json --output "$out/report.json")
    [ -n "$seconds" ] || exit 1
    if [ -z "$audit" ] || awk "BEGIN{exit !($seconds < $audit)}"; then audit=$seconds; fi
    [ "$kb" -gt "$audit_kb" ] && audit_kb=$kb
    if [ -z "$audit_cpu" ] || awk "BEGIN{exit !($cpu < $audit_cpu)}"; then audit_cpu=$cpu; fi
  done
  printf "  %-34s %7.2f s   %6.0f MB peak\n" "bare SAX2 parse of every file" "$bare" "$bare_mb"
  printf "  %-34s %7.2f s   %6.0f MB peak   (report %d MB)\n" "audit --format json --output FILE" "$audit" \
      "$(awk "BEGIN{print $audit_kb/1024}")" "$(($(wc -c < "$out/report.json") / 1000000))"
  printf "  %-34s %7.2f     (goal <= %s); peak goal < %s MB\n" "ratio audit / bare parse" \
      "$(awk "BEGIN{print $audit/$bare}")" "$goal_ratio" "$goal_mb"
  # The audit runs on every core, the bare parse on one: the audit's CPU time says how much work
  # it does in all, next to the parse's.
  printf "  %-34s %7.2f s   (%.2f times the bare parse)\n" "audit CPU time (user + system)" "$audit_cpu" \
      "$(awk "BEGIN{print $audit_cpu/$bare}")"
  printf "  %-34s %7.2f s   (%.2f times the bare parse, before any report)\n" "reading and judging alone" \
      "$reading" "$(awk "BEGIN{print $reading/$bare}")"
  for format in text csv html xlsx; do
    read -r seconds kb _ < <(measure "$bin/compliance-audit" audit --no-store --db "$out/no-history.sqlite" --fail-on never \
        --register "${registers[@]}" --meldingen "${exports[@]}" --format "$format" --output "$out/report.$format")
    [ -n "$seconds" ] || exit 1
    printf "  %-34s %7.2f s   %6.0f MB peak\n" "audit --format $format" "$seconds" "$(awk "BEGIN{print $kb/1024}")"
  done
  # Without --no-store an audit keeps itself in the history database: a first year into a new
  # database, then the same data judged a year later (its registers' reference date one year on),
  # which reads the first year back. One run each (each stores a run of its own).
  local later=() r f
  for r in "${registers[@]}"; do
    mkdir -p "$out/later/$(basename "$r")"
    if [ -d "$r" ]; then
      for f in "$r"/*.xml; do next_year "$f" > "$out/later/$(basename "$r")/$(basename "$f")"; done
      later+=("$out/later/$(basename "$r")")
    else
      next_year "$r" > "$out/later/$(basename "$r")/register.xml"
      later+=("$out/later/$(basename "$r")/register.xml")
    fi
  done
  read -r seconds kb _ < <(runs=1 measure "$bin/compliance-audit" audit --db "$out/history.sqlite" --fail-on never \
      --register "${registers[@]}" --meldingen "${exports[@]}" --format json --output "$out/stored.json")
  printf "  %-34s %7.2f s   %6.0f MB peak\n" "audit, stored in a new history" "$seconds" "$(awk "BEGIN{print $kb/1024}")"
  read -r seconds kb _ < <(runs=1 measure "$bin/compliance-audit" audit --db "$out/history.sqlite" --fail-on never \
      --register "${later[@]}" --meldingen "${exports[@]}" --format json --output "$out/stored.json")
  printf "  %-34s %7.2f s   %6.0f MB peak\n" "a year later, with that history" "$seconds" "$(awk "BEGIN{print $kb/1024}")"
  rm -rf "$out"
}

# A register with its reference date one year on.
next_year() { # FILE
  perl -pe 's/reference-date="(\d{4})/q{reference-date="} . ($1 + 1)/e' "$1"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); best of $runs runs"
run_case "National year: 342 registers, 25,000 agreements, 8,000 contractors, 2,000,000 + 1,000,000 meldingen" 2 200 \
  "$dir/national/registers" -- "$dir/national/veilig-thuis.xml" "$dir/national/verwijsindex.xml"
run_case "1,000,000 meldingen, 10,000 single-agreement contractors" 1.5 100 \
  "$dir/single/register.xml" -- "$dir/single/veilig-thuis.xml"
