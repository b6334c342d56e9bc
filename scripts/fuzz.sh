#!/usr/bin/env bash
# Fuzzes the importers with libFuzzer, each for a bounded time, starting from the samples and
# samples/invalid/ as seed corpus. Usage: scripts/fuzz.sh [SECONDS_PER_IMPORTER] [register|meldingen ...]
# Findings (crashes, inputs slower than 2 s, messages without their place) are written to
# .build-fuzz/findings/; replay one with `swift run compliance-fuzz FILE` and add it to
# Tests/ContractImportTests/FuzzRegressions/ so it stays fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
importers=("${@:-register meldingen}")
scratch=.build-fuzz
swift build -c release --product compliance-fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING >&2
binary=$(swift build -c release --product compliance-fuzz --scratch-path "$scratch" --show-bin-path \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING)/compliance-fuzz
mkdir -p "$scratch/findings"
for importer in ${importers[@]}; do
    corpus="$scratch/corpus-$importer"
    mkdir -p "$corpus"
    cp samples/*.xml samples/invalid/*.xml "$corpus/"
    echo "fuzzing the $importer importer for $seconds s" >&2
    FUZZ_IMPORTER=$importer "$binary" "$corpus" -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 \
        -max_len=65536 -dict=scripts/fuzz-xml.dict -artifact_prefix="$scratch/findings/$importer-" \
        -print_final_stats=1 2>&1 | tee "$scratch/fuzz-$importer.log" | grep -E "^#[0-9]+ +(DONE|pulse)|ERROR|SUMMARY|stat::" >&2 || true
done
ls "$scratch/findings"
