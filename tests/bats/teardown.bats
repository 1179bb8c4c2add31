#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Teardown: however a run ends (SIGINT, SIGTERM, SIGHUP, -c child exit,
# exit(), a killed child, the verifier rejecting a program, an attach failing
# half-way, bt itself killed), no BPF program, link or map of ours stays in the
# kernel (tests/bad/leaks.bash), no child is left, and the output bpftrace
# prints at that point is printed.
load helpers
load ../bad/leaks

setup() {
	require_root
	leaks_before
}

# a tracepoint nothing here triggers, so the output is exact
SCRIPT='BEGIN { @x = 1; } tracepoint:syscalls:sys_enter_getppid { $y = 1; } END { printf("end\n"); }'
ENDED=$'Attaching 3 probes...\nend\n\n\n@x: 1'

# start bt in the background, wait until it has attached
start_bt() {
	"$BT" "$@" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	BTPID=$!
	for _ in $(seq 100); do
		grep -q '^Attaching' "$BATS_TEST_TMPDIR/out" 2>/dev/null && return 0
		kill -0 "$BTPID" 2>/dev/null || break
		sleep 0.1
	done
	cat "$BATS_TEST_TMPDIR/err"
	return 1
}

# wait for bt (at most 20 s), leave its exit status in $st
wait_bt() {
	for _ in $(seq 200); do
		kill -0 "$BTPID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$BTPID" 2>/dev/null; then
		kill -KILL "$BTPID"
		echo "bt did not exit"
		return 1
	fi
	st=0
	wait "$BTPID" || st=$?
}

signal_test() {
	start_bt -e "$SCRIPT"
	kill -"$1" "$BTPID"
	wait_bt
	[ "$st" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "$ENDED" ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	leaks_check
}

@test "SIGINT: END runs, maps printed, exit 0, nothing left" {
	signal_test INT
}

@test "SIGTERM: as SIGINT" {
	signal_test TERM
}

@test "SIGHUP: as SIGINT" {
	signal_test HUP
}

@test "SIGINT while attaching (362 syscall tracepoints): END, maps, exit 0, nothing left" {
	"$BT" -e 'BEGIN { @x = 1; } tracepoint:syscalls:sys_enter_* { $y = 1; } END { printf("end\n"); }' \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	BTPID=$!
	for _ in $(seq 500); do
		grep -q '^Attaching' "$BATS_TEST_TMPDIR/out" 2>/dev/null && break
		sleep 0.01
	done
	kill -INT "$BTPID"
	wait_bt
	[ "$st" -eq 0 ]
	[ "$(sed 1d "$BATS_TEST_TMPDIR/out")" = $'end\n\n\n@x: 1' ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	leaks_check
}

@test "SIGINT twice in a row still ends cleanly" {
	start_bt -e "$SCRIPT"
	kill -INT "$BTPID"
	kill -INT "$BTPID" 2>/dev/null || true
	wait_bt
	# the second one may come after the maps were printed, when bt restored
	# the default action: then it ends bt's exit (status 130), nothing else
	[ "$st" -eq 0 ] || [ "$st" -eq 130 ]
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "$ENDED" ]
	leaks_check
}

@test "-c: the child's exit ends the run, nothing left" {
	run --separate-stderr timeout 30 "$BT" -c 'sleep 0.3' -e "$SCRIPT"
	[ "$status" -eq 0 ]
	[ "$output" = "$ENDED" ]
	leaks_check
}

@test "exit(): END runs, maps printed, nothing left" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { @x = 1; } interval:ms:100 { exit(); } END { printf("end\n"); }'
	[ "$status" -eq 0 ]
	[ "$output" = "$ENDED" ]
	leaks_check
}

@test "a killed -c child ends the run, nothing left" {
	BT_LEAK_PATTERN='sleep 31.7'
	start_bt -c 'sleep 31.7' -e "$SCRIPT"
	child=$(pgrep -P "$BTPID")
	[ -n "$child" ]
	kill -KILL $child
	wait_bt
	[ "$st" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "$ENDED" ]
	leaks_check
}

