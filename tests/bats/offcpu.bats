#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

OFFCPU="$BUILD/offcpu"

# value of the entry whose key ends with ", sleep]" after a nanosleep stack
sleep_ns() {
	awk '/do_nanosleep/ { ns = 1 } /^, sleep\]: / { if (ns) print $3; ns = 0 }' | sort -n | tail -1
}

@test "offcpu -c 'sleep 1': nanosleep stack, ~1e9 ns" {
	require_root
	run --separate-stderr "$OFFCPU" -c 'sleep 1'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@off["* ]]
	[[ "$output" == *"do_nanosleep+"* ]]
	[[ "$output" != *"bpf_prog_"* ]]
	n=$(printf '%s\n' "$output" | sleep_ns)
	echo "ns=$n"
	[ "$n" -ge 900000000 ]
	[ "$n" -le 1100000000 ]
}

@test "offcpu --ms: ~1000 ms; -m filters short waits" {
	require_root
	run --separate-stderr "$OFFCPU" --ms -m 500000 -c 'sleep 1'
	[ "$status" -eq 0 ]
	n=$(printf '%s\n' "$output" | sleep_ns)
	echo "ms=$n"
	[ "$n" -ge 900 ]
	[ "$n" -le 1100 ]
	[ "$(printf '%s\n' "$output" | grep -c ']: ')" -eq 1 ]
}

@test "offcpu --folded: sleep;...;do_nanosleep;...;__schedule N" {
	require_root
	run --separate-stderr "$OFFCPU" --folded -c 'sleep 1'
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^sleep;entry_SYSCALL_64_after_hwframe;do_syscall_64;.*do_nanosleep;schedule;__schedule [0-9]{9,}$'
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
