#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The bad-input corpus (tests/bad, see tests/bad/run.sh): every malformed or
# wrong script, option and file fails with exit 1 and its exact first stderr
# line, without a crash, a hang, or anything left attached.
load helpers
load ../bad/leaks

@test "bad-input corpus: at least 150 cases, each with its expected first line" {
	n=$(ls "$ROOT"/tests/bad | sed -n 's/\.\(bt\|gen\|args\)$//p' | sort -u | wc -l)
	[ "$n" -ge 150 ]
	for c in $(ls "$ROOT"/tests/bad | sed -n 's/\.\(bt\|gen\|args\)$//p' | sort -u); do
		[ -s "$ROOT/tests/bad/$c.err" ] || { echo "no expected line for $c"; return 1; }
	done
}

@test "bad-input corpus: exit 1, the expected first line, no crash or hang, nothing left" {
	require_root
	leaks_before
	run "$ROOT"/tests/bad/run.sh "$BT"
	printf '%s\n' "$output" | grep -v '^ok ' || true
	[ "$status" -eq 0 ]
	leaks_check
}

@test "the corpus runner catches a wrong expectation, a success and a crash" {
	d=$BATS_TEST_TMPDIR/bad
	mkdir -p "$d"
	cp "$ROOT"/tests/bad/run.sh "$d"/
	printf 'BEGIN { nosuchfn(); }\n' > "$d/wrong.bt"
	echo 'wrong.bt:1:9: error: something else' > "$d/wrong.err"
	printf 'BEGIN { exit(); }\n' > "$d/fine.bt"
	echo 'x' > "$d/fine.err"
	printf '#!/bin/sh\nkill -SEGV $$\n' > "$d/crash"
	chmod +x "$d/crash"
	run "$d"/run.sh "$BT" wrong fine
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "FAIL wrong: first stderr line" ]
	[ "${lines[1]}" = "	want: wrong.bt:1:9: error: something else" ]
	[ "${lines[2]}" = "	got:  wrong.bt:1:9: error: unknown function 'nosuchfn'" ]
	[ "${lines[3]}" = "FAIL fine: exit status 0, expected 1" ]
	[ "${lines[4]}" = "bad: 0 passed, 2 failed" ]
	run --separate-stderr "$d"/run.sh "$d/crash" wrong
	[ "${lines[0]}" = "FAIL wrong: killed by signal 11" ]
}

@test "an empty or wrong script on stdin fails cleanly" {
	run --separate-stderr timeout 20 "$BT" --dry-run - < /dev/null
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: no probes in 'stdin'" ]
	run --separate-stderr sh -c 'printf "BEGIN { nosuchfn(); }\n" | timeout 20 "$BT" --dry-run -'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:9: error: unknown function 'nosuchfn'" ]
}
