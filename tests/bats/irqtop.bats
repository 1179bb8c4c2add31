#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# irqtop: top IRQs by CPU, number and name every interval (seed irq.bt).
load helpers

IT="$BUILD/irqtop"

# direct IO in the background (disk interrupts) until the file $1 is gone
io_load() {
	while [ -e "$1" ]; do
		dd if=/dev/zero of="$1.dat" bs=4k count=50 oflag=direct 2>/dev/null
	done
	rm -f "$1.dat"
}

run_with_io() {
	flag="$BATS_TEST_TMPDIR/io"
	touch "$flag"
	io_load "$flag" &
	# (2-4 s of work; the margin is for a loaded machine)
	run --separate-stderr timeout 30 "$IT" "$@"
	rm -f "$flag"
	wait
	echo "$output"
}

@test "irqtop: two timestamped top-5 blocks in 4 s with names from /proc/interrupts" {
	require_root
	run_with_io 2 2
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	[ "$(printf '%s\n' "$output" | grep -Ec '^[0-9]{2}:[0-9]{2}:[0-9]{2}$')" -eq 2 ]
	# at most 5 entries a block
	[ "$(printf '%s\n' "$output" | sed '/^$/q' | awk '/^[0-9][0-9]:/ { n = 0 } /^@irq\[/ { n++; if (n > m) m = n } END { print m }')" -le 5 ]
	found=0
	while read -r name; do
		grep -qw -- "$name" /proc/interrupts && found=1
	done < <(printf '%s\n' "$output" | sed -n 's/^@irq\[[0-9]*, [0-9]*, \(.*\)\]: [0-9]*$/\1/p')
	[ "$found" -eq 1 ]
}

@test "irqtop: --top 1 --all-cpus prints one @irq[irq, name] a block; --softirq adds softirqs" {
	require_root
	run_with_io --top 1 -C --all-cpus --softirq -R 1 2
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	# the blocks, before the exit's map dump (an empty line, then stragglers)
	blocks=$(printf '%s\n' "$output" | sed '/^$/q')
	[ "$(printf '%s\n' "$blocks" | grep -Ec '^@irq\[[0-9]+, [^,]+\]: [0-9]+$')" -eq 2 ]
	printf '%s\n' "$output" | grep -Eq '^@softirq\[(hi|timer|net_tx|net_rx|block|irq_poll|tasklet|sched|hrtimer|rcu)\]: [0-9]+$'
}

@test "irqtop: --dry-run loads; --kprobe fails with the engine's reason" {
	require_root
	run --separate-stderr "$IT" --dry-run --softirq -C --all-cpus -R --top 3 1 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	run --separate-stderr "$IT" --dry-run --softirq --all-cpus --ms 1 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	if ! have_kprobes; then
		run --separate-stderr "$IT" --kprobe -C
		[ "$status" -eq 1 ]
		[[ "$(first_err)" == "irqtop.bt:"*"error: kprobe:handle_irq_event: "* ]]
	fi
}

@test "irqtop: bad options exit 2" {
	# ARGS|the end of the first stderr line (argp puts the path before its own)
	while IFS="|" read -r args msg; do
		run --separate-stderr "$IT" $args
		[ "$status" -eq 2 ] || { echo "$args: $status $stderr"; false; }
		[[ "$(first_err)" == *"$msg" ]] || { echo "$args: $stderr"; false; }
		[[ "$stderr" == *"Try \`irqtop --help'"* ]]
	done <<'EOF'
--top 0|irqtop: invalid value '0' for --top
--top x|irqtop: invalid value 'x' for --top
-p 1|irqtop: -p means nothing for irqtop: its events belong to no process
0|irqtop: invalid value '0' for interval
1 2 3|irqtop: unexpected argument '3'
--bogus|irqtop: unrecognized option '--bogus'
EOF
	run --separate-stderr "$IT" --top 0
	[ "$(first_err)" = "irqtop: invalid value '0' for --top" ]
}

# the total count of each numbered IRQ in /proc/interrupts, as "IRQ COUNT"
irq_counts() {
	awk 'NR == 1 { ncpu = NF; next } $1 ~ /^[0-9]+:$/ { s = 0; for (i = 2; i <= ncpu + 1; i++) s += $i; print substr($1, 1, length($1) - 1), s }' /proc/interrupts
}

teardown() {
	if [ -n "${pid:-}" ]; then kill "$pid" 2>/dev/null || true; fi
}

