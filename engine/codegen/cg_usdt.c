// SPDX-License-Identifier: GPL-2.0
/*
 * argN of a usdt probe (sema_usdt.c annotates it with each site's reading):
 * a constant, a register, or user memory at base register + displacement
 * [+ index register * scale]. Where the sites of the program read it
 * differently, a switch on the attach cookie (one per site) picks the
 * site's reading; its registers are then read with a helper, since the
 * optimizer may merge per-case context loads into one at a variable
 * offset, which the verifier refuses. The sites of one probe share its
 * probe name: their cookies differ in the high 32 bits only (sema_probe.c).
 */
#include <string.h>

#include "codegen/cg.h"
#include "probe/probe.h"
#include "sema/sema.h"

static LLVMValueRef reg(struct cg *c, uint32_t off, bool helper)
{
	LLVMValueRef tmp;

	if (!helper)
		return cg_load_u64(c, c->ctxarg, off);
	tmp = cg_alloca(c, 8, "usdt_reg");
	cg_store_i64(c, tmp, 0, cg_const(c, 0));
	cg_probe_read(c, tmp, 8,
		      LLVMBuildAdd(c->b, LLVMBuildPtrToInt(c->b, c->ctxarg, c->i64, ""),
				   cg_const(c, off), ""),
		      1);
	return cg_load_u64(c, tmp, 0);
}

static LLVMValueRef read_arg(struct cg *c, const struct bt_usdt_arg *a, bool helper)
{
	LLVMValueRef v, tmp;

	if (a->kind == BT_USDT_ARG_CONST)
		return cg_const(c, (uint64_t)a->val);
	v = reg(c, a->reg_off, helper);
	if (a->kind == BT_USDT_ARG_MEM) {
		v = LLVMBuildAdd(c->b, v, cg_const(c, (uint64_t)a->val), "");
		if (a->scale)
			v = LLVMBuildAdd(c->b, v,
					 LLVMBuildMul(c->b, reg(c, a->idx_off, helper),
						      cg_const(c, (uint64_t)a->scale), ""),
					 "");
		tmp = cg_alloca(c, 8, "usdt_arg");
		cg_store_i64(c, tmp, 0, cg_const(c, 0));
		cg_probe_read(c, tmp, (uint32_t)a->size, v, 2);
		v = cg_load_u64(c, tmp, 0);
	}
	return cg_fit(c, v, (uint32_t)a->size, a->is_signed);
}

LLVMValueRef cg_usdt_arg(struct cg *c, const struct bt_node *n)
{
	const struct bt_ann *a = n->sema;
	const struct bt_usdt_arg *v = a->usdt_sites;
	size_t nt = c->probe->ntargets, same = 1;
	LLVMBasicBlockRef done, bb;
	LLVMValueRef res, sw;

	while (same < nt && !memcmp(&v[same], &v[0], sizeof(*v)))
		same++;
	if (same == nt)
		return read_arg(c, &v[0], false);
	res = cg_alloca(c, 8, "usdt_site");
	done = cg_block(c, "usdt_done");
	bb = cg_block(c, "usdt_site");
	sw = LLVMBuildSwitch(c->b, cg_helper(c, H_GET_ATTACH_COOKIE, &c->ctxarg, 1), bb,
			     (unsigned int)nt - 1);
	for (size_t i = 0; i < nt; i++) {
		if (i) {
			bb = cg_block(c, "usdt_site");
			LLVMAddCase(sw, cg_const(c, c->probe->targets[i].cookie), bb);
		}
		LLVMPositionBuilderAtEnd(c->b, bb);
		cg_store_i64(c, res, 0, read_arg(c, &v[i], true));
		LLVMBuildBr(c->b, done);
	}
	LLVMPositionBuilderAtEnd(c->b, done);
	return cg_load_u64(c, res, 0);
}

LLVMValueRef cg_usdt_probe(struct cg *c)
{
	bool sites = false;

	for (size_t i = 0; i < c->probe->ntargets; i++)
		sites |= (c->probe->targets[i].cookie >> 32) != 0;
	if (!sites)
		return NULL;
	return LLVMBuildAnd(c->b, cg_helper(c, H_GET_ATTACH_COOKIE, &c->ctxarg, 1),
			    cg_const(c, 0xffffffffULL), "probe");
}
