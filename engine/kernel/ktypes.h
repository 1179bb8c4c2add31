/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel types from BTF (/sys/kernel/btf/vmlinux), loaded once and only when
 * a script needs them (engine/kernel/ktypes.c).
 */
#ifndef BT_KTYPES_H
#define BT_KTYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "sema/tpool.h"

struct btf;

/* The vmlinux BTF (loaded on first use), or NULL when the kernel has none. */
struct btf *bt_kbtf(void);
void bt_kbtf_release(void);

/* BTF id of "struct NAME" / "union NAME" / typedef or plain name; -ENOENT. */
int bt_ktype_find(const char *name);

/*
 * Converts BTF type id to a bt_type: modifiers and typedefs skipped, char
 * arrays become strings, enums ints, structs records (by id, no members).
 */
struct bt_type *bt_ktype(struct bt_tpool *p, int id);

/* Member NAME of the struct/union with id rec_id, searching anonymous
 * members. Fills the byte offset, the member's type id and, for bitfields,
 * bit offset within the byte-aligned unit and bit size (0 otherwise).
 * Returns 0 or -ENOENT. */
int bt_kfield(int rec_id, const char *name, uint32_t *off, int *type_id, uint32_t *bit_off,
	      uint32_t *bit_size);

/* A close member name for "did you mean" (NULL if none). */
const char *bt_kfield_suggest(int rec_id, const char *name);

/* Value of a BTF enum constant by name. */
bool bt_kenum_value(const char *name, int64_t *val);

/* Size in bytes of type id (resolving typedefs), or negative. */
long bt_ktype_size(int id);

/* Parameter i (0-based) of the tracepoint's BTF prototype btf_trace_NAME
 * (skipping the leading void *__data). Returns type id, -ENOENT. nparams
 * gets the count. */
int bt_ktp_param(const char *tp, int i, const char **pname, int *nparams);

/*
 * What programs need to load the current task's fields directly:
 * task_struct's comm (8-byte aligned, 16 bytes) and thread_info.status
 * (4 bytes) through bpf_get_current_task_btf(), -1 each when the kernel lacks
 * BTF or the helper (5.11+), or BT_NO_TASK_BTF is set. The task cache of the
 * syscall dispatch (cg_task.c) also needs task_struct.stack and the ids of
 * task_struct and the kfunc bpf_rdonly_cast (6.2+), and an inlined per-CPU
 * array lookup (x86-64, 6.10+), else stack_off is -1; BT_NO_TASK_CACHE=1
 * turns it off. Looked up once.
 */
struct bt_ktask {
	int comm_off, status_off, stack_off;
	uint32_t task_id, rdonly_cast_id;
	const char *no_cache; /* why stack_off is -1 (bt --info), NULL when it is not */
};
#define BT_KTASK_NONE ((struct bt_ktask){-1, -1, -1, 0, 0, "not needed"})
void bt_ktask(struct bt_ktask *t);

/* Parameter of function FN's BTF prototype (kfunc args), same contract. */
int bt_kfunc_param(const char *fn, int i, const char **pname, int *nparams, int *ret_id);

#endif
