#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Builtins added through engine/builtin/builtins.def (issue 15 §6): strerror, strcontains,
# ctx, debugf; buf() forms; positional parameters as literals; delete on a count map; cat.
# Expected output is bpftrace 0.17's for the same script, run here with both, unless the
# test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "strerror of syscall errors, in printf, print and a map" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/rmdir /nonexistent_bt /usr' -e 'tracepoint:syscalls:sys_exit_rmdir /pid == cpid/ { printf("%d %s|%s\n", -args->ret, strerror(-args->ret), strerror(args->ret)); @e[-args->ret] = strerror(-args->ret); print(strerror(-args->ret)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2 No such file or directory|Unknown error -2\nNo such file or directory\n39 Directory not empty|Unknown error -39\nDirectory not empty\n\n\n@e[2]: No such file or directory\n@e[39]: Directory not empty' ]
}

@test "strerror with printf widths and a variable" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { $e = strerror(0); printf("[%20s]|%s|%s\n", strerror(3), $e, strerror(200)); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n[     No such process]|Success|Unknown error 200' ]
}

@test "strerror in json output (bt, bpftrace 0.17 writes it unquoted)" {
	run --separate-stderr timeout 30 "$BT" -f json -e 'BEGIN { print(strerror(13)); @x = strerror(2); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "value", "data": "Permission denied"}\n\n\n{"type": "map", "data": {"@x": "No such file or directory"}}' ]
}

@test "strerror type errors are located" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { printf("%s\n", strerror("x")); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:33: error: strerror() takes an integer, not string[2]' ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { printf("%d\n", strerror(2)); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:24: error: printf: %d expects an integer, got strerror' ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { printf("%s\n", strerror()); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:24: error: strerror() takes 1 argument, 0 given' ]
}

@test "strcontains on a syscall path, with literal and string needles" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /tmp/nonexistent_bt /tmp/nonexistent_cat' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid && strcontains(str(args->filename), "nonexist")/ { printf("%s %d %d %d\n", str(args->filename), strcontains(comm, "ca"), strcontains(str(args->filename), comm), strcontains(comm, str(args->filename))); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/tmp/nonexistent_bt 1 0 0\n/tmp/nonexistent_cat 1 1 0' ]
}

@test "strcontains edge cases: empty, longer needle, overlapping prefix" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { $n = "ll"; $e = ""; $z = "lox"; $h = "hello"; printf("%d %d %d %d %d %d|", strcontains($h, $n), strcontains($h, $e), strcontains($h, $z), strcontains("", $e), strcontains($h, "hello"), strcontains("hell", $h)); printf("%d %d %d %d %d %d %d\n", strcontains("hello", "ell"), strcontains("hello", "xyz"), strcontains("hello", ""), strcontains("", "a"), strcontains("aab", "ab"), strcontains("abc", "abcd"), strcontains("abcabd", "abd")); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1 0 1 1 0|1 0 1 0 1 0 1' ]
}

@test "strcontains takes strings" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { $x = strcontains("hello", 1); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:35: error: strcontains() takes strings, not int64' ]
}

@test "ctx as struct pt_regs in profile and software probes" {
	run --separate-stderr timeout 30 "$BT" -e 'profile:hz:99 { $r = (struct pt_regs *)ctx; printf("%d %d\n", $r->ip == reg("ip"), $r->sp == reg("sp")); print(ctx > 0); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1\n1' ]
	run --separate-stderr timeout 30 "$BT" -e 'software:cpu-clock:1000000 { $r = (struct pt_regs *)ctx; printf("%d\n", $r->ip == reg("ip")); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "ctx as struct pt_regs in a uprobe" {
	command -v gcc > /dev/null || skip "gcc is needed to build the uprobe target"
	local t="$BATS_TEST_TMPDIR/t"
	gcc -g -O0 -fno-omit-frame-pointer -no-pie -o "$t" "$BATS_TEST_DIRNAME/uprobe/target.c"
	run --separate-stderr timeout 30 "$BT" -c "$t 3" -e "uprobe:$t:leaf_func { \$r = (struct pt_regs *)ctx; printf(\"%d %d %d\n\", \$r->di, \$r->si, \$r->di == arg0); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 2 1\n2 2 1\n3 2 1' ]
}

@test "ctx is refused in tracepoint and BEGIN probes" {
	run --separate-stderr timeout 30 "$BT" -e 'tracepoint:syscalls:sys_enter_openat { $x = ctx + 1; }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:45: error: use args instead of ctx in tracepoint probes' ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { print(ctx); exit() }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:15: error: 'ctx' is only available in kprobe, uprobe, usdt, profile, interval, software and hardware probes" ]
}

