#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# watchpoint:FUNC+argN:LEN:MODE and asyncwatchpoint: a breakpoint set, while
# the -c/-p process runs, on each address FUNC is called with (the address
# form is in providers.bats). The target is tests/progs/watchfunc.c.
# Expected output is bpftrace 0.17's unless the test name says "(bt, ...)";
# where bpftrace is installed the same run of it is compared too.
load helpers

W="$BUILD/progs/watchfunc"

setup() {
	require_root
	[ -x "$W" ] || skip "build/progs/watchfunc is not built (make)"
}

teardown() {
	# a -p target left stopped must not hold the suite
	[ -z "${tp:-}" ] || kill -KILL "$tp" 2> /dev/null || true
}

@test "watchpoint:FUNC+arg0 sees every write through the pointer FUNC was given, at once" {
	prog='watchpoint:watch_me+arg0:8:w { printf("%s %s\n", probe, comm); @ = count(); }'
	run --separate-stderr timeout 30 "$BT" -e "$prog" -c "$W 3"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$output" = "Attaching 1 probe...
watchpoint:$W:watch_me:8:w watchfunc
watchpoint:$W:watch_me:8:w watchfunc
watchpoint:$W:watch_me:8:w watchfunc


@: 3" ]
	same_as_bpftrace -e "$prog" -c "$W 3"
}

@test "w:FUNC+arg0:4:rw: the alias, a 4-byte read-write watch" {
	prog='w:watch_me+arg0:4:rw { @[probe] = count(); }'
	run --separate-stderr timeout 30 "$BT" -e "$prog" -c "$W 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...


@[watchpoint:$W:watch_me:4:rw]: 2" ]
	same_as_bpftrace -e "$prog" -c "$W 2"
}

@test "asyncwatchpoint:FUNC+arg1: the second argument, the probe name has :1" {
	prog='asyncwatchpoint:watch_arg1+arg1:8:w { printf("%s\n", probe); @[comm] = count(); }'
	run --separate-stderr timeout 30 "$BT" -e "$prog" -c "$W 4"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
asyncwatchpoint:$W:watch_arg1:1:8:w
asyncwatchpoint:$W:watch_arg1:1:8:w
asyncwatchpoint:$W:watch_arg1:1:8:w
asyncwatchpoint:$W:watch_arg1:1:8:w


@[watchfunc]: 4" ]
	same_as_bpftrace -e "$prog" -c "$W 4"
}

@test "watchpoint stops the process at each new address, asyncwatchpoint does not" {
	# watchfunc conts prints how many times it was continued (SIGCONT)
	prog='watchpoint:watch_me+arg0:8:w { @ = count(); }'
	run --separate-stderr timeout 30 "$BT" -e "$prog" -c "$W conts"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ncontinued 1 times\n\n\n@: 3' ]
	same_as_bpftrace -e "$prog" -c "$W conts"
	prog='asyncwatchpoint:watch_arg1+arg1:8:w { @ = count(); }'
	run --separate-stderr timeout 30 "$BT" -e "$prog" -c "$W conts"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ncontinued 0 times\n\n\n@: 3' ]
	same_as_bpftrace -e "$prog" -c "$W conts"
}

@test "two function watchpoints in one probe, each its own address (bt, bpftrace 0.17 aborts on the keyless count)" {
	prog='watchpoint:watch_me+arg0:8:w, watchpoint:watch_arg1+arg1:8:w { @[probe] = count(); }'
	run --separate-stderr timeout 30 "$BT" -e "$prog" -c "$W 2"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'Attaching 2 probes...' ]
	[ "$(sed -n '4,$p' <<< "$output" | sort)" = "@[watchpoint:$W:watch_arg1:1:8:w]: 2
@[watchpoint:$W:watch_me:8:w]: 2" ]
	# one program for both: bpftrace 0.17 "Unable to attach real watchpoint probe"
	run --separate-stderr timeout 30 "$BT" -e "${prog%%@*}@ = count(); }" -c "$W 2"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n\n\n@: 4' ]
}

