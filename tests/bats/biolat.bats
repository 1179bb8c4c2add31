#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# biolat: block IO latency per disk name (seed bio.bt).
load helpers

BL="$BUILD/biolat"

wait_attached() {
	for _ in $(seq 300); do
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

# a second disk for the --disk tests: a loop device over a file in
# BATS_TEST_TMPDIR; sets LOOP (/dev/loopN) and LDISK (loopN)
setup_loop() {
	truncate -s 64M "$BATS_TEST_TMPDIR/loop.img"
	LOOP=$(losetup -f --show "$BATS_TEST_TMPDIR/loop.img") || skip "no loop device"
	LDISK=${LOOP#/dev/}
	udevadm settle 2>/dev/null || true
}

teardown() {
	local p
	for p in ${pid:-} ${rpid:-}; do kill "$p" 2>/dev/null || true; done
	if [ -n "${LOOP:-}" ]; then losetup -d "$LOOP"; fi
}

# runs biolat with "$@" around 200 direct 4 KiB writes into DIR and 100 to
# LOOP, stopped by SIGINT once they are done (all of them are in its maps)
run_with_io2() {
	out="$BATS_TEST_TMPDIR/out"
	"$BL" "$@" >"$out" 2>&1 3>&- &
	pid=$!
	wait_attached "$out"
	# block_rq_issue and _complete, and _insert with -Q
	if [[ " $* " == *" -Q "* ]]; then wait_probe_fds "$pid" 3; else wait_probe_fds "$pid" 2; fi
	dd if=/dev/zero of="$DIR/biolat.dat" bs=4k count=200 oflag=direct 2>/dev/null
	dd if=/dev/zero of="$LOOP" bs=4k count=100 oflag=direct 2>/dev/null
	rm -f "$DIR/biolat.dat"
	kill -INT "$pid"
	wait "$pid"
	pid=
	cat "$out"
}

@test "biolat: --disk filters, -F splits by flags, -Q includes queue time" {
	require_root
	find_disk
	setup_loop
	# both disks show without --disk
	run_with_io2 -F
	grep -Eq "^@stat\[$DISK, Sync-Write\]: count [0-9]+, " "$out"
	grep -Eq "^@stat\[$LDISK, Sync-Write\]: count 100, " "$out"
	run_with_io2 --disk "$DISK" -F -Q
	grep -Eq "^@stat\[$DISK, Sync-Write\]: count [0-9]+, " "$out"
	run ! grep -q "^@stat\[[^]]*\]" <(grep -v "^@stat\[$DISK, " "$out")
	run_with_io2 --disk "$LDISK" -F
	grep -Eq "^@stat\[$LDISK, Sync-Write\]: count 100, " "$out"
	run ! grep -q "^@stat\[$DISK, " "$out"
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
	# ARGS|the end of the first stderr line (argp puts the path before its own)
	while IFS="|" read -r args msg; do
		run --separate-stderr "$BL" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
		[[ "$(first_err)" == *"$msg" ]] || { echo "$args: $stderr"; false; }
		[[ "$stderr" == *"Try \`biolat --help'"* ]]
	done <<'EOF'
--disk ../x|biolat: invalid disk name '../x' for --disk
-p 1|biolat: -p means nothing for biolat: its events belong to no process
-n dd|biolat: -n means nothing for biolat: its events belong to no process
0|biolat: invalid value '0' for interval
1 2 3|biolat: unexpected argument '3'
--bogus|biolat: unrecognized option '--bogus'
EOF
}

# the histogram after the line $2 of file $1, as "LOW COUNT" lines
hist_of() {
	awk -v h="$2" '$0 == h { on = 1; next } on && /^\[/ { lo = $1; sub(/^\[/, "", lo); sub(/,$/, "", lo); print lo, $3; next } on { exit }' "$1"
}

# the low end of the fullest bucket of a "LOW COUNT" list
mode_of() {
	sort -k2,2nr -s <<<"$1" | head -n 1 | cut -d' ' -f1
}

@test "biolat agrees with dd's count and with bpftrace timing block_rq_issue to complete" {
	require_root
	find_disk
	setup_loop
	# direct IO through to the file, so each write takes a real disk's time
	losetup -d "$LOOP"
	LOOP=$(losetup -f --show --direct-io=on "$BATS_TEST_TMPDIR/loop.img")
	LDISK=${LOOP#/dev/}
	udevadm settle 2>/dev/null || true
	dev=$(( $(stat -c '0x%t' "$LOOP") << 20 | $(stat -c '0x%T' "$LOOP") ))
	# the oracle: bpftrace 0.17, the loop disk's writes by sector
	bpftrace -e "tracepoint:block:block_rq_issue /args->dev == $dev && strncmp(args->rwbs, \"W\", 1) == 0/ { @s[args->sector] = nsecs; }
tracepoint:block:block_rq_complete /args->dev == $dev && @s[args->sector]/ { \$us = (nsecs - @s[args->sector]) / 1000; @us = hist(\$us); @n = count(); @total = sum(\$us); delete(@s[args->sector]); }
END { clear(@s); }" >"$BATS_TEST_TMPDIR/ref" 2>&1 3>&- &
	rpid=$!
	# bpftrace 0.17 holds 4 perf events for this script once attached (its
	# two tracepoints, BEGIN and END); biolat its two raw tracepoint links
	wait_probe_fds "$rpid" 4
	"$BL" --disk "$LDISK" -F >"$BATS_TEST_TMPDIR/out" 2>&1 3>&- &
	pid=$!
	wait_attached "$BATS_TEST_TMPDIR/out"
	wait_probe_fds "$pid" 2
	dd if=/dev/zero of="$LOOP" bs=4k count=200 oflag=direct 2>"$BATS_TEST_TMPDIR/dd"
	kill -INT "$pid" "$rpid"
	wait "$pid"
	wait "$rpid"
	pid=
	rpid=
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/dd"
	n=$(sed -n 's/^\([0-9]*\)+0 records out$/\1/p' "$BATS_TEST_TMPDIR/dd")
	[ "$n" -eq 200 ]
	# the count: exactly the writes dd made, in both
	stat=$(grep "^@stat\[$LDISK, Sync-Write\]: " "$BATS_TEST_TMPDIR/out")
	[[ "$stat" == *": count $n, average "* ]]
	grep -qx "@n: $n" "$BATS_TEST_TMPDIR/ref"
	# the total: each write's time differs between the two by the other's
	# probe run and the truncation to us; allow 3 us a write plus 10 %
	bt_total=${stat##*total }
	ref_total=$(sed -n 's/^@total: //p' "$BATS_TEST_TMPDIR/ref")
	d=$((bt_total - ref_total))
	echo "total: bt $bt_total, bpftrace $ref_total"
	[ "${d#-}" -le $((3 * n + ref_total / 10)) ]
	# the histograms: every bucket within 10 % of the writes (a write near a
	# bucket edge may fall either side) and the same mode bucket, unless the
	# bpftrace histogram has a near tie (within that 10 %)
	bt_h=$(hist_of "$BATS_TEST_TMPDIR/out" "@dist[$LDISK, Sync-Write]: ")
	ref_h=$(hist_of "$BATS_TEST_TMPDIR/ref" "@us: ")
	[ -n "$bt_h" ]
	[ -n "$ref_h" ]
	join -a 1 -a 2 -e 0 -o 0,1.2,2.2 <(sort <<<"$bt_h") <(sort <<<"$ref_h") >"$BATS_TEST_TMPDIR/both"
	cat "$BATS_TEST_TMPDIR/both"
	awk -v t=$((n / 10)) '{ d = $2 - $3; if (d < 0) d = -d; if (d > t) exit 1 }' "$BATS_TEST_TMPDIR/both"
	bt_mode=$(mode_of "$bt_h")
	ref_mode=$(mode_of "$ref_h")
	if [ "$bt_mode" != "$ref_mode" ]; then
		ref_max=$(awk -v m="$ref_mode" '$1 == m { print $3 }' "$BATS_TEST_TMPDIR/both")
		ref_at_bt=$(awk -v m="$bt_mode" '$1 == m { print $3 }' "$BATS_TEST_TMPDIR/both")
		[ $((ref_max - ref_at_bt)) -le $((n / 10)) ]
	fi
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
