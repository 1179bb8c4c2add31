#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# -k and -kk: failed helper calls are reported as bpftrace 0.17 reports them
# (a located warning; {"type": "helper_error", ...} with -f json). -k checks
# map updates and deletes, -kk also map reads and probe reads.
load helpers

# bpftrace 0.17 writes its text warnings (and their source line and caret) to
# stdout, bt to stderr in its own format (bt-language(7)): same_as_bpftrace
# drops them from bpftrace's stdout
no_warnings() {
	awk '/^stdin:[0-9-:]*: WARNING: Failed to / { skip = 2; next } skip > 0 { skip--; next } { print }'
}
bpftrace_filter=no_warnings

@test "-k: a failed map delete on a real event" {
	require_root
	prog='tracepoint:syscalls:sys_enter_openat /pid == cpid/ { @x[1] = 1; delete(@x[2]); exit(); }'
	run --separate-stderr "$BT" -k -c '/usr/bin/cat /dev/null' -e "$prog"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@x[1]: 1' ]
	[ "$stderr" = "stdin:1:72: warning: Failed to map_delete_elem: No such file or directory (-2)
$prog
$(printf '%71s')^~" ]
	same_as_bpftrace -k -c '/usr/bin/cat /dev/null' -e "$prog"
	# without -k: nothing on stderr
	run --separate-stderr "$BT" -c '/usr/bin/cat /dev/null' -e "$prog"
	[ "$stderr" = "" ]
}

@test "-k: a map update refused by a full map" {
	require_root
	BPFTRACE_MAP_KEYS_MAX=1 run --separate-stderr "$BT" -k -e 'BEGIN { @x[1] = 1; @x[2] = 2; exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n\n\n@x[1]: 1' ]
	[ "$(first_err)" = "stdin:1:20: warning: Failed to map_update_elem: Argument list too long (-7)" ]
}

@test "-kk: probe reads and map reads; -k leaves them out" {
	require_root
	prog='BEGIN { $x = *(uint64*)0; $s = str(0); @x[1] = 1; $y = @x[2]; printf("%d %d\n", $x, $y); exit(); }'
	run --separate-stderr "$BT" -kk -e "$prog"
	[ "$status" -eq 0 ]
	[ "$output" = $'Attaching 1 probe...\n0 0\n\n\n@x[1]: 1' ]
	same_as_bpftrace -kk -e "$prog"
	[ "$(grep -c warning <<<"$stderr")" -eq 3 ]
	grep -qx 'stdin:1:14: warning: Failed to probe_read: Bad address (-14)' <<<"$stderr"
	grep -qx 'stdin:1:32: warning: Failed to probe_read_str: Bad address (-14)' <<<"$stderr"
	grep -qx 'stdin:1:56: warning: Failed to map_lookup_elem: 0' <<<"$stderr"
	run --separate-stderr "$BT" -k -e "$prog"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
}

@test "-kk -f json: helper_error records on stdout, as bpftrace" {
	require_root
	prog='BEGIN { $x = *(uint64*)0; exit(); }'
	run --separate-stderr "$BT" -kk -f json -e "$prog"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = '{"type": "helper_error", "helper": "probe_read", "retcode": -14, "line": 1, "col": 14}' ]
	same_as_bpftrace -kk -f json -e "$prog"
}
