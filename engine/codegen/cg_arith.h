/* SPDX-License-Identifier: GPL-2.0 */
/* Codegen of pointer steps and integer widths (cg_arith.c, rules in sema_arith.c). */
#ifndef BT_CG_ARITH_H
#define BT_CG_ARITH_H

#include "codegen/cg.h"

/* n (i64) steps of pointer type p, in bytes: n times the pointee's size. */
LLVMValueRef cg_ptr_step(struct cg *c, const struct bt_type *p, LLVMValueRef n);
/* v (i64) as a value of type t: an integer cut to t's width and extended by its
 * sign ($a = (uint8)255; $a++ is 0); other types as they are. */
LLVMValueRef cg_int_wrap(struct cg *c, const struct bt_type *t, LLVMValueRef v);
/* x + y or x - y (sub) where one of them may be a pointer: the integer side is
 * scaled by the pointee's size. */
LLVMValueRef cg_ptr_addsub(struct cg *c, const struct bt_type *tx, LLVMValueRef x,
			   const struct bt_type *ty, LLVMValueRef y, bool sub);

#endif
