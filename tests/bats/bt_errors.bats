#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Located errors: first line exact, then the source line and the caret; exit 1.
# Located warnings: the same shape, and the program runs.
load helpers

@test "syntax error" {
	run --separate-stderr "$BT" -e 'BEGIN { printf("x") '
	[ "$status" -eq 1 ]
	[ "$stderr" = $'stdin:1:20: error: syntax error, unexpected end of file, expecting \';\'\nBEGIN { printf("x") \n                   ^' ]
}

@test "unknown probe type" {
	run --separate-stderr "$BT" -e 'foo:bar { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = $'stdin:1:1: error: unknown probe type \'foo\'\nfoo:bar { exit(); }\n^~~~~~~' ]
}

@test "unknown tracepoint" {
	require_root
	run --separate-stderr "$BT" -e 'tracepoint:syscalls:sys_enter_nope { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: tracepoint not found: syscalls:sys_enter_nope" ]
}

@test "unknown struct field, with a suggestion" {
	run --separate-stderr "$BT" --dry-run -e 'BEGIN { $t = curtask; printf("%d\n", $t->pidd); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = $'stdin:1:42: error: unknown field \'pidd\' in \'struct task_struct\' (did you mean \'pid\'?)\nBEGIN { $t = curtask; printf("%d\\n", $t->pidd); }\n                                         ^~~~' ]
}

@test "unknown tracepoint field" {
	require_root
	run --separate-stderr "$BT" -e 'tracepoint:syscalls:sys_exit_openat { printf("%d\n", args->fname); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:60: error: unknown field 'fname' in 'struct _tracepoint_syscalls_sys_exit_openat'" ]
	[ "$(printf '%s\n' "$stderr" | sed -n 3p)" = "                                                           ^~~~~" ]
}

@test "script file errors carry the file name and the tab-aware caret" {
	printf 'BEGIN\n{\n\t@x = nosuchfn(1);\n}\n' > "$BATS_TEST_TMPDIR/e.bt"
	run --separate-stderr "$BT" --dry-run "$BATS_TEST_TMPDIR/e.bt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "$BATS_TEST_TMPDIR/e.bt:3:7: error: unknown function 'nosuchfn'"$'\n\t@x = nosuchfn(1);\n\t     ^~~~~~~~' ]
}

@test "missing file and directory: one unlocated line" {
	run --separate-stderr "$BT" /nonexistent.bt
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: cannot read '/nonexistent.bt': No such file or directory" ]
	run --separate-stderr "$BT" /tmp
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: cannot read '/tmp': Is a directory" ]
}

@test "wrong argument count and map key types" {
	run --separate-stderr "$BT" --dry-run -e 'BEGIN { @a[1] = 1; @a["x"] = 2; }'
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == "stdin:1:20: error: map @a used with different key types"* ]]
	run --separate-stderr "$BT" --dry-run -e 'BEGIN { @h = lhist(1, 2); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:14: error: lhist() takes 4 arguments, 2 given" ]
}

@test "unsafe functions need --unsafe" {
	run --separate-stderr "$BT" --dry-run -e 'BEGIN { system("true"); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:9: error: system() is unsafe: run with --unsafe to allow it" ]
}

@test "a probe over the BPF stack limit is a located error, not LLVM's" {
	run --separate-stderr env BPFTRACE_STRLEN=200 "$BT" --no-cache --dry-run -e 'BEGIN { exit(); }
tracepoint:syscalls:sys_enter_openat { $a = str(args->filename); $b = str(args->filename); $c = str(args->filename); printf("%s %s %s\n", $a, $b, $c); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:2:1: error: this probe needs more than the 512 bytes of stack a BPF program has (strings, tuples and map keys live there): use fewer or shorter strings (BPFTRACE_STRLEN, now 200)" ]
	[[ "$stderr" != *unknown* ]]
}

@test "comparing pointers to distinct types warns at the operator and runs, as bpftrace 0.17" {
	require_root
	prog='BEGIN { $a = (int32*)8; $b = (uint64*)16; printf("%d %d %d\n", $a < $b, $a == (int32*)8, (struct task_struct *)curtask != (struct file *)0); exit(); }'
	run --separate-stderr "$BT" -e "$prog"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1 1' ]
	[ "$stderr" = "stdin:1:67: warning: comparison of distinct pointer types ('int32', 'uint64')
$prog
$(printf '%66s')^
stdin:1:120: warning: comparison of distinct pointer types ('struct task_struct', 'struct file')
$prog
$(printf '%119s')^~" ]
	same_as_bpftrace -e "$prog"
	# void * compares with any pointer (as in C); && takes pointers as truth values
	run --separate-stderr "$BT" -e 'BEGIN { $v = (void *)8; printf("%d %d\n", $v == (int32*)8, (int32*)8 && (int64*)0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 0' ]
	[ "$stderr" = "" ]
}
