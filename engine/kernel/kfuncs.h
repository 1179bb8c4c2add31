/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel function (kfunc) calls in programs compiled without BTF of their
 * own: codegen emits `call BT_KFUNC_TAG | id` (id: the FUNC's vmlinux BTF id,
 * below 2^30), an id no helper has; bt_kfuncs_patch() turns each into the
 * kfunc call the verifier knows (src_reg BPF_PSEUDO_KFUNC_CALL, imm id)
 * after the object is opened and before it is loaded.
 */
#ifndef BT_KFUNCS_H
#define BT_KFUNCS_H

#define BT_KFUNC_TAG 0x40000000u

struct bpf_object;

/* 0, or -errno from libbpf. */
int bt_kfuncs_patch(struct bpf_object *obj);

#endif