# runs bt with debugf calls for token $1 while reading trace_pipe: the lines of $1 in
# $BATS_TEST_TMPDIR/pipe. The trace buffer is shared with every tracer on the machine (a
# resize or another reader drops lines): up to 3 tries until both lines are seen.
debugf_run() {
	local pipe="$BATS_TEST_TMPDIR/pipe" try reader
	for try in 1 2 3; do
		timeout 20 grep -m 2 -o "bpf_trace_printk: btdbg_$1 .*" /sys/kernel/tracing/trace_pipe > "$pipe" &
		reader=$!
		sleep 0.5
		run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { debugf("btdbg_%d %s %x|\n", $1, str(args->filename), 255); debugf("btdbg_%d %s %5d|%%\n", $1, comm, -3); }' "$1"
		wait "$reader" || true
		[ "$(grep -c . "$pipe")" -eq 2 ] && return 0
		echo "try $try: $(cat "$pipe")" >&3
	done
}

@test "debugf writes to trace_pipe, with %d %s %x" {
	[ -r /sys/kernel/tracing/trace_pipe ] || skip "no tracefs at /sys/kernel/tracing"
	local tok=$$$RANDOM
	debugf_run "$tok"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...' ]
	[ "$(first_err)" = "stdin:1:92: warning: debugf() is not recommended for production use: see bpf_trace_printk in bpf-helpers(7)" ]
	[ "$(cat "$BATS_TEST_TMPDIR/pipe")" = "bpf_trace_printk: btdbg_$tok /dev/null ff|
bpf_trace_printk: btdbg_$tok cat    -3|%" ]
}

@test "debugf format errors: more than 3 conversions, %c, a string for %d" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { debugf("a %d %d %d %d\n", 1, 2, 3, 4); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:9: error: debugf() takes 1 to 4 arguments, 5 given' ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { debugf("a %d %d %d %d\n", 1, 2, 3); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:9: error: debugf: cannot use more than 3 conversion specifiers' ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { debugf("%c\n", 65); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:16: error: debugf: invalid conversion '%c' for bpf_trace_printk" ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { debugf("%d\n", "x"); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:24: error: debugf: %d does not take string[2]' ]
}

@test "delete on count, sum and hist maps, keyed and keyless (bt: a hist entry goes whole; bpftrace 0.17 deletes one bucket)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @c[comm] = count(); @s[comm] = sum(2); @h[comm] = hist(5); @n = count(); } tracepoint:syscalls:sys_exit_openat /pid == cpid/ { delete(@c[comm]); delete(@s[comm]); delete(@h[comm]); delete(@n); @d[comm] = count() }'
	[ "$status" -eq 0 ]
	# @h is empty: its exit print is the blank line bpftrace prints for an empty hist map
	[ "$output" = $'Attaching 2 probes...\n\n\n\n@d[cat]: 31\n\n@n: 0' ]
}

@test "delete on a keyless count zeroes every CPU's share (bt, bpftrace 0.17 only the current CPU's)" {
	[ "$(nproc)" -ge 2 ] || skip "needs two CPUs"
	# counted on CPU 0 (taskset before its exec) and CPU 1 (cat), deleted on CPU 0
	run --separate-stderr timeout 30 taskset -c 0 "$BT" -c '/usr/bin/taskset -c 1 /usr/bin/cat /dev/null' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @n = count(); @m[cpu]++; } END { delete(@n); print(@n); printf("%d\n", @m[0] > 0 && @m[1] > 0); clear(@m); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n@n: 0\n1\n\n\n\n@n: 0' ]
}

@test "cat prints at most 10240 bytes of a file, as bpftrace 0.17" {
	head -c 20000 /dev/zero | tr '\0' 'a' > "$BATS_TEST_TMPDIR/big"
	run --separate-stderr timeout 30 "$BT" -c "/usr/bin/head -c 0 $BATS_TEST_TMPDIR/big" -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid && strcontains(str(args->filename), "/big")/ { cat("%s", str(args->filename)); printf("|\n"); }'
	[ "$status" -eq 0 ]
	[ "${#output}" -eq $((21 + 10240 + 1)) ]
	[ "${output:0:21}" = $'Attaching 1 probe...\n' ]
	[ "${output:21:10240}" = "$(head -c 10240 "$BATS_TEST_TMPDIR/big")" ]
	[ "${output: -1}" = '|' ]
}

@test "cat of a missing file or a directory: an error, an empty message, tracing goes on" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { cat("/nonexistent_bt"); cat("/%s", "root"); printf("after\n"); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nafter' ]
	[ "$stderr" = "bt: error: cat: cannot open '/nonexistent_bt': No such file or directory
bt: error: cat: cannot read '/root': Is a directory" ]
	run --separate-stderr timeout 30 "$BT" -f json -e 'BEGIN { cat("/nonexistent_bt"); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "cat", "data": ""}' ]
}

@test "positional parameters where a literal is needed: kaddr(str(\$1)), unroll(\$2), unroll(\$#)" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { printf("%s %d\n", ksym(kaddr(str($1))), kaddr(str($1)) == kaddr("vfs_read")); $i = 0; unroll($2) { $i++; } unroll($#) { $i += 10; } printf("%d %s\n", $i, str($3)); exit() }' vfs_read 3 abc
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nvfs_read 1\n33 abc' ]
}

@test "positional parameters as string literals on a syscall path" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e 'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == str($1)/ { printf("%s %d %d\n", str(args->filename), strncmp(str(args->filename), str($1), $2), $#); }' /dev/null 4
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/dev/null 0 2' ]
}

@test "str(\$N) as a format, a time format and an address literal (bt, bpftrace 0.17 refuses or prints \"str\")" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { printf(str($1), 5); time(str($2)); printf("|%s\n", ntop(pton(str($3)))); exit() }' 'x=%d|' 'y=%Y' 10.1.2.3
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
x=5|y=$(date +%Y)|10.1.2.3" ]
}

