#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# usdt on a <sys/sdt.h> program that the Makefile builds (mk/usdt.mk,
# tests/bats/usdt/prog.c): every operand kind and size, a probe at two
# sites passing an argument differently, a semaphore, a quoted name, a
# library's probe; -c, -p (the process's files, another mount namespace),
# globs and -l -p. Where bpftrace 0.17 runs the same program correctly, bt's
# output is also compared with its output.
load helpers

setup() {
	require_root
	[ -e /sys/bus/event_source/devices/uprobe/type ] || skip "this kernel has no uprobes"
	D="$BUILD/tests/usdt"
	U="$D/usdt_prog"
	[ -x "$U" ] || { echo "$U is missing: make builds it (mk/usdt.mk)" >&2; false; }
	pids=
}

teardown() {
	[ -z "$pids" ] || kill $pids 2> /dev/null || true
}

# starts "$U -1 10" (forever, 10 ms apart) in the background: $bg
start_prog() {
	"$U" -1 10 &
	bg=$!
	pids="$pids $bg"
}

@test "register and constant operands of 1, 2, 4 and 8 bytes, signed and unsigned" {
	script='usdt:'"$U"':usdt_args:%s { printf("%%ld %%lu %%ld %%lu %%ld %%lu %%ld %%lu\\n", arg0, arg0, arg1, arg1, arg2, arg2, arg3, arg3); }'
	run --separate-stderr timeout 30 "$BT" -e "$(printf "$script" reg_s)" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
-1 18446744073709551615 0 0 0 0 0 0
-2 18446744073709551614 -1000 18446744073709550616 -100000 18446744073709451616 -10000000000 18446744063709551616" ]
	same_as_bpftrace -e "$(printf "$script" reg_s)" -c "$U 2"
	run --separate-stderr timeout 30 "$BT" -e "$(printf "$script" reg_u)" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
250 250 65000 65000 4000000000 4000000000 -446744073709551616 18000000000000000000
251 251 65001 65001 4000000001 4000000001 -446744073709551615 18000000000000000001" ]
	same_as_bpftrace -e "$(printf "$script" reg_u)" -c "$U 2"
	# gcc writes an unsigned char 250 as "1@$-6": the size and sign make it 250
	for p in const_s const_u; do
		run --separate-stderr timeout 30 "$BT" -e "$(printf "$script" $p)" -c "$U 1"
		[ "$status" -eq 0 ]
		same_as_bpftrace -e "$(printf "$script" $p)" -c "$U 1"
	done
	[ "$output" = "Attaching 1 probe...
250 250 65000 65000 4000000000 4000000000 -446744073709551616 18000000000000000000" ]
}

@test "indexed memory operands (-2@-32(%rsp,%rdi,2)) and a field behind a pointer" {
	readelf -n "$U" | grep -q 'Arguments: -2@-[0-9]*(%rsp,%rdi,2) 4@-[0-9]*(%rsp,%rdi,4) 8@8(%r'
	script="usdt:$U:usdt_args:idx { printf(\"%ld %lu %ld %lu %lu\n\", arg0, arg0, arg1, arg1, arg2); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 5"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
-1 18446744073709551615 4000000001 4000000001 100
-2 18446744073709551614 4000000002 4000000002 101
-3 18446744073709551613 4000000003 4000000003 102
-4 18446744073709551612 4000000004 4000000004 103
-1 18446744073709551615 4000000001 4000000001 104" ]
	same_as_bpftrace -e "$script" -c "$U 5"
}

@test "global operands (SYM(%rip)) of each size, signed and unsigned" {
	# bpftrace 0.17 refuses them ("deref ident is not handled yet") and reads garbage
	run --separate-stderr timeout 30 "$BT" -e "usdt:$U:usdt_args:mem_s { printf(\"%d %d %d %ld\n\", arg0, arg1, arg2, arg3); } usdt:$U:usdt_args:mem_u { printf(\"%u %u %u %lu\n\", arg0, arg1, arg2, arg3); }" -c "$U 1"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
-8 -1600 -320000 -6400000000
200 60000 4000000000 18000000000000000000" ]
}

@test "a probe at two sites is two probes; each reads arg0 its own way" {
	readelf -n "$U" | grep -q 'Arguments: -4@\$7'
	script="usdt:$U:usdt_other:twice { printf(\"%s %d\n\", probe, arg0); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
usdt:$U:usdt_other:twice 0
usdt:$U:usdt_other:twice 7
usdt:$U:usdt_other:twice 1
usdt:$U:usdt_other:twice 7" ]
	same_as_bpftrace -e "$script" -c "$U 2"
	# the sites share the probe's name: one key
	script="usdt:$U:usdt_other:twice { @[probe] = count(); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...


@[usdt:$U:usdt_other:twice]: 4" ]
	same_as_bpftrace -e "$script" -c "$U 2"
}

@test "a semaphore-guarded probe fires while traced; a quoted probe name" {
	script="usdt:$U:usdt_other:guarded { printf(\"%s %d\n\", probe, arg0); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
usdt:$U:usdt_other:guarded 0
usdt:$U:usdt_other:guarded 1" ]
	same_as_bpftrace -e "$script" -c "$U 2"
	script="usdt:$U:usdt_other:\"\\\"quoted\\\"\" { printf(\"%s %d\n\", probe, arg0); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
usdt:$U:usdt_other:\"quoted\" 0
usdt:$U:usdt_other:\"quoted\" 1" ]
	same_as_bpftrace -e "$script" -c "$U 2"
}

