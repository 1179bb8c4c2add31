#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Builtins: pid tid uid gid nsecs elapsed numaid cpu comm
# kstack (modes perf/bpftrace/raw, depth) arg0-N sarg0-N retval func probe curtask
# rand cgroup cpid username args (also over several tracepoints whose records place a
# field differently, as opensnoop.bt's open/openat); Probes: tracepoint wildcards and
# lists, tp_btf, rawtracepoint, uprobe arguments; kprobe-only builtins and
# unsupported probe types fail with a located error.
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "pid, tid, uid, gid, cpu, numaid, nsecs in BEGIN" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %d %d %d\\n", pid == tid, uid, gid, cpu >= 0, numaid, nsecs > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 0 0 1 0 1' ]
}

@test "comm and curtask" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s %d %s\\n", comm, curtask->pid == tid, curtask->group_leader->comm); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nbt 1 bt' ]
}

@test "pid and comm of a traced child" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e $'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { printf("%s %d %d\\n", comm, pid == cpid, tid == cpid); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nsleep 1 1' ]
}

@test "rand and cgroup" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $r = rand; printf("%d %d\\n", $r == (uint32)$r, cgroup > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1' ]
}

@test "username of root" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", username); @[username] = count(); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nroot\n\n\n@[root]: 1' ]
}

@test "probe in BEGIN, interval and tracepoints" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e $'BEGIN { printf("%s\\n", probe); } tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { @[probe] = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\nBEGIN\n\n\n@[tracepoint:syscalls:sys_enter_clock_nanosleep]: 1' ]
}

@test "probe with a wildcard tracepoint" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e $'tracepoint:syscalls:sys_enter_clock_nano* /pid == cpid/ { @[probe] = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@[tracepoint:syscalls:sys_enter_clock_nanosleep]: 1' ]
}

@test "args of a tracepoint" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/dd if=/dev/zero of=/dev/null bs=7 count=1 status=none' -e $'tracepoint:syscalls:sys_enter_write /pid == cpid/ { printf("%d %d %d\\n", args->fd, args->count, args->buf != 0); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 7 1' ]
}

@test "args->ret and a string argument" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { printf("%s\\n", str(args->filename)); } tracepoint:syscalls:sys_exit_close /pid == cpid/ { @ret[args->ret] = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n/dev/null\n\n\n@ret[0]: 21' ]
}

@test "elapsed grows" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", elapsed < 10000000000); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "func is a located error outside kprobes and uprobes (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", func); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: \'func\' is only available in kprobe, kfunc and uprobe probes' ]
}

@test "retval is a located error outside return probes (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", retval); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: \'retval\' is only available in kretprobe, uretprobe and kretfunc probes' ]
}

@test "arg0 in a tracepoint is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'tracepoint:syscalls:sys_enter_openat { printf("%d\\n", arg0); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:55: error: \'arg0\' is only available in kprobe, uprobe and rawtracepoint probes' ]
}

@test "sarg0 outside kprobes and uprobes is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", sarg0); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: \'sarg0\' is only available in kprobe and uprobe probes' ]
}

@test "arg0 in a uprobe" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/timeout 0.01 /usr/bin/sleep 1' -e $'uprobe:/usr/lib/x86_64-linux-gnu/libc.so.6:exit /pid == cpid/ { printf("%d\\n", arg0); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n124' ]
}

@test "retval in a uretprobe" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/test -O /' -e $'uretprobe:/usr/lib/x86_64-linux-gnu/libc.so.6:geteuid /pid == cpid/ { printf("%d\\n", retval); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n65534' ]
}

@test "tp_btf args by name with typed struct pointers (bt, bpftrace 0.17 aborts on tp_btf here)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/dd if=/dev/zero of=/dev/null bs=7 count=1 status=none' -e $'tp_btf:sys_enter /pid == cpid && args->id == 1/ { printf("%d %d\\n", args->regs->di, args->regs->dx); } tp_btf:sched_switch /args->prev->pid == cpid && args->prev->comm == "dd"/ { @[args->prev->comm, args->next->pid != cpid] = 1; }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n1 7\n\n\n@[dd, 1]: 1' ]
}

@test "rawtracepoint arguments (bt, bpftrace 0.17 aborts on rawtracepoint here)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e $'rawtracepoint:sys_enter /pid == cpid && arg1 == 230/ { printf("%d\\n", arg1); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n230' ]
}

@test "iter probes are a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'iter:task { printf("x\\n"); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:1: error: iter:task: bpftrace\'s iter probes are not supported by bt' ]
}

@test "probe with several attach points in one probe" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e $'tracepoint:syscalls:sys_enter_clock_nanosleep, tracepoint:syscalls:sys_exit_clock_nanosleep /pid == cpid/ { printf("%s\\n", probe); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\ntracepoint:syscalls:sys_enter_clock_nanosleep\ntracepoint:syscalls:sys_exit_clock_nanosleep' ]
}

