// SPDX-License-Identifier: GPL-2.0
/*
 * -k and -kk: a helper call that fails sends a BT_REC_HELPER_ERR record
 * (the call site and the helper's return), which the runtime reports as
 * bpftrace 0.17 does. -k checks map updates and deletes, -kk also map
 * reads and probe reads.
 */
#include <stdlib.h>

#include <bt/vec.h>

#include "codegen/cg.h"

/* The call site's index in prog->hsites, or -1 (no memory: not checked). */
static int add_site(struct cg *c, int helper, const struct bt_node *at)
{
	struct bt_prog *p = c->prog;
	if (bt_vec_push(p->hsites, p->nhsites))
		return -1;
	p->hsites[p->nhsites] = (struct bt_hsite){.helper = helper};
	if (at)
		p->hsites[p->nhsites].loc = at->loc;
	return (int)p->nhsites++;
}

void cg_helper_check(struct cg *c, int level, int helper, LLVMValueRef failed, LLVMValueRef ret,
		     const struct bt_node *at)
{
	LLVMBasicBlockRef bad, done;
	LLVMValueRef val;
	int site;

	if (c->s->helper_errors < level)
		return;
	site = add_site(c, helper, at ? at : c->at);
	if (site < 0)
		return;
	bad = cg_block(c, "helper_err");
	done = cg_block(c, "helper_ok");
	LLVMBuildCondBr(c->b, failed, bad, done);
	LLVMPositionBuilderAtEnd(c->b, bad);
	val = cg_alloca(c, 8, "helper_ret");
	cg_store_i64(c, val, 0, ret);
	cg_send(c, BT_REC_HELPER_ERR, (uint32_t)site, val, 8);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_helper_check_neg(struct cg *c, int level, int helper, LLVMValueRef ret,
			 const struct bt_node *at)
{
	if (c->s->helper_errors < level)
		return;
	cg_helper_check(c, level, helper, LLVMBuildICmp(c->b, LLVMIntSLT, ret, cg_const(c, 0), ""),
			ret, at);
}
