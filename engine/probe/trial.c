// SPDX-License-Identifier: GPL-2.0
/* A program that only returns 0: loaded to ask the kernel what it allows. */
#include <bpf/bpf.h>

#include "probe/probe.h"

int bt_trial_prog(int type, int expected_attach_type, int attach_btf_id)
{
	static const struct bpf_insn insns[] = {
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
		{.code = BPF_JMP | BPF_EXIT},
	};
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = expected_attach_type,
		    .attach_btf_id = (__u32)attach_btf_id);
	return bpf_prog_load((enum bpf_prog_type)type, "bt_trial", "GPL", insns, 2, &o);
}
