/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The running kernel's types (BTF), for tools that check a user's choice
 * before it becomes script text (sockwatch --field). The engine's own BTF
 * walk answers, so tools need no <bpf/btf.h>.
 */
#ifndef BT_KERNEL_H
#define BT_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

/* What a struct member holds, for its printf conversion. */
struct bt_kmember {
	bool number;	/* an integer, enum or pointer */
	bool is_signed; /* a signed integer */
	unsigned size;	/* bytes (8: a %l conversion); a bitfield: 4 */
};

/*
 * Looks up member field of type ("struct tcp_sock", "union x"), through
 * anonymous members as a script's `p->field` does, and fills *out.
 * Returns 0; -ENODATA when the kernel has no BTF; -ESRCH when it has no such
 * type; -ENOENT when the type has no such member, close (if not NULL) then
 * gets up to 6 member names close to field, ", "-separated ("" if none).
 */
int bt_kmember_find(const char *type, const char *field, struct bt_kmember *out, char *close,
		    size_t close_len);

#endif
