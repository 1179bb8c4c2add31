#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Language: Pointers (arithmetic scaled by the pointee,
# comparisons), Integers (a variable keeps its type's width and sign, ++/--
# wrap), && and || on operands of different sizes, *x of an integer, printf
# %s types and a lone '%' in a format.
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup_file() {
	# the uprobe target (tests/bats/arith/target.c): built by make, else here
	TP="$BUILD/tests/arith_target"
	if [ ! -x "$TP" ] && command -v gcc > /dev/null; then
		TP="$BATS_FILE_TMPDIR/arith_target"
		gcc -g -O0 -no-pie -o "$TP" "$BATS_TEST_DIRNAME/arith/target.c"
	fi
	export TP
}

setup() { require_root; }

@test "pointer in a map: += steps by the pointee (int8)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @=(int8*) 32; @+=1; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@: 33' ]
}

@test "pointer in a map: += -= ++ -- step by the pointee (int32)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @a = (int32*)32; @a += 1; @b = (int32*)32; @b -= 1; @c = (int32*)32; @c++; @d = (int32*)32; @d--; @e = (int32*)32; printf("%d %d\\n", @e++, ++@e); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n32 40\n\n\n@a: 36\n@b: 28\n@c: 36\n@d: 28\n@e: 40' ]
}

@test "pointer in a keyed map steps by the pointee (int64)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @x[1] = (int64*)32; @x[1] += 3; @x[1]++; @x[2] = (int64*)8; --@x[2]; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@x[1]: 64\n@x[2]: 0' ]
}

@test "pointer in a variable: ++ and + step by the pointee" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*) 32; $p++; $q = $p + 2; printf("%d %d\\n", $p, $q); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n36 44' ]
}

@test "pointer in a variable: -- += -= and int + pointer" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $p--; --$p; ++$p; $a = $p; $p += 3; $b = $p; $p -= 5; printf("%d %d %d %d %d\\n", $a, $b, $p, 2 + $p, $p - 1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n28 40 20 28 16' ]
}

@test "pointer arithmetic: the value of p++ and ++p, chains and a negative step" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int16*)32; $a = $p++; $b = ++$p; $c = ($p + 1) - 3; $d = $p + -3; printf("%d %d %d %d %d\\n", $a, $b, $c, $d, $p); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n32 36 32 30 36' ]
}

@test "pointer to a struct steps by the structs size" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (struct task_struct *)0; $p++; $q = $p + 1; printf("%d %d\\n", $p == sizeof(struct task_struct), $q == 2 * sizeof(struct task_struct)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1' ]
}

@test "pointer to a pointer steps by 8" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int8**)32; $p++; $q = (struct task_struct **)0 + 3; printf("%d %d\\n", $p, $q); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n40 24' ]
}

@test "pointer comparisons with pointers and integers" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $q = (int32*)48; printf("%d %d %d %d %d %d %d %d\\n", $q < $p, $q > $p, $q == $p, $q != $p, $p <= $q, $p >= $q, $p == 32, $p > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 1 0 1 1 0 1 1' ]
}

@test "pointer arithmetic reads memory: a kernel array of struct rlimit as words" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (uint64 *)curtask->signal->rlim; $r = (struct rlimit *)curtask->signal->rlim + 4; printf("%d %d\\n", *($p + 8) == $r->rlim_cur, *(9 + $p) == $r->rlim_max); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1' ]
}

@test "pointer minus pointer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $q = (int32*)48; printf("%d\\n", $q - $p); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:61: error: the \'-\' operator cannot be used on int32 * and int32 * (cast pointers to an integer type for byte arithmetic)' ]
}

@test "pointer plus pointer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $q = (int32*)48; printf("%d\\n", $q + $p); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:61: error: the \'+\' operator cannot be used on int32 * and int32 * (cast pointers to an integer type for byte arithmetic)' ]
}

@test "pointer times an integer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; printf("%d\\n", $p * 2); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:44: error: the \'*\' operator cannot be used on int32 * and int64 (cast pointers to an integer type for byte arithmetic)' ]
}

