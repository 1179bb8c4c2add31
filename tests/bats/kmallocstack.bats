#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# kmallocstack: kmalloc() size range by comm and kernel stack (seed kmalloc.bt).
load helpers

KS="$BUILD/kmallocstack"

# waits until the tool in the background printed its Attaching line
wait_attached() {
	for _ in $(seq 50); do
		grep -q '^Attaching' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	cat "$1"
	return 1
}

@test "kmallocstack: catches ps aux's 2128-byte single_open_size allocation in [2K, 3K)" {
	require_root
	out="$BATS_TEST_TMPDIR/out"
	"$KS" 2 1 >"$out" 2>&1 &
	pid=$!
	wait_attached "$out"
	# a few times: on a loaded machine one ps may not finish inside the 2 s window
	for _ in 1 2 3; do ps aux >/dev/null; done
	wait "$pid"
	cat "$out"
	grep -q '^@detail\[ps, $' "$out"
	grep -q '^    single_open_size+[0-9]*$' "$out"
	grep -q '^@size: $' "$out"
	grep -Eq '^\[2K, 3K\) +[1-9][0-9]* \|@*' "$out"
	grep -Eq '^\[3K, 4K\) +[0-9]+ \|' "$out"
}

@test "kmallocstack: --min/--max/--step/--depth/-n become the lhist and filters" {
	require_root
	out="$BATS_TEST_TMPDIR/out"
	"$KS" --min 2K --max 2176 --step 64 --depth 3 -n ps 2 1 >"$out" 2>&1 &
	pid=$!
	wait_attached "$out"
	# a few times: on a loaded machine one ps may not finish inside the 2 s
	# window; head's open of /proc/stat makes the same allocation (stat_open's
	# single_open_size), which -n ps must leave out
	for _ in 1 2 3; do
		ps aux >/dev/null
		head -c 1 /proc/stat >/dev/null
	done
	wait "$pid"
	cat "$out"
	grep -Eq '^\[2112, 2176\) +[1-9]' "$out"
	grep -q '^@detail\[ps, ' "$out"
	[ -z "$(grep '^@detail\[' "$out" | grep -v '^@detail\[ps, ')" ]
	# --depth 3: no stack deeper than 3 frames
	[ "$(awk '/^@detail/ { n = 0; next } /^]/ { if (n > m) m = n; next } /^    / { n++ } END { print m }' "$out")" -le 3 ]
}

@test "kmallocstack: --alloc uses bytes_alloc, sizes take K/M suffixes" {
	run --separate-stderr "$KS" --script --alloc --min 1K --max 1M --step 64K
	[ "$status" -eq 0 ]
	[[ "$output" == *'args->bytes_alloc'* ]]
	[[ "$output" != *'args->bytes_req'* ]]
	[[ "$output" == *'lhist($sz, 1024, 1048576, 65536)'* ]]
}

@test "kmallocstack: --dry-run loads, --kprobe/--kfunc fail with the engine's reason" {
	require_root
	run --separate-stderr "$KS" --dry-run --alloc --depth 5 -T 1 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	if ! have_kprobes; then
		run --separate-stderr "$KS" --kprobe --dry-run
		[ "$status" -eq 1 ]
		[[ "$(first_err)" == "kmallocstack.bt:"*"error: kprobe:__kmalloc: "* ]]
	fi
}

@test "kmallocstack: bad options exit 2" {
	for args in "--min 4K --max 2K" "--min 4X" "--max -1" "--step 0" "--min 0 --max 1M --step 1" \
		"--bogus" "0" "1 0" "1 2 3"; do
		run --separate-stderr "$KS" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
		[[ "$(first_err)" == *kmallocstack* ]]
	done
}
