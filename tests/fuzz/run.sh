#!/usr/bin/env bash
# Runs one libFuzzer target for a few seconds, starting from its checked-in corpus. New inputs
# go to a scratch folder, so the corpus in the repository stays as it is; a crashing input is
# kept in build/fuzz-artifacts/ for the report.
#   run.sh FUZZER CORPUS_DIR SECONDS
set -euo pipefail
fuzzer=$1 corpus=$2 seconds=${3:-8}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
artifacts="$(dirname "$fuzzer")/fuzz-artifacts"
mkdir -p "$artifacts"
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$(basename "$fuzzer")-" "$scratch" "$corpus"
