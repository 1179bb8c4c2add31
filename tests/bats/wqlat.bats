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
	run ! grep -q 'average' <<<"$output"
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
	run ! grep -q '^@run\[' <<<"$output"
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
	# ARGS|the end of the first stderr line (argp puts the path before its own)
	while IFS="|" read -r args msg; do
		run --separate-stderr "$WQ" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
		[[ "$(first_err)" == *"$msg" ]] || { echo "$args: $stderr"; false; }
		[[ "$stderr" == *"Try \`wqlat --help'"* ]]
	done <<'EOF'
--func a;b|wqlat: invalid function name 'a;b' for --func
--func 9x|wqlat: invalid function name '9x' for --func
-w 0123456789012345678901234567890123|wqlat: invalid workqueue name '0123456789012345678901234567890123' for -w
-x|wqlat: invalid option -- 'x'
0|wqlat: invalid value '0' for interval
1 2 3|wqlat: unexpected argument '3'
EOF
	run --separate-stderr "$WQ" --func 'a b'
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "wqlat: invalid function name 'a b' for --func" ]
}

teardown() {
	local p
	for p in ${pid:-} ${rpid:-}; do kill "$p" 2>/dev/null || true; done
}

# waits up to 30 s for "Attaching" in the file $1
wait_attached() {
	for _ in $(seq 300); do
		grep -q '^Attaching' "$1" && return 0
		sleep 0.1
	done
	cat "$1"
	return 1
}

@test "wqlat agrees with bpftrace timing workqueue_execute_start to end" {
	require_root
	# the work: each write to stat_refresh runs refresh_vm_stats once on
	# every online CPU (schedule_on_each_cpu), so it is the busiest
	# function, and its count is known
	ncpu=$(getconf _NPROCESSORS_ONLN)
	writes=300
	# the oracle: bpftrace 0.17 over the same tracepoints, per thread
	bpftrace -e 'tracepoint:workqueue:workqueue_execute_start /args->function == kaddr("refresh_vm_stats")/ { @s[tid] = nsecs; }
tracepoint:workqueue:workqueue_execute_end /@s[tid]/ { $us = (nsecs - @s[tid]) / 1000; @n = count(); @total = sum($us); delete(@s[tid]); }
END { clear(@s); }' >"$BATS_TEST_TMPDIR/ref" 2>&1 3>&- &
	rpid=$!
	wait_attached "$BATS_TEST_TMPDIR/ref"
	# 4 perf events once attached (its two tracepoints, BEGIN and END)
	wait_probe_fds "$rpid" 4
	# one long interval: SIGINT prints it
	"$WQ" 600 1 >"$BATS_TEST_TMPDIR/out" 2>&1 3>&- &
	pid=$!
	wait_attached "$BATS_TEST_TMPDIR/out"
	# two tracepoints and interval:s:1, each a perf event and a link
	wait_probe_fds "$pid" 6
	for _ in $(seq "$writes"); do echo 1 >/proc/sys/vm/stat_refresh; done
	kill -INT "$pid" "$rpid"
	wait "$pid"
	wait "$rpid"
	pid=
	rpid=
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/ref"
	n=$((ncpu * writes))
	# the count: exact, in both
	stat=$(grep '^@run\[refresh_vm_stats\]: ' "$BATS_TEST_TMPDIR/out")
	[[ "$stat" == *": count $n, average "* ]]
	grep -qx "@n: $n" "$BATS_TEST_TMPDIR/ref"
	# the total (items of 2-3 us here): each item's time is truncated to
	# whole us by both, which differ by less than 1 us an item, and by the
	# other's probe run (well under 1 us) or an interrupt between the two
	# programs; allow 1 us an item plus 10 % (half the time, or none, fails)
	bt_total=${stat##*total }
	ref_total=$(sed -n 's/^@total: //p' "$BATS_TEST_TMPDIR/ref")
	[ "$ref_total" -gt 0 ]
	d=$((bt_total - ref_total))
	echo "total: bt $bt_total, bpftrace $ref_total"
	[ "${d#-}" -le $((n + ref_total / 10)) ]
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
