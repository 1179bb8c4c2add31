#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Map functions: count sum avg min max stats hist lhist
# (merged over CPUs), print(@m, top, div), clear, zero, delete; map printing order
# (by value, by key), keyed and multi-key maps, tuples as values;
# BPFTRACE_MAP_KEYS_MAX / BT_MAP_KEYS_MAX with the "map full" warning.
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "count, sum, min, max, avg, stats" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @c["a"] = count(); @c["b"] = count(); @c["b"] = count(); @s = sum(5); @s = sum(7); @mi = min(5); @mi = min(-3); @ma = max(4); @ma = max(9); @av = avg(3); @av = avg(6); @st = stats(10); @st = stats(20); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@av: 4\n\n@c[a]: 1\n@c[b]: 2\n@ma: 9\n@mi: -3\n@s: 12\n@st: count 2, average 15, total 30' ]
}

@test "hist with zero, powers of two and a big value" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @h = hist(0); @h = hist(1); @h = hist(5); @h = hist(1000); @h = hist(1000000); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@h: \n[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[2, 4)                 0 |                                                    |\n[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[8, 16)                0 |                                                    |\n[16, 32)               0 |                                                    |\n[32, 64)               0 |                                                    |\n[64, 128)              0 |                                                    |\n[128, 256)             0 |                                                    |\n[256, 512)             0 |                                                    |\n[512, 1K)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[1K, 2K)               0 |                                                    |\n[2K, 4K)               0 |                                                    |\n[4K, 8K)               0 |                                                    |\n[8K, 16K)              0 |                                                    |\n[16K, 32K)             0 |                                                    |\n[32K, 64K)             0 |                                                    |\n[64K, 128K)            0 |                                                    |\n[128K, 256K)           0 |                                                    |\n[256K, 512K)           0 |                                                    |\n[512K, 1M)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "hist with a negative value" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @h = hist(-5); @h = hist(3); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@h: \n(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[0]                    0 |                                                    |\n[1]                    0 |                                                    |\n[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "lhist below, inside and above the range" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @l = lhist(5, 0, 100, 10); @l = lhist(55, 0, 100, 10); @l = lhist(255, 0, 100, 10); @l = lhist(-1, 0, 100, 10); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@l: \n(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[0, 10)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[10, 20)               0 |                                                    |\n[20, 30)               0 |                                                    |\n[30, 40)               0 |                                                    |\n[40, 50)               0 |                                                    |\n[50, 60)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[60, 70)               0 |                                                    |\n[70, 80)               0 |                                                    |\n[80, 90)               0 |                                                    |\n[90, 100)              0 |                                                    |\n[100, ...)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "keyed hists print in key order" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @h["b"] = hist(2); @h["a"] = hist(8); @h["a"] = hist(9); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@h[b]: \n[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n@h[a]: \n[8, 16)                2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "stats and avg per key sort by value" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @s[1] = stats(100); @s[2] = stats(5); @a[1] = avg(30); @a[2] = avg(10); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@a[2]: 10\n@a[1]: 30\n\n@s[2]: count 1, average 5, total 5\n@s[1]: count 1, average 100, total 100' ]
}

@test "integer maps sort by value, ascending" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @x[1] = 30; @x[2] = 10; @x[3] = 20; @n[1] = -5; @n[2] = 7; @n[3] = -9; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@n[3]: -9\n@n[1]: -5\n@n[2]: 7\n@x[2]: 10\n@x[3]: 20\n@x[1]: 30' ]
}

@test "string-valued maps sort by key" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @s["b"] = "two"; @s["a"] = "one"; @s["c"] = "three"; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@s[a]: one\n@s[b]: two\n@s[c]: three' ]
}

@test "tuple and multi-key maps" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @t = (1, "a"); @u[1] = (2, "bb"); @m[1, "x"] = 3; @m[2, "y"] = 4; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@m[1, x]: 3\n@m[2, y]: 4\n@t: (1, a)\n@u[1]: (2, bb)' ]
}

@test "print(@m, top, div)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @x[1] = 100; @x[2] = 250; @x[3] = 30; print(@x, 2); print(@x, 0, 10); print(@x); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n@x[1]: 100\n@x[2]: 250\n@x[3]: 3\n@x[1]: 10\n@x[2]: 25\n@x[3]: 30\n@x[1]: 100\n@x[2]: 250\n\n\n@x[3]: 30\n@x[1]: 100\n@x[2]: 250' ]
}

@test "print of a hist and of a count map with top" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @h = hist(100); @h = hist(200); print(@h); @c[1] = count(); @c[2] = count(); @c[2] = count(); print(@c, 1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n@h: \n[64, 128)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[128, 256)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n@c[2]: 2\n\n\n@c[1]: 1\n@c[2]: 2\n@h: \n[64, 128)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[128, 256)             1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "clear, zero and delete" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @x[1] = 1; @x[2] = 2; @x[3] = 3; delete(@x[2]); @y[1] = 5; @y[2] = 6; clear(@y); @z = count(); @z = count(); zero(@z); @w[1] = 7; zero(@w); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@w[1]: 0\n@x[1]: 1\n@x[3]: 3\n\n@z: 0' ]
}

@test "delete() of a hist or lhist entry removes all its buckets (bt, bpftrace 0.17 deletes only the bucket its key buffer last held)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @h[1] = hist(0); @h[1] = hist(100); @h[2] = hist(1); delete(@h[1]); @l[1] = lhist(5, 0, 10, 1); @l[2] = lhist(3, 0, 10, 1); @l[2] = lhist(30, 0, 10, 1); delete(@l[2]); @k = hist(5); @k = hist(-1); delete(@k); @j = hist(3); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@h[2]: \n[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n@j: \n[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n\n@l[1]: \n[5, 6)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "reading a per-CPU count map in the program is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @a = count(); @a = count(); @s = sum(3); $v = @s + 1; printf("%d %d\\n", @a, $v); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:55: error: @s holds a per-CPU aggregation (sum()): its value can only be printed (@s++ or @s += N keep a value the program can read)' ]
}

