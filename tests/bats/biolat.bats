#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# biolat: block IO latency per disk name (seed bio.bt).
load helpers

BL="$BUILD/biolat"

wait_attached() {
	for _ in $(seq 50); do
		grep -q '^Attaching' "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	cat "$1"
	return 1
}

# runs biolat with "$@" around 200 direct 4 KiB writes into DIR
run_with_io() {
	out="$BATS_TEST_TMPDIR/out"
	"$BL" "$@" >"$out" 2>&1 &
	pid=$!
	wait_attached "$out"
	dd if=/dev/zero of="$DIR/biolat.dat" bs=4k count=200 oflag=direct 2>/dev/null
	rm -f "$DIR/biolat.dat"
	wait "$pid"
	cat "$out"
}

@test "biolat: hist and stats for the disk name after direct writes" {
	require_root
	find_disk
	run_with_io 2 1
	grep -q "^@dist\[$DISK\]: $" "$out"
	grep -Eq '^\[[0-9]+K?, [0-9]+K?\) +[0-9]+ \|@*' "$out"
	grep -Eq "^@stat\[$DISK\]: count [0-9]+, average [0-9]+, total [0-9]+$" "$out"
	# at least the 200 writes
	[ "$(sed -n "s/^@stat\[$DISK\]: count \([0-9]*\),.*/\1/p" "$out")" -ge 200 ]
}

@test "biolat: --disk filters, -F splits by flags, -Q includes queue time" {
	require_root
	find_disk
	run_with_io --disk "$DISK" -F -Q 2 1
	grep -Eq "^@stat\[$DISK, Sync-Write\]: count [0-9]+, " "$out"
	! grep -q "^@stat\[[^]]*\]" <(grep -v "^@stat\[$DISK, " "$out")
	other=$(ls /sys/block | grep -vx "$DISK" | head -n 1)
	[ -n "$other" ] || return 0
	run_with_io --disk "$other" 2 1
	! grep -q "^@stat\[$DISK\]" "$out"
}

@test "biolat: --dry-run loads; --kprobe fails with the engine's reason" {
	require_root
	run --separate-stderr "$BL" --dry-run -F -Q --disk "$(ls /sys/block | head -n 1)"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	if ! have_kprobes; then
		run --separate-stderr "$BL" --kprobe
		[ "$status" -eq 1 ]
		[[ "$(first_err)" == "biolat.bt:"*"error: kprobe:blk_mq_start_request: "* ]]
	fi
}

@test "biolat: bad options exit 2" {
	run --separate-stderr "$BL" --disk no_such_disk
	[ "$status" -eq 2 ]
	[[ "$(first_err)" == "biolat: no disk 'no_such_disk' (disks here: "* ]]
	for args in "--disk ../x" "-p 1" "-n dd" "0" "1 2 3" "--bogus"; do
		run --separate-stderr "$BL" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
	done
}

@test "biolat: --ms and --ns scale each latency; -T needs an interval; scoping is refused" {
	require_root
	find_disk
	run_with_io --ns 2 1
	ns=$(sed -n "s/^@stat\[$DISK\]: count [0-9]*, average \([0-9]*\),.*/\1/p" "$out")
	run_with_io --ms 2 1
	grep -Eq "^@stat\[$DISK\]: count [0-9]+, average [0-9]+, total [0-9]+$" "$out"
	ms=$(sed -n "s/^@stat\[$DISK\]: count [0-9]*, average \([0-9]*\),.*/\1/p" "$out")
	echo "ns=$ns ms=$ms"
	# a direct 4 KiB write takes microseconds: the average is > 1000 ns and < 1000 ms
	[ "$ns" -gt 1000 ]
	[ "$ms" -lt 1000 ]
	run --separate-stderr "$BL" --script --ms
	[[ "$output" == *'$t = (nsecs - @__start[$id]) / 1000000;'* ]]
	run --separate-stderr "$BL" -T
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: -T needs [interval]: without one biolat prints once, at exit" ]
	run --separate-stderr "$BL" --uid 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: --uid means nothing for biolat: its events belong to no process" ]
	run --separate-stderr "$BL" --cpu 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: --cpu means nothing for biolat: its events are not kept per CPU" ]
}