@test "integer minus a pointer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; printf("%d\\n", 2 - $p); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:43: error: the \'-\' operator cannot be used on int64 and int32 * (cast pointers to an integer type for byte arithmetic)' ]
}

@test "pointer bitwise and is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; printf("%d\\n", $p & 0xff); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:44: error: the \'&\' operator cannot be used on int32 * and int64 (cast pointers to an integer type for byte arithmetic)' ]
}

@test "negated pointer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; printf("%d\\n", -$p); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:41: error: invalid operand: int32 *' ]
}

@test "pointer *= is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $p *= 2; printf("%d\\n", $p); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:29: error: the \'*=\' operator cannot be used on int32 * and int64' ]
}

@test "a pointer variable cannot take an integer" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $p = 5; printf("%d\\n", $p); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:26: error: type mismatch for \'$p\': assigning int64, holds int32 *' ]
}

@test "a pointer plus a negative int8 variable steps back (bt, bpftrace 0.17 zero-extends the int8 and prints 538)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int16*)32; $i = (int8)-3; $p = $p + $i; printf("%d\\n", $p); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n26' ]
}

@test "pointers as a truth value in if, ?: and ! (bt, bpftrace 0.17 refuses pointers in conditions)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (int32*)32; $n = (int32*)0; if ($p) { printf("if\\n"); } printf("%d %d %d %d\\n", $p ? 1 : 0, !$p, !$n, $p && $n); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nif\n1 0 1 0' ]
}

@test "pointers print as numbers in values and tuples, in hex as map keys" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @t = ((int32*)4, 1); @k[(int32*)4, 2] = (int8*)7; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@k[0x4, 2]: 7\n@t: (4, 1)' ]
}

@test "pointers in json: numbers as values, hex as keys" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @t = ((int32*)4, 1); @k[(int32*)4, 2] = (int8*)7; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n\n\n{"type": "map", "data": {"@k": {"0x4,2": 7}}}\n{"type": "map", "data": {"@t": [4,1]}}' ]
}

@test "a uint8 variable wraps at ++" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = (uint8)255; $a++; $b = (uint8)255; ++$b; $c = (uint8)255; $d = $c++; printf("%d %d %d %d\\n", $a, $b, $c, $d); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 0 0 255' ]
}

@test "++ and -- wrap at the variables width and sign" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = (int8)127; $a++; $b = (uint8)0; $b--; $c = (int8)-1; $c++; $d = (int16)32767; $d++; $e = (uint16)65535; $e++; $f = (int32)-2147483648; $f--; $g = (uint32)0xffffffff; $g++; printf("%d %d %d %d %d %d %d\\n", $a, $b, $c, $d, $e, $f, $g); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n-128 255 0 -32768 0 2147483647 0' ]
}

@test "a variable from a 32-bit field increments as an int32" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = curtask->prio; $q = $p; $p++; printf("%d %d\\n", $p == $q + 1, sizeof($p)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 4' ]
}

@test "sizeof a variable is its types size" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = curtask->prio; $a = (uint8)1; $b = (int16)1; printf("%d %d %d %d %d\\n", sizeof($p), sizeof($a), sizeof($b), sizeof(curtask->prio), sizeof((uint8)1)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n4 1 2 4 1' ]
}

@test "maps hold 64-bit integers: a uint8 value does not wrap" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @a = (uint8)255; @a++; @b = (uint8)255; @b += 1; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@a: 256\n@b: 256' ]
}

@test "a narrow variable assigned a wider value widens (bt, bpftrace 0.17 keeps 255 (the wider value is lost))" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = (uint8)255; $a = $a + 1; $b = (uint8)255; $b += 1; $c = (int8)-1; $c = (uint8)200; printf("%d %d %d %d\\n", $a, $b, $c, sizeof($c)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n256 256 200 2' ]
}

