#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Language: Variables (scratch, maps, per-thread), Types
# and integer promotion, Casting, Tuples, Structs (BTF and script), Arrays, sizeof,
# Pointers (deref, arithmetic, &, char ** arrays), typedef casts, Positional
# parameters, Comments; BPFTRACE_STRLEN.
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "scratch variables and reassignment of a longer string" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = "abc"; $a = "abcdef"; $n = 1; $n = $n + 41; printf("%s %d\\n", $a, $n); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nabcdef 42' ]
}

@test "maps: keyless, keyed, multi-key and the anonymous map" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @ = 1; @x = 2; @y[3] = 4; @z[5, "five"] = 6; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@: 1\n@x: 2\n@y[3]: 4\n@z[5, five]: 6' ]
}

@test "per-thread map idiom with delete" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @start[tid] = nsecs; @ok = nsecs - @start[tid] < 1000000000; delete(@start[tid]); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@ok: 1' ]
}

@test "casts truncate and sign-extend" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = (int8)-1; $y = (uint8)-1; $z = (uint32)-1; $w = (int16)70000; $v = (uint16)0x12345; printf("%d %d %u %d %d\\n", $x, $y, $z, $w, $v); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n-1 255 4294967295 4464 9029' ]
}

@test "unsigned plus signed wraps as 64-bit" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = (uint32)0xffffffff; $y = $x + 1; $z = (int32)-5 * (uint32)3; printf("%lu %ld\\n", $y, $z); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n4294967296 -15' ]
}

@test "64-bit shifts keep their bits" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = 1; $x = $x << 40; printf("%ld %lx\\n", $x, -1 >> 4); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1099511627776 fffffffffffffff' ]
}

@test "signed division and modulo truncate toward zero (bt, bpftrace 0.17 prints 1431655762 0 for -10 / 3 and -10 % 3)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = -10; $b = 3; printf("%d %d %d\\n", $a / $b, $a % $b, $a >> 1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n-3 -1 -5' ]
}

@test "a variable first set from a 32-bit field widens (bt, bpftrace 0.17 truncates p to 32 bits and prints 0)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = curtask->prio; $p = $p + 0x100000000; printf("%d\\n", $p > 0xffffffff); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "tuples and tuple elements" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = (1, "two", (3, 4)); printf("%d %s %d\\n", $t.0, $t.1, $t.2.1); print($t); @t = $t; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 two 4\n(1, two, (3, 4))\n\n\n@t: (1, two, (3, 4))' ]
}

@test "tuple index out of range is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = (1, 2); printf("%d\\n", $t.2); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:40: error: tuple index \'2\' out of range (the tuple has 2 elements)' ]
}

@test "struct field chains through BTF" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s %d %d\\n", curtask->comm, curtask->pid == pid, curtask->parent->pid > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nbt 1 1' ]
}

@test "pointer to struct in a variable" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = curtask; $p = $t->parent; printf("%d %d\\n", $t->tgid == pid, $p->pid > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1' ]
}

@test "args held in a variable" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/head -c 0 /etc/hostname' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { $a = args; $b = $a; if (str($b->filename) == "/etc/hostname") { printf("%s %d\\n", str($a->filename), $b->flags & 3); exit(); } }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/etc/hostname 0' ]
}

@test "unknown struct field suggests the right one (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = curtask; printf("%d\\n", $t->pidd); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:42: error: unknown field \'pidd\' in \'struct task_struct\' (did you mean \'pid\'?)' ]
}

@test "arrays: char array of a struct and its bytes (bt, bpftrace 0.17 cannot index a char array)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $c = curtask->comm; printf("%s %c%c\\n", $c, curtask->comm[0], curtask->comm[1]); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nbt bt' ]
}

@test "script struct definitions and sizeof" {
	run --separate-stderr timeout 30 "$BT" -e $'struct Foo { int a; char b[8]; long c; } struct Bar { char x; struct Foo f; } BEGIN { printf("%d %d\\n", sizeof(struct Foo), sizeof(struct Bar)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n24 32' ]
}

@test "script struct member offsets through a cast pointer (bt, uses address-of)" {
	run --separate-stderr timeout 30 "$BT" -e $'struct Foo { int a; char b[8]; long c; } BEGIN { $f = (struct Foo *)curtask; printf("%d %d\\n", (uint64)&$f->b - (uint64)$f, (uint64)&$f->c - (uint64)$f); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n4 16' ]
}

@test "sizeof of types and expressions" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %d\\n", sizeof(int32), sizeof(uint8), sizeof(curtask->comm), sizeof(struct task_struct) > 1000); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n4 1 16 1' ]
}

@test "offsetof a BTF struct member (bt, bpftrace 0.17 has no offsetof)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", offsetof(struct task_struct, pid) > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "address-of, pointer arithmetic and dereference (bt, bpftrace 0.17 has no address-of)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = &curtask->pid; printf("%d %d %d\\n", *$p == pid, *($p + 1) == pid, $p[1] == curtask->tgid); $q = &curtask->comm; printf("%s\\n", str($q)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1 1\nbt' ]
}

