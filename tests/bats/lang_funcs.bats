#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Functions: str, join, ksym, ntop, pton, macaddr, bswap, buf,
# cgroupid, cgroup_path, cat, system, signal, reg, path, override, exit, print (values,
# tuples);
# kaddr/usym/uaddr are covered elsewhere (vm and uprobe suites).
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "str of a user pointer with and without a length" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { printf("%s|%s\\n", str(args->filename), str(args->filename, 4)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/dev/null|/dev' ]
}

@test "str(s, n) on a string (bt, bpftrace 0.17 only takes pointers)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s|\\n", str("hello", 3)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nhel|' ]
}

@test "join with the default and a custom separator" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/env -i /usr/bin/true a bb ccc' -e $'tracepoint:syscalls:sys_enter_execve /pid == cpid/ { join(args->argv); join(args->argv, ","); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n/usr/bin/env -i /usr/bin/true a bb ccc\n/usr/bin/env,-i,/usr/bin/true,a,bb,ccc\n/usr/bin/true a bb ccc\n/usr/bin/true,a,bb,ccc' ]
}

@test "ksym and print of a ksym" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s|%s\\n", ksym(0), ksym(1)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0|0x1' ]
}

@test "ntop of IPv4 integers" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s %s %s\\n", ntop(0x0100007f), ntop(2, 0x0100007f), ntop(2, 0x0101a8c0)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n127.0.0.1 127.0.0.1 192.168.1.1' ]
}

@test "ntop of tracepoint address arrays, IPv4 and IPv6 (bt, bpftrace -c cannot run this command line)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/bash -c '"'"'echo > /dev/tcp/127.0.0.1/9; true'"'"' 2>/dev/null' -e $'tracepoint:sock:inet_sock_set_state /args->protocol == 6 && args->dport == 9 && args->newstate == 2/ { printf("%s %s %s %d\\n", ntop(args->saddr), ntop(args->daddr), ntop(args->daddr_v6), args->family == 2); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n127.0.0.1 127.0.0.1 ::ffff:127.0.0.1 1' ]
}

@test "macaddr of 6 bytes" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/cat /dev/null' -e $'tracepoint:syscalls:sys_enter_openat /pid == cpid && str(args->filename) == "/dev/null"/ { printf("%s\\n", macaddr(args->filename)); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n2F:64:65:76:2F:6E' ]
}

@test "macaddr of a wrong size is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", macaddr(curtask->comm)); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:41: error: macaddr() argument must be 6 bytes in size (16 given)' ]
}

@test "bswap of 16, 32 and 64 bits" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%x %x %lx\\n", bswap((uint16)0x1234), bswap((uint32)0x12345678), bswap(0x1122334455667788)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n3412 78563412 8877665544332211' ]
}

@test "buf of an array and in a map (bt, comm differs from bpftraces)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { @b = buf(curtask->comm, 2); printf("%r\\n", buf(curtask->comm, 2)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nbt\n\n\n@b: bt' ]
}

@test "cgroupid of a path that is not cgroup v2 is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", cgroupid("/proc")); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:33: error: cgroupid("/proc"): not in a cgroup v2 file system' ]
}

@test "cat a file" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { cat("/proc/sys/kernel/ostype"); cat("/proc/sys/kernel/%s", "ostype"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nLinux\nLinux' ]
}

@test "system needs --unsafe (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { system("echo hi"); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:9: error: system() is unsafe: run with --unsafe to allow it' ]
}

@test "system with --unsafe" {
	run --separate-stderr timeout 30 "$BT" --unsafe -e $'BEGIN { system("echo hi %d", 5); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nhi 5' ]
}

@test "signal kills the traced child" {
	run --separate-stderr timeout 30 "$BT" --unsafe -c '/usr/bin/sleep 5' -e $'tracepoint:syscalls:sys_enter_clock_nanosleep /pid == cpid/ { signal("SIGKILL"); printf("sent\\n"); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nsent' ]
}

