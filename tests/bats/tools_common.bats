#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The shared tool framework (tools/tool.c): options, usage errors, defines.
load helpers

# the nine tools; DURATION_TOOLS take a duration (not interval and count)
# positional and -p (biolat and irqtop have no -p)
TOOLS="openerr oncpu offcpu offwake biolat irqtop sockwatch wqlat kmallocstack"
DURATION_TOOLS="openerr oncpu offcpu offwake"

@test "every tool: --help has EXAMPLES and the common options, exit 0" {
	for t in $TOOLS; do
		run --separate-stderr "$BUILD/$t" --help
		[ "$status" -eq 0 ]
		[[ "$output" == *EXAMPLES:* ]]
		[[ "$output" == *--dry-run* ]]
		[[ "$output" == *--script* ]]
		run --separate-stderr "$BUILD/$t" -h
		[ "$status" -eq 0 ]
		[[ "$output" == *EXAMPLES:* ]]
	done
}

@test "every tool: -V prints NAME (bt) VERSION" {
	for t in $TOOLS; do
		run --separate-stderr "$BUILD/$t" -V
		[ "$status" -eq 0 ]
		[[ "$output" == "$t (bt) "* ]]
	done
}

@test "every tool: --dry-run loads through the verifier" {
	require_root
	for t in $TOOLS; do
		run --separate-stderr "$BUILD/$t" --dry-run
		[ "$status" -eq 0 ] || { echo "$t: $stderr"; false; }
		# loaded, attached nothing, printed nothing (no "Attaching")
		[ "$output" = "" ] || { echo "$t: $output"; false; }
		[ "$stderr" = "" ] || { echo "$t: $stderr"; false; }
	done
}

@test "every duration tool: bad -p exits 2 naming the option" {
	for t in $DURATION_TOOLS; do
		run --separate-stderr "$BUILD/$t" -p abc
		[ "$status" -eq 2 ]
		[ "$(first_err)" = "$t: invalid PID 'abc' for -p" ]
		[[ "$stderr" == *"Try \`$t --help'"* ]]
	done
}

@test "every duration tool: a bad positional exits 2" {
	for t in $DURATION_TOOLS; do
		run --separate-stderr "$BUILD/$t" 0
		[ "$status" -eq 2 ]
		[ "$(first_err)" = "$t: invalid value '0' for duration" ]
		run --separate-stderr "$BUILD/$t" 1 2
		[ "$status" -eq 2 ]
		[ "$(first_err)" = "$t: unexpected argument '2'" ]
	done
}

@test "-p and -c together exit 2" {
	run --separate-stderr "$BUILD/openerr" -p 1 -c true
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "openerr: -p and -c cannot be combined" ]
}

@test "--script shows the typed defines' effect; -n is quoted by the engine" {
	run --separate-stderr "$BUILD/offcpu" --script -p 4242 -n 'a"b' -m 7 --us 3
	[ "$status" -eq 0 ]
	[[ "$output" == *"pid == 4242"* ]]
	[[ "$output" == *'comm == "a\"b"'* ]]
	[[ "$output" == *'$d >= 7 * 1000'* ]]
	[[ "$output" == *'print(@off, 0, 1000)'* ]]
	[[ "$output" == *"elapsed >= 3 * 1000000000"* ]]
}

@test "a tool without --kprobe in its table rejects it" {
	run --separate-stderr "$BUILD/oncpu" --kprobe
	[ "$status" -eq 2 ]
	[[ "$(first_err)" == *"oncpu: unrecognized option '--kprobe'" ]]
	[ "$output" = "" ]
}

@test "--svg with --dry-run writes no file (flame.bats tests --svg)" {
	require_root
	run --separate-stderr "$BUILD/oncpu" --svg "$BATS_TEST_TMPDIR/x.svg" --dry-run
	[ "$status" -eq 0 ]
	[ ! -e "$BATS_TEST_TMPDIR/x.svg" ]
}

@test "-j with --folded exits 2" {
	run --separate-stderr "$BUILD/oncpu" -j --folded
	[ "$status" -eq 2 ]
	[ "$(first_err)" = "oncpu: -j cannot be combined with --folded or --svg" ]
	[ "$output" = "" ]
}
