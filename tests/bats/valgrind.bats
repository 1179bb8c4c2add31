#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# valgrind-clean --dry-run of every shipped script (through its tool, which
# supplies the defines), and of bt on error paths: no invalid access, no use
# of uninitialised memory, no definite leak. Suppressions (tests/bad/valgrind.supp)
# cover libbpf and ld.so internals only.
load helpers

setup() {
	require_root
	command -v valgrind >/dev/null || skip "valgrind is not installed"
}

vg() {
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions="$ROOT/tests/bad/valgrind.supp" "$@"
}

@test "valgrind: each tool --dry-run (every shipped script) is clean" {
	for s in "$ROOT"/share/scripts/*.bt; do
		t=$(basename "$s" .bt)
		[ -x "$BUILD/$t" ] || { echo "no tool for $s"; return 1; }
		run --separate-stderr vg "$BUILD/$t" --dry-run
		[ "$status" -eq 0 ] || { echo "$t: status $status"; echo "$stderr"; return 1; }
	done
}

@test "valgrind: a fresh compile (no cache: the code generator too) is clean" {
	BT_NO_CACHE=1 run --separate-stderr vg "$BUILD/openerr" --dry-run -a
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	BT_NO_CACHE=1 run --separate-stderr vg "$BT" --dry-run -e 'tracepoint:syscalls:sys_enter_openat { @[comm, str(args->filename)] = count(); @h = hist(pid); printf("%s %d\n", comm, pid); } interval:s:1 { print(@h); clear(@h); }'
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
}

@test "valgrind: error paths (parse, sema, verifier, options) are clean" {
	for c in syn_missing_semicolon str_unterminated cmt_unterminated fn_unknown type_if_string \
		mapkey_int_then_string field_unknown_curtask probe_unknown_tracepoint pp_include_missing \
		empty_file garbage_escape_seq fuzz_map_key_adds_map deep_parens; do
		if [ -f "$ROOT/tests/bad/$c.gen" ]; then
			sh "$ROOT/tests/bad/$c.gen" > "$BATS_TEST_TMPDIR/$c.bt"
		else
			cp "$ROOT/tests/bad/$c.bt" "$BATS_TEST_TMPDIR/"
		fi
		run --separate-stderr vg "$BT" --dry-run "$BATS_TEST_TMPDIR/$c.bt"
		[ "$status" -eq 1 ] || { echo "$c: status $status"; echo "$stderr"; return 1; }
	done
	run --separate-stderr vg "$BT" -e 'BEGIN { $i = 0; while ($i < 1) { $i = $i * 1; } }'
	[ "$status" -eq 1 ]
	run --separate-stderr vg "$BT" --dry-run -D 1X=2 -e 'BEGIN { exit(); }'
	[ "$status" -eq 1 ]
}
