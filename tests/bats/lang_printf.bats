#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Functions: printf (conversions, widths, length
# modifiers, %c %p %r %rx %rh, escapes), time, strftime; Output: printf in -f json.
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "printf integer conversions and widths" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %5d|%-5d|%05d %x %X %o %lu %llx %c %s|%-8s|%8s|\\n", 42, 42, 42, 42, 255, 255, 8, 123456789012, 0xdeadbeefcafe, 65, "str", "ab", "cd"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n42    42|42   |00042 ff FF 10 123456789012 deadbeefcafe A str|ab      |      cd|' ]
}

@test "printf length modifiers cut like C varargs" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %u %ld %lu %hhd %hd %hhx %zu %jd\\n", -1, -1, -1, -1, 300, 70000, 0x1ff, 7, -7); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n-1 4294967295 -1 18446744073709551615 44 4464 ff 7 -7' ]
}

@test "printf pointer, precision and negative hex" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%p %5.2s|%.3d|%x|%p\\n", 0x1234, "hello", 7, -1, 0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0x1234    he|007|ffffffff|(nil)' ]
}

@test "printf %c builds text" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%c%c%c\\n", 104, 105, 33); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nhi!' ]
}

@test "printf percent escapes before and after the last conversion" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("100%%\\n"); printf("%d%% and 5%%\\n", 5); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n100%%\n5%% and 5%%' ]
}

@test "printf string widths and precision" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $s = "bt"; printf("[%-6s][%6s][%.1s]\\n", $s, $s, $s); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n[bt    ][    bt][b]' ]
}

@test "printf escapes in string literals" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("a\\tb\\"c\\\\ d\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\na\tb"c\\ d' ]
}

@test "printf of a tuple element, a map value and a ternary" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { $t = (7, "x"); @m[1] = 9; printf("%d %s %d %s\\n", $t.0, $t.1, @m[1], @m[1] > 5 ? "big" : "small"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n7 x 9 big\n\n\n@m[1]: 9' ]
}

@test "printf %s of a ksym" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s|%s\\n", ksym(0), probe); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0|BEGIN' ]
}

@test "printf %s of an integer is an error" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s|%s\\n", 42, ksym(0)); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:27: error: printf: %s expects a string, got int64' ]
}

@test "printf too few arguments is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d %d\\n", 1); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:9: error: printf: not enough arguments for format (1 given)' ]
}

@test "printf bad conversion is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%k\\n", 1); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:16: error: printf: invalid conversion \'%k\' in format' ]
}

@test "printf %d of a string is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", "str"); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: printf: %d expects an integer, got string[4]' ]
}

@test "printf of buf() with %r %rx %rh" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/printf hello' -e $'tracepoint:syscalls:sys_enter_write /pid == cpid/ { printf("%r|\\n", buf(args->buf, args->count)); printf("%rx\\n", buf(args->buf, 3)); printf("%rh\\n", buf(args->buf, 2)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nhellohello|\n\\x68\\x65\\x6c\n68 65' ]
}

@test "printf %r with a width or precision prints the conversion as written" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/printf hello' -e $'tracepoint:syscalls:sys_enter_write /pid == cpid/ { printf("[%10r] [%-3.1rh] %%[%.2rx] %r|\\n", buf(args->buf, 2), buf(args->buf, 3), buf(args->buf, 4), buf(args->buf, 5)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nhello[%10r] [%-3.1rh] %[%.2rx] hello|' ]
}

@test "printf %10r takes an argument (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("[%5d %10r]\\n", 5); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:9: error: printf: not enough arguments for format (1 given)' ]
}

@test "time() with a format" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { time("%Y\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n'"$(date +%Y)"$'' ]
}

@test "strftime in printf" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", strftime("%Y-%m", nsecs)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n'"$(date +%Y-%m)"$'' ]
}

@test "-f json printf" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { printf("hi %d \\"q\\"\\n", 1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "printf", "data": "hi 1 \\"q\\"\\n"}' ]
}

@test "printf of six strings fits the BPF stack" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { printf("%s %s %s %s %s %s %s\\n", str(args->filename), str(args->filename), str(args->filename), str(args->filename), str(args->filename), str(args->filename), comm); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/dev/null /dev/null /dev/null /dev/null /dev/null /dev/null cat' ]
}

@test "printf flags bpftrace does not have are a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%#x\\n", 255); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:16: error: printf: invalid conversion \'%#\' in format' ]
}

@test "printf zero padding with a left-justified field" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%-05d|%5.2lu|%08x\\n", 255, 255, 255); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n255  |  255|000000ff' ]
}