@test "a map read before it is assigned anywhere is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", @never); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: map @never is read but never assigned' ]
}

@test "maps with different key types are a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @x[1] = 1; @x["a"] = 2; exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:20: error: map @x used with different key types: (string[2]) here, (int64) before' ]
}

@test "aggregations must be assigned to a map (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = count(); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:14: error: count() must be assigned to a map: @x = count(...)' ]
}

@test "maps of kstack, ksym, probe, username and inet keys" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @p[probe] = count(); @k[ksym(0)] = count(); @u[username] = count(); @i[ntop(0x0100007f)] = count(); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@i[127.0.0.1]: 1\n@k[0]: 1\n@p[BEGIN]: 1\n@u[root]: 1' ]
}

@test "BPFTRACE_MAP_KEYS_MAX bounds a map" {
	run --separate-stderr env BPFTRACE_MAP_KEYS_MAX=2 timeout 30 "$BT" -e $'BEGIN { @x[1] = 1; @x[2] = 2; @x[3] = 3; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@x[1]: 1\n@x[2]: 2' ]
}

@test "BT_MAP_KEYS_MAX bounds a map too (bt, bts own name for the variable)" {
	run --separate-stderr env BT_MAP_KEYS_MAX=1 timeout 30 "$BT" -e $'BEGIN { @x[1] = 1; @x[2] = 2; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@x[1]: 1' ]
}

@test "print of stats with top, of a hist with div and of an lhist" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @a[1] = stats(5); @a[2] = stats(10); print(@a, 1); @h = hist(1024); print(@h, 0, 2); @l = lhist(3, 0, 10, 5); @l = lhist(7, 0, 10, 5); print(@l); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n@a[1]: count 1, average 5, total 5\n@a[2]: count 1, average 10, total 10\n\n@h: \n[1K, 2K)               0 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n@l: \n[0, 5)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[5, 10)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n\n\n@a[1]: count 1, average 5, total 5\n@a[2]: count 1, average 10, total 10\n\n@h: \n[1K, 2K)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n\n@l: \n[0, 5)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|\n[5, 10)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "map values in expressions and tuples of map values" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @x = 1; @y = @x + 1; @z = (@x, @y); @s = "abc"; if (@s == "abc") { printf("eq\\n"); } exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\neq\n\n\n@s: abc\n@x: 1\n@y: 2\n@z: (1, 2)' ]
}

@test "a map key of five strings fits the BPF stack" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { @[str(args->filename), str(args->filename), comm, str(args->filename), str(args->filename)] = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@[/dev/null, /dev/null, cat, /dev/null, /dev/null]: 1' ]
}

