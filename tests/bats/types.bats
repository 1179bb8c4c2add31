#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Types (issue 15 §1-§3): reads of user memory through script-defined C
# types, C definitions and their gcc layout, values of aggregate type. The
# target is tests/progs/structs.c (built by make into build/progs/); every
# expected output here is what bpftrace 0.17 prints for the same program.
load helpers

setup_file() {
	S="$BUILD/progs/structs"
	if [ ! -x "$S" ] && command -v gcc > /dev/null; then
		S="$BATS_FILE_TMPDIR/structs"
		gcc -g -O1 -o "$S" "$BATS_TEST_DIRNAME/../progs/structs.c"
	fi
	export S
}

setup() {
	require_root
	[ -x "$S" ] || skip "build/progs/structs is not built (make)"
	[ -e /sys/bus/event_source/devices/uprobe/type ] || skip "this kernel has no uprobes"
}

# runs bt on the script in $1 with the target run once; stdout in $output
trace() {
	run --separate-stderr timeout 30 "$BT" -e "$1" -c "$S ${2:-1}"
}

FOO='struct Pt { short x; short y; }
struct Foo { int a; char b[6]; char b2[4]; unsigned short bits; int arr[4]; struct Pt pt; char *name; }'

@test "a uprobe's arg0 cast to a script struct reads user memory" {
	trace 'struct Foo { int a; int c; } uprobe:'"$S"':take_foo { printf("%d\n", ((struct Foo *)arg0)->a); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
42" ]
}

@test "user memory through a variable: members, arrays, nested structs, strings, buf, strncmp" {
	trace "$FOO"' uprobe:'"$S"':take_foo { $f = (struct Foo *)arg0;
		printf("%d %s %d %d %d %s|", $f->a, $f->b, $f->arr[2], $f->pt.x, $f->pt.y, str($f->name));
		printf("%d %r %d\n", strncmp($f->b, "hello", 5), buf($f->b, 5), $f->arr[3]); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
42 hello 3 -3 7 foo-name|0 hello 4" ]
}