@test "&& and || on operands of different sizes give 0 or 1" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = curtask; printf("%d %d %d %d\\n", $t->prio && (uint8)0, (int16)1 && $t->prio, $t->prio || (uint8)0, (int8)0 || $t->prio); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 1 1 1' ]
}

@test "&& and || of a 32-bit member: 0 1 1 1" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %d\\n", curtask->prio && 0, 1 && curtask->prio, curtask->prio || 0, 0 || curtask->prio); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 1 1 1' ]
}

@test "&& and || of tracepoint fields on a real event" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { printf("%d %d %d %d\\n", args->dfd && (uint8)0, 1 && args->dfd, args->dfd || 0, (int16)0 || args->dfd); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 1 1 1' ]
}

@test "*x of a 64-bit integer reads 64 bits" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = (uint64)curtask; $v = *$a; printf("%d %d\\n", $v == *(uint64*)curtask, sizeof($v)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 8' ]
}

@test "*x of an integer reads at the address it holds" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = (uint64)curtask->comm; $v = *$a; printf("%d\\n", $v == *(uint64*)curtask->comm); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:14: error: cannot cast string[16] to uint64' ]
}

@test "printf %s of a pointer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", curtask); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: printf: %s expects a string, got struct task_struct *' ]
}

@test "printf %s of a tuple is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", (1, 2)); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: printf: %s expects a string, got (int64,int64)' ]
}

@test "printf %s of a cast integer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", (uint8)1); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: printf: %s expects a string, got uint8' ]
}

@test "printf a lone % before the end of the format (dcstat.bt)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%10s %5s%\\n", "abc", "de"); printf("%d%\\n", 5); printf("100%\\n"); printf("100%"); printf("\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n       abc    de%\n5%\n100%\n100%' ]
}

@test "printf text after the last conversion is printed as it is" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d%% %d%\\n", 5, 6); printf("%d %y %5 %-5 %l % d %+d %%\\n", 7); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n5% 6%\n7 %y %5 %-5 %l % d %+d %%' ]
}

@test "printf a % that starts no C conversion before a conversion" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("x%y %d\\n", 5); printf("%\\n%d\\n", 6); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nx%y 5\n%\n6' ]
}

@test "printf an unknown conversion with arguments left is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%k\\n", 1); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:16: error: printf: invalid conversion \'%k\' in format' ]
}

@test "printf %%d consumes an argument as in bpftrace" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%%d\\n"); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:9: error: printf: not enough arguments for format (0 given)' ]
}

@test "pointer arithmetic on a user string of a tracepoint (variable, map, expression)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { $f = args->filename; $f += 5; @f = args->filename; @f++; printf("%s %s %c %s\\n", str(args->filename + 5), str($f), *($f - 1), str(@f)); delete(@f); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nnull null / dev/null' ]
}

# Hand-written: real user memory (the uprobe target tests/bats/arith/target.c)
# and a kernel array of structs with known values (rlimits set by prlimit).
# Expected outputs are bpftrace 0.17's for the same programs.

@test "pointer steps over a user array of int32 (uprobe)" {
	[ -x "$TP" ] || skip "gcc is needed to build the uprobe target"
	run --separate-stderr timeout 30 "$BT" -c "$TP" -e "uprobe:$TP:take_ints { \$p = (int32 *)arg0; printf(\"%d %d %d\\n\", *\$p, *(\$p + 2), *(3 + \$p)); \$p++; printf(\"%d\\n\", *\$p); \$p += 2; \$p--; printf(\"%d\\n\", *\$p); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n10 30 40\n20\n30' ]
}

@test "a script struct pointer steps over a user array of structs (uprobe)" {
	[ -x "$TP" ] || skip "gcc is needed to build the uprobe target"
	run --separate-stderr timeout 30 "$BT" -c "$TP" -e "struct Item { int id; long val; char name[8]; } uprobe:$TP:take_items { \$p = (struct Item *)arg0; \$p++; printf(\"%d %d\\n\", *(int32 *)\$p, *(int64 *)((uint64)\$p + 8)); \$p += 2; printf(\"%d %d %d\\n\", *(int32 *)\$p, *(int64 *)((uint64)\$p + 8), \$p - 3 == (struct Item *)arg0); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2 200\n4 400 1' ]
}