@test "a full map warns on stderr (bt)" {
	run --separate-stderr env BPFTRACE_MAP_KEYS_MAX=2 timeout 30 "$BT" -e 'BEGIN { @x[1] = 1; @x[2] = 2; @x[3] = 3; exit(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "bt: warning: map @x is full (2 entries): updates of new keys were dropped; raise BPFTRACE_MAP_KEYS_MAX" ]
}

@test "aggregations merge every CPU's share" {
	ncpu=$(getconf _NPROCESSORS_ONLN)
	# an idle CPU may take no profile samples at all (its timer sleeps
	# with it), so keep every CPU busy for the run
	pids=()
	for ((i = 0; i < ncpu; i++)); do
		timeout 5 taskset -c "$i" sh -c 'while :; do :; done' >/dev/null 2>&1 3>&- &
		pids+=($!)
	done
	run --separate-stderr timeout 30 "$BT" -e 'profile:hz:200 { @c = count(); @s = sum(2); @mn = min(cpu); @mx = max(cpu); @a = avg(cpu + 1); @cpus[cpu] = count(); @st = stats(1); } interval:ms:600 { exit(); }'
	kill "${pids[@]}" 2>/dev/null || true
	wait "${pids[@]}" 2>/dev/null || true
	[ "$status" -eq 0 ]
	c=$(printf '%s\n' "$output" | sed -n 's/^@c: //p')
	s=$(printf '%s\n' "$output" | sed -n 's/^@s: //p')
	[ "$c" -gt 0 ]
	[ "$s" -eq $((2 * c)) ]
	[ "$(printf '%s\n' "$output" | sed -n 's/^@mn: //p')" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sed -n 's/^@mx: //p')" -eq $((ncpu - 1)) ]
	[ "$(printf '%s\n' "$output" | grep -c '^@cpus\[')" -eq "$ncpu" ]
	printf '%s\n' "$output" | grep -qx "@st: count $c, average 1, total $c"
}

@test "keyless count() that never fired prints 0, as bpftrace 0.17 (one-slot per-CPU array)" {
	run --separate-stderr "$BT" -e 'BEGIN { exit(); } t:oom:mark_victim { @ = count(); @s = sum(1); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n\n\n@: 0' ]
	run --separate-stderr "$BT" -e 't:syscalls:sys_enter_getpid /pid == cpid/ { @ = count(); } END { clear(@); }' \
		-c 'python3 -c "import os; os.getpid()"'
	[ "$status" -eq 0 ]
	grep -qx '@: 0' <<<"$output"
}

@test "keyless integer maps (one-slot arrays): delete, clear, zero, ++ and never assigned print as bpftrace" {
	run --separate-stderr "$BT" -e 'BEGIN { @x = 5; @y = 1; delete(@y); @z = -3; @z++; @w = 1; if (@never) { printf("no\n"); } @n--; @n--; @k = @x + 2; print(@k); zero(@k); print(@k); exit(); } END { clear(@w); } interval:s:100 { @never = 1; }'
	[ "$status" -eq 0 ]
	# (the same as bpftrace 0.17, blank lines of the cleared and unset maps included)
	[ "$output" = $'Attaching 3 probes...\n@k: 7\n@k: 0\n\n\n@k: 0\n@n: -2\n\n\n@x: 5\n\n@z: -2' ]
}

@test "comm == literal: 15-character comms, longer literals and the stack-copy fallback agree" {
	cp /usr/bin/cat "$BATS_TEST_TMPDIR/abcdefghijklmnopq"
	for env in "" BT_NO_TASK_BTF=1; do
		run --separate-stderr env $env BT_NO_CACHE=1 "$BT" -c "$BATS_TEST_TMPDIR/abcdefghijklmnopq /dev/null" -e 't:syscalls:sys_enter_openat /pid == cpid/ { @a[comm == "abcdefghijklmno"] = count(); @b[comm == "abcdefghijklmnop"] = count(); @c[comm == "abcdefghijklmn"] = count(); @d[comm != "x"] = count(); }'
		[ "$status" -eq 0 ]
		[ "$(printf '%s\n' "$output" | grep -c '^@a\[1\]')" -eq 1 ]
		[ "$(printf '%s\n' "$output" | grep -c '^@[bc]\[0\]')" -eq 2 ]
		[ "$(printf '%s\n' "$output" | grep -c '^@[abc]\[')" -eq 3 ]
		[ "$(printf '%s\n' "$output" | grep -c '^@d\[1\]')" -eq 1 ]
	done
}