@test "user memory through maps, retval, macaddr, ntop and map keys" {
	trace "$FOO"' uprobe:'"$S"':take_foo { @p = arg0; printf("%s %s\n", macaddr(((struct Foo *)arg0)->b), ntop(((struct Foo *)arg0)->arr[1])); }
		uretprobe:'"$S"':ret_foo { $f = (struct Foo *)retval; @k[$f->b, $f->pt.y] = count();
		printf("%d %d %s\n", ((struct Foo *)@p)->arr[3], *(int32 *)@p, str($f->name)); delete(@p); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
68:65:6C:6C:6F:00 2.0.0.0
4 42 foo-name


@k[hello, 7]: 1" ]
}

@test "C definitions: bitfields, anonymous struct member, const char *, no trailing ';'" {
	trace 'struct Foo { int a; char b[10]; unsigned int f1:4, f2:8; int arr[4]; struct { short x, y; } pt; const char *name; }
		uprobe:'"$S"':take_foo { $f = (struct Foo *)arg0; printf("%d %s %d %d %d %d %d %s %d\n", $f->a, $f->b, $f->f1, $f->f2, $f->arr[3], $f->pt.x, $f->pt.y, str($f->name), sizeof(struct Foo)); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
42 hello 9 200 4 -3 7 foo-name 48" ]
}

@test "C definitions: const/volatile, T* p, function pointers, 2-D arrays, anonymous unions, top-level union" {
	trace 'struct Foo { volatile int a; const char b[10]; uint32_t f1:4, f2:8; int arr[2][2]; union { struct { short x, y; }; int xy; }; const char* name }
		struct F2 { long long a; void (*fn)(int, char *); int **pp; unsigned long c; bool d; }
		union U { int i; unsigned char c[6]; };
		uprobe:'"$S"':take_foo { $f = (struct Foo *)arg0; printf("%d %s %d %d %d %d %d %d %s\n", $f->a, $f->b, $f->f1, $f->f2, $f->arr[1][0], $f->x, $f->y, $f->xy, str($f->name));
		printf("%d %d %d\n", sizeof(struct F2), sizeof(union U), ((union U *)arg0)->c[0]); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
42 hello 9 200 3 -3 7 524285 foo-name
40 8 42" ]
}

@test "C definitions: #define sizes, bitfields across units, long long, enums in expressions" {
	run --separate-stderr timeout 30 "$BT" -c "$S" /dev/stdin <<-EOF
	#define N 3
	union U { int i; char c[6]; };
	struct Bits { unsigned char a : 3; unsigned int b : 7, c : 30; long long d; int e : 2; };
	struct Grid { int m[2][N]; unsigned long n; };
	enum Color { RED, GREEN = 5, BLUE };
	uprobe:$S:take_more { \$u = (union U *)arg1; \$b = (struct Bits *)arg2; \$g = (struct Grid *)arg3;
	 printf("%d %s\n", \$u->i, \$u->c);
	 printf("%d %d %d %d %d\n", \$b->a, \$b->b, \$b->c, \$b->d, \$b->e);
	 printf("%d %d %d\n", \$g->m[1][2], \$g->n, BLUE + GREEN);
	 printf("%d %d %d\n", sizeof(*\$u), sizeof(*\$b), sizeof(*\$g)); }
	EOF
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
1094861636 DCBA
5 100 123456789 -9 3
6 99 11
8 24 32" ]
}

@test "C definitions: sizes and offsets are gcc's (the target prints its own)" {
	want=$("$S" layout)
	run --separate-stderr "$BT" -e 'struct Foo { int a; char b[10]; unsigned int f1:4, f2:8; int arr[4]; struct { short x, y; } pt; const char *name; }
		struct Packed { char c; int i; short s; } __attribute__((packed));
		union U { int i; char c[6]; };
		struct Bits { unsigned char a : 3; unsigned int b : 7, c : 30; long long d; int e : 2; };
		struct Grid { int m[2][3]; unsigned long n; };
		BEGIN { printf("Foo %d a %d b %d arr %d pt %d name %d\n", sizeof(struct Foo), offsetof(struct Foo, a), offsetof(struct Foo, b), offsetof(struct Foo, arr), offsetof(struct Foo, pt), offsetof(struct Foo, name));
		printf("Packed %d i %d s %d\n", sizeof(struct Packed), offsetof(struct Packed, i), offsetof(struct Packed, s));
		printf("U %d\nBits %d d %d\nGrid %d n %d\n", sizeof(union U), sizeof(struct Bits), offsetof(struct Bits, d), sizeof(struct Grid), offsetof(struct Grid, n)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
$want" ]
}

@test "C definitions bpftrace 0.17 refuses: typedef, packed, forward declarations" {
	trace 'typedef unsigned int u_t;
		struct Node;
		typedef struct Packed { char c; int i; short s; } __attribute__((packed)) packed_t;
		struct Bits { unsigned char a : 3; u_t b : 7, c : 30; long long d; int e : 2; };
		struct Grid { int m[2][3]; struct Node *next; };
		typedef union { int i; char c[6]; } u6;
		uprobe:'"$S"':take_more { $p = (packed_t *)arg0;
		printf("%d %d %d %d %d %d %s\n", $p->c, $p->i, $p->s, sizeof(packed_t), sizeof(u6), sizeof(u_t), ((u6 *)arg1)->c); printf("%d\n", ((struct Bits *)arg2)->c); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
120 123456 -2 7 8 4 DCBA
123456789" ]
}

@test "a script's struct wins over BTF's of the same name" {
	run --separate-stderr timeout 30 "$BT" -e 'struct task_struct { int x; long y; } BEGIN { printf("%d %d\n", curtask->x == *(int32 *)curtask, sizeof(struct task_struct)); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
1 16" ]
}

@test "struct values: *ptr, \$s.field, struct/array/tuple map values, pointer members" {
	trace "$FOO"' uprobe:'"$S"':take_foo { $s = *(struct Foo *)arg0; printf("%d %d %d\n", $s.a, $s.pt.y, $s.arr[2]);
		@s = $s; @a = $s.arr; @t = (1, $s.arr); @p = $s.pt; @n = $s.name == arg1;
		printf("%d %d %d\n", sizeof($s), sizeof($s.arr), sizeof($s.pt)); }'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "42 7 3" ]
	[ "${lines[2]}" = "48 16 4" ]
	[ "${lines[3]}" = "@a: [1,2,3,4]" ]
	[ "${lines[4]}" = "@n: 0" ]
	[ "${lines[5]}" = "@p: { .x = -3, .y = 7 }" ]
	[[ "${lines[6]}" =~ ^"@s: { .a = 42, .b = hello, .b2 = , .bits = 3209, .arr = [1,2,3,4], .pt = { .x = -3, .y = 7 }, .name = "[0-9]+" }"$ ]]
	[ "${lines[7]}" = "@t: (1, [1,2,3,4])" ]
}

@test "struct values in -f json" {
	run --separate-stderr timeout 30 "$BT" -f json -e "$FOO"' uprobe:'"$S"':take_foo { $s = *(struct Foo *)arg0; @s = $s; @a = $s.arr; @t = (1, $s.arr); @p = $s.pt; }' -c "$S"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = '{"type": "map", "data": {"@a": [1,2,3,4]}}' ]
	[ "${lines[2]}" = '{"type": "map", "data": {"@p": { "x": -3, "y": 7 }}}' ]
	[[ "${lines[3]}" =~ ^'{"type": "map", "data": {"@s": { "a": 42, "b": "hello", "b2": "", "bits": 3209, "arr": [1,2,3,4], "pt": { "x": -3, "y": 7 }, "name": '[0-9]+' }}}'$ ]]
	[ "${lines[4]}" = '{"type": "map", "data": {"@t": [1,[1,2,3,4]]}}' ]
}

@test "bitfields of a struct value print their values (bpftrace 0.17 prints raw bytes)" {
	trace 'struct Bits { unsigned char a : 3; unsigned int b : 7, c : 30; long long d; int e : 2; };
		uprobe:'"$S"':take_more { @b = *(struct Bits *)arg2; $b = *(struct Bits *)arg2; printf("%d %d %d %d\n", $b.a, $b.b, $b.c, $b.d); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
5 100 123456789 -9


@b: { .a = 5, .b = 100, .c = 123456789, .d = -9, .e = 3 }" ]
}

@test "pointers in maps print as bpftrace prints them: signed numbers" {
	run --separate-stderr "$BT" -e 'BEGIN { @p = (int8 *)0x1234; @q = (int8 *)-2; exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...


@p: 4660
@q: -2" ]
}

@test "struct and array values as map keys (compact form), tuple members, print(), == and !=" {
	trace "$FOO"' uprobe:'"$S"':take_foo { $s = *(struct Foo *)arg0; $o = *(struct Foo *)(arg0 + 4); $q = *(struct Pt *)arg0;
		@k[$s.pt] = 1; @ka[$o.arr] = 2; @k2[$q, 5] = 3; @t = ($s.pt, 1); print($s.pt); print($s.arr);
		printf("%d %d %d %d %d %d %d\n", $s.pt == $q, $s.pt != $q, $s.arr == $o.arr, $s.arr != $o.arr, $s == $o, $s.arr == $s.arr, $s.pt == $s.pt); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
{ .x = -3, .y = 7 }
[1,2,3,4]
0 1 0 1 0 1 1


@k[{.x=-3,.y=7}]: 1
@k2[{.x=42,.y=0}, 5]: 3
@ka[[2,3,4,524285]]: 2
@t: ({ .x = -3, .y = 7 }, 1)" ]
}

@test "struct values as keys, print() and tuples in -f json" {
	run --separate-stderr timeout 30 "$BT" -f json -e "$FOO"' uprobe:'"$S"':take_foo { $s = *(struct Foo *)arg0; @k[$s.pt, 5] = 3; @ka[$s.arr] = 2; @t = ($s.pt, 1); print($s.pt); print($s.arr); }' -c "$S"
	[ "$status" -eq 0 ]
	[ "$output" = '{"type": "attached_probes", "data": {"probes": 1}}
{"type": "value", "data": { "x": -3, "y": 7 }}
{"type": "value", "data": [1,2,3,4]}


{"type": "map", "data": {"@k": {"{.x=-3,.y=7},5": 3}}}
{"type": "map", "data": {"@ka": {"[1,2,3,4]": 2}}}
{"type": "map", "data": {"@t": [{ "x": -3, "y": 7 },1]}}' ]
}

@test "buf() values compare with == and != (bpftrace 0.17 aborts)" {
	trace "$FOO"' uprobe:'"$S"':take_foo { $s = *(struct Foo *)arg0;
		printf("%d %d %d %d\n", buf($s.b, 5) == buf($s.b, 5), buf($s.b, 5) != buf($s.b2, 4), buf($s.b, 4) == buf($s.b2, 4), buf($s.b, 3) == buf($s.b, 4)); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
1 1 0 0" ]
}

@test "a constant index past the end of an array is an error" {
	run --separate-stderr "$BT" --dry-run -e "$FOO"' BEGIN { $f = (struct Foo *)0; printf("%d\n", $f->arr[4]); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:2:158: error: the index 4 is out of bounds for an array of size 4" ]
}

@test "stack budget: str() compared with str() and printed in the branch fits (ttysnoop.bt's shape)" {
	run --separate-stderr timeout 30 "$BT" -c "$S" /dev/stdin <<-EOF
	struct Foo { int a; char b[10]; unsigned int f1:4, f2:8; int arr[4]; struct { short x, y; } pt; const char *name; }
	BEGIN { @device = "foo-name"; }
	uprobe:$S:take_foo
	{
		\$f = (struct Foo *)arg0;
		if (str(\$f->name) == str(\$f->name) && str(\$f->name) == @device && \$f->b != str(\$f->name)) {
			printf("%s %s %s|", str(\$f->name, 3), \$f->b, str(\$f->name));
		}
		if (\$f->b == "hello") { printf("%s\n", str(\$f->name, 2)); }
	}
	EOF
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...
foo hello foo-name|fo


@device: foo-name" ]
}

@test "stack budget: two 200-byte strings compared, two more printed (bpftrace 0.17 runs out of stack)" {
	BPFTRACE_STRLEN=200 run --separate-stderr timeout 30 "$BT" -e 'uprobe:'"$S"':take_foo { if (str(arg0) != str(*(uint64 *)(arg0 + 40))) { printf("%s %s\n", str(*(uint64 *)(arg0 + 40)), str(arg0 + 4)); } }' -c "$S"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
foo-name hello" ]
}

@test "struct values in tuples, variables and maps; arrays of structs (bpftrace 0.17 fails to compile this)" {
	trace "$FOO"' struct Two { struct Pt p[2]; int z; }
		uprobe:'"$S"':take_foo { $s = *(struct Foo *)arg0; $t = ($s.pt, 1, $s.arr); $a = $s.arr; @m = $s; @tw = *(struct Two *)(arg0 + 28);
		printf("%d %d %d\n", $t.0.y, $t.2[3], $a[1]); printf("%d %d\n", @m.pt.x, @m.arr[0]); print($t); }'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "7 4 2" ]
	[ "${lines[2]}" = "-3 1" ]
	[ "${lines[3]}" = "({ .x = -3, .y = 7 }, 1, [1,2,3,4])" ]
	[[ "${lines[4]}" =~ ^"@m: { .a = 42, ".*" .pt = { .x = -3, .y = 7 }, .name = "[0-9]+" }"$ ]]
	[ "${lines[5]}" = "@tw: { .p = [{ .x = 4, .y = 0 },{ .x = -3, .y = 7 }], .z = 0 }" ]
}

@test "a self-referencing struct walks a user-space list; struct keys print pointers in hex" {
	trace 'struct Node { int v; struct Node *next; }
		uprobe:'"$S"':take_list { $n = (struct Node *)arg0; printf("%d %d %d %d %d\n", $n->v, $n->next->v, $n->next->next->v, $n->next->next->next == 0, sizeof(*$n->next)); @[*$n->next] = count(); }'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "10 20 30 1 16" ]
	[[ "${lines[2]}" =~ ^"@[{.v=20,.next=0x"[0-9a-f]+"}]: 1"$ ]]
}

@test "pointers print in hex as map keys and as numbers as values, as bpftrace prints them" {
	run --separate-stderr "$BT" -e 'BEGIN { @[(int8 *)0x1234] = 1; @t = ((int8 *)0x10, 1); exit() }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...


@[0x1234]: 1
@t: (16, 1)" ]
}

@test "a uprobe's DWARF argument of type struct Foo * reads through the script's struct Foo" {
	trace 'struct Foo { int a; int c; } uprobe:'"$S"':take_foo { printf("%d %d\n", args->f->a, args->i); }' 2
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
42 0
42 1" ]
}

@test "a syscall tracepoint's pointer cast to a BTF struct reads user memory" {
	printf '#!/bin/bash\necho > /dev/tcp/127.0.0.1/9\n' > "$BATS_TEST_TMPDIR/conn.sh"
	run --separate-stderr timeout 30 "$BT" -e 'tracepoint:syscalls:sys_enter_connect /pid == cpid/ { $sa = (struct sockaddr_in *)args->uservaddr; if ($sa->sin_family == 2) { printf("%d %d %s\n", $sa->sin_family, ($sa->sin_port >> 8) | (($sa->sin_port & 0xff) << 8), ntop($sa->sin_addr.s_addr)); } }' -c "/bin/bash $BATS_TEST_TMPDIR/conn.sh"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
2 9 127.0.0.1" ]
}

@test "unsigned char[N] is an array of numbers, char[N] a string; nested named structs and enum members" {
	trace 'union U { int i; unsigned char c[6]; };
		struct A { struct B { short x; } b; enum E { E1, E2 } e; char *argv[2]; };
		uprobe:'"$S"':take_more { @u = *(union U *)arg1; printf("%d %d %d\n", sizeof(struct A), sizeof(struct B), E2); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
24 2 1


@u: { .i = 1094861636, .c = [68,67,66,65,0,0] }" ]
}

@test "in a uprobe, an integer holding a kernel address (curtask) still casts to a kernel pointer" {
	trace 'uprobe:'"$S"':take_foo { $t = (struct task_struct *)(uint64)curtask; printf("%d %d\n", $t->pid == tid, ((struct task_struct *)((uint64)curtask + 0))->tgid == pid); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...
1 1" ]
}
