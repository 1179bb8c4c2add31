#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Reference guide sections: Output formats: -f json for every output type
# (attached_probes, printf, time, value via print(), map with every value type,
# hist, lhist, stats, join, cat, system).
# Expected output is bpftrace 0.17's for the same script (comm "bpftrace" reads "bt"),
# unless the test name says "(bt, ...)": there bt differs on purpose or bpftrace fails here.
load helpers

setup() { require_root; }

@test "json attached_probes and printf" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { printf("hi %d \\"q\\" \\\\ \\t\\n", 1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "printf", "data": "hi 1 \\"q\\" \\\\ \\t\\n"}' ]
}

@test "json time" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { time("%Y\\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "time", "data": "'"$(date +%Y)"$'\\n"}' ]
}

@test "json print of values, strings and tuples" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { print(5); print(-1); print("x"); print((1, "a", (2, "b"))); print(comm); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "value", "data": 5}\n{"type": "value", "data": -1}\n{"type": "value", "data": "x"}\n{"type": "value", "data": [1,"a",[2,"b"]]}\n{"type": "value", "data": "bt"}' ]
}

@test "json integer, count and sum maps, keyed and keyless" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @i = 5; @k[1] = 2; @k[2] = 1; @c = count(); @s = sum(9); @m[1, "a"] = 1; @[3] = 4; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n\n\n{"type": "map", "data": {"@": {"3": 4}}}\n{"type": "map", "data": {"@c": 1}}\n{"type": "map", "data": {"@i": 5}}\n{"type": "map", "data": {"@k": {"2": 1, "1": 2}}}\n{"type": "map", "data": {"@m": {"1,a": 1}}}\n{"type": "map", "data": {"@s": 9}}' ]
}

@test "json min, max, avg and stats" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @mn = min(3); @mx = max(3); @a = avg(4); @a = avg(6); @st = stats(3); @st = stats(5); @sk["x"] = stats(1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n\n\n{"type": "stats", "data": {"@a": 5}}\n{"type": "map", "data": {"@mn": 3}}\n{"type": "map", "data": {"@mx": 3}}\n{"type": "stats", "data": {"@sk": {"x": {"count": 1, "average": 1, "total": 1}}}}\n{"type": "stats", "data": {"@st": {"count": 2, "average": 4, "total": 8}}}' ]
}

@test "json hist and lhist, keyless and keyed" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @h = hist(3); @h = hist(100); @l = lhist(3, 0, 10, 2); @l = lhist(30, 0, 10, 2); @hk["a"] = hist(1); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n\n\n{"type": "hist", "data": {"@h": [{"min": 2, "max": 3, "count": 1}, {"min": 4, "max": 7, "count": 0}, {"min": 8, "max": 15, "count": 0}, {"min": 16, "max": 31, "count": 0}, {"min": 32, "max": 63, "count": 0}, {"min": 64, "max": 127, "count": 1}]}}\n{"type": "hist", "data": {"@hk": {"a": [{"min": 1, "max": 1, "count": 1}]}}}\n{"type": "hist", "data": {"@l": [{"min": 2, "max": 3, "count": 1}, {"min": 4, "max": 5, "count": 0}, {"min": 6, "max": 7, "count": 0}, {"min": 8, "max": 9, "count": 0}, {"min": 10, "count": 1}]}}' ]
}

@test "json string, tuple and multi-key map values" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @s["b"] = "two"; @s["a"] = "o\\"ne"; @t = (1, "x"); @u[1, 2] = (3, "y"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n\n\n{"type": "map", "data": {"@s": {"a": "o\\"ne", "b": "two"}}}\n{"type": "map", "data": {"@t": [1,"x"]}}\n{"type": "map", "data": {"@u": {"1,2": [3,"y"]}}}' ]
}

@test "json probe, username, inet, ksym and buf values" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @p[probe] = count(); @u[username] = count(); @i = ntop(0x0100007f); @k = ksym(0); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n\n\n{"type": "map", "data": {"@i": "127.0.0.1"}}\n{"type": "map", "data": {"@k": "0"}}\n{"type": "map", "data": {"@p": {"BEGIN": 1}}}\n{"type": "map", "data": {"@u": {"root": 1}}}' ]
}

@test "json print(@m, top, div) and print of a hist" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @x[1] = 100; @x[2] = 250; print(@x, 1); print(@x, 0, 10); @h = hist(4); print(@h); clear(@x); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "map", "data": {"@x": {"2": 250}}}\n{"type": "map", "data": {"@x": {"1": 10, "2": 25}}}\n{"type": "hist", "data": {"@h": [{"min": 4, "max": 7, "count": 1}]}}\n\n\n{"type": "hist", "data": {"@h": [{"min": 4, "max": 7, "count": 1}]}}' ]
}

@test "json cat" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { cat("/proc/sys/kernel/ostype"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "cat", "data": "Linux\\n"}' ]
}

@test "json system" {
	run --separate-stderr timeout 30 "$BT" -f json --unsafe -e $'BEGIN { system("echo hi"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "syscall", "data": "hi\\n"}' ]
}

@test "json join" {
	run --separate-stderr timeout 30 "$BT" -f json -c '/usr/bin/env -i /usr/bin/true a b' -e $'tracepoint:syscalls:sys_enter_execve /pid == cpid/ { join(args->argv); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "join", "data": "/usr/bin/env -i /usr/bin/true a b"}\n{"type": "join", "data": "/usr/bin/true a b"}' ]
}

@test "json strftime value" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @t = strftime("%Y", nsecs); print(strftime("%Y", nsecs)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "value", "data": '"$(date +%Y)"$'}\n\n\n{"type": "map", "data": {"@t": '"$(date +%Y)"$'}}' ]
}

@test "json macaddr is quoted (bt, bpftrace 0.17 writes invalid json)" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { @m = macaddr((uint8 *)curtask - (uint64)curtask); print(macaddr((uint8 *)0)); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "value", "data": "00:00:00:00:00:00"}\n\n\n{"type": "map", "data": {"@m": "00:00:00:00:00:00"}}' ]
}

@test "json pton and an integer array value" {
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { print(pton("1.2.3.4")); @p = pton("::1"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "value", "data": [1,2,3,4]}\n\n\n{"type": "map", "data": {"@p": [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1]}}' ]
}

@test "json cgroup_path is quoted (bt, bpftrace 0.17 writes invalid json)" {
	mnt=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts); [ -n "$mnt" ] && [ "$(stat -c %i "$mnt")" = 1 ] || skip "no cgroup v2 hierarchy mounted at its root"
	run --separate-stderr timeout 30 "$BT" -f json -e $'BEGIN { print(cgroup_path(1, "unified")); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "value", "data": "unified:/"}' ]
}
