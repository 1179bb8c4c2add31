#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The scoping options every per-process tool shares (tools/tool_scope.c):
# -p PID[,PID...], --tid, --uid, --cgroup (cgroup v2, exact) and --cpu, on
# real events (openerr for the process filters, oncpu for --cpu), plus the
# refusals with their reasons.
load helpers

OE="$BUILD/openerr"

# opener TAG [CMD...]: a bash that fails to open /nonexistent/TAG every
# 50 ms in its own process (a builtin's redirection); its PID in $REPLY
opener() {
	local tag=$1
	shift
	"$@" bash -c "while :; do : </nonexistent/$tag; sleep 0.05; done" 2>/dev/null &
	REPLY=$!
	OPENERS+=("$REPLY")
}

teardown() {
	for p in "${OPENERS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${OPENERS[@]}"; do wait "$p" 2>/dev/null || true; done
	[ -z "${CG:-}" ] || { rmdir "$CG/sub" "$CG" 2>/dev/null || true; }
}

# trace ARGS...: openerr ARGS until every tag of $WANT was seen (at most
# 20 s), then SIGINT; the lines are in $OUT
trace() {
	OUT="$BATS_TEST_TMPDIR/out"
	"$OE" "$@" 20 >"$OUT" 2>"$BATS_TEST_TMPDIR/err" &
	local pid=$! t all
	for _ in $(seq 200); do
		all=1
		for t in $WANT; do grep -q "/nonexistent/$t\$" "$OUT" || all=0; done
		[ "$all" -eq 1 ] && break
		sleep 0.1
	done
	sleep 0.3 # a few more of the others' opens, if they were to show
	kill -INT "$pid"
	wait "$pid"
	cat "$OUT"
	[ ! -s "$BATS_TEST_TMPDIR/err" ] || { cat "$BATS_TEST_TMPDIR/err"; false; }
}

# seen TAG PID: $OUT has TAG's failures, all from PID
seen() {
	grep -q "/nonexistent/$1\$" "$OUT" || { echo "no $1"; false; }
	[ -z "$(grep "/nonexistent/$1\$" "$OUT" | grep -v "^$2 ")" ] || { echo "$1 not all from $2"; false; }
}

unseen() {
	! grep -q "/nonexistent/$1\$" "$OUT" || { echo "$1 seen"; false; }
}

@test "-p PID,PID keeps those processes, not a third" {
	require_root
	OPENERS=()
	opener sa; a=$REPLY
	opener sb; b=$REPLY
	opener sc
	WANT="sa sb"
	trace -p "$a,$b"
	seen sa "$a"
	seen sb "$b"
	unseen sc
}

@test "--tid keeps one thread, not its process's main thread" {
	require_root
	OPENERS=()
	cat >"$BATS_TEST_TMPDIR/t.py" <<-'PY'
	import os, sys, threading, time
	def loop(tag):
	    while True:
	        try:
	            open("/nonexistent/" + tag)
	        except OSError:
	            pass
	        time.sleep(0.05)
	t = threading.Thread(target=loop, args=("thr",), daemon=True)
	t.start()
	while t.native_id is None:
	    time.sleep(0.01)
	open(sys.argv[1], "w").write(str(t.native_id))
	loop("main")
	PY
	python3 "$BATS_TEST_TMPDIR/t.py" "$BATS_TEST_TMPDIR/tid" &
	p=$!
	OPENERS+=("$p")
	for _ in $(seq 50); do [ -s "$BATS_TEST_TMPDIR/tid" ] && break; sleep 0.1; done
	tid=$(cat "$BATS_TEST_TMPDIR/tid")
	[ "$tid" -ne "$p" ]
	WANT="thr"
	trace --tid "$tid"
	seen thr "$p"
	unseen main
}

@test "--uid keeps one user's processes" {
	require_root
	OPENERS=()
	opener ur
	opener un setpriv --reuid 65534 --regid 65534 --clear-groups; n=$REPLY
	WANT="un"
	trace --uid 65534
	seen un "$n"
	unseen ur
}

@test "--cgroup keeps the tasks of that cgroup v2 directory, not of its children" {
	require_root
	root=$(findmnt -n -t cgroup2 -o TARGET | head -n 1)
	[ -n "$root" ] || skip "no cgroup2 mounted"
	OPENERS=()
	CG="$root/bt-scope-$$"
	mkdir -p "$CG/sub"
	opener cin; in=$REPLY
	opener csub; sub=$REPLY
	opener cout
	echo "$in" >"$CG/cgroup.procs"
	echo "$sub" >"$CG/sub/cgroup.procs"
	WANT="cin"
	trace --cgroup "$CG"
	seen cin "$in"
	unseen csub
	unseen cout
	# back to the root cgroup, so the directories can go
	echo "$in" >"$root/cgroup.procs"
	echo "$sub" >"$root/cgroup.procs"
}

