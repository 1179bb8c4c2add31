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

@test "kmallocstack --outstanding: 100 pipes held show per stack, and drop to 0 once closed" {
	require_root
	cat >"$BATS_TEST_TMPDIR/pipes.py" <<-'PY'
	import os, time
	ps = [os.pipe() for _ in range(100)]
	time.sleep(4)
	for r, w in ps:
	    os.close(r)
	    os.close(w)
	time.sleep(5)
	PY
	run --separate-stderr timeout 60 "$KS" --outstanding --depth 3 -T -c "python3 $BATS_TEST_TMPDIR/pipes.py" 3 3
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	# per timestamped block: the outstanding allocations of python3's pipes
	read -r first last blocks < <(printf '%s\n' "$output" | awk '
		/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ { blk++; v[blk] = 0 }
		/^@allocs\[python3, / { e = 1; pipe = 0 }
		e && /alloc_pipe_info/ { pipe = 1 }
		e && /^\]: / { if (pipe) v[blk] += $2; e = 0 }
		END { print v[1] + 0, v[blk] + 0, blk + 0 }')
	echo "first=$first last=$last blocks=$blocks"
	[ "$blocks" -ge 2 ]
	[ "$first" -ge 100 ]
	[ "$last" -eq 0 ]
	# bytes too: each pipe's pipe_inode_info and buffer array
	printf '%s\n' "$output" | grep -q '^@bytes\[python3, $'
}

@test "kmallocstack --outstanding refuses --step and --kprobe" {
	run --separate-stderr "$KS" --outstanding --step 1K
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "kmallocstack: --step means nothing with --outstanding (no size histogram)" ]
	run --separate-stderr "$KS" --outstanding --kprobe
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "kmallocstack: --outstanding is not implemented with --kprobe or --kfunc" ]
	run --separate-stderr "$KS" --script --outstanding
	[[ "$output" == *"tracepoint:kmem:kfree"* ]]
	[[ "$output" == *'@allocs[@__comm[$p], @__stack[$p]] = sum(-1);'* ]]
}

@test "kmallocstack --outstanding warns when the pointer map is full" {
	require_root
	cat >"$BATS_TEST_TMPDIR/pipes.py" <<-'PY'
	import os, time
	ps = [os.pipe() for _ in range(100)]
	time.sleep(3)
	PY
	BPFTRACE_MAP_KEYS_MAX=50 run --separate-stderr timeout 60 "$KS" --outstanding --depth 3 \
		-c "python3 $BATS_TEST_TMPDIR/pipes.py" 2 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	printf '%s\n' "$output" | grep -qx 'kmallocstack: warning: the pointer map is full: new allocations are not tracked (raise BPFTRACE_MAP_KEYS_MAX)'
	run --separate-stderr timeout 60 "$KS" --outstanding --depth 3 \
		-c "python3 $BATS_TEST_TMPDIR/pipes.py" 2 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	run ! grep -q 'pointer map is full' <<<"$output"
}

# per -T block of $1: the @allocs of python3's pipes (alloc_pipe_info stacks),
# one "BLOCK COUNT" line each; "opened"/"closed" lines of the command as "EVENT"
pipe_blocks() {
	printf '%s\n' "$1" | awk '
		/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/ { if (blk) print "block", v; blk++; v = 0 }
		/^(opened|closed)$/ { print $1 }
		/^@allocs\[python3, / { e = 1; pipe = 0 }
		e && /alloc_pipe_info/ { pipe = 1 }
		e && /^\]: / { if (pipe) v += $2; e = 0 }
		END { if (blk) print "block", v }'
}