# one measurement: A before irqtop attaches, B after; disk interrupts; C
# before its one print (at 8 s), D after it exits: its count of an IRQ lies
# in [C - B, D - A]. Returns 2 when C came after the print (attaching took
# most of the interval: the machine is busy), to be run again.
measure() {
	irq_counts >"$BATS_TEST_TMPDIR/a"
	"$IT" -C --all-cpus --top 100 8 1 >"$out" 2>&1 3>&- &
	pid=$!
	# irq_handler_entry and interval:s:1, each a perf event and a link
	wait_probe_fds "$pid" 4
	irq_counts >"$BATS_TEST_TMPDIR/b"
	# disk interrupts for one to two seconds
	end=$((SECONDS + 1))
	while [ "$SECONDS" -le "$end" ]; do
		dd if=/dev/zero of="$DIR/irqtop.dat" bs=4k count=50 oflag=direct 2>/dev/null
	done
	rm -f "$DIR/irqtop.dat"
	irq_counts >"$BATS_TEST_TMPDIR/c"
	late=0
	grep -Eq '^[0-9]{2}:[0-9]{2}:[0-9]{2}$' "$out" && late=1
	wait "$pid"
	pid=
	irq_counts >"$BATS_TEST_TMPDIR/d"
	cat "$out"
	[ "$late" -eq 0 ] || return 2
}

@test "irqtop agrees with /proc/interrupts deltas for the busiest IRQ" {
	require_root
	find_disk
	out="$BATS_TEST_TMPDIR/out"
	for try in 1 2 3; do
		rc=0
		measure || rc=$?
		[ "$rc" -eq 2 ] || break
		echo "try $try: the print came before C"
	done
	[ "$rc" -eq 0 ]
	# the busiest IRQ between B and C: the disk's
	read -r irq lo < <(join "$BATS_TEST_TMPDIR/b" "$BATS_TEST_TMPDIR/c" | awk '{ print $1, $3 - $2 }' | sort -k2,2nr | head -n 1)
	hi=$(join "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/d" | awk -v i="$irq" '$1 == i { print $3 - $2 }')
	n=$(sed -n "s/^@irq\[$irq, [^]]*\]: \([0-9]*\)$/\1/p" "$out")
	echo "IRQ $irq: irqtop $n, /proc/interrupts between $lo and $hi"
	[ "$lo" -ge 100 ]
	# the kernel counts an IRQ before its handler's tracepoint (a spurious
	# one has no handler): allow 1 % below the lower bound, none above
	[ "$n" -ge $((lo - lo / 100)) ]
	[ "$n" -le "$hi" ]
}

@test "irqtop times handlers by default: ns per interrupt from entry/exit, -C counts" {
	require_root
	run_with_io --ns --all-cpus --softirq 2 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	ns=$(printf '%s\n' "$output" | sed '/^$/q' | sed -n 's/^@irq\[[0-9]*, [^]]*\]: \([0-9]*\)$/\1/p' | sort -n | tail -1)
	run_with_io -C --all-cpus 2 1
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	n=$(printf '%s\n' "$output" | sed '/^$/q' | sed -n 's/^@irq\[[0-9]*, [^]]*\]: \([0-9]*\)$/\1/p' | sort -n | tail -1)
	echo "busiest irq: $ns ns in 2 s; busiest count: $n"
	# a handler runs for hundreds of ns at least: the time is no count
	[ "$ns" -gt $((n * 100)) ]
	run --separate-stderr "$IT" --script
	[[ "$output" == *"@irq[cpu, \$irq, \$name] = sum(nsecs - @__start[cpu]);"* ]]
	[[ "$output" == *"print(@irq, 5, 1000);"* ]]
}

@test "irqtop --cpu N keeps that CPU's interrupts; -T, -s and --kprobe without -C are refused" {
	require_root
	run_with_io --cpu 0 --softirq 1 2
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	# every block (an empty map prints an empty line; END clears the maps)
	blocks=$output
	printf '%s\n' "$blocks" | grep -Eq '^@(irq|softirq)\[0, '
	[ -z "$(printf '%s\n' "$blocks" | grep -E '^@(irq|softirq)\[' | grep -Ev '^@(irq|softirq)\[0, ')" ]
	run --separate-stderr "$IT" -T
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "irqtop: -T means nothing for irqtop: it prints the time every interval" ]
	run --separate-stderr "$IT" -s
	[ "$status" -eq 2 ]
	run --separate-stderr "$IT" --kprobe
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "irqtop: --kprobe and --kfunc count only: add -C (handler times need the irq tracepoints)" ]
	run --separate-stderr "$IT" -C --kprobe --cpu 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "irqtop: --cpu is not implemented with --kprobe in irqtop" ]
}