@test "args fields at different offsets in the tracepoints of one probe" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_open, tracepoint:syscalls:sys_enter_openat /pid == cpid/ { if (str(args->filename) == "/dev/null") { printf("%s %s\\n", probe, str(args->filename)); } }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\ntracepoint:syscalls:sys_enter_openat /dev/null' ]
}

@test "args of one probe over syscalls with different layouts (execve, execveat)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/env -i /usr/bin/true x' -e $'tracepoint:syscalls:sys_enter_execveat, tracepoint:syscalls:sys_enter_execve /pid == cpid/ { join(args->argv); printf("%s\\n", str(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n/usr/bin/env -i /usr/bin/true x\n/usr/bin/env\n/usr/bin/true x\n/usr/bin/true' ]
}

@test "a field missing from one of the tracepoints is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'tracepoint:syscalls:sys_enter_openat, tracepoint:syscalls:sys_enter_close { printf("%d\\n", args->dfd); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:98: error: args->dfd: tracepoint:syscalls:sys_enter_close has no such field (or not of this kind): write it as a separate probe' ]
}

@test "args fields at different offsets without the syscall dispatch" {
	run --separate-stderr env BT_SYSDISP=0 timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_open, tracepoint:syscalls:sys_enter_openat /pid == cpid/ { if (str(args->filename) == "/dev/null") { printf("%s %s %d\\n", probe, str(args->filename), args->flags); } }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\ntracepoint:syscalls:sys_enter_openat /dev/null 0' ]
}

@test "args fields at different offsets in two non-syscall tracepoints (bt, bpftrace -c cannot run this command line)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/bash -c '"'"'echo > /dev/tcp/127.0.0.1/9; true'"'"' 2>/dev/null' -e $'tracepoint:tcp:tcp_destroy_sock, tracepoint:sock:inet_sock_set_state /args->dport == 9/ { printf("%s %s %s\\n", probe, ntop(args->saddr), ntop(args->daddr)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\ntracepoint:sock:inet_sock_set_state 127.0.0.1 127.0.0.1\ntracepoint:sock:inet_sock_set_state 127.0.0.1 127.0.0.1' ]
}

# Stacks: frame names and offsets depend on the kernel build, so these match shapes.
@test "kstack modes: perf, bpftrace with a depth, raw" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e 'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { @a[kstack(perf, 2)] = count(); @b[kstack(bpftrace, 1)] = count(); @c[kstack(raw, 1)] = count(); @d[kstack] = count(); }'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 1 probe..." ]
	# perf: tab, hex address, symbol+offset; two frames
	[ "$(printf '%s\n' "$output" | sed -n '/^@a\[$/,/^\]: 1$/p' | grep -Ec $'^\t[0-9a-f]{16} [a-z_0-9.]+\\+[0-9]+$')" -eq 2 ]
	# bpftrace: four spaces, symbol+offset; one frame
	[ "$(printf '%s\n' "$output" | sed -n '/^@b\[$/,/^\]: 1$/p' | grep -Ec '^    [a-z_0-9.]+\+[0-9]+$')" -eq 1 ]
	# raw: bare hex address
	[ "$(printf '%s\n' "$output" | sed -n '/^@c\[$/,/^\]: 1$/p' | grep -Ec '^[0-9a-f]{16}$')" -eq 1 ]
	# default: the syscall entry path is in the stack
	printf '%s\n' "$output" | sed -n '/^@d\[$/,/^\]: 1$/p' | grep -Eq '^    (do_syscall_64|entry_SYSCALL_64[a-z_]*)\+[0-9]+$'
}

@test "kstack depth out of range is a located error" {
	run --separate-stderr "$BT" -e 'BEGIN { @[kstack(200)] = count(); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:18: error: kstack: the depth must be from 1 to 127" ]
}

@test "arg0-arg5 and sarg0-sarg1 in a uprobe on a function with eight arguments" {
	command -v cc >/dev/null || skip "needs a C compiler to build the traced program"
	d="$BATS_TEST_TMPDIR"
	printf '%s\n' '__attribute__((noinline)) long f(long a, long b, long c, long d, long e, long g, long h, long i)' \
		'{ return a + b + c + d + e + g + h + i; }' \
		'int main(void) { return f(1, 2, 3, 4, 5, 6, 77, 88) == 0; }' > "$d/s.c"
	cc -O0 -o "$d/s" "$d/s.c"
	run --separate-stderr timeout 30 "$BT" -c "$d/s" -e "uprobe:$d/s:f { printf(\"%d %d %d %d\\n\", arg0, arg5, sarg0, sarg1); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 6 77 88' ]
}
