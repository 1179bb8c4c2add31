#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# bt's command line as bpftrace 0.17's: a bad option prints the usage,
# --no-warnings, --emit-llvm FILE, --emit-elf FILE, -l with -e, -c quoting;
# -l -p errors.
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

# usr1_run BIN OUT: runs BIN on a script that waits for an openat of a marker
# file; sends SIGUSR1 once it is attached, then opens the marker.
usr1_run() {
	local bin=$1 out=$2 marker=$BATS_TEST_TMPDIR/usr1-marker pid i
	: > "$marker"
	"$bin" -e "BEGIN { @a = 1; @b[1, \"x\"] = count(); }
		tracepoint:syscalls:sys_enter_openat /str(args->filename) == \"$marker\"/ { printf(\"traced\\n\"); exit(); }" \
		> "$out" 2>/dev/null &
	pid=$!
	for i in $(seq 100); do grep -q '^Attaching' "$out" && break; sleep 0.1; done
	kill -USR1 "$pid"
	for i in $(seq 100); do grep -q '^@a: 1$' "$out" && break; sleep 0.1; done
	cat "$marker"
	for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill "$pid" 2>/dev/null || true # a hang fails on the output
	wait "$pid"
}

@test "SIGUSR1 prints every map and keeps tracing, as bpftrace" {
	require_root
	usr1_run "$BT" "$BATS_TEST_TMPDIR/bt.out"
	[ "$(cat "$BATS_TEST_TMPDIR/bt.out")" = $'Attaching 2 probes...\n@a: 1\n@b[1, x]: 1\ntraced\n\n\n@a: 1\n@b[1, x]: 1' ]
	if command -v bpftrace >/dev/null; then
		usr1_run bpftrace "$BATS_TEST_TMPDIR/bpftrace.out"
		cmp "$BATS_TEST_TMPDIR/bt.out" "$BATS_TEST_TMPDIR/bpftrace.out"
	fi
}

@test "-l -p of a process that is gone, or has no executable (a zombie): bt: error:, exit 1" {
	/bin/true &
	gone=$!
	wait "$gone"
	run --separate-stderr "$BT" -l -p "$gone"
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "bt: error: cannot read process $gone: No such process" ]
	# a child that exits while its parent sleeps without reaping it
	python3 -c 'import os, time
pid = os.fork()
if pid == 0:
    os._exit(0)
print(pid, flush=True)
time.sleep(10)' > "$BATS_TEST_TMPDIR/zombie" &
	parent=$!
	for _ in $(seq 50); do
		zombie=$(cat "$BATS_TEST_TMPDIR/zombie")
		[ -n "$zombie" ] && [ "$(awk '{ print $3 }' "/proc/$zombie/stat" 2>/dev/null)" = Z ] && break
		sleep 0.1
	done
	run --separate-stderr "$BT" -l 'usdt:*' -p "$zombie"
	kill "$parent"
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "bt: error: cannot read process $zombie: it has no executable (a kernel thread or a zombie)" ]
}

@test "-l with -e lists by the search pattern and ignores the program, as bpftrace 0.17" {
	require_root
	prog='BEGIN { exit(); } tracepoint:irq:irq_handler_entry { }'
	run --separate-stderr "$BT" -l 'tracepoint:sched:sched_sw*' -e "$prog"
	[ "$status" -eq 0 ]
	[ "$output" = $'tracepoint:sched:sched_swap_numa\ntracepoint:sched:sched_switch' ]
	[ "$stderr" = "bt: warning: -l lists by its search pattern; the -e program is ignored" ]
	run --separate-stderr "$BT" --no-warnings -l 'tracepoint:sched:sched_sw*' -e "$prog"
	[ "$stderr" = "" ]
	if command -v bpftrace >/dev/null; then
		[ "$output" = "$(bpftrace -l 'tracepoint:sched:sched_sw*' -e "$prog" 2>/dev/null)" ]
	fi
	# without a pattern, everything, as -l alone
	[ "$("$BT" -l -e "$prog" 2>/dev/null | wc -l)" -eq "$("$BT" -l | wc -l)" ]
}

@test "-c splits CMD as a shell does, quotes included (bpftrace 0.17 splits at spaces)" {
	require_root
	run --separate-stderr timeout 30 "$BT" -c '/bin/sh -c "echo a; echo b"' \
		-e 'tracepoint:syscalls:sys_enter_write /pid == cpid/ { @ = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\na\nb\n\n\n@: 2' ]
}

@test "-p of a process that is gone is an error; the run ends when the -p process does" {
	require_root
	/bin/true &
	gone=$!
	wait "$gone"
	run --separate-stderr "$BT" -p "$gone" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$stderr" = "bt: error: cannot trace process $gone: No such process" ]
	# a 2 s sleeper: bt stops with it and prints its maps (exit 0; were it
	# still running at 20 s, timeout's 124)
	sleep 2 &
	p=$!
	run --separate-stderr timeout 20 "$BT" -p "$p" -e 'interval:ms:100 { @ = count(); }'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 1 probe..." ]
	[[ "${lines[-1]}" =~ ^@:\ [0-9]+$ ]]
}