@test "signal needs --unsafe (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'tracepoint:syscalls:sys_enter_clock_nanosleep { signal(9); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:49: error: signal() is unsafe: run with --unsafe to allow it' ]
}

@test "reg in a uprobe" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/timeout 0.01 /usr/bin/sleep 1' -e $'uprobe:/usr/lib/x86_64-linux-gnu/libc.so.6:exit /pid == cpid/ { printf("%d %d\\n", reg("di"), reg("ip") > 0); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n124 1' ]
}

@test "reg in BEGIN is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%d\\n", reg("ip")); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: reg() can only be used in kprobe, uprobe, profile and software probes' ]
}

@test "path needs a kfunc probe (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { printf("%s\\n", path(curtask->fs->pwd)); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:24: error: path() can only be used in kfunc and kretfunc probes (bpf_d_path)' ]
}

@test "override needs a kprobe (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" --unsafe -e $'tracepoint:syscalls:sys_enter_openat { override(-1); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:40: error: override() can only be used in kprobe probes' ]
}

@test "exit stops after the first event" {
	run --separate-stderr timeout 30 "$BT" -e $'interval:ms:10 { @n++; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@n: 1' ]
}

@test "print of values, strings, tuples and comm" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { print(1); print(-5); print("s"); print((1, "two")); print(comm); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1\n-5\ns\n(1, two)\nbt' ]
}

@test "unknown function is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { foo(1); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:9: error: unknown function \'foo\'' ]
}

@test "pton of IPv4 and IPv6 and back through ntop" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { print(pton("127.0.0.1")); print(pton("::1")); printf("%s %s\\n", ntop(pton("10.1.2.3")), ntop(pton("fe80::1"))); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n[127,0,0,1]\n[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]\n10.1.2.3 fe80::1' ]
}

@test "pton of a bad address is a located error (bt, bpftrace 0.17 also fails, with its own message)" {
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { print(pton("1.2.3")); exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = $'stdin:1:20: error: pton(): \'1.2.3\' is not an IPv4 or IPv6 address' ]
}

@test "cgroup_path of the root cgroup with a filter" {
	mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts); [ -n "$mnt" ] && [ "$(stat -c %i "$mnt")" = 1 ] || skip "no cgroup v2 hierarchy mounted at its root"
	run --separate-stderr timeout 30 "$BT" -e $'BEGIN { print(cgroup_path(1, "unified")); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nunified:/' ]
}

@test "cgroupid of bt's own cgroup v2 path equals the cgroup builtin (bt, bpftrace 0.17 fails here)" {
	mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[ -n "$mnt" ] || skip "no cgroup v2 hierarchy is mounted"
	rel=$(sed -n 's/^0:://p' /proc/self/cgroup)
	[ -d "$mnt$rel" ] || skip "this process's cgroup v2 directory $mnt$rel is not visible"
	run --separate-stderr timeout 30 "$BT" -e "BEGIN { printf(\"%d\\n\", cgroup == cgroupid(\"$mnt$rel\")); exit(); }"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n1' ]
}

@test "cgroup_path of bt's own cgroup v2" {
	mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[ -n "$mnt" ] || skip "no cgroup v2 hierarchy is mounted"
	rel=$(sed -n 's/^0:://p' /proc/self/cgroup)
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { printf("%s|\n", cgroup_path(cgroup, "unified")); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe..."$'\n'"unified:$rel|" ]
}

@test "cgroup_path of a cgroup made for the test" {
	mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[ -n "$mnt" ] || skip "no cgroup v2 hierarchy is mounted"
	d="$mnt/bt-lang-test-$$"
	mkdir -p "$d/sub" || skip "cannot make a cgroup under $mnt"
	id=$(stat -c %i "$d/sub")
	run --separate-stderr timeout 30 "$BT" -e "BEGIN { print(cgroup_path($id, \"unified\")); print(cgroup_path(0xffffffffff)); exit(); }"
	rmdir "$d/sub" "$d"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe..."$'\n'"unified:/bt-lang-test-$$/sub" ]
}
