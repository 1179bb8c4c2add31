#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# kaddr() falls back to System.map (BT_SYSTEM_MAP=path here) when kallsyms
# lacks the symbol, once the map is shown to be the running kernel's by its
# _text (and, when KASLR moved the kernel, the other reference symbols).
# The symbol is made up, so kallsyms never has it; the VM suite reads a
# real one (tests/vm/t/kaddr.sh).
load helpers

setup() {
	require_root
	text=$(awk '$3 == "_text" { print $1; exit }' /proc/kallsyms)
	[ -n "$text" ] && [ "$text" != 0000000000000000 ] || skip "kallsyms shows no _text"
	etext=$(awk '$3 == "_etext" { print $1; exit }' /proc/kallsyms)
	map="$BATS_TEST_TMPDIR/System.map"
	prog='BEGIN { printf("%lx\n", kaddr("bt_kaddr_test")); exit(); }'
}

hex() { printf '%016x' $(($1)); }

@test "kaddr: symbol from BT_SYSTEM_MAP whose _text matches kallsyms" {
	printf '%s T _text\n%s D bt_kaddr_test\n' "$text" "$(hex 0x$text+0x1a079c0)" > "$map"
	BT_SYSTEM_MAP="$map" run --separate-stderr "$BT" --no-cache -e "$prog"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf '%x' $((0x$text + 0x1a079c0)))" ]
}

@test "kaddr: a KASLR-moved System.map is relocated by the offset its _etext confirms" {
	[ -n "$etext" ] || skip "kallsyms has no _etext"
	printf '%s T _text\n%s T _etext\n%s D bt_kaddr_test\n' "$(hex 0x$text+0x200000)" \
		"$(hex 0x$etext+0x200000)" "$(hex 0x$text+0x200000+0x1234)" > "$map"
	BT_SYSTEM_MAP="$map" run --separate-stderr "$BT" --no-cache -e "$prog"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(printf '%x' $((0x$text + 0x1234)))" ]
}

@test "kaddr: System.map of another kernel (_text differs, nothing confirms): located error" {
	printf '%s T _text\n%s D bt_kaddr_test\n' "$(hex 0x$text+0x200000)" "$(hex 0x$text+0x300000)" > "$map"
	BT_SYSTEM_MAP="$map" run --separate-stderr "$BT" --no-cache -e "$prog"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == "stdin:1:25: error: kaddr(\"bt_kaddr_test\"): no symbol 'bt_kaddr_test' in /proc/kallsyms"*"; $map is not the running kernel's System.map (_text 0x$(hex 0x$text+0x200000) there, 0x$text in /proc/kallsyms)" ]]
}

@test "kaddr: _etext disagreeing with the _text offset: located error" {
	[ -n "$etext" ] || skip "kallsyms has no _etext"
	printf '%s T _text\n%s T _etext\n%s D bt_kaddr_test\n' "$text" "$(hex 0x$etext+0x1000)" \
		"$(hex 0x$text+0x10)" > "$map"
	BT_SYSTEM_MAP="$map" run --separate-stderr "$BT" --no-cache -e "$prog"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"; $map is not the running kernel's System.map (_etext at 0x$(hex 0x$etext+0x1000) there, 0x$etext in /proc/kallsyms)" ]]
}

@test "kaddr: symbol in neither kallsyms nor System.map" {
	printf '%s T _text\n' "$text" > "$map"
	BT_SYSTEM_MAP="$map" run --separate-stderr "$BT" --no-cache -e "$prog"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"no symbol 'bt_kaddr_test' in /proc/kallsyms"*" nor in $map" ]]
}

@test "kaddr: no System.map at all" {
	BT_SYSTEM_MAP="$BATS_TEST_TMPDIR/none" run --separate-stderr "$BT" --no-cache -e "$prog"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *" and no System.map ($BATS_TEST_TMPDIR/none: No such file or directory; BT_SYSTEM_MAP=path names one)" ]]
	[ "$(printf '%s\n' "$stderr" | grep -c 'error:')" -eq 1 ]
}
