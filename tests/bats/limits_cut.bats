#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Cuts are reported, never silent: a string longer than BPFTRACE_STRLEN (read
# by str() or a tracepoint's __data_loc field) and a stack that fills the 127
# frames bt records give one warning each at exit, on stderr; stdout stays
# what bpftrace prints. A cut asked for (str(x, N), kstack(N)) is not reported.
load helpers

STRWARN="bt: warning: %s cut to 63 characters; raise BPFTRACE_STRLEN (now 64, at most 200) or read with str(x, N)"

setup_file() {
	command -v gcc > /dev/null || return 0
	gcc -g -O0 -fno-omit-frame-pointer -no-pie -o "$BATS_FILE_TMPDIR/deep" \
		"$BATS_TEST_DIRNAME/limits/deep.c"
}

setup() {
	require_root
	D="$BATS_TEST_TMPDIR"
	[ "${#D}" -lt 50 ] || skip "the test directory's path ($D) is too long for 63-character paths"
}

# trace_cat PATH SCRIPT: SCRIPT traced around `cat PATH`
trace_cat() {
	LC_ALL=C run --separate-stderr timeout 20 "$BT" -c "cat $1" -e "$2"
}

# path N: a file of D whose path has N characters, created
path() {
	local p="$D/f$1-"
	while [ "${#p}" -lt "$1" ]; do p="${p}x"; done
	: > "$p"
	printf '%s' "$p"
}

# lines of the last run's stdout that are paths in D
mine() {
	printf '%s\n' "$output" | grep "^$D/" || true
}

@test "strings cut at BPFTRACE_STRLEN: one warning with the count; stdout unchanged" {
	a=$(path 70) b=$(path 80) c=$(path 100)
	LC_ALL=C run --separate-stderr timeout 20 "$BT" -c "cat $a $b $c" -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "$(printf "$STRWARN" "3 strings were")" ]
	[ "$(mine)" = "${a:0:63}
${b:0:63}
${c:0:63}" ]
	[ "$(printf '%s\n' "$output" | head -n 1)" = "Attaching 1 probe..." ]
	[[ "$output" != *warning* ]]
}

@test "a cut string as a map key: counted once per read" {
	a=$(path 90)
	trace_cat "$a" 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @[str(args->filename)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "$(printf "$STRWARN" "1 string was")" ]
	printf '%s\n' "$output" | grep -qxF "@[${a:0:63}]: 1"
}

@test "63 characters fit, 64 are cut" {
	a=$(path 63)
	trace_cat "$a" 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$(mine)" = "$a" ]
	b=$(path 64)
	trace_cat "$b" 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "$(printf "$STRWARN" "1 string was")" ]
	[ "$(mine)" = "${b:0:63}" ]
}

@test "str(x, N) cuts as asked: no warning" {
	a=$(path 90)
	trace_cat "$a" 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename, 40)); @[str(args->filename, 45)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$(mine)" = "${a:0:40}" ]
	printf '%s\n' "$output" | grep -qxF "@[${a:0:45}]: 1"
}

@test "a larger BPFTRACE_STRLEN reads the whole string: no warning" {
	a=$(path 90)
	BPFTRACE_STRLEN=100 trace_cat "$a" 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$(mine)" = "$a" ]
}

@test "-f json: the warning is on stderr, stdout holds only JSON records" {
	a=$(path 70)
	LC_ALL=C run --separate-stderr timeout 20 "$BT" -f json -c "cat $a" -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%s\n", str(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "$(printf "$STRWARN" "1 string was")" ]
	printf '%s\n' "$output" | grep -qxF "{\"type\": \"printf\", \"data\": \"${a:0:63}\\n\"}"
	[ -z "$(printf '%s\n' "$output" | grep -v '^{' | grep -v '^$')" ]
}

@test "a tracepoint's __data_loc string (sched_process_exec filename) cut: reported" {
	a=$(path 80)
	rm -f "$a"
	ln -s /bin/true "$a"
	run --separate-stderr timeout 20 "$BT" -c "$a" -e 'tracepoint:sched:sched_process_exec /pid == cpid/ { printf("%s\n", args->filename); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "$(printf "$STRWARN" "1 string was")" ]
	[ "$(mine)" = "${a:0:63}" ]
}

deep() {
	command -v gcc > /dev/null || skip "gcc is needed to build the deep-stack target"
	[ -e /sys/bus/event_source/devices/uprobe/type ] || skip "this kernel has no uprobes"
	DEEP="$BATS_FILE_TMPDIR/deep"
}

@test "a user stack deeper than 127 frames: one warning; 127 frames printed" {
	deep
	run --separate-stderr timeout 30 "$BT" -c "$DEEP 200" -e "uprobe:$DEEP:leaf { @[ustack] = count(); }"
	[ "$status" -eq 0 ]
	[ "$stderr" = "bt: warning: 1 stack reached 127 frames, the most bt records: its outermost callers may be missing" ]
	[ "$(printf '%s\n' "$output" | grep -c '^    ')" -eq 127 ]
	printf '%s\n' "$output" | grep -qx ']: 1'
}

@test "ustack(5) on that stack: cut as asked, no warning; a shallow stack: none" {
	deep
	run --separate-stderr timeout 30 "$BT" -c "$DEEP 200" -e "uprobe:$DEEP:leaf { @[ustack(5)] = count(); }"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "$(printf '%s\n' "$output" | grep -c '^    ')" -eq 5 ]
	run --separate-stderr timeout 30 "$BT" -c "$DEEP 20" -e "uprobe:$DEEP:leaf { printf(\"%s\", ustack); }"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	# leaf, 20 down, main and what libc's frame pointers show; symbols or
	# addresses, as the process may be gone when the record is printed
	n=$(printf '%s\n' "$output" | grep -c '^        [^ ]')
	[ "$n" -ge 22 ]
	[ "$n" -lt 127 ]
}

@test "kernel stacks: kstack and kstack(3) give no warning" {
	run --separate-stderr timeout 20 "$BT" -c 'cat /etc/hostname' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @k[kstack] = count(); @k3[kstack(3)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	printf '%s\n' "$output" | grep -q '^@k\[$'
	run --separate-stderr timeout 20 "$BT" -e 'profile:hz:99 { @[kstack(3)] = count(); } interval:s:1 { exit(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	printf '%s\n' "$output" | grep -q '^@\[$'
}
