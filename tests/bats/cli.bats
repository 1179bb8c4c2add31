#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# bt's command line as bpftrace 0.17's: a bad option prints the usage,
# --no-warnings, --emit-llvm FILE, --emit-elf FILE.
load helpers

@test "an unknown option prints the error, then the usage, and exits 1" {
	run --separate-stderr "$BT" --nosuchoption -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$(first_err)" = "bt: error: unknown option '--nosuchoption'" ]
	[ "$(printf '%s\n' "$stderr" | tail -n +2)" = "$("$BT" --help)" ]
	run --separate-stderr "$BT" -Z -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: unknown option '-Z'" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 2p)" = "USAGE:" ]
	run --separate-stderr "$BT" --emit-elf
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: option '--emit-elf' needs an argument" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 2p)" = "USAGE:" ]
	if command -v bpftrace >/dev/null; then
		run --separate-stderr bpftrace --nosuchoption -e 'BEGIN { exit(); }'
		[ "$status" -eq 1 ]
		[ "$(printf '%s\n' "$stderr" | sed -n 2p)" = "USAGE:" ]
	fi
}

@test "--no-warnings: the same output, no warning" {
	require_root
	prog='tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	BPFTRACE_STRLEN=8 run --separate-stderr "$BT" -c '/usr/bin/head -c 0 /etc/hostname' -e "$prog"
	[ "$status" -eq 0 ]
	with=$output
	[[ "$stderr" == "bt: warning: "*" cut to 7 characters"* ]]
	BPFTRACE_STRLEN=8 run --separate-stderr "$BT" --no-warnings -c '/usr/bin/head -c 0 /etc/hostname' -e "$prog"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	# (a string can read empty when its page is not in yet: compare the count)
	[ "$(wc -l <<<"$output")" -eq "$(wc -l <<<"$with")" ]
	grep -qx '/etc/ho' <<<"$with"
	grep -qx '/etc/ho' <<<"$output"
	# errors still show
	run --separate-stderr "$BT" --no-warnings -e 'BEGIN { nosuchfn(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:9: error: unknown function 'nosuchfn'" ]
}

@test "--emit-llvm FILE writes the IR before and after the passes, then runs" {
	require_root
	f=$BATS_TEST_TMPDIR/out
	prog='tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	run --separate-stderr "$BT" --emit-llvm "$f" -c '/usr/bin/cat /etc/hostname' -e "$prog"
	[ "$status" -eq 0 ]
	grep -qx '/etc/hostname' <<<"$output"
	[ "${lines[0]}" = "Attaching 1 probe..." ]
	grep -q '^define .*@' "$f.original.ll"
	grep -q '^define .*@' "$f.optimized.ll"
	# the passes ran: the optimized IR has no allocas left in the probe
	[ "$(grep -c alloca "$f.optimized.ll")" -lt "$(grep -c alloca "$f.original.ll")" ]
	run --separate-stderr "$BT" --emit-llvm /nonexistent/dir/x -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: cannot write '/nonexistent/dir/x.original.ll': No such file or directory" ]
}

@test "--emit-elf FILE writes the BPF object and runs nothing" {
	require_root
	f=$BATS_TEST_TMPDIR/prog.o
	run --separate-stderr "$BT" --emit-elf "$f" -c "touch $BATS_TEST_TMPDIR/ran" -e 'BEGIN { printf("hi\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	[ ! -e "$BATS_TEST_TMPDIR/ran" ]
	[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ]
	readelf -h "$f" | grep -q 'Machine: *Linux BPF'
	readelf -S "$f" | grep -q ' license '
	run --separate-stderr "$BT" --emit-elf /nonexistent/dir/x -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: cannot write '/nonexistent/dir/x': No such file or directory" ]
}
