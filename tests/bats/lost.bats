#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Records the ring buffer had no room for are counted in the kernel and
# reported ("Lost N events", as bpftrace), never dropped silently.
load helpers

@test "lost: a full ring buffer is reported as lost events" {
	require_root
	# the reader sleeps: bt blocks writing to the pipe, the 32 MiB ring buffer
	# (~64-byte records) fills while dd makes ~1M syscalls
	run bash -c "'$BT' -e 'tracepoint:raw_syscalls:sys_enter /comm == \"dd\"/ { printf(\"%s %d %d %d\n\", comm, pid, tid, nsecs); }' \
		-c 'dd if=/dev/zero of=/dev/null bs=1 count=500000 status=none' | (sleep 3; cat)"
	[ "$status" -eq 0 ]
	lost=$(sed -nE 's/^Lost ([0-9]+) events$/\1/p' <<<"$output" | awk '{s += $1} END {print s + 0}')
	lines=$(grep -c '^dd ' <<<"$output")
	echo "lost=$lost lines=$lines"
	[ "$lost" -gt 0 ]
	[ "$lines" -gt 0 ]
	# dd made at least 1M syscalls: every one was printed or counted lost
	[ $((lost + lines)) -ge 1000000 ]
}

@test "lost: -f json reports them as a lost_events record" {
	require_root
	run bash -c "'$BT' -f json -e 'tracepoint:raw_syscalls:sys_enter /comm == \"dd\"/ { printf(\"%s %d %d %d\n\", comm, pid, tid, nsecs); }' \
		-c 'dd if=/dev/zero of=/dev/null bs=1 count=500000 status=none' | (sleep 3; cat)"
	[ "$status" -eq 0 ]
	grep -Eq '^\{"type": "lost_events", "data": \{"events": [1-9][0-9]*\}\}$' <<<"$output"
}
