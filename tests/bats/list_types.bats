#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# bt -l 'struct NAME' / 'union NAME' / 'enum NAME' lists the kernel's BTF types
# by name, and -lv prints their definitions. Expected output is bpftrace
# 0.17's on this machine.
load helpers

setup() { require_root; }

@test "-l 'struct NAME' prints the type's name" {
	run --separate-stderr "$BT" -l 'struct list_head'
	[ "$status" -eq 0 ]
	[ "$output" = 'struct list_head' ]
}

@test "-l with a wildcard lists matching struct, union and enum names sorted, once each" {
	run --separate-stderr "$BT" -l 'struct task_s*'
	[ "$status" -eq 0 ]
	printf '%s\n' "${lines[@]}" | grep -qx 'struct task_struct'
	[ "$output" = "$(printf '%s\n' "${lines[@]}" | LC_ALL=C sort -u)" ]
	same_as_bpftrace -l 'struct task_s*'
	run --separate-stderr "$BT" -l 'union IO_APIC_reg_0*'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'union IO_APIC_reg_00' ]
	run --separate-stderr "$BT" -l 'enum pid_type'
	[ "$output" = 'enum pid_type' ]
}

@test "-l of a type the kernel lacks prints nothing" {
	run --separate-stderr "$BT" -l 'struct no_such_struct_zz'
	[ "$status" -eq 0 ]
	[ "$output" = '' ]
}

@test "-lv 'struct list_head' prints its definition" {
	run --separate-stderr "$BT" -lv 'struct list_head'
	[ "$status" -eq 0 ]
	[ "$output" = $'struct list_head {\n\tstruct list_head *next;\n\tstruct list_head *prev;\n};' ]
}

@test "-lv of a union with a nested anonymous struct of bitfields" {
	run --separate-stderr "$BT" -lv 'union IO_APIC_reg_00'
	[ "$status" -eq 0 ]
	[ "$output" = $'union IO_APIC_reg_00 {\n\tu32 raw;\n\tstruct {\n\t\tu32 __reserved_2: 14;\n\t\tu32 LTS: 1;\n\t\tu32 delivery_type: 1;\n\t\tu32 __reserved_1: 8;\n\t\tu32 ID: 8;\n\t} bits;\n};' ]
}

@test "-lv 'enum pid_type' prints the enumerators and their values" {
	run --separate-stderr "$BT" -lv 'enum pid_type'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 'enum pid_type {' ]
	[ "${lines[1]}" = $'\tPIDTYPE_PID = 0,' ]
	[ "${lines[-1]}" = '};' ]
}
