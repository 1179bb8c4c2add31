#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Many syscalls:sys_enter_*/sys_exit_* tracepoints run as one raw tracepoint
# program with a dispatch map (engine/codegen/cg_disp.c): same output as the
# per-tracepoint programs (BT_SYSDISP=0), and exit does not wait a grace
# period per tracepoint.
load helpers

setup_file() {
	export XDG_CACHE_HOME="$BATS_FILE_TMPDIR/cache"
	# sys_enter_* and sys_exit_* are ~720 attach points: over the 512 that
	# bpftrace 0.17 (and bt) allow by default
	export BPFTRACE_MAX_PROBES=2000
	cat >"$BATS_FILE_TMPDIR/sc.py" <<'PY'
import os
for _ in range(123): os.getpid()
fd = os.open("/etc/hostname", os.O_RDONLY)
for _ in range(7): os.pread(fd, 5, 0)
os.close(fd)
for _ in range(11): os.uname()
PY
}

SCRIPT='t:syscalls:sys_enter_* /pid == cpid/ { @[probe] = count(); }
t:syscalls:sys_exit_* /pid == cpid/ { @ret[probe] = stats(args->ret); }
t:syscalls:sys_enter_pread64 /pid == cpid/ { @pread[args->fd > 2, args->count, args->pos] = count(); }'

run_both() {
	run --separate-stderr "$BT" -e "$SCRIPT" -c "python3 $BATS_FILE_TMPDIR/sc.py"
	[ "$status" -eq 0 ] || { echo "dispatch: status $status: $stderr"; false; }
	disp=$output
	BT_SYSDISP=0 run --separate-stderr "$BT" -e "$SCRIPT" -c "python3 $BATS_FILE_TMPDIR/sc.py"
	[ "$status" -eq 0 ] || { echo "classic: status $status: $stderr"; false; }
	classic=$output
}

@test "sysdisp: wildcard syscall tracepoints count like one program per tracepoint" {
	require_root
	run_both
	n=$(ls /sys/kernel/tracing/events/syscalls | grep -c '^sys_e')
	grep -qx "Attaching $((n + 1)) probes..." <<<"$disp"
	for key in sys_enter_getpid sys_enter_pread64 sys_enter_newuname sys_exit_getpid; do
		a=$(grep -F "@[tracepoint:syscalls:$key]:" <<<"$disp" || true)
		b=$(grep -F "@[tracepoint:syscalls:$key]:" <<<"$classic" || true)
		[ "$a" = "$b" ] || { echo "$key: dispatch '$a' vs classic '$b'"; false; }
	done
	# python's own start-up adds a few of each
	grep -E '^@\[tracepoint:syscalls:sys_enter_getpid\]: (12[3-9]|1[3-9][0-9])$' <<<"$disp"
	grep -E '^@\[tracepoint:syscalls:sys_enter_newuname\]: (1[1-9])$' <<<"$disp"
}

@test "sysdisp: args-> and ret are the tracepoint's fields" {
	require_root
	run_both
	grep -qx '@pread\[1, 5, 0\]: 7' <<<"$disp"
	grep -qx '@pread\[1, 5, 0\]: 7' <<<"$classic"
	a=$(grep -F '@ret[tracepoint:syscalls:sys_exit_pread64]' <<<"$disp")
	b=$(grep -F '@ret[tracepoint:syscalls:sys_exit_pread64]' <<<"$classic")
	[ "$a" = "$b" ]
}

@test "sysdisp: a few syscall tracepoints stay ordinary tracepoints, and -v says why" {
	require_root
	run --separate-stderr "$BT" -v -e 't:syscalls:sys_enter_openat*, t:syscalls:sys_exit_read { @ = count(); } BEGIN { exit(); }'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	grep -Eqx 'program 0: [2-7] syscalls:sys_enter_\* tracepoints attached one by one \(fewer than 8: other syscalls run no BPF program\)' <<<"$stderr"
	grep -qx 'program 0: 1 syscalls:sys_exit_\* tracepoint attached one by one (fewer than 8: other syscalls run no BPF program)' <<<"$stderr"
	run ! grep -q 'dispatch program' <<<"$stderr"
	run --separate-stderr "$BT" -e 't:syscalls:sys_enter_open,t:syscalls:sys_enter_openat { @[probe] = count(); }' -c 'cat /etc/hostname'
	[ "$status" -eq 0 ]
	grep -q '^@\[tracepoint:syscalls:sys_enter_openat\]: ' <<<"$output"
}

@test "sysdisp: many syscalls take the dispatch, BT_SYSDISP=1 takes it for one, and -v says so" {
	require_root
	run --separate-stderr "$BT" -v -e 't:syscalls:sys_enter_* { @ = count(); } BEGIN { exit(); }'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	n=$(ls /sys/kernel/tracing/events/syscalls | grep -c '^sys_enter_')
	grep -qx "program 0: $n syscalls:sys_enter_\* tracepoints through one tp_btf/sys_enter dispatch program (many syscalls: one link, exit without a grace period per tracepoint; every syscall of every process runs it)" <<<"$stderr"
	BT_SYSDISP=1 run --separate-stderr "$BT" -v -e 't:syscalls:sys_exit_write { @ = count(); } BEGIN { exit(); }'
	[ "$status" -eq 0 ]
	grep -q '^program 0: 1 syscalls:sys_exit_\* tracepoint through one tp_btf/sys_exit dispatch program (BT_SYSDISP=1: ' <<<"$stderr"
	BT_SYSDISP=0 run --separate-stderr "$BT" -v -e 't:syscalls:sys_enter_* { @ = count(); } BEGIN { exit(); }'
	[ "$status" -eq 0 ]
	grep -qx "program 0: $n syscalls:sys_enter_\* tracepoints attached one by one (BT_SYSDISP=0)" <<<"$stderr"
}

