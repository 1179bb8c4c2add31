#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# The compile cache (engine/cache/cache.c): a hit loads neither libLLVM nor
# vmlinux BTF; corrupt entries and concurrent runs are safe.
load helpers

setup() {
	require_root
	export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
	S='BEGIN { printf("v=%d\n", 41 + 1); exit(); }'
}

@test "cache: the first run stores, the second hits with the same output" {
	run --separate-stderr "$BT" -v -e "$S"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: miss, stored ' <<<"$stderr"
	first=$output
	[ "$(ls "$XDG_CACHE_HOME/bt" | wc -l)" -eq 1 ]
	run --separate-stderr "$BT" -v -e "$S"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: hit ' <<<"$stderr"
	[ "$output" = "$first" ]
	grep -qx 'v=42' <<<"$output"
}

@test "cache: a hit gives the compile's warnings again, named after this run's script" {
	W='BEGIN { debugf("w\n"); exit(); }'
	msg="warning: debugf() is not recommended for production use: see bpf_trace_printk in bpf-helpers(7)
$W
        ^~~~~~"
	run --separate-stderr "$BT" -v -e "$W"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: miss, stored ' <<<"$stderr"
	[ "$(grep -A2 ': warning: ' <<<"$stderr")" = "stdin:1:9: $msg" ]
	run --separate-stderr "$BT" -v -e "$W"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: hit ' <<<"$stderr"
	[ "$(grep -A2 ': warning: ' <<<"$stderr")" = "stdin:1:9: $msg" ]
	# the same text from a file hits the same entry and names the file
	printf '%s\n' "$W" > "$BATS_TEST_TMPDIR/w.bt"
	run --separate-stderr "$BT" -v "$BATS_TEST_TMPDIR/w.bt"
	[ "$status" -eq 0 ]
	grep -q '^compile cache: hit ' <<<"$stderr"
	[ "$(grep -A2 ': warning: ' <<<"$stderr")" = "$BATS_TEST_TMPDIR/w.bt:1:9: $msg" ]
	[ "$(ls "$XDG_CACHE_HOME/bt" | wc -l)" -eq 1 ]
	# without -v: the warning is all of stderr; --no-warnings: nothing
	run --separate-stderr "$BT" -e "$W"
	[ "$stderr" = "stdin:1:9: $msg" ]
	run --separate-stderr "$BT" --no-warnings -e "$W"
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
}

@test "cache: a hit loads no code generator (LLVM); a miss does, and unloads it" {
	command -v strace > /dev/null || skip "strace is needed to see which files bt opens"
	"$BT" -e "$S" >/dev/null
	# miss: compiles, then unloads the code generator before attaching
	strace -f -e trace=openat -o "$BATS_TEST_TMPDIR/miss" "$BT" -e 'interval:ms:1500 { exit(); }' >/dev/null &
	sleep 1
	pid=$(pgrep -n -x bt)
	miss_maps=$(cat /proc/$pid/maps)
	wait
	strace -f -e trace=openat -o "$BATS_TEST_TMPDIR/hit" "$BT" -e 'interval:ms:1500 { exit(); }' >/dev/null
	grep -q 'bt-codegen.so' "$BATS_TEST_TMPDIR/miss"
	[[ "$miss_maps" != *bt-codegen* ]]
	run ! grep -q 'bt-codegen.so\|libLLVM' "$BATS_TEST_TMPDIR/hit"
	run ! grep -q 'btf/vmlinux' "$BATS_TEST_TMPDIR/hit"
}

@test "cache: a corrupt or truncated entry is a miss, then rewritten" {
	"$BT" -e "$S" >/dev/null
	f=$(ls "$XDG_CACHE_HOME"/bt/*)
	size=$(stat -c %s "$f")
	# flip bytes in the middle (the BPF object), then truncate
	printf 'XXXXXXXX' | dd of="$f" bs=1 seek=$((size / 2)) conv=notrunc status=none
	run --separate-stderr "$BT" -v -e "$S"
	[ "$status" -eq 0 ]
	grep -qx 'v=42' <<<"$output"
	grep -q '^compile cache: miss' <<<"$stderr"
	truncate -s 100 "$f"
	run --separate-stderr "$BT" -v -e "$S"
	[ "$status" -eq 0 ]
	grep -qx 'v=42' <<<"$output"
	grep -q '^compile cache: miss' <<<"$stderr"
	run --separate-stderr "$BT" -v -e "$S"
	grep -q '^compile cache: hit' <<<"$stderr"
}

@test "cache: --no-cache neither reads nor writes it" {
	run --separate-stderr "$BT" -v --no-cache -e "$S"
	[ "$status" -eq 0 ]
	grep -qx 'v=42' <<<"$output"
	[ ! -d "$XDG_CACHE_HOME/bt" ] || [ -z "$(ls "$XDG_CACHE_HOME/bt")" ]
	[[ "$stderr" != *'compile cache'* ]]
}

@test "cache: positional parameters, defines and the script are all in the key" {
	run "$BT" -e 'BEGIN { printf("%s\n", str($1)); exit(); }' one
	grep -qx one <<<"$output"
	run "$BT" -e 'BEGIN { printf("%s\n", str($1)); exit(); }' two
	grep -qx two <<<"$output"
	run "$BT" -D X=3 -e 'BEGIN { printf("%d\n", X); exit(); }'
	grep -qx 3 <<<"$output"
	run "$BT" -D X=4 -e 'BEGIN { printf("%d\n", X); exit(); }'
	grep -qx 4 <<<"$output"
	run "$BT" -e 'BEGIN { printf("%d\n", cpid > 0); exit(); }' -c true
	grep -qx 1 <<<"$output"
}

@test "cache: 8 concurrent first runs all succeed and leave one whole entry" {
	for i in $(seq 8); do
		"$BT" -e "$S" >"$BATS_TEST_TMPDIR/out.$i" 2>&1 &
	done
	wait
	for i in $(seq 8); do grep -qx 'v=42' "$BATS_TEST_TMPDIR/out.$i"; done
	[ "$(ls "$XDG_CACHE_HOME/bt" | wc -l)" -eq 1 ]
	run --separate-stderr "$BT" -v -e "$S"
	grep -q '^compile cache: hit' <<<"$stderr"
}
