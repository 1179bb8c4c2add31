#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

OFFCPU="$BUILD/offcpu"

# value of the entry whose key ends with ", sleep]" after a nanosleep stack
sleep_ns() {
	awk '/do_nanosleep/ { ns = 1 } /^, sleep\]: / { if (ns) print $3; ns = 0 }' | sort -n | tail -1
}

@test "offcpu -c 'sleep 1': nanosleep stack, ~1e6 us (the default unit)" {
	require_root
	run --separate-stderr "$OFFCPU" -c 'sleep 1'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@off["* ]]
	[[ "$output" == *"do_nanosleep+"* ]]
	[[ "$output" != *"bpf_prog_"* ]]
	n=$(printf '%s\n' "$output" | sleep_ns)
	echo "us=$n"
	[ "$n" -ge 900000 ]
	[ "$n" -le 1100000 ]
}

@test "offcpu --ns: ~1e9 ns" {
	require_root
	run --separate-stderr "$OFFCPU" --ns -K -c 'sleep 1'
	[ "$status" -eq 0 ]
	n=$(printf '%s\n' "$output" | sleep_ns)
	echo "ns=$n"
	[ "$n" -ge 900000000 ]
	[ "$n" -le 1100000000 ]
}

@test "offcpu --ms sums in ns: 1000 waits of 200 us add up to >= 150 ms, not 0" {
	require_root
	printf 'import time\nfor i in range(1000):\n    time.sleep(0.0002)\n' >"$BATS_TEST_TMPDIR/w.py"
	run --separate-stderr "$OFFCPU" --ms -K -n python3 -c "python3 $BATS_TEST_TMPDIR/w.py"
	[ "$status" -eq 0 ]
	# the waits in nanosleep only: python's start-up waits are longer ones
	n=$(printf '%s\n' "$output" | awk '/do_nanosleep/ { ns = 1 } /^, python3\]: / { if (ns) s += $3; ns = 0 } END { print s + 0 }')
	echo "ms=$n"
	[ "$n" -ge 150 ]
	run --separate-stderr "$OFFCPU" --ms -K -j -n python3 -c "python3 $BATS_TEST_TMPDIR/w.py"
	[ "$status" -eq 0 ]
	n=$(printf '%s\n' "$output" | grep '"@off"' | grep -oE '"[^"]*do_nanosleep[^"]*,python3": [0-9]+' | awk '{ s += $NF } END { print s + 0 }')
	echo "json ms=$n"
	[ "$n" -ge 150 ]
}

@test "offcpu: kernel and user stacks by default, -K kernel only, -U user only" {
	require_root
	run --separate-stderr "$OFFCPU" --script
	[[ "$output" == *"@off[@stack[\$t], @ustack[\$t], args->next_comm] = sum(\$d);"* ]]
	run --separate-stderr "$OFFCPU" -K --script
	[[ "$output" == *"@off[@stack[\$t], args->next_comm] = sum(\$d);"* ]]
	[[ "$output" != *"ustack("* ]]
	run --separate-stderr "$OFFCPU" -U --script
	[[ "$output" == *"@stack[tid] = ustack(127);"* ]]
	run --separate-stderr "$OFFCPU" -K -U
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: -K and -U cannot be combined (the default is both)" ]
	run --separate-stderr "$OFFCPU" -f -c 'sleep 0.5'
	[ "$status" -eq 0 ]
	# comm;kernel stack;--;user stack N: the user half ends in libc's nanosleep
	echo "$output" | grep -Eq '^sleep;.*do_nanosleep;schedule;__schedule;--;[^ ]+ [0-9]{5,}$'
}

@test "offcpu --state D|S: prev_state of sched_switch; preempted tasks match neither" {
	require_root
	# sleep(1) waits interruptibly: in S, not in D
	run --separate-stderr "$OFFCPU" --state S -K -c 'sleep 0.5'
	[ "$status" -eq 0 ]
	[[ "$output" == *"do_nanosleep+"* ]]
	run --separate-stderr "$OFFCPU" --state D -K -c 'sleep 0.5'
	[ "$status" -eq 0 ]
	[[ "$output" != *"do_nanosleep+"* ]]
	# a synchronous write waits for the disk uninterruptibly (D)
	run --separate-stderr "$OFFCPU" --state D -K -c "dd if=/dev/zero of=$BATS_TEST_TMPDIR/f bs=64k count=64 oflag=dsync"
	[ "$status" -eq 0 ]
	[[ "$output" == *", dd]: "* ]]
	run --separate-stderr "$OFFCPU" --state X
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: invalid state 'X' for --state (D or S)" ]
	run --separate-stderr "$OFFCPU" --state D --kprobe
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: --state is not implemented with --kprobe or --kfunc" ]
}

@test "offcpu --ms: ~1000 ms; -m filters short waits" {
	require_root
	run --separate-stderr "$OFFCPU" --ms -K -m 500000 -c 'sleep 1'
	[ "$status" -eq 0 ]
	n=$(printf '%s\n' "$output" | sleep_ns)
	echo "ms=$n"
	[ "$n" -ge 900 ]
	[ "$n" -le 1100 ]
	[ "$(printf '%s\n' "$output" | grep -c ']: ')" -eq 1 ]
}

@test "offcpu --folded: sleep;...;do_nanosleep;...;__schedule N" {
	require_root
	run --separate-stderr "$OFFCPU" --folded -K -c 'sleep 1'
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^sleep;entry_SYSCALL_64_after_hwframe;do_syscall_64;.*do_nanosleep;schedule;__schedule [0-9]{6,}$'
}

@test "offcpu bad options exit 2" {
	run --separate-stderr "$OFFCPU" -p abc
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: invalid PID 'abc' for -p" ]
	run --separate-stderr "$OFFCPU" -m 10 -M 5
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: -M 5 is less than -m 10" ]
}

@test "offcpu --kprobe / --kfunc fail with the kernel's reason, exit 1" {
	require_root
	have_kprobes && skip "this kernel has kprobes"
	run --separate-stderr "$OFFCPU" --kprobe --dry-run
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"kprobe:finish_task_switch: this kernel has no kprobes"* ]]
	run --separate-stderr "$OFFCPU" --kfunc --dry-run
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"kfunc:finish_task_switch:"* ]]
}
