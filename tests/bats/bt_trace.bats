#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# bt on real kernel events: tracepoints, intervals, profile, -c, signals.
load helpers

setup() { require_root; }

@test "openat tracepoint with -c prints the child's opens" {
	run --separate-stderr timeout 30 "$BT" -e 'tracepoint:syscalls:sys_enter_openat /comm == "cat"/ { printf("%s %s\n", comm, str(args->filename)); }' -c 'cat /etc/hostname'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 1 probe..." ]
	# a line of its own (cat's own "vm" output may come before or after it)
	grep -qx "cat /etc/hostname" <<<"$output"
}

@test "seed wq.bt runs unchanged and prints per-function stats" {
	require_seed
	# SIGINT after 7 s; bt's own exit status, which must be 0
	run --separate-stderr timeout --preserve-status -s INT 7 "$BT" "$SEED/wq.bt"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 3 probes..." ]
	echo "$output" | grep -Eq '^@us\[[a-z_0-9]+\]: count [0-9]+, average [0-9]+, total [0-9]+$'
}

@test "interval probe counts and exit() stops the run" {
	run --separate-stderr timeout 10 "$BT" -e 'interval:ms:100 { @n++; if (@n == 3) { exit(); } }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@n: 3' ]
}

@test "profile samples the -c command's kernel stacks" {
	require_seed
	run --separate-stderr timeout 60 "$BT" "$SEED/on_cpu.bt" -c 'dd if=/dev/zero of=/dev/null bs=1M count=3000'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@["* ]]
	echo "$output" | grep -Eq '(read_zero|read_iter_zero|iov_iter_zero)'
	echo "$output" | grep -Eq '^\]: [0-9]+$'
}

@test "SIGINT prints the maps and exits 0" {
	"$BT" -e 'tracepoint:raw_syscalls:sys_enter { @calls = count(); }' > "$BATS_TEST_TMPDIR/out" 2>&1 &
	pid=$!
	sleep 2
	kill -INT $pid
	wait $pid
	rc=$?
	[ "$rc" -eq 0 ]
	grep -Eq '^@calls: [0-9]+$' "$BATS_TEST_TMPDIR/out"
}

@test "-q hides the banner and -o writes to a file" {
	run --separate-stderr "$BT" -q -o "$BATS_TEST_TMPDIR/o.txt" -e 'BEGIN { printf("to file\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$(head -n 1 "$BATS_TEST_TMPDIR/o.txt")" = "to file" ]
}

@test "kernel stacks are symbolized" {
	run --separate-stderr timeout 20 "$BT" -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { @[kstack] = count(); }' -c 'sleep 0.2'
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^    [a-z_0-9.]+\+[0-9]+$'
}

@test "curtask fields are typed from BTF" {
	run --separate-stderr "$BT" -e 'BEGIN { printf("%d %s\n", curtask->tgid == pid, curtask->comm); exit(); }'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "1 bt" ]
}

@test "args fields of a non-syscall tracepoint (sched_switch) with strings" {
	run --separate-stderr timeout 10 "$BT" -e 'tracepoint:sched:sched_switch { @[args->prev_comm] = count(); } interval:ms:500 { exit(); }'
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^@\[[^]]+\]: [0-9]+$'
}

@test "positional parameters and -D defines" {
	run --separate-stderr "$BT" -D LIMIT=7 -e 'BEGIN { printf("%d %d %s\n", $1 + LIMIT, $#, str($2)); exit(); }' 5 hello
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "12 2 hello" ]
}

@test "64-bit values are not truncated by a narrower first assignment" {
	run --separate-stderr "$BT" -e 'BEGIN { $p = curtask->prio; $p = $p + 4294967296; printf("%d\n", $p > 4294967296); exit(); }'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "1" ]
}