@test "a glob in the file part and an empty provider with a wildcard" {
	script="usdt:$U::*_u { printf(\"%s\n\", probe); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 3 probes...
usdt:$U:usdt_args:reg_u
usdt:$U:usdt_args:const_u
usdt:$U:usdt_args:mem_u
usdt:$U:usdt_args:reg_u
usdt:$U:usdt_args:const_u
usdt:$U:usdt_args:mem_u" ]
	same_as_bpftrace -e "$script" -c "$U 2"
	# one program for probes whose arg0 differs in sign: signed (bpftrace 0.17
	# types it as the first probe does: -3 would print as 18446744073709551613)
	run --separate-stderr timeout 30 "$BT" -e "usdt:$U::reg_* { @[probe] = sum(arg0); }" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...


@[usdt:$U:usdt_args:reg_s]: -3
@[usdt:$U:usdt_args:reg_u]: 501" ]
	# every site of every probe of the files the glob matches (not the library)
	script="usdt:$D/usdt_*::* { @ = count(); }"
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "$U 1"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 11 probes...


@: 11" ]
	same_as_bpftrace -e "$script" -c "$U 1"
}

@test "a library's probe, by path with -c and by name with -p" {
	run --separate-stderr timeout 30 "$BT" -e "usdt:$D/libusdt_lib.so:usdt_lib:libprobe { printf(\"%s %d %d\n\", probe, arg0, arg1); }" -c "$U 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
usdt:$D/libusdt_lib.so:usdt_lib:libprobe 0 0
usdt:$D/libusdt_lib.so:usdt_lib:libprobe 1 2" ]
	start_prog
	script='usdt:libusdt_lib.so:usdt_lib:libprobe { printf("%s %d\n", probe, arg1 == arg0 * 2); exit(); }'
	run --separate-stderr timeout 30 "$BT" -p $bg -e "$script"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
usdt:/proc/$bg/root$D/libusdt_lib.so:usdt_lib:libprobe 1" ]
	# bpftrace 0.17 finds a library by name only in the current directory
	script="usdt:$D/libusdt_lib.so:usdt_lib:libprobe { printf(\"%s %d\n\", probe, arg1 == arg0 * 2); exit(); }"
	run --separate-stderr timeout 30 "$BT" -p $bg -e "$script"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
usdt:/proc/$bg/root$D/libusdt_lib.so:usdt_lib:libprobe 1" ]
	same_as_bpftrace -p $bg -e "$script"
}

