#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# uprobe/uretprobe on a test binary compiled here (non-PIE and PIE): args,
# retval, wildcards, func, -p, libraries by name, uaddr, listing, errors.
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
	[ -e /sys/bus/event_source/devices/uprobe/type ] || skip "this kernel has no uprobes"
	N="$BATS_FILE_TMPDIR/t_nopie"
	P="$BATS_FILE_TMPDIR/t_pie"
}

@test "uprobe on a non-PIE binary: probe, arg0, arg1" {
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$N:leaf_func { printf(\"%s %d %d\n\", probe, arg0, arg1); }" -c "$N 3"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
uprobe:$N:leaf_func 1 2
uprobe:$N:leaf_func 2 2
uprobe:$N:leaf_func 3 2" ]
}

@test "uretprobe retval on a PIE binary, with the u: and ur: aliases" {
	run --separate-stderr timeout 30 "$BT" -e "u:$P:top_func { printf(\"in %d\n\", arg0); } ur:$P:top_func { printf(\"ret %d\n\", retval); }" -c "$P 3"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
in 0
ret 10
in 1
ret 13
in 2
ret 16" ]
}

@test "a wildcard attaches each function, and func names them after the process exits" {
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$P:*_func { @[func] = count(); } uretprobe:$N:mid_func { @r[func, retval] = count(); }" -c "$P 2"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 4 probes..." ]
	[ "$(printf '%s\n' "$output" | grep '^@\[' | sort)" = "@[leaf_func]: 2
@[mid_func]: 2
@[top_func]: 2" ]
	# the other binary never ran: its uretprobe did not fire
	[[ "$output" != *"@r["* ]]
}

@test "a relative path stays in the probe name; usym(func) names the function" {
	cd "$BATS_FILE_TMPDIR"
	run --separate-stderr timeout 30 "$BT" -e 'uretprobe:./t_nopie:leaf_func { @[probe, func, usym(func), retval] = count(); }' -c "./t_nopie 1"
	[ "$status" -eq 0 ]
	[[ "$output" == *$'\n'"@[uretprobe:./t_nopie:leaf_func, leaf_func, leaf_func, 3]: 1" ]]
}

@test "-p traces only that process" {
	"$N" -1 10 & a=$!
	"$N" -1 10 & b=$!
	run --separate-stderr timeout 30 "$BT" -p $a -e "uprobe:$N:leaf_func { @[pid == $a, usym(func)] = count(); if (++@n == 5) { exit(); } }"
	kill $a $b
	[ "$status" -eq 0 ]
	[[ "$output" == *$'\n'"@[1, leaf_func]: 5"* ]]
	[[ "$output" != *"@[0,"* ]]
}

@test "a library named without a path is found through ld.so.cache" {
	run --separate-stderr timeout 30 "$BT" -e 'uprobe:libc:usleep /pid == cpid/ { @[probe] = count(); }' -c "$N 3 1"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | grep -Eq '^@\[uprobe:/.*/libc\.so\.6:usleep\]: 3$'
}

@test "uaddr reads globals in non-PIE and PIE binaries" {
	for x in "$N" "$P"; do
		run --separate-stderr timeout 30 "$BT" -e "uprobe:$x:top_func { printf(\"%d %d %d\n\", arg0, *uaddr(\"counter_var\"), *uaddr(\"big_var\")); }" -c "$x 3"
		[ "$status" -eq 0 ]
		[ "$output" = "Attaching 1 probe...
0 42 7
1 43 7
2 44 7" ]
	done
}

@test "uaddr in a PIE uretprobe is a located error" {
	run --separate-stderr "$BT" -e "uretprobe:$P:top_func { printf(\"%p\n\", uaddr(\"counter_var\")); }"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:$((${#P} + 38)): error: uaddr(\"counter_var\"): $P is position-independent, so the address is known only in a uprobe on one of its functions (not a uretprobe or a wildcard)" ]
}

@test "-l lists a binary's functions (uprobe, uretprobe, u: alias)" {
	run --separate-stderr "$BT" -l "uprobe:$N:*_func"
	[ "$status" -eq 0 ]
	[ "$output" = "uprobe:$N:leaf_func
uprobe:$N:mid_func
uprobe:$N:top_func" ]
	run --separate-stderr "$BT" -l "ur:$P:m*"
	[ "$output" = "uretprobe:$P:main
uretprobe:$P:mid_func" ]
	run --separate-stderr "$BT" -l "u:$N:*"
	printf '%s\n' "$output" | grep -qx "uprobe:$N:_start"
}

@test "a missing function or binary is a located error before attaching" {
	run --separate-stderr "$BT" -e "uprobe:$N:no_such_func { }"
	[ "$status" -eq 1 ]
	[ "$output" = "" ]
	[ "$(first_err)" = "stdin:1:1: error: uprobe:$N:no_such_func: no function 'no_such_func' in $N" ]
	run --separate-stderr "$BT" -e "uprobe:$N:zz*_func { }"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: uprobe:$N:zz*_func: no function in $N matches 'zz*_func'" ]
	run --separate-stderr "$BT" -e "uprobe:no_such_binary_here:f { }"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: uprobe:no_such_binary_here:f: no binary or library 'no_such_binary_here' (not in PATH or ld.so.cache)" ]
}

@test "a relative path without ./ and a quoted function with +0, as bpftrace names them" {
	cd "$BATS_FILE_TMPDIR"
	mkdir -p sub
	cp t_nopie sub/
	script='uprobe:sub/t_nopie:"leaf_func"+0 { printf("%s %d\n", probe, arg0); }'
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "sub/t_nopie 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
uprobe:sub/t_nopie:leaf_func 1
uprobe:sub/t_nopie:leaf_func 2" ]
	same_as_bpftrace -e "$script" -c "sub/t_nopie 2"
}

@test "func+OFF past the function and an address in no function are refused as bpftrace does" {
	size=$(readelf -sW "$N" | awk '$8 == "leaf_func" { print $3 }')
	[ -n "$size" ]
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$N:leaf_func+$size { }"
	[ "$status" -eq 1 ]
	msg="Offset outside the function bounds ('leaf_func' size is $size)"
	[ "$(first_err)" = "stdin:1:1: error: uprobe:$N:leaf_func+$size: $msg" ]
	if command -v bpftrace > /dev/null; then
		timeout 30 bpftrace -e "uprobe:$N:leaf_func+$size { }" 2>&1 | grep -qxF "ERROR: $msg"
	fi
	# inside the function it attaches
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$N:leaf_func+$((size - 1)) { }" -c "$N 1"
	[ "$status" -eq 0 ]
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$N:0xa { }"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: uprobe:$N:0xa: Could not resolve address: $N:0xa" ]
	if command -v bpftrace > /dev/null; then
		timeout 30 bpftrace -e "uprobe:$N:0xa { }" 2>&1 | grep -qxF "ERROR: Could not resolve address: $N:0xa"
	fi
}

@test "usdt arguments in a register, a stack slot, a constant and a global; the semaphore is raised" {
	for x in "$N" "$P"; do
		run --separate-stderr timeout 30 "$BT" -e "usdt:$x:bt_test:tick { printf(\"%s %d %d %d %d\n\", probe, arg0, arg1, arg2, arg3); } uprobe:$x:traced_only { @enabled = count(); }" -c "$x 3"
		[ "$status" -eq 0 ]
		[ "$output" = "Attaching 2 probes...
usdt:$x:bt_test:tick 0 0 7 7
usdt:$x:bt_test:tick 1 10 7 7
usdt:$x:bt_test:tick 2 20 7 7


@enabled: 3" ]
	done
}

@test "usdt without a provider, the U: alias, and -l" {
	run --separate-stderr timeout 30 "$BT" -e "U:$N:tick { @[probe] = count(); }" -c "$N 2"
	[ "$status" -eq 0 ]
	[[ "$output" == *$'\n'"@[usdt:$N:bt_test:tick]: 2" ]]
	run --separate-stderr "$BT" -l "usdt:$P:*"
	[ "$status" -eq 0 ]
	[ "$output" = "usdt:$P:bt_test:tick" ]
	run --separate-stderr "$BT" -l "U:$N:bt_test:t*"
	[ "$output" = "usdt:$N:bt_test:tick" ]
	run --separate-stderr "$BT" -l "usdt:$BATS_FILE_TMPDIR/t_*:*"
	[ "$output" = "usdt:$N:bt_test:tick
usdt:$P:bt_test:tick" ]
}

@test "usdt errors: no such probe, an argument it does not have" {
	run --separate-stderr "$BT" -e "usdt:$N:nope { }"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: usdt:$N:nope: no USDT probe nope in $N" ]
	run --separate-stderr "$BT" -e "usdt:$N:tick { printf(\"%d\n\", arg4); }"
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:$((${#N} + 29)): error: arg4: usdt:$N:bt_test:tick: this probe has 4 arguments" ]
}

@test "args from DWARF in a uprobe, and -lv lists the parameters" {
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$P:leaf_func { printf(\"%d %d\n\", args->a, args->b); } uprobe:$P:main { printf(\"%d %s\n\", args->argc, str(*args->argv)); }" -c "$P 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
2 $P
1 2
2 2" ]
	run --separate-stderr "$BT" -lv "uprobe:$N:m*"
	[ "$status" -eq 0 ]
	[ "$output" = "uprobe:$N:main
    int argc
    char** argv
uprobe:$N:mid_func
    int a" ]
}

@test "args errors: several functions, no such parameter" {
	run --separate-stderr "$BT" -e "uprobe:$N:*_func { @[args->a] = count(); }"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"error: 'args' needs a probe on one function (this one has 3): write them as separate probes" ]]
	run --separate-stderr "$BT" -e "uprobe:$N:leaf_func { @[args->zz] = count(); }"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"error: unknown field 'zz' in 'struct leaf_func_args'" ]]
}

@test "a glob in the binary path lists and attaches to each binary" {
	run --separate-stderr "$BT" -l "uprobe:$BATS_FILE_TMPDIR/t_*:leaf_func"
	[ "$status" -eq 0 ]
	[ "$output" = "uprobe:$N:leaf_func
uprobe:$P:leaf_func" ]
	run --separate-stderr timeout 30 "$BT" -e "uprobe:$BATS_FILE_TMPDIR/t_*:leaf_func { @[probe] = count(); }" -c "$P 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...


@[uprobe:$P:leaf_func]: 2" ]
}

@test "a rebuilt binary at the same path is read again (no stale compile cache)" {
	cd "$BATS_TEST_TMPDIR"
	printf 'int g1 = 11, g2 = 22;\n__attribute__((noinline)) int f(int a) { __asm__ volatile(""); return a; }\nint main(void) { return f(1) - 1; }\n' > a.c
	printf 'int g2 = 22, g1 = 33, pad[64];\n__attribute__((noinline)) int f(int a) { __asm__ volatile(""); return a; }\nint main(void) { return f(1) - 1; }\n' > b.c
	script='uprobe:./x:f { printf("%d\n", *uaddr("g1")); }'
	gcc -no-pie -o x a.c
	run --separate-stderr timeout 30 "$BT" -e "$script" -c ./x
	[ "$output" = $'Attaching 1 probe...\n11' ]
	gcc -no-pie -o x b.c
	run --separate-stderr timeout 30 "$BT" -e "$script" -c ./x
	[ "$output" = $'Attaching 1 probe...\n33' ]
}

# dwarf_prog (mk/uprobe.mk): take(char c, int i, int *ip, struct item *it, const char *s)

@test "DWARF args: char, int, pointer and struct-pointer parameters, a string" {
	cd "$BUILD/tests/uprobe"
	script='uprobe:./dwarf_prog:take { printf("%c %d %d %d %s %s\n", args->c, args->i, *args->ip, args->it->id, args->it->name, str(args->s)); }'
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "./dwarf_prog 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
a 0 0 100 item0 str
b -1 11 101 item1 str" ]
	same_as_bpftrace -e "$script" -c "./dwarf_prog 2"
}

@test "DWARF args: a struct field that is an array, a string, a nested struct, a pointer" {
	cd "$BUILD/tests/uprobe"
	script='uprobe:./dwarf_prog:take { printf("%d %s %d %d %s\n", args->it->vals[2], args->it->name, args->it->in.x, args->it->in.y, str(args->it->label)); }'
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "./dwarf_prog 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
0 item0 0 7 lbl
3 item1 -1 7 lbl" ]
	same_as_bpftrace -e "$script" -c "./dwarf_prog 2"
}

@test "a cast to a struct known only from DWARF; a script struct overrides it" {
	cd "$BUILD/tests/uprobe"
	script='uprobe:./dwarf_prog:take { printf("%d %s %d\n", ((struct item *)arg3)->id, ((struct item *)arg3)->name, ((struct item *)arg3)->vals[1]); }'
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "./dwarf_prog 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
100 item0 0
101 item1 2" ]
	same_as_bpftrace -e "$script" -c "./dwarf_prog 2"
	# the script's struct item: its second int is the first bytes of name ("item")
	script='struct item { int id; int first; } uprobe:./dwarf_prog:take { printf("%d %x\n", ((struct item *)arg3)->id, ((struct item *)arg3)->first); }'
	run --separate-stderr timeout 30 "$BT" -e "$script" -c "./dwarf_prog 2"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
100 6d657469
101 6d657469" ]
	same_as_bpftrace -e "$script" -c "./dwarf_prog 2"
}
