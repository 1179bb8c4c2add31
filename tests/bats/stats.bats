#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# bt --stats: per-probe run count and run time from the kernel's BPF stats,
# on stderr after the maps (stdout stays as bpftrace prints it).
load helpers

setup() { require_root; }

# the stats row of probe $1 in $stderr: "RUNS RUNTIME NSPERRUN"
stats_row() {
	printf '%s\n' "$stderr" | awk -v p="$1" 'index($0, p) == 1 { print $(NF-2), $(NF-1), $NF }'
}

@test "--stats counts every write of the -c child" {
	run --separate-stderr timeout 60 "$BT" --stats \
		-e 't:syscalls:sys_enter_write /pid == cpid/ { @ = count(); }' \
		-c 'dd if=/dev/zero of=/dev/null bs=1 count=1000 status=none'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@: 1000' ]
	echo "$stderr" | grep -Eq '^PROBE +RUNS +RUN TIME NS +NS/RUN$'
	read -r runs ns per <<< "$(stats_row 'tracepoint:syscalls:sys_enter_write ')"
	# the program ran for every write on the machine: at least the child's
	[ "$runs" -ge 1000 ]
	[ "$ns" -gt 0 ]
	[ "$per" -eq $((ns / runs)) ]
}

@test "--stats: BEGIN ran once, a probe that never fired shows no ns/run" {
	run --separate-stderr timeout 30 "$BT" --stats \
		-e 'BEGIN { @b = 1; exit(); } t:oom:mark_victim { @r = count(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 2 probes...\n\n\n@b: 1\n@r: 0' ]  # bpftrace 0.17 prints the keyless count too
	read -r runs ns per <<< "$(stats_row 'BEGIN ')"
	[ "$runs" -eq 1 ]
	read -r runs ns per <<< "$(stats_row 'tracepoint:oom:mark_victim ')"
	[ "$runs" -eq 0 ]
	[ "$per" = "-" ]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 3 ]
}

@test "--stats labels a multi-target probe as written" {
	run --separate-stderr timeout 60 "$BT" --stats \
		-e 't:syscalls:sys_enter_read, t:syscalls:sys_enter_write /pid == cpid/ { @ = count(); }' \
		-c 'dd if=/dev/zero of=/dev/null bs=1 count=500 status=none'
	[ "$status" -eq 0 ]
	[[ "$output" == *$'\n@: '* ]]
	n=${output##*@: }
	[ "$n" -ge 1000 ]
	read -r runs ns per <<< "$(stats_row 't:syscalls:sys_enter_read, t:syscalls:sys_enter_write ')"
	[ "$runs" -ge "$n" ]
}

@test "without --stats stderr has no table" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN { exit(); }'
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}
