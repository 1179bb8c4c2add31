// SPDX-License-Identifier: GPL-2.0
/* Placeholder calls made kfunc calls (see kfuncs.h). */
#include "kernel/kfuncs.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>
#include <linux/bpf.h>

static bool is_placeholder(const struct bpf_insn *in)
{
	return in->code == (BPF_JMP | BPF_CALL) && in->src_reg == 0 &&
	       ((uint32_t)in->imm & BT_KFUNC_TAG);
}

int bt_kfuncs_patch(struct bpf_object *obj)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj)
	{
		const struct bpf_insn *in = bpf_program__insns(p);
		size_t n = bpf_program__insn_cnt(p), i;
		struct bpf_insn *copy = NULL;
		int err;

		for (i = 0; i < n; i++) {
			if (!is_placeholder(&in[i]))
				continue;
			if (!copy) {
				copy = malloc(n * sizeof(*copy));
				if (!copy)
					return -ENOMEM;
				memcpy(copy, in, n * sizeof(*copy));
			}
			copy[i].src_reg = BPF_PSEUDO_KFUNC_CALL;
			copy[i].imm = (int32_t)((uint32_t)in[i].imm & ~BT_KFUNC_TAG);
		}
		if (!copy)
			continue;
		err = bpf_program__set_insns(p, copy, n);
		free(copy);
		if (err)
			return err;
	}
	return 0;
}
