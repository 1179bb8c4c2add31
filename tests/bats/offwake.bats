#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

OFFWAKE="$BUILD/offwake"

@test "offwake -c 'sleep 1': sleeper nanosleep stack, hrtimer_wakeup waker, ~1e6 us" {
	require_root
	run --separate-stderr "$OFFWAKE" -c 'sleep 1'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@us[sleep, "* ]]
	entry=$(printf '%s\n' "$output" | awk '/^@us\[sleep, / { e = "" } { e = e $0 "\n" } /^\]: / { if (e ~ /do_nanosleep/) { printf "%s", e; exit } }')
	echo "$entry"
	[[ "$entry" == *"do_nanosleep+"* ]]
	[[ "$entry" == *"hrtimer_wakeup+"* ]]
	n=$(printf '%s\n' "$entry" | sed -n 's/^\]: //p')
	[ "$n" -ge 900000 ]
	[ "$n" -le 1100000 ]
}

@test "offwake --depth reaches kstack(); default 7" {
	run --separate-stderr "$OFFWAKE" --script
	[[ "$output" == *"kstack(7)"* ]]
	run --separate-stderr "$OFFWAKE" --script --depth 3
	[ "$status" -eq 0 ]
	[[ "$output" == *"kstack(3)"* ]]
	run --separate-stderr "$OFFWAKE" --depth 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offwake: invalid value '0' for --depth" ]
}

@test "offwake --folded: sleeper then -- then waker" {
	require_root
	run --separate-stderr "$OFFWAKE" --folded -c 'sleep 1'
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^sleep;.*do_nanosleep;schedule;__schedule;--;.*hrtimer_wakeup;try_to_wake_up [0-9]{6,}$'
}
