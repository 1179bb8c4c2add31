#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs the unit-test binaries given as arguments (built with ASan/UBSan) and
# prints "unit: N passed, N failed". Each binary ends with "NAME: N passed, N failed".
pass=0; fail=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[^ ]+: [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -n 20
		echo "$t: crashed or printed no summary (exit $rc)"
		fail=$((fail + 1)); continue
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed/\1/')
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	[ "$f" -ne 0 ] && printf '%s\n' "$out" | tail -n 30
	echo "$line"
	pass=$((pass + p)); fail=$((fail + f))
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
