#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

OPENERR="$BUILD/openerr"

@test "openerr -c 'cat /proc/1/mapss' prints the failed open" {
	require_root
	run --separate-stderr "$OPENERR" -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" == *"cat open /proc/1/mapss err -2"* ]]
}

@test "openerr -x prints errno names; -e filters" {
	require_root
	run --separate-stderr "$OPENERR" -x -e ENOENT -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" == *"cat open /proc/1/mapss err ENOENT"* ]]
	run --separate-stderr "$OPENERR" -e EACCES -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" != *"/proc/1/mapss"* ]]
}

@test "openerr -a shows successes with the fd" {
	require_root
	run --separate-stderr "$OPENERR" -a -c 'cat /etc/hostname'
	[ "$status" -eq 0 ]
	[[ "$output" =~ "cat open /etc/hostname fd "[0-9]+ ]]
}

@test "openerr -s counts by errno and path" {
	require_root
	run --separate-stderr "$OPENERR" -s -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@errs[2, /proc/1/mapss]: 1"* ]]
	[[ "$output" != *"cat open"* ]]
}

@test "openerr -e with a number; bad errno exits 2" {
	run --separate-stderr "$OPENERR" --script -e 13
	[ "$status" -eq 0 ]
	[[ "$output" == *'$ret == -13'* ]]
	run --separate-stderr "$OPENERR" -e ENOTANERRNO
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: invalid errno 'ENOTANERRNO' for -e" ]
	[[ "$stderr" == *"Try \`openerr --help'"* ]]
}

@test "openerr --kprobe fails with one located line, exit 1" {
	require_root
	have_kprobes && skip "this kernel has kprobes"
	run --separate-stderr "$OPENERR" --kprobe --dry-run
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"kprobe:do_sys_openat2: this kernel has no kprobes"* ]]
}

@test "openerr duration ends the trace" {
	require_root
	# a failed open within the second traced
	(sleep 0.5; cat "/nonexistent/openerr-$$" 2>/dev/null) &
	start=$SECONDS
	run --separate-stderr timeout 10 "$OPENERR" 1
	wait
	[ "$status" -eq 0 ]
	# ended by the duration, not by timeout's 10 s
	[ $((SECONDS - start)) -le 5 ]
	[ "${lines[0]}" = "Attaching 8 probes..." ]
	grep -qx "cat open /nonexistent/openerr-$$ err -2" <<<"$output"
}
