#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs the bats suites (tests/bats/*.bats, or those given) with TAP output and
# prints "bats: N passed, N failed, N skipped". Skips show their reason.
cd "$(dirname "$0")/.." || exit 1
files=${*:-tests/bats/*.bats}
out=$(mktemp)
bats --tap $files > "$out" 2>&1
cat "$out"
pass=$(grep -cE '^ok [0-9]+' "$out" | tr -d ' ')
skip=$(grep -cE '^ok [0-9]+ .*# skip' "$out" | tr -d ' ')
fail=$(grep -cE '^not ok [0-9]+' "$out" | tr -d ' ')
planned=$(sed -nE 's/^1\.\.([0-9]+)$/\1/p' "$out" | head -n 1)
pass=$((pass - skip))
ran=$((pass + skip + fail))
if [ -n "$planned" ] && [ "$ran" -lt "$planned" ]; then
	fail=$((fail + planned - ran))   # bats died part way
fi
rm -f "$out"
echo "bats: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