@test "a pointer kept in a map steps between probes (uprobe, uretprobe)" {
	[ -x "$TP" ] || skip "gcc is needed to build the uprobe target"
	run --separate-stderr timeout 30 "$BT" -c "$TP" -e "uprobe:$TP:take_items { @p = (int64 *)arg0; @p += 4; @p++; @p++; @n = arg0; } uretprobe:$TP:take_items { printf(\"%d %d\\n\", *@p, (uint64)@p - @n); delete(@p); delete(@n); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n3 48' ]
}

@test "*x of an integer argument reads an integer of its size (uprobe)" {
	[ -x "$TP" ] || skip "gcc is needed to build the uprobe target"
	run --separate-stderr timeout 30 "$BT" -c "$TP" -e "uprobe:$TP:take_word { \$v = *arg0; \$a = arg0; \$w = *\$a; printf(\"%lx %lx %lx %d\\n\", \$v, \$w, *(uint32)arg0, sizeof(\$v)); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1122334455667788 1122334455667788 55667788 8' ]
}

@test "uint8 and int8 arguments wrap at ++ and -- (uprobe)" {
	[ -x "$TP" ] || skip "gcc is needed to build the uprobe target"
	run --separate-stderr timeout 30 "$BT" -c "$TP" -e "uprobe:$TP:take_u8 { \$u = (uint8)arg0; \$s = (int8)arg1; \$u++; \$s++; \$x = (uint8)arg0; \$x--; printf(\"%d %d %d\\n\", \$u, \$s, \$x); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 0 254' ]
}

@test "a struct pointer walks the kernel's array of struct rlimit" {
	command -v prlimit > /dev/null || skip "prlimit (util-linux) is needed"
	run --separate-stderr timeout 30 prlimit --core=2000:4000 --locks=300:600 "$BT" -e $'BEGIN { $r = (struct rlimit *)curtask->signal->rlim; $r += 4; printf("%d %d\\n", $r->rlim_cur, $r->rlim_max); $r++; $r = $r + 5; printf("%d %d\\n", $r->rlim_cur, $r->rlim_max); $r--; $r -= 5; printf("%d %d\\n", $r->rlim_cur, $r == (struct rlimit *)curtask->signal->rlim + 4); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2000 4000\n300 600\n2000 1' ]
}

@test "&& and || of a struct member int m = 2 give 0 1 1 1" {
	command -v prlimit > /dev/null || skip "prlimit (util-linux) is needed"
	# struct Foo laid over RLIMIT_LOCKS {2, 600}: m is the low half of rlim_cur
	run --separate-stderr timeout 30 prlimit --locks=2:600 "$BT" -e $'struct Foo { int m; int n; } BEGIN { $foo = (struct Foo *)((struct rlimit *)curtask->signal->rlim + 10); printf("%d %d %d %d %d\\n", $foo->m, $foo->m && 0, 1 && $foo->m, $foo->m || 0, 0 || $foo->m); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2 0 1 1 1' ]
}

@test "*x of an integer address reads 64 bits, as loads.bt reads avenrun" {
	command -v prlimit > /dev/null || skip "prlimit (util-linux) is needed"
	# loads.bt: $avenrun = kaddr("avenrun"); $load1 = *$avenrun; *($avenrun + 8)...
	# kaddr() of data needs the VM; the rlimit array is kernel memory with known words
	run --separate-stderr timeout 30 prlimit --core=2000:4000 --locks=300:600 "$BT" -e $'BEGIN { $rlim = (uint64)(struct rlimit *)curtask->signal->rlim; $core = *($rlim + 64); $core_max = *($rlim + 72); $locks = *($rlim + 160); printf("%d %d %d %d\\n", $core, $core_max, $locks, *($rlim + 168) >> 3); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2000 4000 300 75' ]
}
