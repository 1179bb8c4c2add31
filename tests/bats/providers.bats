#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Attach points as provider rows: one probe listing attach points of several
# providers (BEGIN,END; tracepoint with interval or software; uprobe with
# uretprobe), positional parameters in attach points, the kretprobes bpftrace
# bans, and bpftrace's providers bt lacks.
# Expected output is bpftrace 0.17's unless the test name says "(bt, ...)".
load helpers

setup_file() {
	command -v gcc > /dev/null || return 0
	gcc -g -O0 -no-pie -o "$BATS_FILE_TMPDIR/t_nopie" "$BATS_TEST_DIRNAME/uprobe/target.c"
	# three writes to g, alone on its page
	printf '%s\n' 'volatile long g __attribute__((aligned(4096)));' \
		'int main(void) { for (int i = 0; i < 3; i++) g = i; return g == 7; }' |
		gcc -O0 -no-pie -x c -o "$BATS_FILE_TMPDIR/w3" -
}

setup() { require_root; }

@test "BEGIN,END in one probe: two programs, each its own probe name (bt, bpftrace 0.17 fails to generate code)" {
	run --separate-stderr timeout 30 "$BT" -e 'BEGIN,END { @[probe] = count(); printf("%s\n", probe); } BEGIN { exit(); }'
	[ "$status" -eq 0 ]
	[ "${output%$'\n\n\n'*}" = $'Attaching 3 probes...\nBEGIN\nEND' ]
	# equal counts: the two keys in either order
	maps=$(sed -n '6,$p' <<< "$output" | sort | tr '\n' ' ')
	[ "$maps" = '@[BEGIN]: 1 @[END]: 1 ' ]
}

@test "tracepoint and interval attach points in one probe" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.5' -e 'tracepoint:syscalls:sys_enter_clock_nanosleep, interval:ms:100 { @[probe, pid == cpid] = count(); }'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'Attaching 2 probes...' ]
	[ "$(grep -c '^@\[tracepoint:syscalls:sys_enter_clock_nanosleep, 1\]: 1$' <<< "$output")" -eq 1 ]
	# the interval fires on its own clock: ~5 times in 0.5 s
	n=$(sed -nE 's/^@\[interval:ms:100, [01]\]: ([0-9]+)$/\1/p' <<< "$output" | awk '{s += $1} END {print s + 0}')
	[ "$n" -ge 2 ]
	[ "$n" -le 9 ]
}

@test "tracepoint and software attach points in one probe (bt, bpftrace 0.17 fails to generate code)" {
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.3' -e 'tracepoint:syscalls:sys_enter_clock_nanosleep, software:cpu-clock:1000000 { @[probe, pid == cpid] = count(); }'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'Attaching 2 probes...' ]
	grep -qxE '@\[tracepoint:syscalls:sys_enter_clock_nanosleep, 1\]: 1' <<< "$output"
	grep -qE '^@\[software:cpu-clock:1000000, [01]\]: [0-9]+$' <<< "$output"
}

@test "uprobe and uretprobe attach points in one probe, binary from a positional parameter" {
	[ -x "$BATS_FILE_TMPDIR/t_nopie" ] || skip "gcc is needed to build the uprobe target"
	N="$BATS_FILE_TMPDIR/t_nopie"
	run --separate-stderr timeout 30 "$BT" -e 'uprobe:$1:leaf_func, uretprobe:$1:main { @[probe] = count(); }' "$N" -c "$N 3"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 2 probes...


@[uretprobe:$N:main]: 1
@[uprobe:$N:leaf_func]: 3" ]
}

@test "positional parameters in interval and tracepoint attach points" {
	run --separate-stderr timeout 30 "$BT" -e 'interval:ms:$1 { printf("%s\n", probe); exit(); }' 100
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ninterval:ms:100' ]
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e 'tracepoint:$1:$2 /pid == cpid/ { printf("%s\n", probe); }' syscalls sys_enter_clock_nanosleep
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ntracepoint:syscalls:sys_enter_clock_nanosleep' ]
	# inside a part, as bpftrace substitutes them
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/sleep 0.1' -e 'tracepoint:syscalls:sys_enter_$1 /pid == cpid/ { printf("%s\n", probe); }' clock_nanosleep
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\ntracepoint:syscalls:sys_enter_clock_nanosleep' ]
	# one not given is empty
	run --separate-stderr timeout 30 "$BT" -e 'interval:s:$3 { exit(); }' x 1
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:1: error: interval:s:$3: expected interval:UNIT:N with UNIT one of s, ms, us and N > 0' ]
}

