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
		grep -qx '  kfunc: yes' <<<"$(bt_info)"
	else
		grep -q '^  kfunc: no (' <<<"$(bt_info)"
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

# section_keys SECTION: the keys of one section of --info output on stdin
section_keys() {
	awk -v s="$1" '$0 == s { on = 1; next } /^[^ ]/ || /^$/ { on = 0 } on { sub(/^  /, ""); sub(/: .*/, ""); print }'
}

# bpftrace 0.17's --info keys, in its order, '|' between keys (Build: the one bt shares)
BPFTRACE_KEYS=$'Build\tlibdw (DWARF support)
Kernel helpers\tprobe_read|probe_read_str|probe_read_user|probe_read_user_str|probe_read_kernel|probe_read_kernel_str|get_current_cgroup_id|send_signal|override_return|get_boot_ns|dpath|skboutput
Kernel features\tInstruction limit|Loop support|btf|map batch|uprobe refcount (depends on Build:bcc bpf_attach_uprobe refcount)
Map types\thash|percpu hash|array|percpu array|stack_trace|perf_event_array
Probe types\tkprobe|tracepoint|perf_event|kfunc|iter:task|iter:task_file|kprobe_multi|raw_tp_special'

@test "info: bpftrace 0.17's sections and keys, in its order" {
	require_root
	run --separate-stderr "$BT" --info
	[ "$status" -eq 0 ]
	info=$output
	while IFS=$'\t' read -r section keys; do
		want=$(tr '|' '\n' <<<"$keys")
		got=$(section_keys "$section" <<<"$info" | grep -xF -- "$want" || true)
		[ "$got" = "$want" ] || { echo "$section: want [$want] got [$got]"; false; }
		if command -v bpftrace >/dev/null; then
			theirs=$(bpftrace --info 2>&1 | section_keys "$section" | grep -xF -- "$want" || true)
			[ "$theirs" = "$want" ] || { echo "bpftrace's $section: [$theirs]"; false; }
		fi
	done <<<"$BPFTRACE_KEYS"
}

@test "info: bpftrace's keys have this kernel's answers" {
	require_root
	run --separate-stderr "$BT" --info
	info=$output
	val() { grep -m1 "^  $1: " <<<"$info" | sed "s/^  $1: //; s/ (.*//"; }
	# tried for real: a loop runs, a tracepoint and a perf event attach
	[ "$(val 'Loop support')" = yes ]
	run --separate-stderr "$BT" -e 'BEGIN { $i = 0; while ($i < 3) { $i++; } printf("%d\n", $i); exit(); }'
	[ "$output" = $'Attaching 1 probe...\n3' ]
	[ "$(val 'Instruction limit')" = 1000000 ]
	[ "$(val tracepoint)" = yes ]
	[ "$(val perf_event)" = yes ]
	[ "$(val raw_tp_special)" = yes ]
	# no iter provider in bt: iter:task is no whatever the kernel allows
	[ "$(val 'iter:task')" = no ]
	if have_kprobes; then [ "$(val kprobe)" = yes ]; else [ "$(val kprobe)" = no ]; fi
	if zcat /proc/config.gz 2>/dev/null | grep -q '^CONFIG_BPF_KPROBE_OVERRIDE=y'; then
		[ "$(val override_return)" = yes ]
	elif [ -r /proc/config.gz ]; then
		[ "$(val override_return)" = no ]
	fi
	# the rest agrees with bpftrace 0.17 where it is right (it says kprobe: yes
	# and override_return: yes on a kernel without them: bt-language(7))
	command -v bpftrace >/dev/null || return 0
	theirs=$(bpftrace --info 2>&1)
	for k in probe_read probe_read_str probe_read_user probe_read_user_str probe_read_kernel \
		probe_read_kernel_str get_current_cgroup_id send_signal get_boot_ns dpath skboutput \
		'Instruction limit' 'Loop support' btf 'map batch' hash 'percpu hash' array \
		'percpu array' stack_trace perf_event_array tracepoint perf_event kfunc kprobe_multi; do
		t=$(grep -m1 "^  $k: " <<<"$theirs" | sed "s/^  $k: //")
		[ "$(val "$k")" = "$t" ] || { echo "$k: bt $(val "$k"), bpftrace $t"; false; }
	done
}