@test "-p with an empty file part searches the executable and its libraries" {
	start_prog
	# (events after exit() may still count: END clears @n)
	script='usdt::usdt_other:twice { printf("%s\n", probe); if (++@n == 4) { exit(); } } END { clear(@n); }'
	run --separate-stderr timeout 30 "$BT" -p $bg -e "$script"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 3 probes...
usdt:/proc/$bg/root$U:usdt_other:twice
usdt:/proc/$bg/root$U:usdt_other:twice
usdt:/proc/$bg/root$U:usdt_other:twice
usdt:/proc/$bg/root$U:usdt_other:twice" ]
	same_as_bpftrace -p $bg -e "$script"
	script='usdt:::*probe { printf("%s\n", probe); exit(); }'
	run --separate-stderr timeout 30 "$BT" -p $bg -e "$script"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
usdt:/proc/$bg/root$D/libusdt_lib.so:usdt_lib:libprobe" ]
	same_as_bpftrace -p $bg -e "$script"
	# without -p there is nothing to search
	run --separate-stderr "$BT" -e 'usdt::usdt_other:twice { }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: usdt::usdt_other:twice: usdt probe must specify at least path or pid to probe" ]
}

@test "-l -p lists the executable's uprobes and the USDT probes of it and its libraries" {
	start_prog
	run --separate-stderr "$BT" -l -p $bg
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -qx "uprobe:/proc/$bg/root$U:indexed"
	printf '%s\n' "$output" | grep -qx "usdt:/proc/$bg/root$D/libusdt_lib.so:usdt_lib:libprobe"
	[ "$(printf '%s\n' "$output" | grep -c '^usdt:')" -eq 11 ]
	same_as_bpftrace -l -p $bg
	run --separate-stderr "$BT" -l 'usdt:*:usdt_other:*' -p $bg
	[ "$output" = "usdt:/proc/$bg/root$U:usdt_other:\"quoted\"
usdt:/proc/$bg/root$U:usdt_other:guarded
usdt:/proc/$bg/root$U:usdt_other:twice" ]
	same_as_bpftrace -l 'usdt:*:usdt_other:*' -p $bg
	for pat in 'uprobe:*' 'usdt:*' 'uretprobe:*' '*guard*'; do
		run --separate-stderr "$BT" -l "$pat" -p $bg
		[ "$status" -eq 0 ]
		[ -n "$output" ]
		same_as_bpftrace -l "$pat" -p $bg
	done
}

@test "-p traces a process in another mount namespace through /proc/PID/root" {
	command -v unshare > /dev/null || skip "unshare (util-linux) is needed"
	m="$BATS_TEST_TMPDIR/m"
	mkdir -p "$m"
	# the program and its library exist only on a tmpfs of the process's own namespace
	unshare -m --propagation private sh -c "mount -t tmpfs none '$m' && cp '$U' '$D/libusdt_lib.so' '$m/' && echo \$\$ > '$m.pid' && exec '$m/usdt_prog' -1 10" &
	pids="$pids $!"
	for i in $(seq 50); do [ -s "$m.pid" ] && break; sleep 0.1; done
	bg=$(cat "$m.pid")
	pids="$pids $bg"
	[ ! -e "$m/usdt_prog" ]
	script="uprobe:$m/usdt_prog:indexed { printf(\"%s\n\", probe); exit(); }"
	run --separate-stderr timeout 30 "$BT" -p $bg -e "$script"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
uprobe:/proc/$bg/root$m/usdt_prog:indexed" ]
	same_as_bpftrace -p $bg -e "$script"
	script='usdt:::twice { printf("%s %d\n", probe, arg0 >= 0); exit(); }'
	run --separate-stderr timeout 30 "$BT" -p $bg -e "$script"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
usdt:/proc/$bg/root$m/usdt_prog:usdt_other:twice 1" ]
	same_as_bpftrace -p $bg -e "$script"
	run --separate-stderr "$BT" -l 'usdt:*' -p $bg
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -qx "usdt:/proc/$bg/root$m/libusdt_lib.so:usdt_lib:libprobe"
	same_as_bpftrace -l 'usdt:*' -p $bg
	# the uprobes of the executable, named under /proc/PID/root as bpftrace names them
	run --separate-stderr "$BT" -l 'uprobe:*' -p $bg
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -qx "uprobe:/proc/$bg/root$m/usdt_prog:indexed"
	same_as_bpftrace -l 'uprobe:*' -p $bg
}