@test "a start from the compile cache does not read vmlinux BTF, with the tp_btf dispatch too" {
	require_root
	command -v strace > /dev/null || skip "strace is needed"
	s='t:syscalls:sys_enter_* { @ = count(); } BEGIN { exit(); }'
	run --separate-stderr "$BT" -e "$s"
	[ "$status" -eq 0 ]
	run --separate-stderr strace -f -e trace=openat -o "$BATS_TEST_TMPDIR/st" "$BT" -v -e "$s"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: hit ' <<<"$stderr"
	grep -q 'through one tp_btf/sys_enter dispatch program' <<<"$stderr"
	# exit() in BEGIN stops the probes at once: @: 0, as bpftrace 0.17 prints
	grep -Eq '^@: [0-9]+$' <<<"$output"
	run grep -c 'btf/vmlinux' "$BATS_TEST_TMPDIR/st"
	[ "$output" = 0 ]
	# a cold compile does read it (the probe above is not vacuous)
	run --separate-stderr strace -f -e trace=openat -o "$BATS_TEST_TMPDIR/st" "$BT" --no-cache -e "$s"
	[ "$status" -eq 0 ]
	grep -q 'btf/vmlinux' "$BATS_TEST_TMPDIR/st"
}

@test "a syscall tracepoint that takes kstack is not dispatched: its stack starts where bpftrace's does" {
	run --separate-stderr "$BT" -c '/usr/bin/dd if=/dev/zero of=/dev/null count=3' -e 't:syscalls:sys_enter_write /pid == cpid/ { @[kstack] = count(); }'
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sed -n '/^@\[$/{n;p}')" != "" ]
	printf '%s\n' "$output" | sed -n '/^@\[$/{n;p}' | grep -Eqx '    perf_syscall_enter\+[0-9]+'
	run ! grep -q 'bpf_prog_\|bpf_trace_run' <<<"$output"
}

@test "hundreds of perf-event tracepoints attach under a soft fd limit of 256 (bt takes the hard limit)" {
	run --separate-stderr bash -c 'ulimit -S -n 256; BT_SYSDISP=0 exec "$0" -e "t:syscalls:sys_enter_* /pid == cpid/ { @[probe] = count(); } t:syscalls:sys_exit_* /pid == cpid/ { @r[probe] = count(); }" -c "cat /etc/hostname"' "$BT"
	[ "$status" -eq 0 ] || { echo "status $status: $stderr"; false; }
	[ "$stderr" = "" ]
	grep -qx '@\[tracepoint:syscalls:sys_enter_openat\]: [0-9]*' <<<"$output"
	grep -qx '@r\[tracepoint:syscalls:sys_exit_openat\]: [0-9]*' <<<"$output"
}

@test "ia32 syscalls (int 0x80) are skipped as the tracepoints skip them, not taken for the x86-64 syscall of that number" {
	command -v gcc > /dev/null || skip "gcc is needed to build the ia32-syscall test program"
	gcc -O1 -o "$BATS_TEST_TMPDIR/int80" "$BATS_TEST_DIRNAME/sysdisp/int80.c"
	"$BATS_TEST_TMPDIR/int80" > /dev/null || skip "this kernel runs no ia32 syscalls (no IA32_EMULATION)"
	s='t:syscalls:sys_enter_writev /pid == cpid/ { @w = count(); } t:syscalls:sys_enter_exit_group /pid == cpid/ { @x = count(); }'
	BT_SYSDISP=1 run --separate-stderr "$BT" -c "$BATS_TEST_TMPDIR/int80" -e "$s"
	[ "$status" -eq 0 ]
	grep -qx '@w: 0' <<<"$output"
	grep -qx '@x: 1' <<<"$output"
	BT_SYSDISP=0 run --separate-stderr "$BT" -c "$BATS_TEST_TMPDIR/int80" -e "$s"
	[ "$status" -eq 0 ]
	grep -qx '@w: 0' <<<"$output"
}

@test "the dispatch's task cache: tasks that reuse an exited task's kernel stack, and renamed tasks, are counted by their own comm" {
	command -v gcc > /dev/null || skip "gcc is needed to build the stack-reuse test program"
	gcc -O1 -pthread -o "$BATS_TEST_TMPDIR/sr" "$BATS_TEST_DIRNAME/sysdisp/stackreuse.c"
	s='t:syscalls:sys_enter_write /comm == "bt_ra"/ { @a = count(); }
t:syscalls:sys_enter_write /comm == "bt_rb"/ { @b = count(); }
t:syscalls:sys_enter_write /comm == "bt_rc"/ { @c = count(); }'
	# each new task takes the stack (so the regs address) of the one before:
	# the cached task is then a dead one, whose stack field no longer matches
	BT_SYSDISP=1 run --separate-stderr "$BT" -c "$BATS_TEST_TMPDIR/sr" -e "$s"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	grep -qx '@a: 10000' <<<"$output"
	grep -qx '@b: 10000' <<<"$output"
	grep -qx '@c: 2800' <<<"$output"
	BT_SYSDISP=1 BT_NO_TASK_CACHE=1 run --separate-stderr "$BT" -c "$BATS_TEST_TMPDIR/sr" -e "$s"
	[ "$status" -eq 0 ]
	grep -qx '@a: 10000' <<<"$output"
	grep -qx '@c: 2800' <<<"$output"
}
