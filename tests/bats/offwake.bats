#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

OFFWAKE="$BUILD/offwake"

@test "offwake -c 'sleep 1': sleeper nanosleep stack, hrtimer_wakeup waker, ~1e6 us" {
	require_root
	run --separate-stderr "$OFFWAKE" -K -c 'sleep 1'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@off[sleep, "* ]]
	entry=$(printf '%s\n' "$output" | awk '/^@off\[sleep, / { e = "" } { e = e $0 "\n" } /^\]: / { if (e ~ /do_nanosleep/) { printf "%s", e; exit } }')
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
	run --separate-stderr "$OFFWAKE" --folded -K -c 'sleep 1'
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^sleep;.*do_nanosleep;schedule;__schedule;--;.*hrtimer_wakeup;try_to_wake_up [0-9]{6,}$'
}

@test "offwake: kernel and user stacks by default, -U user only; --ms divides the ns sum" {
	require_root
	run --separate-stderr "$OFFWAKE" -f -c 'sleep 1'
	[ "$status" -eq 0 ]
	# comm;kernel;--;user;--;waker kernel;--;waker user N (the waker is an
	# interrupt: its user half is whoever it interrupted, maybe empty)
	echo "$output" | grep -Eq '^sleep;.*do_nanosleep;schedule;__schedule;--;[^ ]+;--;.*hrtimer_wakeup;try_to_wake_up(;--;[^ ]+)? [0-9]{6,}$'
	run --separate-stderr "$OFFWAKE" -U --script
	[[ "$output" == *"@stack[tid] = ustack(7);"* ]]
	[[ "$output" != *"kstack("* ]]
	run --separate-stderr "$OFFWAKE" --ms -K -c 'sleep 1'
	[ "$status" -eq 0 ]
	n=$(printf '%s\n' "$output" | awk '/do_nanosleep/ { ns = 1 } /^\]: / { if (ns) print $2; ns = 0 }' | sort -n | tail -1)
	echo "ms=$n"
	[ "$n" -ge 900 ]
	[ "$n" -le 1100 ]
}
