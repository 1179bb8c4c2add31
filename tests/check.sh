#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check: unit tests (ASan/UBSan) then bats; one closing line
# "N passed, N failed, N skipped". Exit status non-zero on any failure.
cd "$(dirname "$0")/.." || exit 1
log=$(mktemp)
tests/run-unit.sh "$@" | tee "$log"
tests/run-bats.sh | tee -a "$log"
# further suites (tests/vm, tests/fuzz, ...): each tests/*/suite.sh ends in
# "NAME: N passed, N failed, N skipped" and decides itself whether it can run here
for s in tests/*/suite.sh; do
	[ -f "$s" ] && sh "$s" 2>&1 | tee -a "$log"
done
sum() { sed -nE "s/^[a-z]+: [0-9]+ passed.*/&/p" "$log" | grep -oE "[0-9]+ $1" | awk '{s+=$1} END {print s+0}'; }
p=$(sum passed); f=$(sum failed); s=$(sum skipped)
rm -f "$log"
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
