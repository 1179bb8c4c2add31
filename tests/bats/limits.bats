#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Limits: a full map (BPFTRACE_MAP_KEYS_MAX) is reported on stderr, once per
# map, and the keys that fit are printed; strings are cut at BPFTRACE_STRLEN
# as bpftrace cuts them; a literal longer than that is refused.
load helpers
load ../bad/leaks

setup() {
	require_root
}

SIX='@a[1] = 1; @a[2] = 1; @a[3] = 1; @a[4] = 1; @a[5] = 1; @a[6] = 1;'

@test "map full: one warning naming the map, the keys that fit are printed" {
	BPFTRACE_MAP_KEYS_MAX=4 run --separate-stderr timeout 20 "$BT" -e "BEGIN { $SIX @b[1] = 1; exit(); }"
	[ "$status" -eq 0 ]
	[ "$stderr" = "bt: warning: map @a is full (4 entries): updates of new keys were dropped; raise BPFTRACE_MAP_KEYS_MAX" ]
	[ "$(printf '%s\n' "$output" | grep -c '^@a\[[1-6]\]: 1$')" -eq 4 ]
	[[ "$output" == *"@b[1]: 1"* ]]
}

@test "map full: count() (per-CPU) and hist() maps are reported too" {
	BPFTRACE_MAP_KEYS_MAX=4 run --separate-stderr timeout 20 "$BT" -e 'BEGIN { @c[1] = count(); @c[2] = count(); @c[3] = count(); @c[4] = count(); @c[5] = count(); @h[1] = hist(1); @h[2] = hist(1); @h[3] = hist(1); @h[4] = hist(1); @h[5] = hist(1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "bt: warning: map @c is full (4 entries): updates of new keys were dropped; raise BPFTRACE_MAP_KEYS_MAX
bt: warning: map @h is full (4 entries): updates of new keys were dropped; raise BPFTRACE_MAP_KEYS_MAX" ]
	[ "$(printf '%s\n' "$output" | grep -c '^@c\[[1-5]\]: 1$')" -eq 4 ]
	[ "$(printf '%s\n' "$output" | grep -c '^@h\[[1-5]\]: $')" -eq 4 ]
}

@test "a map below its limit: no warning" {
	BPFTRACE_MAP_KEYS_MAX=4 run --separate-stderr timeout 20 "$BT" -e 'BEGIN { @a[1] = 1; @a[2] = 1; @a[3] = 1; exit(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$(printf '%s\n' "$output" | grep -c '^@a\[[1-3]\]: 1$')" -eq 3 ]
}

@test "map full in a real event stream (openat by a -c child), nothing left" {
	leaks_before
	BPFTRACE_MAP_KEYS_MAX=2 run --separate-stderr timeout 20 "$BT" -c 'cat /etc/hostname /etc/passwd /etc/group' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @[str(args->filename)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "bt: warning: map @ is full (2 entries): updates of new keys were dropped; raise BPFTRACE_MAP_KEYS_MAX" ]
	[ "$(printf '%s\n' "$output" | grep -c '^@\[')" -eq 2 ]
	leaks_check
}

@test "BPFTRACE_STRLEN cuts strings read at run time (str(), map keys)" {
	BPFTRACE_STRLEN=8 run --separate-stderr timeout 20 "$BT" -c 'head -c 0 /etc/hostname' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/etc/ho"/ { printf("%s\n", str(args->filename)); @[str(args->filename)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/etc/ho\n\n\n@[/etc/ho]: 1' ]
	run --separate-stderr timeout 20 "$BT" -c 'head -c 0 /etc/hostname' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename, 6)); }'
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -qx '/etc/h'
	[ -z "$(printf '%s\n' "$output" | grep '^/etc/ho')" ]
}

@test "a string literal longer than BPFTRACE_STRLEN is refused at compile time" {
	BPFTRACE_STRLEN=8 run --separate-stderr "$BT" --dry-run -e 'BEGIN { @["12345678"] = 1; }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:11: error: string literal is longer than 7 characters (BPFTRACE_STRLEN=8)" ]
	BPFTRACE_STRLEN=8 run --separate-stderr "$BT" --dry-run -e 'BEGIN { @["1234567"] = 1; }'
	[ "$status" -eq 0 ]
}

@test "a full ring buffer: the lost events are counted and reported" {
	# stdout is a pipe nobody reads for 4 s: bt blocks, the 32 MiB ring buffer
	# (~90-byte records here) fills
	timeout 60 "$BT" -c 'dd if=/dev/zero of=/dev/null bs=1 count=600000' -e 'tracepoint:syscalls:sys_enter_read /pid == cpid/ { printf("%s %s %s %s %d\n", comm, comm, comm, comm, nsecs); }' \
		2> "$BATS_TEST_TMPDIR/err" | (sleep 4; cat) > "$BATS_TEST_TMPDIR/out"
	lost=$(sed -nE 's/^Lost ([0-9]+) events$/\1/p' "$BATS_TEST_TMPDIR/out" | awk '{ s += $1 } END { print s + 0 }')
	printed=$(grep -c '^dd dd dd dd -\?[0-9]' "$BATS_TEST_TMPDIR/out" || true)
	echo "lost $lost printed $printed"
	[ "$lost" -gt 0 ]
	[ $((lost + printed)) -ge 600000 ]
	[ $((lost + printed)) -le 600100 ]
}
