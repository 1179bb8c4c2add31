#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

OPENERR="$BUILD/openerr"

@test "openerr -c 'cat /proc/1/mapss' prints the failed open" {
	require_root
	export LC_ALL=C # no locale files opened (and failing) by cat
	run --separate-stderr "$OPENERR" -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	# opensnoop -x's columns, errno names by default
	[ "${lines[1]}" = "PID     COMM             ERR     PATH" ]
	[[ "${lines[2]}" =~ ^[0-9]+\ +cat\ {14}ENOENT\ \ /proc/1/mapss$ ]]
	pid=${lines[2]%% *}
	[ "$pid" -gt 1 ]
}

@test "openerr --errno-numbers prints 2; -x is accepted (failed only, the default)" {
	require_root
	export LC_ALL=C
	run --separate-stderr "$OPENERR" --errno-numbers -x -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" =~ ^[0-9]+\ +cat\ {14}2\ {7}/proc/1/mapss$ ]]
	run --separate-stderr "$OPENERR" -x -a
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: -a cannot be combined with -x (failed opens only)" ]
}

@test "openerr: no header with -j or -s; -T adds a TIME column" {
	require_root
	export LC_ALL=C
	run --separate-stderr "$OPENERR" -j -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" != *"PATH"* ]]
	[[ "$output" =~ \{\"type\":\ \"printf\",\ \"data\":\ \"[0-9]+\ +cat\ +ENOENT\ \ /proc/1/mapss\\n\"\} ]]
	run --separate-stderr "$OPENERR" -T -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "TIME     PID     COMM             ERR     PATH" ]
	[[ "${lines[2]}" =~ ^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]\ [0-9]+\ +cat\ +ENOENT\ \ /proc/1/mapss$ ]]
}

@test "openerr -e filters" {
	require_root
	export LC_ALL=C
	run --separate-stderr "$OPENERR" -e ENOENT -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" =~ ^[0-9]+\ +cat\ +ENOENT\ \ /proc/1/mapss$ ]]
	run --separate-stderr "$OPENERR" -e EACCES -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" != *"/proc/1/mapss"* ]]
}

@test "openerr -a shows successes with the fd" {
	require_root
	export LC_ALL=C
	run --separate-stderr "$OPENERR" -a -c 'cat /etc/hostname /nonexistent-openerr'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "PID     COMM               FD ERR     PATH" ]
	printf '%s\n' "$output" | grep -Eqx '[0-9]+ +cat {14} {1,3}[0-9]{1,3} 0 {7}/etc/hostname'
	printf '%s\n' "$output" | grep -Eqx '[0-9]+ +cat {16}-1 ENOENT  /nonexistent-openerr'
}

@test "openerr -s counts by errno and path" {
	require_root
	run --separate-stderr "$OPENERR" -s -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@errs[ENOENT, /proc/1/mapss]: 1"* ]]
	[[ "$output" != *"PATH"* ]]
	[[ "$output" != *" cat "* ]]
	run --separate-stderr "$OPENERR" -s --errno-numbers -c 'cat /proc/1/mapss'
	[ "$status" -eq 0 ]
	[[ "$output" == *"@errs[2, /proc/1/mapss]: 1"* ]]
	run --separate-stderr "$OPENERR" -s -T
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: -T means nothing with -s: the counts print once, at exit" ]
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
	[ "${lines[0]}" = "Attaching 9 probes..." ]
	[ "${lines[1]}" = "PID     COMM             ERR     PATH" ]
	grep -Eqx "[0-9]+ +cat +ENOENT +/nonexistent/openerr-$$" <<<"$output"
}
