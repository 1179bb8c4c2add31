/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arithmetic type rules (sema_arith.c): pointer arithmetic scaled by the
 * pointee's size, and the width and sign an integer variable keeps.
 */
#ifndef BT_SEMA_ARITH_H
#define BT_SEMA_ARITH_H

#include <stdint.h>

#include "sema/sema.h"

/* Bytes one step of pointer p moves: its pointee's size (8 for a pointer to a
 * pointer, 1 for void *). Codegen multiplies by it. */
uint32_t bt_ptr_scale(const struct bt_type *p);
/* n is a BINOP with a pointer operand: + and - with an integer, comparisons;
 * the rest is refused as bpftrace 0.17 refuses it. Sets n->type. */
int bt_sema_ptr_binop(struct bt_sema *s, struct bt_node *n);
/* n is a compound assignment (ASSIGN with op) whose target holds pointer type
 * t: only += and -= of an integer. */
int bt_sema_ptr_compound(struct bt_sema *s, struct bt_node *n, const struct bt_type *t);
/* The integer type a variable of type a takes when it is also assigned b: the
 * narrowest that holds every value of both (uint8 and int8: int16). */
struct bt_type *bt_sema_int_merge(struct bt_sema *s, struct bt_type *a, struct bt_type *b);

#endif