@test "unroll of a parameter out of range or not a number is a located error" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { unroll($2) { printf("x\n"); } }' a 101
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:16: error: unroll needs an integer from 1 to 100' ]
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { unroll($1) { printf("x\n"); } }' a
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:16: error: \$1 is not a number ('a'): use str(\$1)" ]
}

@test "buf of a user pointer with a computed length, with %r %rx %rh" {
	# the child writes to /dev/null: its output would race with bt's
	run --separate-stderr timeout 30 "$BT" -c "/usr/bin/sh -c 'echo hello >/dev/null'" -e 'tracepoint:syscalls:sys_enter_write /pid == cpid/ { printf("%r|%rx|%rh\n", buf(args->buf, args->count), buf(args->buf, 3), buf(args->buf, args->count - 1)); $b = buf(args->buf, args->count); printf("%r\n", $b); @[buf(args->buf, 5)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nhello\\x0a|\\x68\\x65\\x6c|68 65 6c 6c 6f\nhello\\x0a\n\n\n@[hello]: 1' ]
}

@test "buf of arrays (comm, struct members, tracepoint fields) with a computed length" {
	run --separate-stderr timeout 30 "$BT" -c /usr/bin/true -e 'tracepoint:sched:sched_process_exec /pid == cpid/ { $n = 3; printf("%r|%r|%rh|%rx\n", buf(curtask->comm, $n), buf(comm, $n - 1), buf(comm, 4), buf(args->filename, $n + 2)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ntru|tr|74 72 75 65|\\x2f\\x75\\x73\\x72\\x2f' ]
}

@test "buf of a whole array, and a length past its end (bt, bpftrace 0.17 refuses the first and reads past the array)" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { $n = 30; printf("%r|%r|%r\n", buf(pton("1.2.3.4")), buf(comm), buf(comm, $n)); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\\x01\\x02\\x03\\x04|bt\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00|bt\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00' ]
}

@test "macaddr of a user buffer in printf, print, a map key and a map value" {
	run --separate-stderr timeout 30 "$BT" -c "/usr/bin/sh -c 'echo hello >/dev/null'" -e 'tracepoint:syscalls:sys_enter_write /pid == cpid/ { printf("%s|", macaddr(args->buf)); print(macaddr(args->buf)); @m[macaddr(args->buf)] = 1; @v = macaddr(args->buf); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n68:65:6C:6C:6F:0A|68:65:6C:6C:6F:0A\n\n\n@m[68:65:6C:6C:6F:0A]: 1\n@v: 68:65:6C:6C:6F:0A' ]
}

@test "values printed by their builtin row (strerror, macaddr) print the same from the compile cache" {
	export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
	local s='BEGIN { @e = strerror(2); @m = macaddr((uint8 *)curtask - (uint64)curtask); printf("%s\n", strerror(13)); exit() }'
	run --separate-stderr "$BT" -v -e "$s"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: miss, stored ' <<<"$stderr" || false
	[ "$output" = $'Attaching 1 probe...\nPermission denied\n\n\n@e: No such file or directory\n@m: 00:00:00:00:00:00' ]
	run --separate-stderr "$BT" -v -e "$s"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: hit ' <<<"$stderr" || false
	[ "$output" = $'Attaching 1 probe...\nPermission denied\n\n\n@e: No such file or directory\n@m: 00:00:00:00:00:00' ]
}
