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
	grep -q "^@us_dist\[$DISK\]: $" "$out"
	grep -Eq '^\[[0-9]+K?, [0-9]+K?\) +[0-9]+ \|@*' "$out"
	grep -Eq "^@us_stat\[$DISK\]: count [0-9]+, average [0-9]+, total [0-9]+$" "$out"
	# at least the 200 writes
	[ "$(sed -n "s/^@us_stat\[$DISK\]: count \([0-9]*\),.*/\1/p" "$out")" -ge 200 ]
}

# a second disk for the --disk tests: a loop device over a file in
# BATS_TEST_TMPDIR; sets LOOP (/dev/loopN) and LDISK (loopN)
setup_loop() {
	truncate -s 64M "$BATS_TEST_TMPDIR/loop.img"
	LOOP=$(losetup -f --show "$BATS_TEST_TMPDIR/loop.img") || skip "no loop device"
	LDISK=${LOOP#/dev/}
	udevadm settle 2>/dev/null || true
}

teardown() {
	if [ -n "${LOOP:-}" ]; then losetup -d "$LOOP"; fi
}

# runs biolat with "$@" around 200 direct 4 KiB writes into DIR and 100 to
# LOOP, stopped by SIGINT once they are done (all of them are in its maps)
run_with_io2() {
	out="$BATS_TEST_TMPDIR/out"
	"$BL" "$@" >"$out" 2>&1 &
	pid=$!
	wait_attached "$out"
	dd if=/dev/zero of="$DIR/biolat.dat" bs=4k count=200 oflag=direct 2>/dev/null
	dd if=/dev/zero of="$LOOP" bs=4k count=100 oflag=direct 2>/dev/null
	rm -f "$DIR/biolat.dat"
	kill -INT "$pid"
	wait "$pid"
	cat "$out"
}

@test "biolat: --disk filters, -F splits by flags, -Q includes queue time" {
	require_root
	find_disk
	setup_loop
	# both disks show without --disk
	run_with_io2 -F
	grep -Eq "^@us_stat\[$DISK, Sync-Write\]: count [0-9]+, " "$out"
	grep -Eq "^@us_stat\[$LDISK, Sync-Write\]: count 100, " "$out"
	run_with_io2 --disk "$DISK" -F -Q
	grep -Eq "^@us_stat\[$DISK, Sync-Write\]: count [0-9]+, " "$out"
	run ! grep -q "^@us_stat\[[^]]*\]" <(grep -v "^@us_stat\[$DISK, " "$out")
	run_with_io2 --disk "$LDISK" -F
	grep -Eq "^@us_stat\[$LDISK, Sync-Write\]: count 100, " "$out"
	run ! grep -q "^@us_stat\[$DISK, " "$out"
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
