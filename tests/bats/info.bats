#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# bt --info: probe types are tried for real, so its answers match what
# scripts meet on this kernel.
load helpers

@test "info: each probe type's answer matches what a script gets" {
	require_root
	run --separate-stderr "$BT" --info
	[ "$status" -eq 0 ]
	grep -qx 'System' <<<"$output"
	grep -qx '  tracepoint: yes' <<<"$output"
	grep -qx '  rawtracepoint: yes' <<<"$output"
	grep -qx '  btf: yes' <<<"$output"
	grep -qx '  ringbuf: yes' <<<"$output"
	# kprobes: --info and a kprobe script agree
	run --separate-stderr "$BT" --dry-run -e 'kprobe:vfs_read { @ = count(); }'
	if have_kprobes; then
		grep -qx '  kprobe: yes' <<<"$(bt_info)"
		[ "$status" -eq 0 ]
	else
		grep -qx '  kprobe: no (this kernel has no kprobes (CONFIG_KPROBES))' <<<"$(bt_info)"
		[ "$status" -eq 1 ]
		[[ "$(first_err)" == *"this kernel has no kprobes"* ]]
	fi
	# kfunc: attaching for real decides
	if "$BT" -q -e 'kfunc:vfs_read { exit(); } interval:ms:100 { exit(); }' >/dev/null 2>&1; then
		grep -qx '  kfunc (fentry/fexit): yes' <<<"$(bt_info)"
	else
		grep -q '^  kfunc (fentry/fexit): no (' <<<"$(bt_info)"
	fi
}

@test "info: the kernel config comes from /proc/config.gz when published" {
	require_root
	[ -r /proc/config.gz ] || skip "this kernel does not publish /proc/config.gz"
	run --separate-stderr "$BT" --info
	want=$(zcat /proc/config.gz | sed -n 's/^CONFIG_HZ=//p')
	grep -qx "  CONFIG_HZ: $want" <<<"$output"
	if zcat /proc/config.gz | grep -q '^CONFIG_KPROBES=y'; then
		grep -qx '  CONFIG_KPROBES: y' <<<"$output"
	else
		grep -qx '  CONFIG_KPROBES: not set' <<<"$output"
	fi
}

bt_info() {
	"$BT" --info
}
