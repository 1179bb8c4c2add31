#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Safety: tool options are data, never script text (quoted and escaped by the
# engine's typed defines, or rejected with exit 2); system(), signal() and
# override() need --unsafe; without the capabilities to trace, one clear line.
load helpers
load ../bad/leaks

# a process named $1 (quotes, */, newlines allowed) fails to open /nonexistent/$2
open_as() {
	python3 -c '
import ctypes, sys
ctypes.CDLL(None).prctl(15, sys.argv[1].encode(), 0, 0, 0)
try:
    open("/nonexistent/" + sys.argv[2])
except OSError:
    pass' "$1" "$2"
}

# openerr -n NAME while a process with that comm fails to open /nonexistent/TAG
# (repeated until seen: attaching takes a moment) and one named "other" fails
# to open /nonexistent/TAG-other; then SIGINT
openerr_sees() {
	"$BUILD/openerr" -n "$1" 20 > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	for _ in $(seq 100); do
		open_as "other" "$2-other"
		open_as "$1" "$2"
		grep -q "/nonexistent/$2\$" "$BATS_TEST_TMPDIR/out" && break
		sleep 0.1
	done
	kill -INT $pid
	wait $pid
}

@test "openerr -n with a quote, */ and a newline matches that comm exactly" {
	require_root
	leaks_before
	openerr_sees 'x*/"y' q1
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	[ "$(grep -c q1 "$BATS_TEST_TMPDIR/out")" -ge 1 ]
	# PID COMM ERR PATH, COMM padded to 16
	[ -z "$(grep q1 "$BATS_TEST_TMPDIR/out" | grep -vxE '[0-9]+ +x\*/"y {12}ENOENT  /nonexistent/q1')" ]
	openerr_sees $'a\n"b' q2
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	[ "$(grep -c q2 "$BATS_TEST_TMPDIR/out")" -ge 1 ]
	[ -z "$(grep q2 "$BATS_TEST_TMPDIR/out" | grep -vxF '"b             ENOENT  /nonexistent/q2')" ]
	[[ "$(grep -m1 -B1 -xF '"b             ENOENT  /nonexistent/q2' "$BATS_TEST_TMPDIR/out")" =~ ^[0-9]+\ +a$'\n''"b             ENOENT  /nonexistent/q2'$ ]]
	leaks_check
}

@test "tool strings become escaped string literals (--script)" {
	run --separate-stderr "$BUILD/openerr" --script -n 'a"b\c'
	[ "$status" -eq 0 ]
	[[ "$output" == *'(comm == "a\"b\\c")'* ]]
	run --separate-stderr "$BUILD/oncpu" --script -n $'*/\n#x'
	[ "$status" -eq 0 ]
	[[ "$output" == *'"*/\n#x"'* ]]
	[[ "$output" != *$'\n#x'* ]]
	run --separate-stderr "$BUILD/wqlat" --script -w $'q"w*/\n'
	[ "$status" -eq 0 ]
	[[ "$output" == *'"q\"w*/\n"'* ]]
}

@test "the escaped scripts compile: --dry-run with hostile names" {
	require_root
	run --separate-stderr "$BUILD/openerr" --dry-run -n 'a"b\c*/'
	[ "$status" -eq 0 ]
	run --separate-stderr "$BUILD/oncpu" --dry-run -n $'"); exit(); ("'
	[ "$status" -eq 0 ]
	# the name stays one string literal in the script that was loaded
	run --separate-stderr "$BUILD/oncpu" --script -n $'"); exit(); ("'
	[ "$status" -eq 0 ]
	[[ "$output" == *'(comm == "\"); exit(); (\"")'* ]]
	[ "$(grep -c 'exit()' <<<"$output")" -eq 1 ]
	run --separate-stderr "$BUILD/wqlat" --dry-run -w $'q"w*/\n'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
}

@test "names that cannot be escaped into their place are rejected, exit 2" {
	run --separate-stderr "$BUILD/wqlat" --dry-run --func 'a"b*/c'
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: invalid function name 'a\"b*/c' for --func" ]
	run --separate-stderr "$BUILD/biolat" --dry-run --disk 'sd"a*/'
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: invalid disk name 'sd\"a*/' for --disk" ]
	run --separate-stderr "$BUILD/sockwatch" --dry-run --field 'snd_cwnd); system("id'
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "sockwatch: invalid field name 'snd_cwnd); system(\"id' for --field" ]
	run --separate-stderr "$BUILD/sockwatch" --dry-run --saddr '1.2.3.4"'
	[ "$status" -eq 2 ]
	run --separate-stderr "$BUILD/sockwatch" --dry-run --sport '1;exit()'
	[ "$status" -eq 2 ]
	run --separate-stderr "$BUILD/openerr" --dry-run -n 'sixteen_chars_xx'
	[ "$status" -eq 2 ]
}

@test "system(), signal() and override() need --unsafe" {
	for f in 'system("true")' 'signal("SIGKILL")' 'override(1)'; do
		run --separate-stderr "$BT" --dry-run -e "tracepoint:syscalls:sys_enter_getppid { $f; }"
		[ "$status" -eq 1 ]
		[ "$(first_err)" = "stdin:1:41: error: ${f%%(*}() is unsafe: run with --unsafe to allow it" ]
	done
}

@test "--unsafe allows system() and signal()" {
	require_root
	run --separate-stderr "$BT" --dry-run --unsafe -e 'tracepoint:syscalls:sys_enter_getppid { system("true"); signal("SIGKILL"); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
}

@test "system() with --unsafe runs the command (a real event)" {
	require_root
	run --separate-stderr timeout 20 "$BT" --unsafe -e 'BEGIN { system("echo from-system"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nfrom-system' ]
}

@test "without root or CAP_BPF: one clear line, exit 1" {
	command -v setpriv >/dev/null || skip "setpriv is not installed"
	[ "$(id -u)" -eq 0 ] || skip "needs root to drop to nobody"
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: bt needs root (or CAP_BPF and CAP_PERFMON) to load BPF programs" ]
}

@test "a tool without the privilege to trace says so in one line" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to drop to nobody"
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$BUILD/openerr" 1
	[ "$status" -eq 1 ]
	[ "$stderr" = "openerr: error: openerr needs root (or CAP_BPF and CAP_PERFMON) to load BPF programs" ]
}