@test "more addresses than debug registers: said as bpftrace says it (bt, once per address, not once per call)" {
	# 4 breakpoints: v[0..3]'s writes (4), then v[0] (1) and v[0..3] again (4);
	# v[4] and v[5] find no register. bpftrace 0.17 tries v[0] again on its
	# last call (it compares with the last address only): a third message.
	run --separate-stderr timeout 30 "$BT" -e 'watchpoint:watch_me+arg0:8:w { @ = count(); }' -c "$W regs"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	msg='Failed to attach watchpoint probe. You are out of watchpoint registers.'
	[ "$output" = "Attaching 1 probe...
$msg
$msg


@: 9" ]
	run --separate-stderr timeout 30 "$BT" -f json -e 'watchpoint:watch_me+arg0:8:w { @ = count(); }' -c "$W regs"
	[ "$status" -eq 0 ]
	[ "$(grep -c "^{\"type\": \"lost_events\", \"data\": \"$msg\"}\$" <<< "$output")" -eq 2 ]
}

@test "FUNC called again with an address it watches: one breakpoint (bt, bpftrace 0.17 sets a second on a, b, a)" {
	run --separate-stderr timeout 30 "$BT" -e 'watchpoint:watch_me+arg0:8:w { @ = count(); }' -c "$W aba"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@: 2' ]
}

@test "watchpoint:FUNC+arg0 with -p: named by /proc/PID/exe; the process runs on after exit()" {
	go="$BATS_TEST_TMPDIR/go"
	# watch_me is called again and again for 1.5 s: while bt exits too
	"$W" -w "$go" loop 1500 3>&- &
	tp=$!
	"$BT" -e 'watchpoint:watch_me+arg0:8:w { printf("%s\n", probe); exit(); }' -p "$tp" \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" 3>&- &
	bp=$!
	wait_probe_fds "$bp" 1
	touch "$go"
	run timeout 30 tail --pid="$bp" -f /dev/null
	[ "$status" -eq 0 ]
	run wait "$bp"
	[ "$status" -eq 0 ]
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "Attaching 1 probe...
watchpoint:/proc/$tp/exe:watch_me:8:w" ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	# not left stopped: it finishes
	run timeout 10 tail --pid="$tp" -f /dev/null
	[ "$status" -eq 0 ]
}

@test "an address the hardware cannot watch ends the run with an error (bt, bpftrace 0.17 aborts)" {
	run --separate-stderr timeout 30 "$BT" -e 'watchpoint:watch_me+arg0:8:w { @ = count(); }' -c "$W odd"
	[ "$status" -eq 1 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@: 0' ]
	[[ "$(first_err)" =~ ^"bt: error: cannot attach watchpoint:$W:watch_me:8:w at 0x"[0-9a-f]*3": Invalid argument"$ ]]
}

@test "function watchpoints misused are located errors (bt, bpftrace 0.17 says less, or \"No probes to attach\")" {
	for c in 'watchpoint:watch_me+arg0:8:w|a watchpoint on a function needs -c CMD or -p PID' \
		'asyncwatchpoint:watch_me+arg0:8:w|a watchpoint on a function needs -c CMD or -p PID'; do
		run --separate-stderr timeout 30 "$BT" -e "${c%%|*} { exit(); }"
		[ "$status" -eq 1 ]
		[ "$(first_err)" = "stdin:1:1: error: ${c%%|*}: ${c#*|}" ]
	done
	for c in 'watchpoint:watch_me+arg6:8:w|the address must be an argument, arg0 to arg5, not arg6' \
		'watchpoint:watch_me+argx:8:w|the address must be an argument, arg0 to arg5, not argx' \
		'watchpoint:watch_me:8:w|expected watchpoint:FUNCTION+argN:LENGTH:MODE' \
		'aw:watch_me+arg0|expected asyncwatchpoint:FUNCTION+argN:LENGTH:MODE' \
		"watchpoint:nosuch+arg0:8:w|no function 'nosuch' in $W" \
		"watchpoint:watch_*+arg0:8:w|a watchpoint's function may not be a wildcard" \
		'watchpoint:watch_me+arg0:3:w|watchpoint length must be one of 1, 2, 4 or 8' \
		"asyncwatchpoint:watch_me+arg0:8:r|invalid watchpoint mode 'r' (use w, rw or x)"; do
		run --separate-stderr timeout 30 "$BT" -e "${c%%|*} { exit(); }" -c "$W"
		[ "$status" -eq 1 ]
		[ "$(first_err)" = "stdin:1:1: error: ${c%%|*}: ${c#*|}" ]
	done
}
