#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# User stacks and symbols: ustack in bpftrace and perf modes with a depth,
# usym(), func, JSON, on non-PIE and PIE binaries; frame offsets come from
# objdump, so every frame is checked exactly.
load helpers

setup_file() {
	command -v gcc > /dev/null || return 0
	local src="$BATS_TEST_DIRNAME/uprobe/target.c"
	gcc -g -O0 -fno-omit-frame-pointer -no-pie -o "$BATS_FILE_TMPDIR/t_nopie" "$src"
	gcc -g -O0 -fno-omit-frame-pointer -pie -fpie -o "$BATS_FILE_TMPDIR/t_pie" "$src"
}

setup() {
	require_root
	command -v gcc > /dev/null || skip "gcc is needed to build the uprobe target"
	command -v objdump > /dev/null || skip "objdump (binutils) is needed for the expected offsets"
	[ -e /sys/bus/event_source/devices/uprobe/type ] || skip "this kernel has no uprobes"
	N="$BATS_FILE_TMPDIR/t_nopie"
	P="$BATS_FILE_TMPDIR/t_pie"
	pids=""
}

teardown() {
	[ -z "$pids" ] || kill $pids 2> /dev/null || true
}

# ret_off BIN CALLER CALLEE: offset in CALLER of the instruction after its call to CALLEE
ret_off() {
	objdump -d --no-show-raw-insn "$1" | {
		start="" found=""
		while read -r a rest; do
			if [ "$rest" = "<$2>:" ]; then
				start=$((16#$a))
				continue
			fi
			[ -n "$start" ] || continue
			if [ -n "$found" ]; then
				echo $((16#${a%:} - start))
				return
			fi
			case "$rest" in *call*"<$3>"*) found=1 ;; esac
		done
	}
}

# start BIN: runs BIN's call chain every 10 ms until the test ends; sets $pid
start() {
	"$1" -1 10 &
	pid=$!
	pids="$pids $pid"
}

@test "ustack(4) in bpftrace mode: exact frames of a running non-PIE process" {
	start "$N"
	run --separate-stderr timeout 30 "$BT" -p $pid -e "uprobe:$N:leaf_func { @[ustack(4)] = count(); if (++@n == 3) { exit(); } }"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[
    leaf_func+0
    mid_func+$(ret_off "$N" mid_func leaf_func)
    top_func+$(ret_off "$N" top_func mid_func)
    main+$(ret_off "$N" main top_func)
]: 3"* ]]
}

@test "ustack(perf, 3) in a PIE process: address, frame and module" {
	start "$P"
	run --separate-stderr timeout 30 "$BT" -p $pid -e "uprobe:$P:leaf_func { @[ustack(perf, 3)] = count(); if (++@n == 2) { exit(); } }"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -Eqx "	[0-9a-f]+ leaf_func\+0 \($P\)"
	printf '%s\n' "$output" | grep -Eqx "	[0-9a-f]+ mid_func\+$(ret_off "$P" mid_func leaf_func) \($P\)"
	printf '%s\n' "$output" | grep -Eqx "	[0-9a-f]+ top_func\+$(ret_off "$P" top_func mid_func) \($P\)"
	[ "$(printf '%s\n' "$output" | grep -c '^	')" -eq 3 ]
	# the addresses are the PIE's relocated ones, not file addresses
	run ! grep -Eq '^	[0-9a-f]{1,6} ' <<<"$output"
}

@test "the whole ustack reaches into libc, and a uretprobe stack starts in the caller" {
	start "$P"
	run --separate-stderr timeout 30 "$BT" -p $pid -e "uretprobe:$P:leaf_func { @[ustack] = count(); if (++@n == 2) { exit(); } }"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[
    mid_func+$(ret_off "$P" mid_func leaf_func)
    top_func+$(ret_off "$P" top_func mid_func)
    main+$(ret_off "$P" main top_func)
"* ]]
	# main's caller is a libc function, named when libc's symbols are readable
	printf '%s\n' "$output" | grep -Eqx '    (__libc_start_call_main|__libc_start_main)\+[0-9]+'
}

@test "usym(), func and ustack in printf resolve in the running process" {
	start "$N"
	run --separate-stderr timeout 30 "$BT" -p $pid -e "uprobe:$N:mid_func { printf(\"%s|%s|%s\n\", usym(func), func, ustack(2)); exit(); }"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
mid_func|mid_func|
        mid_func+0
        top_func+$(ret_off "$N" top_func mid_func)" ]
}

@test "usym() of an address outside any symbol prints it in hex" {
	start "$N"
	run --separate-stderr timeout 30 "$BT" -p $pid -e "uprobe:$N:leaf_func { @[usym(4096), usym(0)] = count(); exit(); }"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[0x1000, 0]: 1"* ]]
}

@test "-f json quotes ustack keys" {
	start "$N"
	run --separate-stderr timeout 30 "$BT" -f json -p $pid -e "uprobe:$N:leaf_func { @[ustack(2)] = count(); exit(); }"
	[ "$status" -eq 0 ]
	[[ "$output" == *"{\"type\": \"map\", \"data\": {\"@\": {\"\\n    leaf_func+0\\n    mid_func+$(ret_off "$N" mid_func leaf_func)\\n\": 1}}}"* ]]
}

# wait_attached FILE: until bt wrote its banner to FILE
wait_attached() {
	for _ in $(seq 100); do
		grep -q '^Attaching' "$1" && return 0
		sleep 0.1
	done
	return 1
}

@test "a process neither -p nor -c that is gone before printing leaves raw addresses, as in bpftrace 0.17" {
	"$BT" -e "uprobe:$N:leaf_func { @[ustack(2)] = count(); @p[ustack(perf, 1)] = count(); }" > "$BATS_TEST_TMPDIR/out" 2>&1 &
	bt=$!
	wait_attached "$BATS_TEST_TMPDIR/out"
	# "Attaching" comes before the uprobe is attached: its perf event and link
	wait_probe_fds "$bt" 2
	"$N" 2
	kill -INT $bt
	wait $bt
	run cat "$BATS_TEST_TMPDIR/out"
	addr=$(printf '%x' $((16#$(objdump -d "$N" | sed -n 's/^0*\([0-9a-f]*\) <leaf_func>:$/\1/p'))))
	[[ "$output" == *"@[
    0x$addr
    0x"*"
]: 2"* ]]
	[[ "$output" == *"@p[
	$addr 0x$addr ([unknown])
]: 2"* ]]
}

@test "-c: stacks of the command resolve after it exits" {
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$P:leaf_func { @[ustack(3)] = count(); }" -c "$P 5 20"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[
    leaf_func+0
    mid_func+$(ret_off "$P" mid_func leaf_func)
    top_func+$(ret_off "$P" top_func mid_func)
]: 5"* ]]
}

@test "-p: stacks of a process that exited before printing still resolve" {
	"$P" -1 10 &
	pid=$!
	"$BT" -p $pid -e "uprobe:$P:leaf_func { @[ustack(3)] = count(); }" > "$BATS_TEST_TMPDIR/out" 2>&1 &
	bt=$!
	wait_attached "$BATS_TEST_TMPDIR/out"
	sleep 0.5
	kill $pid
	wait $pid || true
	kill -INT $bt
	wait $bt
	run cat "$BATS_TEST_TMPDIR/out"
	[[ "$output" == *"@[
    leaf_func+0
    mid_func+$(ret_off "$P" mid_func leaf_func)
    top_func+$(ret_off "$P" top_func mid_func)
]: "* ]]
}

@test "C++ frames and func print demangled" {
	command -v g++ > /dev/null || skip "g++ is needed to build the C++ target"
	g++ -g -O0 -fno-omit-frame-pointer -o "$BATS_TEST_TMPDIR/cpp" "$BATS_TEST_DIRNAME/uprobe/target.cc"
	start "$BATS_TEST_TMPDIR/cpp"
	run --separate-stderr timeout 30 "$BT" -p $pid -e "uprobe:$BATS_TEST_TMPDIR/cpp:_ZN2ns1K1fEi { @[ustack(2)] = count(); @f[func] = count(); if (++@n == 2) { exit(); } }"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[
    ns::K::f(int)+0
    g(int)+$(ret_off "$BATS_TEST_TMPDIR/cpp" _Z1gi _ZN2ns1K1fEi)
]: 2
@f[ns::K::f(int)]: 2"* ]]
}

@test "BPFTRACE_NO_CPP_DEMANGLE=1: C++ frames and func print mangled, as bpftrace" {
	command -v g++ > /dev/null || skip "g++ is needed to build the C++ target"
	g++ -g -O0 -fno-omit-frame-pointer -o "$BATS_TEST_TMPDIR/cpp" "$BATS_TEST_DIRNAME/uprobe/target.cc"
	start "$BATS_TEST_TMPDIR/cpp"
	BPFTRACE_NO_CPP_DEMANGLE=1 run --separate-stderr timeout 30 "$BT" -p $pid -e "uprobe:$BATS_TEST_TMPDIR/cpp:_ZN2ns1K1fEi { @[ustack(2)] = count(); @f[func] = count(); if (++@n == 2) { exit(); } }"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@[
    _ZN2ns1K1fEi+0
    _Z1gi+$(ret_off "$BATS_TEST_TMPDIR/cpp" _Z1gi _ZN2ns1K1fEi)
]: 2
@f[_ZN2ns1K1fEi]: 2"* ]]
}
