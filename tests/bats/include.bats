#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# --include FILE: read as if #include "FILE" came before the script's first
# line (macros and struct definitions), FILE found from the working directory.
# Errors in the script keep its own line numbers; errors in FILE name FILE.
load helpers

setup() {
	cd "$BATS_TEST_TMPDIR"
	printf '#define X 7\n\nstruct foo { int a; };\n' > defs.h
	printf '#define Y 2\nfoo bar\n' > bad.h
}

@test "--include: an error in the script keeps the script's line numbers" {
	run --separate-stderr "$BT" --dry-run --include defs.h -e 'BEGIN { printf("%d\n", X); }
BEGIN { @x = nosuch; }'
	[ "$status" -eq 1 ]
	[ "$stderr" = $'stdin:2:14: error: unknown identifier \'nosuch\'\nBEGIN { @x = nosuch; }\n             ^~~~~~' ]
}

@test "--include: an error in a script file after two includes" {
	printf 'BEGIN {\n\t@x = X + nosuch;\n}\n' > s.bt
	run --separate-stderr "$BT" --dry-run --include defs.h --include defs.h s.bt
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "s.bt:2:11: error: unknown identifier 'nosuch'" ]
}

@test "--include: an error inside the include names it, with its line" {
	run --separate-stderr "$BT" --dry-run --include defs.h --include bad.h -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = $'bad.h:2:5: error: syntax error, unexpected \'bar\', expecting \'{\'\nfoo bar\n    ^~~' ]
}

@test "--include: a missing file is one unlocated line" {
	run --separate-stderr "$BT" --dry-run --include nosuch.h -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: cannot open 'nosuch.h': No such file or directory" ]
}

@test "--include: macros reach the script; the file is found from the working directory" {
	require_root
	mkdir -p sub
	printf '#define X 9\n' > sub/defs.h
	printf 'BEGIN { printf("%%d %%d\\n", X, sizeof(struct foo)); exit(); }\n' > sub/s.bt
	run --separate-stderr "$BT" -q --include defs.h sub/s.bt
	[ "$status" -eq 0 ]
	[ "$output" = "7 4" ]
}

@test "#include <errno.h> and --include errno.h read /usr/include for their #defines, as bpftrace" {
	require_root
	[ -r /usr/include/errno.h ] || skip "no /usr/include/errno.h"
	run --separate-stderr "$BT" -e '#include <errno.h>
BEGIN { printf("%d %d %d\n", _ERRNO_H, ENOENT, EAGAIN); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 2 11' ]
	same_as_bpftrace -e '#include <errno.h>
BEGIN { printf("%d %d %d\n", _ERRNO_H, ENOENT, EAGAIN); exit(); }'
	run --separate-stderr "$BT" --include errno.h -e 'BEGIN { printf("%d %d\n", _ERRNO_H, EACCES); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 13' ]
	# a file in the working directory comes first
	printf '#define EACCES 99\n' > errno.h
	run --separate-stderr "$BT" --include errno.h -e 'BEGIN { printf("%d\n", EACCES); exit(); }'
	[ "$output" = $'Attaching 1 probe...\n99' ]
}

@test "#include <...>: a missing header is an error, a kernel one comes from BTF" {
	run --separate-stderr "$BT" --dry-run -e '#include <nosuch.h>
BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = $'stdin:1:1: error: \'nosuch.h\' file not found\n#include <nosuch.h>\n^~~~~~~~' ]
	run --separate-stderr "$BT" --dry-run --include nosuch.h -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
	[ "$stderr" = "bt: error: cannot open 'nosuch.h': No such file or directory" ]
	require_root
	# net/sock.h is not under /usr/include: struct sock comes from BTF
	run --separate-stderr "$BT" --dry-run -e '#include <net/sock.h>
#include <linux/sched.h>
BEGIN { printf("%d %d\n", sizeof(struct sock) > 0, CLONE_VM); exit(); }'
	[ "$status" -eq 0 ]
}
