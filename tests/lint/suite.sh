#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check's lint suite: tests/lint/bats-shapes.py over tests/bats/*.bats
# (assertions that cannot fail under bats), after checking that it still
# finds both shapes in a sample; and gen.py --check over the generated
# tests/bats/lang_*.bats. Two checks; ends in
# "lint: N passed, N failed, N skipped".
cd "$(dirname "$0")/../.." || exit 1
sample=$(mktemp --suffix=.bats)
trap 'rm -f "$sample"' EXIT
printf '%s\n' '@test "x" {' '	! grep -q a b' '	[ 1 -eq 1 ] && [ 2 -eq 2 ]' \
	'	[ -e x ] && skip "ok: control flow"' '	run ! grep -q a b' '}' >"$sample"
fail=0
if [ "$(python3 tests/lint/bats-shapes.py "$sample" | wc -l)" -ne 2 ]; then
	echo "lint: bats-shapes.py does not find the two shapes in its sample"
	fail=1
fi
python3 tests/lint/bats-shapes.py tests/bats/*.bats || fail=1
# the generated lang_*.bats hold their cases and hand-written tests, no more
lfail=0
for c in tests/bats/lang/cases/*.txt; do
	n=$(basename "$c" .txt)
	python3 tests/bats/lang/gen.py --check "$c" "tests/bats/lang_$n.bats" "tests/bats/lang/hand/$n" || lfail=1
done
fail=$((fail + lfail))
echo "lint: $((2 - fail)) passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
