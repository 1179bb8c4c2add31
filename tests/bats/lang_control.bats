#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Language: Filters (predicates), if/else, Ternary
# operators, Loops (unroll, while, break, continue), return, Operators (arithmetic,
# logical, bitwise, relational, compound assignment, ++/--), String comparison
# (==, strncmp), BEGIN/END.
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "if, else if, else" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = 5; if ($x < 3) { printf("a\\n"); } else if ($x < 6) { printf("b\\n"); } else { printf("c\\n"); } if ($x == 5) { printf("five\\n"); } exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nb\nfive' ]
}

@test "ternary with strings and integers" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = 5; $s = $x > 3 ? "big" : "small"; printf("%s %d\\n", $s, $x == 1 ? 10 : 20); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nbig 20' ]
}

@test "while with break and continue" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $i = 0; while ($i < 10) { $i++; if ($i == 3) { continue; } if ($i == 6) { break; } printf("%d\\n", $i); } exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1\n2\n4\n5' ]
}

@test "unroll" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $i = 0; unroll(5) { $i += 2; printf("%d ", $i); } printf("\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2 4 6 8 10 ' ]
}

@test "unroll out of range is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { unroll(0) { printf("x\\n"); } exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:16: error: unroll needs an integer from 1 to 100' ]
}

@test "break outside a loop is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { break; }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:9: error: \'break\' outside of a loop' ]
}

@test "compound assignments on variables" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = 10; $a += 5; $a -= 2; $a *= 3; $a /= 2; $a %= 7; $a &= 0xff; $a |= 0x100; $a ^= 1; $a <<= 2; $a >>= 1; printf("%d\\n", $a); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n520' ]
}

@test "compound assignments on maps" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @a = 1; @a += 5; @a -= 2; @a *= 3; @a /= 2; @a %= 7; @a <<= 3; @a |= 1; @a ^= 2; @a &= 0xff; @a >>= 1; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@a: 25' ]
}

@test "signed compound division truncates toward zero (bt, bpftrace 0.17 divides signed values as unsigned)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $a = -10; $a /= 3; $b = -10; $b %= 3; @m = -10; @m /= 3; printf("%d %d\\n", $a, $b); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n-3 -1\n\n\n@m: -3' ]
}

@test "increment and decrement, pre and post" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $x = 1; $x++; ++$x; $x--; printf("%d\\n", $x--); printf("%d\\n", $x); @b++; @b++; ++@b; @c--; printf("%d\\n", @b++); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2\n1\n3\n\n\n@b: 4\n@c: -1' ]
}

@test "logical and relational operators" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %d %d %d\\n", 1 && 0, 1 || 0, !0, (2 > 1) + 1, 3 <= 3, 3 != 3); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 1 1 2 1 0' ]
}

@test "bitwise operators and unary minus" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %x %x\\n", ~0, -(5), 6 & 3, 6 | 3, 6 ^ 3); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n-1 -5 2 7 5' ]
}

@test "return ends the probe" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("before\\n"); if (1) { exit(); return; } printf("no\\n"); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nbefore' ]
}

@test "a predicate filters events" {
	run --separate-stderr timeout 30 "$BT" -e $'interval:ms:20 /@n < 2/ { @n++; } interval:ms:200 { exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n\n\n@n: 2' ]
}

@test "comments between a predicate and the probes block" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN /1/ /* c */ { printf("a\\n"); } interval:ms:10 /0/ // line\n{ printf("b\\n"); } interval:ms:50 /* c */ /1/ /**/ { printf("c\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 3 probes...\na\nc' ]
}

@test "END runs after exit()" {
	run --separate-stderr timeout 30 "$BT" -e $'END { printf("end %d\\n", @x); } BEGIN { @x = 7; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\nend 7\n\n\n@x: 7' ]
}

@test "probes stop before END and the map dump (the -c command exits)" {
	run --separate-stderr timeout 30 "$BT" -c '/bin/sleep 0.2' -e $'tracepoint:raw_syscalls:sys_enter { @ = count(); } END { clear(@); printf("end\\n"); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\nend\n\n\n@: 0' ]
}

@test "probes stop at exit(), before END clears a map" {
	run --separate-stderr timeout 30 "$BT" -e $'software:cs:1 { @ = count(); exit(); } END { clear(@); printf("ok\\n"); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\nok\n\n\n@: 0' ]
}

@test "string comparison (bt, comm differs from bpftraces)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $s = "abc"; printf("%d %d %d\\n", $s == "abc", $s != "abd", comm == "bt"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1 1 1' ]
}

@test "strncmp (bt, comm differs from bpftraces)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d %d %d\\n", strncmp("hello", "help", 3), strncmp("hello", "help", 4), strncmp("bt", comm, 2), strncmp("ab", "abc", 5)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 1 0 1' ]
}

@test "a while loop of a thousand iterations passes the verifier" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $i = 0; $s = 0; while ($i < 1000) { $s += $i; $i++; } printf("%d\\n", $s); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n499500' ]
}

@test "string == literal compares exactly (word-wise fast path): prefixes, longer strings, NUL" {
	run --separate-stderr "$BT" -e 't:syscalls:sys_enter_openat /comm == "cat"/ { @[str(args->filename) == "/etc/hostname", str(args->filename) == "/etc/hostnam", str(args->filename) == "/etc/hostname2"] = count(); }' -c 'cat /etc/hostname'
	[ "$status" -eq 0 ]
	grep -qx '@\[1, 0, 0\]: 1' <<<"$output"
	run ! grep -q '^@\[1, 1\|^@\[0, 1\|, 1\]:' <<<"$output"
	run --separate-stderr "$BT" -e 'BEGIN { printf("%d %d %d\n", comm == "bt", comm == "b", comm == "btx"); exit(); }'
	grep -qx '1 0 0' <<<"$output"
}