@test "a builtin that one of the providers lacks is a located error in a mixed probe (bt)" {
	run --separate-stderr timeout 30 "$BT" --dry-run -e 'tracepoint:syscalls:sys_enter_openat, interval:s:1 { printf("%d\n", args->dfd); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:69: error: 'args' is only available in tracepoint, rawtracepoint and kfunc probes" ]
}

@test "tracepoint and kprobe attach points in one probe (sockstat.bt)" {
	prog='tracepoint:syscalls:sys_enter_bind, kprobe:sock_recvmsg { @[probe] = count(); }'
	if ! have_kprobes; then
		run --separate-stderr timeout 30 "$BT" --dry-run -e "$prog"
		[ "$status" -eq 1 ]
		[ "$(first_err)" = 'stdin:1:37: error: kprobe:sock_recvmsg: this kernel has no kprobes (CONFIG_KPROBES)' ]
		return
	fi
	run --separate-stderr timeout 30 "$BT" -c '/usr/bin/python3 -c "import socket; s = socket.socket(); s.bind((\"127.0.0.1\", 0))"' -e "${prog%\{*}/pid == cpid/ { @[probe] = count(); }"
	[ "$status" -eq 0 ]
	grep -qx '@\[tracepoint:syscalls:sys_enter_bind\]: 1' <<< "$output"
}

@test "kretprobes on the spin-lock functions bpftrace bans are refused" {
	for f in _raw_spin_lock _raw_spin_lock_irqsave _raw_spin_unlock_irqrestore queued_spin_lock_slowpath; do
		run --separate-stderr timeout 30 "$BT" -e "kretprobe:$f { exit(); }"
		[ "$status" -eq 1 ]
		[ "$(first_err)" = "stdin:1:1: error: kretprobe:$f: a kretprobe on $f can't be used as it might lock up your system" ]
	done
	run --separate-stderr timeout 30 "$BT" -e 'kr:_raw_spin_lock { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: kr:_raw_spin_lock: a kretprobe on _raw_spin_lock can't be used as it might lock up your system" ]
}

@test "a kprobe on a banned kretprobe function is not refused for that reason" {
	run --separate-stderr timeout 30 "$BT" --dry-run -e 'kprobe:_raw_spin_lock { exit(); }'
	err=$stderr
	[ -n "$err" ] || have_kprobes
	run grep -c 'lock up' <<< "$err"
	[ "$output" = 0 ]
}

@test "watchpoint:ADDR:LEN:w counts the writes of the -c command" {
	[ -x "$BATS_FILE_TMPDIR/w3" ] || skip "gcc is needed to build the watchpoint target"
	W="$BATS_FILE_TMPDIR/w3"
	addr=0x$(nm "$W" | awk '$3 == "g" { print $1 }')
	run --separate-stderr timeout 30 "$BT" -e "watchpoint:$addr:8:w { printf(\"%s\n\", comm); @ = count(); }" -c "$W"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\nw3\nw3\nw3\n\n\n@: 3' ]
	# the w: alias and the probe's name (bpftrace 0.17 fails to generate code for probe here)
	run --separate-stderr timeout 30 "$BT" -e "w:$addr:8:rw { @[probe] = count(); }" -c "$W"
	[ "$status" -eq 0 ]
	[ "$output" = "Attaching 1 probe...


@[watchpoint:$addr:8:rw]: 4" ]
}

@test "watchpoint on an address nothing writes: attached, no events" {
	run --separate-stderr timeout 30 "$BT" -e 'watchpoint:0x10000000:8:w { printf("hit\n"); }' -c /bin/true
	[ "$status" -eq 0 ]
	[ "$output" = 'Attaching 1 probe...' ]
}

@test "bad watchpoints and asyncwatchpoint on an address are located errors (bt)" {
	for c in '3:w|watchpoint length must be one of 1, 2, 4 or 8' \
		'8:q|watchpoint mode must be a combination of r, w and x' \
		'8:ww|watchpoint modes may not be duplicated' \
		"8:r|invalid watchpoint mode 'r' (use w, rw or x)"; do
		run --separate-stderr timeout 30 "$BT" -e "watchpoint:0x1000:${c%%|*} { exit(); }"
		[ "$status" -eq 1 ]
		[ "$(first_err)" = "stdin:1:1: error: watchpoint:0x1000:${c%%|*}: ${c#*|}" ]
	done
	run --separate-stderr timeout 30 "$BT" -e 'asyncwatchpoint:0x1000:8:w { exit(); }'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = 'stdin:1:1: error: asyncwatchpoint:0x1000:8:w: asyncwatchpoint needs a function (asyncwatchpoint:FUNCTION+argN:LENGTH:MODE)' ]
}