@test "address-of a variable is a located error (bt, bpftrace 0.17 has no address-of, a syntax error there)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = 1; $p = &$x; exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:22: error: \'&\' needs a struct member or array element in memory (&p->field, &p[i])' ]
}

@test "dereference of a cast pointer" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $p = (uint64 *)curtask; printf("%d\\n", *$p == *(uint64 *)curtask); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "casts to typedef pointer types and sizeof of typedefs (bt, bpftrace 0.17 knows no pid_t or u64 without headers)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = (atomic_t *)curtask; $b = (u64 **)0; printf("%d %d %d %d\\n", sizeof(atomic_t), sizeof(pid_t), sizeof(u64), ($a != 0) * 2); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n4 4 8 2' ]
}

@test "enum constants and AF_INET without headers (bt, bpftrace 0.17 needs kernel headers for AF_INET)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d\\n", AF_INET, AF_INET6, TASK_RUNNING); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2 10 0' ]
}

@test "positional parameters: 1, str(2), # and a missing one" {
	run --separate-stderr timeout 30 "$BT" 42 hello -e $'BEGIN { printf("%d %s %d %d|%s|\\n", $1, str($2), $#, $3, str($3)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n42 hello 2 0||' ]
}

@test "a non-numeric 1 used as a number is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" abc -e $'BEGIN { printf("%d\\n", $1); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: $1 is not a number (\'abc\'): use str($1)' ]
}

@test "str(1 + N) skips the first N bytes of a string parameter" {
	run --separate-stderr timeout 30 "$BT" hello world -e $'BEGIN { printf("%s|%s|%s|\\n", str($1 + 1), str($1 + 5), str($2 + 2)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nello||rld|' ]
}

@test "str(1 + N) past the end of the parameter is an error" {
	run --separate-stderr timeout 30 "$BT" hello -e $'BEGIN { printf("%s\\n", str($1 + 6)); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:33: error: str($1 + n): n must be a constant from 0 to the length of $1 (5)' ]
}

@test "positional parameter in an attach point" {
	run --separate-stderr timeout 30 "$BT" 100 -e $'interval:ms:$1 { printf("tick\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ntick' ]
}

@test "positional parameters in a probe type" {
	run --separate-stderr timeout 30 "$BT" IN 10 -e $'BEG$1 { printf("begin\\n"); } interval:ms:$2 { printf("tick\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\nbegin\ntick' ]
}

@test "BPFTRACE_STRLEN limits str()" {
	run --separate-stderr env BPFTRACE_STRLEN=4 timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && args->filename != 0/ { $f = str(args->filename); if ($f == "/de") { @[$f] = count(); } }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@[/de]: 1' ]
}

@test "str(s, n) takes the first n bytes" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid/ { $f = str(args->filename, 5); if ($f == "/dev/") { @[$f, str(args->filename, 100)] = count(); } }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@[/dev/, /dev/null]: 1' ]
}

@test "comments" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { // line\n/* block */ printf("c\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nc' ]
}

@test "pointer arrays: argv[i] and *(argv + i)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/env -i /usr/bin/true a bb' -e $'tracepoint:syscalls:sys_enter_execve /pid == cpid/ { printf("%s %s\\n", str(args->argv[0]), str(*(args->argv + 1))); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/usr/bin/env -i\n/usr/bin/true a' ]
}

@test "nested struct members, bitfields and enum constants from BTF (bt, bpftrace 0.17 does not know TASK_RUNNING without headers)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %d\\n", curtask->se.vruntime > 0, curtask->__state == TASK_RUNNING, curtask->in_iowait, curtask->mm->saved_auxv[0] > 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1 0 1' ]
}

@test "casting a member array to a struct pointer" {
	run --separate-stderr timeout 30 "$BT" -e $'struct Foo { int a[4]; } BEGIN { $f = (struct Foo *)curtask->mm->saved_auxv; printf("%d %d\\n", sizeof($f->a), $f->a[0]); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n16 33' ]
}

@test "array index with a variable (bt) (bt, bpftrace 0.17 takes only literal indices)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $i = 1; printf("%d\\n", curtask->mm->saved_auxv[$i] == curtask->mm->saved_auxv[1]); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "a tuple variable keeps the longest string of each element" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = ("a", 1); $t = ("bbbbbbbbbbbb", 2); print($t); $u = (1, "a"); $u = (2, "bbbbbb"); print($u); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n(bbbbbbbbbbbb, 2)\n(2, bbbbbb)' ]
}

@test "a tuple map value keeps the longest string of each element" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @m = ("a", 1); @m = ("eeeeeeeeeeee", 5); @s = "x"; @s = "yyyyyyyy"; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@m: (eeeeeeeeeeee, 5)\n@s: yyyyyyyy' ]
}

@test "an array index out of bounds is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", curtask->mm->saved_auxv[100]); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:48: error: the index 100 is out of bounds for an array of size 56' ]
}

@test "an integer array as a map value prints as bpftrace prints it" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { @a = curtask->mm->saved_auxv; exit(); }'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 1 probe..." ]
	# saved_auxv is unsigned long[AT_VECTOR_SIZE]; x86-64 puts AT_SYSINFO_EHDR (33) first
	printf '%s\n' "$output" | grep -Eq '^@a: \[33(,[0-9]+)+\]$'
}
