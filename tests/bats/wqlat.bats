#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# wqlat: workqueue item run time by work function (seed wq.bt).
load helpers

WQ="$BUILD/wqlat"
STAT='^@run\[[A-Za-z_][A-Za-z0-9_.]*\]: count [1-9][0-9]*, average [0-9]+, total [0-9]+$'

@test "wqlat: named work functions with stats within 6 s (default interval 5 s)" {
	require_root
	run --separate-stderr timeout 8 "$WQ" 5 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	[ "${lines[0]}" = "Attaching 4 probes..." ]
	printf '%s\n' "$output" | grep -Eq "$STAT"
}

@test "wqlat: -H prints hist buckets, -Q adds @queued, -T the time" {
	require_root
	run --separate-stderr timeout 8 "$WQ" -H -Q -T 2 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	printf '%s\n' "$output" | grep -Eq '^[0-9]{2}:[0-9]{2}:[0-9]{2}$'
	printf '%s\n' "$output" | grep -Eq '^@run\[[A-Za-z_][A-Za-z0-9_.]*\]: $'
	printf '%s\n' "$output" | grep -Eq '^@queued\[[A-Za-z_][A-Za-z0-9_.]*\]: $'
	printf '%s\n' "$output" | grep -Eq '^\[[0-9]+K?, [0-9]+K?\) +[0-9]+ \|@*'
	! printf '%s\n' "$output" | grep -q 'average'
}

@test "wqlat: --func keeps one work function, -w one workqueue" {
	require_root
	# vmstat_shepherd runs every second on the system workqueue "events"
	run --separate-stderr timeout 8 "$WQ" --func vmstat_shepherd -w events 3 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	printf '%s\n' "$output" | grep -Eq '^@run\[vmstat_shepherd\]: count [1-9]'
	[ -z "$(printf '%s\n' "$output" | grep '^@run\[' | grep -v vmstat_shepherd)" ]
	run --separate-stderr timeout 8 "$WQ" -w no_such_wq 2 1
	[ "$status" -eq 0 ]
	! printf '%s\n' "$output" | grep -q '^@run\['
}

@test "wqlat: --dry-run loads; --kprobe/--kfunc fail with the engine's reason" {
	require_root
	run --separate-stderr "$WQ" --dry-run -H -Q --func vmstat_update -w events
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	if ! have_kprobes; then
		run --separate-stderr "$WQ" --kprobe
		[ "$status" -eq 1 ]
		[[ "$(first_err)" == "wqlat.bt:"*"error: kprobe:"*"no kprobes"* ]]
	fi
}

@test "wqlat: an unknown --func is a located error, exit 1" {
	require_root
	run --separate-stderr "$WQ" --dry-run --func no_such_function_xyz
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"no symbol 'no_such_function_xyz'"* ]]
}

@test "wqlat: bad options exit 2" {
	for args in "--func a;b" "--func 9x" "-w 0123456789012345678901234567890123" "-x" "0" "1 2 3"; do
		run --separate-stderr "$WQ" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
	done
	run --separate-stderr "$WQ" --func 'a b'
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: invalid function name 'a b' for --func" ]
}

@test "wqlat --cpu keeps one CPU's items, --ns gives nanoseconds; -p lists are refused" {
	require_root
	cpus=$(nproc)
	# vmstat_update runs per CPU: on the last CPU alone, and in ns
	run --separate-stderr timeout 8 "$WQ" --cpu $((cpus - 1)) --ns 3 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	printf '%s\n' "$output" | grep -Eq "$STAT"
	# a work item runs for microseconds: some average is >= 1000 ns
	printf '%s\n' "$output" | grep -E "$STAT" | awk '{ gsub(",", "", $5); if ($5 >= 1000) f = 1 } END { exit !f }'
	run --separate-stderr "$WQ" --script --cpu 1
	[[ "$output" == *"if (cpu != 1) {"* ]]
	run --separate-stderr "$WQ" --cpu "$cpus"
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: invalid value '$cpus' for --cpu" ]
	run --separate-stderr "$WQ" -p 1,2
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: -p takes one PID in wqlat" ]
	run --separate-stderr "$WQ" --uid 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: --uid means nothing for wqlat: wqlat filters on the process (-p, -n)" ]
	run --separate-stderr "$WQ" --cpu 0 --kprobe
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: --cpu is not implemented with --kprobe in wqlat" ]
}
