#!/usr/bin/env bash
# Run a libFuzzer target briefly from its seeds (copied: the corpus grows in
# the build tree, never in the sources).  usage: run_fuzz.sh FUZZER SEEDS WORKDIR SECONDS
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 secs=$4
mkdir -p "$work/corpus"
cp -n "$seeds"/* "$work/corpus/" 2>/dev/null || true
cd "$work"
exec "$fuzzer" -max_total_time="$secs" -rss_limit_mb=1024 -max_len=16384 -timeout=10 \
  -print_final_stats=1 corpus