@test "--cgroup refuses a path that is not a cgroup v2 directory" {
	run --separate-stderr "$OE" --cgroup "$BATS_TEST_TMPDIR"
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: --cgroup $BATS_TEST_TMPDIR: not a cgroup v2 directory (cgroup2 is mounted at /sys/fs/cgroup or /sys/fs/cgroup/unified)" ]
	run --separate-stderr "$OE" --cgroup /no/such/dir
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: --cgroup /no/such/dir: No such file or directory" ]
}

@test "oncpu --cpu N: samples of that CPU only" {
	require_root
	[ "$(nproc)" -ge 2 ] || skip "one CPU"
	DD="taskset -c 1 dd if=/dev/zero of=/dev/null bs=1M count=2000"
	run --separate-stderr "$BUILD/oncpu" -K -F 999 --cpu 1 -c "$DD"
	[ "$status" -eq 0 ]
	[[ "$output" =~ (read_zero|read_iter_zero|iov_iter_zero)\+[0-9]+ ]]
	run --separate-stderr "$BUILD/oncpu" -K -F 999 --cpu 0 -c "$DD"
	[ "$status" -eq 0 ]
	[[ ! "$output" =~ (read_zero|read_iter_zero|iov_iter_zero)\+[0-9]+ ]]
}

@test "the scoping defines reach every per-process tool's script" {
	for t in openerr oncpu offcpu offwake kmallocstack; do
		run --separate-stderr "$BUILD/$t" --script -p 7,8 --tid 9 --uid 1000
		[ "$status" -eq 0 ] || { echo "$t: $stderr"; false; }
		[[ "$output" == *"pid == 7 || pid == 8 || pid == 7 ||"* ]] || { echo "$t: no -p list"; false; }
		[[ "$output" == *"tid == 9 ||"* ]] || { echo "$t: no --tid"; false; }
		[[ "$output" == *"uid == 1000"* ]] || { echo "$t: no --uid"; false; }
	done
	for t in oncpu offcpu; do
		run --separate-stderr "$BUILD/$t" --script --cpu 1
		[[ "$output" == *"cpu == 1"* ]] || { echo "$t: no --cpu"; false; }
	done
}

@test "refusals: options a tool or attach method would ignore exit 2 with the reason" {
	run --separate-stderr "$OE" --cpu 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: --cpu means nothing for openerr: its events are not kept per CPU" ]
	run --separate-stderr "$BUILD/offwake" --cpu 0
	[ "$status" -eq 2 ]
	run --separate-stderr "$BUILD/sockwatch" --tid 1
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "sockwatch: --tid means nothing for sockwatch: sockwatch filters on the process (-p, -n)" ]
	run --separate-stderr "$BUILD/irqtop" -p 1
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "irqtop: -p means nothing for irqtop: its events belong to no process" ]
	run --separate-stderr "$BUILD/biolat" -c true
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "biolat: -c means nothing for biolat: its events belong to no process" ]
	run --separate-stderr "$BUILD/irqtop" -n dd
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "irqtop: -n means nothing for irqtop: its events belong to no process" ]
	run --separate-stderr "$OE" -p 1,2 --kprobe
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: -p with several PIDs is not implemented with --kprobe in openerr" ]
	run --separate-stderr "$BUILD/offcpu" --uid 0 --kfunc
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "offcpu: --uid is not implemented with --kfunc in offcpu" ]
	run --separate-stderr "$OE" -p 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: at most 16 values for -p" ]
	run --separate-stderr "$OE" --tid 1,x
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: invalid TID '1,x' for --tid" ]
	run --separate-stderr "$OE" --uid 0 -c true
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: -c cannot be combined with --tid, --uid or --cgroup" ]
	for t in oncpu offcpu offwake; do
		run --separate-stderr "$BUILD/$t" -T
		[ "$status" -eq 2 ]
		[ "$(first_err)" = "$t: -T means nothing for $t: it prints once, at exit" ]
	done
	run --separate-stderr "$BUILD/kmallocstack" -T
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "kmallocstack: -T needs [interval]: without one kmallocstack prints once, at exit" ]
}
