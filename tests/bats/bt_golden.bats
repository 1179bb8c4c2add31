#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# End to end: every script that produced a golden file with bpftrace 0.17
# (tests/golden/gen.sh) runs through bt, and stdout must match byte for byte.
load helpers

setup_file() {
	export OUT="$BATS_FILE_TMPDIR/out"
	mkdir -p "$OUT"
	[ "$(id -u)" -eq 0 ] || return 0
	# gen.sh's run() with bt instead of bpftrace; it also writes bt's exit
	# status to FILE.rc, which only this run() does: if the pattern stops
	# matching, gen.sh runs bpftrace and every test fails for want of it
	sed -e "s|^run() {.*|run() { out=\$1; shift; \"$BT\" \"\$@\" 2>\"$OUT/\$out.err\" > \"$OUT/\$out\"; echo \$? > \"$OUT/\$out.rc\"; }|" \
		"$ROOT/tests/golden/gen.sh" > "$OUT/gen.sh"
	sh "$OUT/gen.sh"
}

golden() {
	require_root
	[ -f "$OUT/$1.rc" ] || { echo "bt did not run for $1 (gen.sh's run() no longer matches the sed pattern)"; false; }
	run diff -u "$ROOT/tests/golden/$1" "$OUT/$1"
	[ "$status" -eq 0 ] || { echo "$output"; cat "$OUT/$1.err"; false; }
	# every golden script ends in exit(), and bpftrace 0.17 exits 0 on each
	[ "$(cat "$OUT/$1.rc")" -eq 0 ] || { cat "$OUT/$1.err"; false; }
}

@test "golden: hist buckets, labels and bars" { golden hist.txt; }
@test "golden: lhist buckets incl. below min / above max" { golden lhist.txt; }
@test "golden: stats and avg" { golden stats.txt; }
@test "golden: count, sum, min, max ordering" { golden count.txt; }
@test "golden: strings, tuples, int values and key ordering" { golden values.txt; }
@test "golden: print() with top and div" { golden print.txt; }
@test "golden: printf conversions" { golden printf.txt; }
@test "golden: -f json for every output type" { golden json.txt; }
