#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Writes OUT (build/gen/sysnr.inc): `{ "NAME", NR },` rows sorted by name
# (strcmp order, for bsearch) from the architecture's <asm/unistd.h>: the
# syscall numbers that let one raw tracepoint (sys_enter / sys_exit) stand in
# for hundreds of syscalls:sys_enter_* tracepoints (engine/probe/sysdisp.c).
#
# usage: gen-sysnr.sh OUT     (CC defaults to gcc)
set -eu
out=$1
cc=${CC:-gcc}
printf '#include <asm/unistd.h>\n' | "$cc" -dM -E -x c - |
	sed -nE 's/^#define __NR_([a-z0-9_]+) ([0-9]+)$/\1 \2/p' |
	LC_ALL=C sort -k1,1 |
	awk '{ printf "{ \"%s\", %s },\n", $1, $2 }' >"$out.tmp"
[ -s "$out.tmp" ] || { echo "gen-sysnr.sh: no __NR_ macros in <asm/unistd.h>" >&2; exit 1; }
mv "$out.tmp" "$out"
