#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
load helpers

ONCPU="$BUILD/oncpu"
DD="dd if=/dev/zero of=/dev/null bs=1M count=3000"

@test "oncpu -F 9999 -c dd shows read_zero stacks" {
	require_root
	run --separate-stderr "$ONCPU" -F 9999 -c "$DD"
	[ "$status" -eq 0 ]
	[[ "$output" == *"@["* ]]
	[[ "$output" =~ (read_zero|read_iter_zero|iov_iter_zero)\+[0-9]+ ]]
}

@test "oncpu --folded prints comm;root;...;leaf N lines" {
	require_root
	run --separate-stderr "$ONCPU" -F 9999 --folded -K -c "$DD"
	[ "$status" -eq 0 ]
	[[ "$output" != *"@["* ]]
	[[ "$output" != *"Attaching"* ]]
	echo "$output" | grep -Eq '^dd;entry_SYSCALL_64_after_hwframe;do_syscall_64;.*;vfs_read;(read_zero|read_iter_zero)(;[^ ;+]+)* [0-9]+$'
}

@test "oncpu -F 0 and -F garbage exit 2" {
	run --separate-stderr "$ONCPU" -F 0
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "oncpu: invalid value '0' for -F" ]
	run --separate-stderr "$ONCPU" -F abc
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "oncpu: invalid value 'abc' for -F" ]
}

@test "oncpu --script: -F, -U and --depth reach the script" {
	run --separate-stderr "$ONCPU" --script -F 999 -U --depth 5
	[ "$status" -eq 0 ]
	[[ "$output" == *"profile:hz:999"* ]]
	[[ "$output" == *"@[ustack(5)] = count();"* ]]
}

@test "oncpu -U records user stacks" {
	require_root
	run --separate-stderr "$ONCPU" -F 999 -U -c "$DD"
	[ "$status" -eq 0 ]
	# a stack key of user addresses (below 0x800000000000: 12 hex digits at
	# most), one a line, and no kernel frames
	grep -Eqx '    0x[0-9a-f]{1,12}' <<<"$output"
	[ "$(grep -c '^@\[$' <<<"$output")" -ge 1 ]
	grep -Eq '^\]: [1-9][0-9]*$' <<<"$output"
	run ! grep -Eq '^    (0x)?ffff|^    [a-z_]+\+[0-9]+$' <<<"$output"
}

@test "oncpu: kernel and user stacks by default (-f: user;--;kernel), -K/-U alone, not both" {
	require_root
	run --separate-stderr "$ONCPU" -F 9999 -f -c "$DD"
	[ "$status" -eq 0 ]
	echo "$output" | grep -Eq '^dd;[^ ]+;--;entry_SYSCALL_64_after_hwframe;do_syscall_64;.*;vfs_read;(read_zero|read_iter_zero)(;[^ ;+]+)* [0-9]+$'
	run --separate-stderr "$ONCPU" --script
	[[ "$output" == *"@[kstack(127), ustack(127), comm] = count();"* ]]
	run --separate-stderr "$ONCPU" -K --script
	[[ "$output" == *"@[kstack(127)] = count();"* ]]
	run --separate-stderr "$ONCPU" -K -U
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "oncpu: -K and -U cannot be combined (the default is both)" ]
}

@test "oncpu -T: refused, oncpu prints once" {
	run --separate-stderr "$ONCPU" -T
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "oncpu: -T means nothing for oncpu: it prints once, at exit" ]
}
