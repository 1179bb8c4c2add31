#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Settings from the environment (engine/settings.c) and bpftrace 0.17's
# BPFTRACE_* variables, on real events. Expected stdout is what bpftrace 0.17
# prints for the same command; where it is installed, it is run as well.
load helpers

@test "a bad BPFTRACE_* value is an error naming the running command" {
	run --separate-stderr env BPFTRACE_STRLEN=abc "$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: BPFTRACE_STRLEN='abc' is not a positive integer" ]
	run --separate-stderr env BPFTRACE_STRLEN=201 "$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: BPFTRACE_STRLEN='201' is more than the maximum of 200 bytes (strings live on the 512-byte BPF stack)" ]
	run --separate-stderr env BPFTRACE_LOG_SIZE=0 "$BUILD/openerr" --dry-run
	[ "$status" -eq 1 ]
	[ "$stderr" = "openerr: error: BPFTRACE_LOG_SIZE='0' is not a positive integer" ]
	run --separate-stderr env BPFTRACE_PERF_RB_PAGES=3 "$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: BPFTRACE_PERF_RB_PAGES='3' is not a power of 2" ]
	run --separate-stderr env BPFTRACE_NO_CPP_DEMANGLE=2 "$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: BPFTRACE_NO_CPP_DEMANGLE='2' is neither 0 nor 1" ]
	run --separate-stderr env BPFTRACE_MAX_TYPE_RES_ITERATIONS=x "$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: BPFTRACE_MAX_TYPE_RES_ITERATIONS='x' is not a positive integer" ]
}

@test "BPFTRACE_MAX_PROBES counts attach points, BEGIN included, as bpftrace" {
	require_root
	prog='BEGIN { } tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("open\n"); }'
	export BPFTRACE_MAX_PROBES=1
	run --separate-stderr "$BT" -c '/usr/bin/cat /dev/null' -e "$prog"
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "bt: error: cannot attach to 2 probes: the limit is 1 (BPFTRACE_MAX_PROBES; many probes can slow down or crash the system)" ]
	same_as_bpftrace -c '/usr/bin/cat /dev/null' -e "$prog"
	export BPFTRACE_MAX_PROBES=2
	run --separate-stderr "$BT" -c '/usr/bin/cat /dev/null' -e "$prog"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 2 probes..." ]
	[ "${lines[1]}" = "open" ]
	[ "$(grep -cv '^open$' <<<"$output")" -eq 1 ]
	same_as_bpftrace -c '/usr/bin/cat /dev/null' -e "$prog"
}

@test "BPFTRACE_MAX_BPF_PROGS limits the programs" {
	require_root
	run --separate-stderr env BPFTRACE_MAX_BPF_PROGS=1 "$BT" -e 'BEGIN { exit(); } END { }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: the program needs 2 BPF programs: the limit is 1 (BPFTRACE_MAX_BPF_PROGS)" ]
	run --separate-stderr env BPFTRACE_MAX_BPF_PROGS=2 "$BT" -e 'BEGIN { exit(); } END { }'
	[ "$status" -eq 0 ]
}

@test "BPFTRACE_CAT_BYTES_MAX cuts cat() as bpftrace" {
	require_root
	printf 'first line\nsecond line\n' > "$BATS_TEST_TMPDIR/f"
	prog="BEGIN { cat(\"$BATS_TEST_TMPDIR/f\"); printf(\"|\\n\"); exit(); }"
	BPFTRACE_CAT_BYTES_MAX=5 run --separate-stderr "$BT" -e "$prog"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nfirst|' ]
	BPFTRACE_CAT_BYTES_MAX=5 same_as_bpftrace -e "$prog"
	run --separate-stderr "$BT" -e "$prog"
	[ "$output" = $'Attaching 1 probe...\nfirst line\nsecond line\n|' ]
	same_as_bpftrace -e "$prog"
}

@test "BPFTRACE_PERF_RB_PAGES sizes the ring buffer; records still arrive" {
	require_root
	prog='tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	BPFTRACE_PERF_RB_PAGES=1 run --separate-stderr "$BT" -v -c 'cat /etc/hostname' -e "$prog"
	[ "$status" -eq 0 ]
	n=$(nproc --all)
	size=4096
	while [ "$size" -lt $((4096 * n)) ]; do size=$((size * 2)); done
	grep -q "map 'BT_RINGBUF': found max_entries = $size\.$" <<<"$stderr"
	[ "$(grep -c '^/etc/hostname$' <<<"$output")" -eq 1 ]
}

@test "a warning without a position names the tool that runs" {
	require_root
	# errno numbers: the names are string literals longer than 7 characters
	BPFTRACE_STRLEN=8 run --separate-stderr "$BUILD/openerr" --errno-numbers -c 'cat /nonexistent/long/path'
	[ "$status" -eq 0 ]
	grep -Eq '^[0-9]+ +cat +2 +/nonexi$' <<<"$output"
	[ "$(grep -c 'warning' <<<"$stderr")" -eq 1 ]
	grep -qE '^openerr: warning: [0-9]+ strings? (was|were) cut to 7 characters; raise BPFTRACE_STRLEN \(now 8, at most 200\) or read with str\(x, N\)$' <<<"$stderr"
}

@test "BPFTRACE_LOG_SIZE caps the verifier log (-v)" {
	require_root
	# log_body: bytes of the verifier's log that -v printed
	log_body() {
		printf '%s\n' "$stderr" | sed -n '/^-- the verifier.s log for/,/^-- end of the log --$/p' |
			sed '1d;$d' | wc -c
	}
	cd "$ROOT/tests/bad"
	run --separate-stderr "$BT" -v --dry-run verifier_infinite_loop.bt
	[ "$status" -eq 1 ]
	[ "$(log_body)" -gt 250 ]
	BPFTRACE_LOG_SIZE=200 run --separate-stderr "$BT" -v --dry-run verifier_infinite_loop.bt
	[ "$status" -eq 1 ]
	n=$(log_body)
	[ "$n" -gt 0 ] && [ "$n" -le 200 ] || { echo "log of $n bytes"; false; }
	grep -q "error: the kernel verifier rejected probe 'BEGIN': infinite loop detected" <<<"$stderr"
}
