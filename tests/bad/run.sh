#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The bad-input corpus: runs every case (or those named) and prints
# "ok NAME" or "FAIL NAME: why", then "bad: N passed, N failed".
#
# A case NAME is
#   NAME.bt    the script (or NAME.gen, a sh script printing it: big or binary inputs)
#   NAME.args  optional: bt's arguments, one a line (default: --dry-run NAME.bt)
#   NAME.err   the exact first line bt must print on stderr
# bt runs in this directory (in a scratch directory for NAME.gen), stdin
# /dev/null, under a timeout. It must exit 1: not 0, not a signal, not the timeout.
#
#   tests/bad/run.sh [--record] BT [NAME...]
# --record writes NAME.err from what bt prints (review every line before keeping it).
record=0
if [ "$1" = --record ]; then
	record=1
	shift
fi
bt=${1:?usage: run.sh [--record] BT [NAME...]}
shift
case $bt in /*) ;; *) bt=$(cd "$(dirname "$bt")" && pwd)/$(basename "$bt") ;; esac
cd "$(dirname "$0")" || exit 1
here=$(pwd)
limit=${BAD_TIMEOUT:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -eq 0 ]; then
	set -- $(ls | sed -n 's/\.\(bt\|gen\|args\)$//p' | sort -u)
fi
pass=0
fail=0
for name in "$@"; do
	dir=$here
	if [ -f "$name.gen" ]; then
		dir=$tmp
		sh "$name.gen" > "$tmp/$name.bt"
	fi
	if [ -f "$name.args" ]; then
		# one argument a line; an empty line is an empty argument
		set -- 
		while IFS= read -r line; do set -- "$@" "$line"; done < "$name.args"
	else
		set -- --dry-run "$name.bt"
	fi
	(cd "$dir" && exec timeout -k 5 "$limit" "$bt" "$@") </dev/null >/dev/null 2>"$tmp/stderr"
	rc=$?
	got=$(head -n 1 "$tmp/stderr")
	if [ $record -eq 1 ]; then
		printf '%s\n' "$got" > "$name.err"
	fi
	want=$(head -n 1 "$name.err" 2>/dev/null)
	why=
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		why="hung (killed after ${limit}s)"
	elif [ $rc -gt 128 ]; then
		why="killed by signal $((rc - 128))"
	elif [ $rc -ne 1 ]; then
		why="exit status $rc, expected 1"
	elif [ ! -f "$name.err" ]; then
		why="no $name.err"
	elif [ "$got" != "$want" ]; then
		why="first stderr line
	want: $want
	got:  $got"
	fi
	if [ -n "$why" ]; then
		echo "FAIL $name: $why"
		fail=$((fail + 1))
	else
		echo "ok $name"
		pass=$((pass + 1))
	fi
	rm -f "$tmp/$name.bt"
done
echo "bad: $pass passed, $fail failed"
[ $fail -eq 0 ]