@test "kmallocstack --older 2000: held pipes show once 2 s old, and go once closed" {
	require_root
	cat >"$BATS_TEST_TMPDIR/pipes.py" <<-'PY'
	import os, time
	ps = [os.pipe() for _ in range(100)]
	print("opened", flush=True)
	time.sleep(5)
	for r, w in ps:
	    os.close(r)
	    os.close(w)
	print("closed", flush=True)
	time.sleep(3)
	PY
	run --separate-stderr timeout 60 "$KS" --outstanding --older 2000 --depth 3 -T \
		-c "python3 $BATS_TEST_TMPDIR/pipes.py" 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	echo "$output"
	blocks=$(pipe_blocks "$output")
	echo "$blocks"
	# the first print after the pipes opened comes within 1 s: none is 2 s old
	[ "$(printf '%s\n' "$blocks" | sed -n '/^opened$/,$p' | grep -m1 '^block')" = "block 0" ]
	# while held (about 3 s of the 5): each pipe's two allocations, per stack
	printf '%s\n' "$blocks" | sed -n '/^opened$/,/^closed$/p' | grep -qx 'block 200'
	# after the close: gone
	[ "$(printf '%s\n' "$blocks" | sed -n '/^closed$/,$p' | grep '^block' | tail -1)" = "block 0" ]
	# the bytes per stack as --outstanding prints them
	printf '%s\n' "$output" | grep -q '^@bytes\[python3, $'
	printf '%s\n' "$output" | grep -Eq '^    alloc_pipe_info\+[0-9]+$'
	# the raw pointer map is not printed
	run ! grep -q '@__live' <<<"$output"
}

@test "kmallocstack --older -j: the exit dump has the old allocations as JSON maps" {
	require_root
	out="$BATS_TEST_TMPDIR/out"
	cat >"$BATS_TEST_TMPDIR/pipes.py" <<-PY
	import os, time
	while not os.path.exists("$BATS_TEST_TMPDIR/go"):
	    time.sleep(0.05)
	ps = [os.pipe() for _ in range(10)]
	open("$BATS_TEST_TMPDIR/opened", "w").close()
	time.sleep(30)
	PY
	python3 "$BATS_TEST_TMPDIR/pipes.py" &
	py=$!
	"$KS" -j --outstanding --older 1000 --depth 3 -p "$py" >"$out" 2>&1 &
	pid=$!
	for _ in $(seq 100); do
		grep -q attached_probes "$out" && break
		sleep 0.1
	done
	touch "$BATS_TEST_TMPDIR/go"
	for _ in $(seq 50); do
		[ -e "$BATS_TEST_TMPDIR/opened" ] && break
		sleep 0.1
	done
	sleep 1.5
	kill -INT "$pid"
	wait "$pid" || { cat "$out"; kill "$py"; false; }
	kill "$py"
	cat "$out"
	grep -Eq '^\{"type": "map", "data": \{"@allocs": \{.*"python3,\\n    [^"]*alloc_pipe_info\+[0-9]+\\n[^"]*": 10[,}]' "$out"
	grep -Eq '^\{"type": "map", "data": \{"@bytes": \{.*"python3,\\n    [^"]*alloc_pipe_info\+[0-9]+\\n[^"]*": [1-9][0-9]*[,}]' "$out"
	run ! grep -q '@__live' "$out"
}

@test "kmallocstack --older: needs --outstanding, refuses bad values and --folded" {
	run --separate-stderr "$KS" --older 500
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "kmallocstack: --older needs --outstanding" ]
	for v in -1 x 1.5 ""; do
		run --separate-stderr "$KS" --outstanding --older "$v"
		[ "$status" -eq 2 ] || { echo "$v: $status $stderr"; false; }
		[ "$(first_err)" = "kmallocstack: invalid value '$v' for --older" ]
	done
	for args in "--folded" "--svg x.svg" "--metrics-file x.prom"; do
		run --separate-stderr "$KS" --outstanding --older 500 $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
		[[ "$(first_err)" == "kmallocstack: --older cannot be combined with --"* ]]
	done
	run --separate-stderr "$KS" --script --outstanding --older 500
	[ "$status" -eq 0 ]
	[[ "$output" == *'@__live[$p, comm, $k, $sz] = nsecs;'* ]]
	[[ "$output" != *'@allocs[comm, $k] = sum(1);'* ]]
}
