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
