#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Every seed script under --dry-run: the ones this kernel can run pass; the
# kprobe and kaddr ones end in one located error naming what the kernel lacks.
load helpers

setup() {
	require_root
	require_seed
}

dry() {
	run --separate-stderr timeout 60 "$BT" --dry-run "$SEED/$1"
}

kprobe_case() {
	have_kprobes && skip "this kernel has kprobes: the seed really runs (VM suite)"
	dry "$1"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$stderr" | grep -c 'error:')" -eq 1 ]
	[[ "$(first_err)" == "$SEED/$1:$2: error: $3: this kernel has no kprobes (CONFIG_KPROBES)"* ]]
}

kaddr_case() {
	grep -qw "$2" /proc/kallsyms && skip "kallsyms has data symbols here"
	dry "$1"
	[ "$status" -eq 1 ]
	[ "$(printf '%s\n' "$stderr" | grep -c 'error:')" -eq 1 ]
	[[ "$(first_err)" == "$SEED/$1:"*": error: kaddr(\"$2\"): no symbol '$2' in /proc/kallsyms"* ]]
}

@test "wq.bt passes --dry-run" { dry wq.bt; [ "$status" -eq 0 ]; [ "$output" = "" ]; [ "$stderr" = "" ]; }
@test "on_cpu.bt passes --dry-run (cpid placeholder)" { dry on_cpu.bt; [ "$status" -eq 0 ]; [ "$output" = "" ]; [ "$stderr" = "" ]; }
@test "openat.bt: missing kprobes" { kprobe_case openat.bt 2:1 k:do_sys_open; }
@test "sock_read.bt: missing kprobes" { kprobe_case sock_read.bt 3:1 k:tcp_write_xmit; }
@test "kmalloc.bt: missing kprobes" { kprobe_case kmalloc.bt 1:1 k:__kmalloc; }
@test "dio.bt: missing kprobes" { kprobe_case dio.bt 1:1 k:blkdev_direct_IO; }
@test "irq.bt: missing kprobes" { kprobe_case irq.bt 5:1 k:handle_irq_event_percpu; }
@test "offcpu.bt: missing kprobes" { kprobe_case offcpu.bt 3:1 k:finish_task_switch; }
@test "offwakecpu.bt: missing kprobes" { kprobe_case offwakecpu.bt 3:1 k:try_to_wake_up; }
@test "bio.bt: missing kprobes" { kprobe_case bio.bt 4:1 k:blk_mq_start_request; }
@test "jiffies.bt: kallsyms lacks jiffies" { kaddr_case jiffies.bt jiffies; }
@test "read_init_task.bt: kallsyms lacks init_task" { kaddr_case read_init_task.bt init_task; }
@test "read_init_task_v2.bt: kallsyms lacks init_task" { kaddr_case read_init_task_v2.bt init_task; }
@test "the kprobe error names what works instead (share/alternatives)" {
	have_kprobes && skip "this kernel has kprobes"
	dry openat.bt
	[[ "$(first_err)" == *"; tracepoint:syscalls:sys_exit_openat gives the return value"* ]]
}
