#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make check's fuzz suite: builds the libFuzzer harness (mk/fuzz.mk), replays
# the regression inputs (tests/fuzz/regress: inputs that once crashed or hung),
# then fuzzes for FUZZ_SECONDS (default 60). Ends with
# "fuzz: N passed, N failed, N skipped".
cd "$(dirname "$0")/../.." || exit 1
B=${BT_BUILD:-$(pwd)/build}
secs=${FUZZ_SECONDS:-60}
pass=0
fail=0
skip=0
log=$(mktemp)
trap 'rm -f "$log" "$log.c" "$log.bin"' EXIT

result() {
	echo "fuzz: $pass passed, $fail failed, $skip skipped"
	[ "$fail" -eq 0 ]
	exit $?
}

printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$log.c"
if ! command -v clang >/dev/null 2>&1; then
	echo "fuzz: skip: clang is not installed (make test-deps installs it)"
	skip=2
	result
fi
if ! clang -fsanitize=fuzzer,address -o "$log.bin" "$log.c" >"$log" 2>&1; then
	echo "fuzz: skip: clang cannot build a libFuzzer binary (libclang-rt missing?):"
	head -n 3 "$log"
	skip=2
	result
fi

if ! make -s --no-print-directory B="$B" fuzz-build >"$log" 2>&1; then
	echo "not ok fuzz: building the harness failed"
	tail -n 20 "$log"
	fail=2
	result
fi

# 1. every regression input runs to completion (no crash, no leak, no timeout)
set -- tests/fuzz/regress/*
if [ -e "$1" ]; then
	if "$B/fuzz/fuzz_front" -timeout=20 -rss_limit_mb=4096 "$@" >"$log" 2>&1; then
		echo "ok fuzz: $# regression inputs"
		pass=$((pass + 1))
	else
		echo "not ok fuzz: a regression input fails again:"
		grep -E 'Running:|ERROR|SUMMARY' "$log" | tail -n 10
		fail=$((fail + 1))
	fi
else
	echo "ok fuzz: no regression inputs # skip"
	skip=$((skip + 1))
fi

# 2. a short fuzzing run from the seeds
if make -s --no-print-directory B="$B" fuzz FUZZ_SECONDS="$secs" >"$log" 2>&1; then
	echo "ok fuzz: ${secs}s of fuzzing: $(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$') inputs, no crash"
	pass=$((pass + 1))
else
	echo "not ok fuzz: fuzzing found a crash, leak or hang:"
	grep -E 'ERROR|SUMMARY|Test unit written|^==' "$log" | head -n 20
	fail=$((fail + 1))
fi
result