@test "a keyless map holding a BTF pointer (tp_btf args) loads and reads back" {
	run --separate-stderr timeout 30 "$BT" -e 'tp_btf:sched_switch { @p = args->prev; @q = (struct task_struct *)args->next; @n = @q->pid >= 0; exit(); }'
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	printf '%s\n' "$output" | grep -qx '@n: 1'
	printf '%s\n' "$output" | grep -Eqx '@p: -[1-9][0-9]{8,}' || false
}

# Maps keyed by tid alone are ARRAYs indexed by the tid (engine/sema/sema_tidmap.c);
# expected output: bpftrace 0.17's for the same script and command, the child's pid as CPID.
@test "maps keyed by tid (tid-indexed arrays): ++, delete, zero, clear, print and leftovers print as bpftrace" {
	printf 'import os\nfor _ in range(3): os.getppid()\nos.sched_yield()\nos.getsid(0)\n' > "$BATS_TEST_TMPDIR/sc.py"
	s='t:syscalls:sys_enter_getppid /pid == cpid/ { @s[tid] = @s[tid] + 10; @n[tid]++; @z[tid] = 3; @d[tid] = 1; @u[tid] = 2; }
t:syscalls:sys_enter_sched_yield /pid == cpid/ { delete(@n[tid]); delete(@d[tid]); @p[tid] = cpid; print(@s); }
t:syscalls:sys_enter_getsid /pid == cpid/ { zero(@z); clear(@u); @e[tid] = -5; }'
	run --separate-stderr "$BT" -v -e "$s" -c "/usr/bin/python3 $BATS_TEST_TMPDIR/sc.py"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	# every one of them is an ARRAY (type 2), none a hash (type 1)
	[ "$(grep -c "^libbpf: map 'AT_[a-z]_[0-9]*': found type = 2\.$" <<<"$stderr")" -eq 7 ]
	cpid=$(sed -n 's/^@p\[\([0-9]*\)\]: \1$/\1/p' <<<"$output")
	[ -n "$cpid" ]
	[ "${output//$cpid/CPID}" = $'Attaching 3 probes...\n@s[CPID]: 30\n\n\n\n@e[CPID]: -5\n\n@p[CPID]: CPID\n@s[CPID]: 30\n\n@z[CPID]: 0' ]
}

@test "the @start[tid] latency pattern: each thread's leftover @start[tid] prints at exit, sorted by value" {
	cat > "$BATS_TEST_TMPDIR/th.py" <<'PY'
import os, threading
def work(n):
    for _ in range(n):
        os.getppid()
    os.sched_yield()
ts = [threading.Thread(target=work, args=(n,)) for n in (1, 2, 3)]
for t in ts: t.start()
for t in ts: t.join()
PY
	s='t:syscalls:sys_enter_getppid /pid == cpid/ { @start[tid] = nsecs; @calls[tid]++; }
t:syscalls:sys_exit_getppid /pid == cpid && @calls[tid] < 3/ { @h = hist(nsecs - @start[tid]); delete(@start[tid]); }
t:syscalls:sys_enter_sched_yield /pid == cpid/ { @y[tid] = @calls[tid] * 100; }'
	run --separate-stderr "$BT" -e "$s" -c "/usr/bin/python3 $BATS_TEST_TMPDIR/th.py"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	# only the thread that made 3 calls leaves its @start
	[ "$(grep -c '^@start\[[0-9]*\]: [0-9]*$' <<<"$output")" -eq 1 ]
	[ "$(sed 's/\[[0-9]*\]/[T]/' <<<"$output" | grep '^@calls\|^@y')" = $'@calls[T]: 1\n@calls[T]: 2\n@calls[T]: 3\n@y[T]: 100\n@y[T]: 200\n@y[T]: 300' ]
	# 1 + 2 + the 3-call thread's first 2
	[ "$(sed -n 's/^\[[^)]*) *\([0-9]*\) |.*/\1/p' <<<"$output" | awk '{ n += $1 } END { print n }')" -eq 5 ]
	# the leftover is the 3-call thread's
	t3=$(sed -n 's/^@calls\[\([0-9]*\)\]: 3$/\1/p' <<<"$output")
	grep -q "^@start\[$t3\]: " <<<"$output"
}

