#!/usr/bin/env bash
# Sums the test counts vitest ("Tests  3 failed | 97 passed (100)") and
# Playwright ("  1 passed (30.1s)") printed into a log, and prints one plain
# line: "tests: N passed, N failed".
set -euo pipefail
sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
  /^[[:space:]]*Tests[[:space:]]+[0-9]/ {
    for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) }
  }
  /^[[:space:]]+[0-9]+ (passed|failed) \(/ { if ($2 == "passed") p += $1; else f += $1 }
  /^[[:space:]]+[0-9]+ failed$/ { f += $1 }
  END { printf "tests: %d passed, %d failed\n", p, f }'
