#!/usr/bin/env bash
# Reproduces the build figures in BENCHMARKS.md: a full build of a synthetic
# playbook against goldmark alone on the same guides, in one run, with the
# files first in memory (/dev/shm) and then on disk.
#
#   scripts/bench.sh              # 10,000 guides, 5 rounds each
#   GUIDES=1000 ROUNDS=10 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
guides=${GUIDES:-10000}
rounds=${ROUNDS:-5}
dirs=()
[ -d /dev/shm ] && dirs+=(/dev/shm)
dirs+=("${TMPDIR:-/tmp}")
for dir in "${dirs[@]}"; do
  echo "== $guides guides, files in $dir"
  PLAYBOOK_BENCH_DIR=$dir PLAYBOOK_BENCH_GUIDES=$guides \
    go test ./internal/build -run '^$' -bench 'Build$' -benchtime "${rounds}x" -count 1 | grep -E '^(Benchmark|cpu|goos)'
done