@test "keyless hist and lhist (per-CPU arrays of buckets): print, clear, reuse and never fired print as bpftrace" {
	run --separate-stderr "$BT" -v -e 'BEGIN { @h = hist(0); @h = hist(1); @h = hist(5); @h = hist(-3); @h = hist(1000); @l = lhist(3, 0, 10, 1); @l = lhist(-1, 0, 10, 1); @l = lhist(30, 0, 10, 1); print(@l); clear(@l); @l = lhist(4, 0, 10, 1); @m = lhist(5, 0, 100, 10); print(@h, 2); clear(@h); @h = hist(2); exit(); } t:oom:mark_victim { @never = hist(1); @nl = lhist(1, 0, 5, 1); }'
	[ "$status" -eq 0 ]
	# PERCPU_ARRAY (6) of 65 hist buckets, 12 for lhist(.., 0, 10, 1)
	grep -qx "libbpf: map 'AT_h_0': found type = 6." <<<"$stderr"
	grep -qx "libbpf: map 'AT_h_0': found max_entries = 65." <<<"$stderr"
	grep -qx "libbpf: map 'AT_l_1': found max_entries = 12." <<<"$stderr"
	[ "$output" = $'Attaching 2 probes...
@l: 
(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[0, 1)                 0 |                                                    |
[1, 2)                 0 |                                                    |
[2, 3)                 0 |                                                    |
[3, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[4, 5)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[5, 6)                 0 |                                                    |
[6, 7)                 0 |                                                    |
[7, 8)                 0 |                                                    |
[8, 9)                 0 |                                                    |
[9, 10)                0 |                                                    |
[10, ...)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|

@h: 
(..., 0)               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[0]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[1]                    1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[2, 4)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[4, 8)                 1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[8, 16)                0 |                                                    |
[16, 32)               0 |                                                    |
[32, 64)               0 |                                                    |
[64, 128)              0 |                                                    |
[128, 256)             0 |                                                    |
[256, 512)             0 |                                                    |
[512, 1K)              1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|





@m: 
[0, 10)                1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|' ]
}

@test "@[tid] = count() (a per-CPU array by tid) prints as bpftrace; a count map with delete() stays a hash" {
	cat > "$BATS_TEST_TMPDIR/th.py" <<'PY'
import os, threading
def work(n):
    for _ in range(n):
        os.getppid()
    os.sched_yield()
ts = [threading.Thread(target=work, args=(n,)) for n in (1, 2, 3, 5)]
for t in ts: t.start()
for t in ts: t.join()
PY
	s='t:syscalls:sys_enter_getppid /pid == cpid/ { @c[tid] = count(); @t[tid] = tid; }
t:syscalls:sys_enter_sched_yield /pid == cpid/ { @y[tid] = count(); }
t:syscalls:sys_exit_sched_yield /pid == cpid/ { @d[tid] = count(); delete(@d[tid]); }'
	run --separate-stderr "$BT" -v -e "$s" -c "/usr/bin/python3 $BATS_TEST_TMPDIR/th.py"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	grep -qx "libbpf: map 'AT_c_0': found type = 6." <<<"$stderr"
	grep -qx "libbpf: map 'AT_y_2': found type = 6." <<<"$stderr"
	grep -qx "libbpf: map 'AT_d_3': found type = 5." <<<"$stderr"
	# (bpftrace 0.17's output with the tids as T)
	[ "$(sed 's/\[[0-9]*\]/[T]/' <<<"$output" | grep -v '^@t\[')" = $'Attaching 3 probes...\n\n\n@c[T]: 1\n@c[T]: 2\n@c[T]: 3\n@c[T]: 5\n\n@y[T]: 1\n@y[T]: 1\n@y[T]: 1\n@y[T]: 1' ]
	# each key is the thread's own tid
	[ "$(sed -n 's/^@c\[\([0-9]*\)\]: .*/\1/p' <<<"$output" | sort)" = "$(sed -n 's/^@t\[\([0-9]*\)\]: \1$/\1/p' <<<"$output" | sort)" ]
}
