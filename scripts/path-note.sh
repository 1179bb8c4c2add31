#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# path-note.sh BINDIR NAME...: after `make install` (without DESTDIR), one
# note for each NAME that PATH also finds outside BINDIR (util-linux has an
# irqtop(1), for instance), saying which of the two the shell runs first.
# Prints nothing when there is no clash; never fails the install.
bindir=$1
shift
dir_id() { (cd "$1" 2>/dev/null && pwd -P); }
mine=$(dir_id "$bindir")
for name in "$@"; do
	first="" other="" found_mine="" seen=" "
	oldifs=$IFS
	IFS=:
	for d in $PATH; do
		IFS=$oldifs
		[ -n "$d" ] || d=.
		id=$(dir_id "$d") || continue
		case "$seen" in *" $id "*) continue ;; esac
		seen="$seen$id "
		[ -f "$d/$name" ] && [ -x "$d/$name" ] || continue
		[ -n "$first" ] || first=$id
		if [ "$id" = "$mine" ]; then found_mine=1
		elif [ -z "$other" ]; then other="$d/$name"; fi
	done
	IFS=$oldifs
	[ -n "$other" ] || continue
	if [ "$first" = "$mine" ]; then
		echo "note: $name: $bindir/$name (bt) comes first in PATH; $other is another program of the same name"
	elif [ -n "$found_mine" ]; then
		echo "note: $name: $other comes first in PATH, before $bindir/$name (bt); run bt's as $bindir/$name"
	else
		echo "note: $name: PATH finds $other, another program; bt's is $bindir/$name (not in PATH)"
	fi
done
exit 0
