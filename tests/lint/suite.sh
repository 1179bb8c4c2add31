#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check's lint suite: tests/lint/bats-shapes.py over tests/bats/*.bats
# (assertions that cannot fail under bats), after checking that it still
# finds both shapes in a sample; and gen.py --check over the generated
# tests/bats/lang_*.bats; and clang-format over the C sources (make
# check-format, .clang-format). Three checks; ends in
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
# the C sources as .clang-format lays them out (make format rewrites them)
skip=0
if ! command -v clang-format >/dev/null 2>&1; then
	echo "lint: skip: clang-format is not installed (make test-deps installs it)"
	skip=1
elif ! make --no-print-directory check-format >/dev/null 2>&1; then
	echo "lint: make check-format: these files differ from .clang-format's layout (make format):"
	make -s --no-print-directory check-format 2>&1 | grep -oE '^[^ :]+\.[ch]:' | cut -d: -f1 |
		sort -u | head -n 20
	fail=$((fail + 1))
fi
echo "lint: $((3 - fail - skip)) passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