@test "SIGINT with a -c child: the child is killed too" {
	BT_LEAK_PATTERN='sleep 32.3'
	start_bt -c 'sleep 32.3' -e "$SCRIPT"
	[ -n "$(pgrep -P "$BTPID")" ]
	kill -INT "$BTPID"
	wait_bt
	[ "$st" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "$ENDED" ]
	sleep 0.2
	leaks_check
}

@test "the verifier rejects a program: located error, exit 1, nothing left" {
	run --separate-stderr timeout 60 "$BT" -e 'tracepoint:syscalls:sys_enter_getppid { $y = 1; } BEGIN { $i = 0; while ($i < 1) { $i = $i * 1; } }'
	[ "$status" -eq 1 ]
	# located at the statement whose code the verifier stopped in, then the probe
	[ "$(first_err)" = "stdin:1:67: error: the kernel verifier rejected this statement: infinite loop detected at insn 0" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 3p)" = "                                                                  ^~~~~" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 4p)" = "bt: note: in probe 'BEGIN' (stdin:1:51)" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 5p)" = "bt: note: a loop needs a bound the verifier can see: unroll(N), or a counter compared with a constant; -v shows the verifier log" ]
	[ "$output" = "" ]
	leaks_check
}

@test "a verifier rejection: -v shows the whole log; from the compile cache, located the same" {
	export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
	s='BEGIN { $i = 0; while ($i < 1) { $i = $i * 1; } }'
	want="stdin:1:17: error: the kernel verifier rejected this statement: infinite loop detected at insn 0"
	run --separate-stderr timeout 60 "$BT" -v -e "$s"
	[ "$status" -eq 1 ]
	grep -qx -- "-- the verifier's log for BEGIN --" <<< "$stderr"
	grep -qx "0: (05) goto pc-1" <<< "$stderr"
	grep -q "^processed [0-9]* insns" <<< "$stderr"
	grep -qx -- "-- end of the log --" <<< "$stderr"
	grep -qx "$want" <<< "$stderr"
	grep -q "^compile cache: miss, stored" <<< "$stderr"
	run --separate-stderr timeout 60 "$BT" -e "$s"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "$want" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 4p)" = "bt: note: in probe 'BEGIN' (stdin:1:1)" ]
	leaks_check
}

@test "an attach failing half-way detaches what was attached, exit 1" {
	# (an unknown rawtracepoint is now caught before attaching; software event
	# names are still only checked by the kernel)
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { @x = 1; } tracepoint:syscalls:sys_enter_getppid { $y = 1; } software:no_such_event_xyz:100 { $z = 1; } END { printf("end\n"); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "bt: error: cannot attach software:no_such_event_xyz:100: unknown event name" ]
	leaks_check
}

@test "bt killed with SIGKILL: the kernel keeps nothing of ours" {
	start_bt -e "$SCRIPT"
	kill -KILL "$BTPID"
	wait_bt
	[ "$st" -eq 137 ]
	leaks_check
}

@test "-c with a command that cannot run: exit 1, no child, nothing left" {
	run --separate-stderr timeout 30 "$BT" -c '/nonexistent/cmd' -e "$SCRIPT"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == "bt: error: cannot run '/nonexistent/cmd'"* ]]
	leaks_check
}

@test "the leak check itself finds an object left in the kernel" {
	bpftool map create /sys/fs/bpf/bt_teardown_selftest type hash key 4 value 4 entries 1 name BT_SELFTEST
	run leaks_check
	rm -f /sys/fs/bpf/bt_teardown_selftest
	[ "$status" -eq 1 ]
	[[ "$output" == "left in the kernel:"$'\n'"map "* ]]
}

@test "the terminal is left as it was (stty before and after, in a pty)" {
	command -v script >/dev/null || skip "script(1) is not installed"
	run timeout 60 script -qec "stty -g; \"$BT\" -c 'sleep 0.2' -e '$SCRIPT' >/dev/null; stty -g" /dev/null
	[ "$status" -eq 0 ]
	before=$(printf '%s\n' "$output" | tr -d '\r' | sed -n 1p)
	after=$(printf '%s\n' "$output" | tr -d '\r' | sed -n 2p)
	[ -n "$before" ]
	[ "$before" = "$after" ]
}
