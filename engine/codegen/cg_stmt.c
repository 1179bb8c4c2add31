// SPDX-License-Identifier: GPL-2.0
/* Codegen for statements: assignments, control flow. */
#include "codegen/cg.h"
#include "codegen/cg_arith.h"

void cg_dead_block(struct cg *c)
{
	LLVMPositionBuilderAtEnd(c->b, cg_block(c, "dead"));
}

static void assign(struct cg *c, struct bt_node *n)
{
	struct bt_node *t = n->a, *v = n->b;
	if (t->kind == BT_N_MAP && v->kind == BT_N_CALL && v->type && v->type->kind == BT_T_AGG) {
		cg_aggregate(c, t, v);
		return;
	}
	LLVMValueRef val = cg_expr(c, v);
	if (n->op != BT_OP_NONE) {
		/* old value op new value, with the target's type rules */
		LLVMValueRef old = cg_expr(c, t);
		bool sg = t->type->kind == BT_T_INT && t->type->is_signed && v->type->is_signed;
		switch (n->op) {
		case BT_OP_ADD:
		case BT_OP_SUB: /* pointer += n steps by the pointee */
			val = cg_ptr_addsub(c, t->type, old, v->type, val, n->op == BT_OP_SUB);
			break;
		case BT_OP_MUL:
			val = LLVMBuildMul(c->b, old, val, "");
			break;
		case BT_OP_DIV:
			val = sg ? cg_sdiv(c, old, val, false) : LLVMBuildUDiv(c->b, old, val, "");
			break;
		case BT_OP_MOD:
			val = sg ? cg_sdiv(c, old, val, true) : LLVMBuildURem(c->b, old, val, "");
			break;
		case BT_OP_BAND:
			val = LLVMBuildAnd(c->b, old, val, "");
			break;
		case BT_OP_BOR:
			val = LLVMBuildOr(c->b, old, val, "");
			break;
		case BT_OP_BXOR:
			val = LLVMBuildXor(c->b, old, val, "");
			break;
		case BT_OP_SHL:
			val = LLVMBuildShl(c->b, old, val, "");
			break;
		case BT_OP_SHR: /* bpftrace 0.17: always logical */
			val = LLVMBuildLShr(c->b, old, val, "");
			break;
		default:
			break;
		}
	}
	if (t->kind == BT_N_VAR) {
		struct bt_var *var = ((struct bt_ann *)t->sema)->var;
		LLVMValueRef slot = cg_var_slot(c, var);
		uint32_t size = bt_t_storage(var->type);
		if (!cg_is_scalar(var->type) && !cg_same_layout(var->type, v->type))
			cg_memset0(c, slot, size);
		cg_store_conv(c, slot, var->type, v->type, val);
		return;
	}
	cg_map_write(c, t, v->type, val);
}

static void block(struct cg *c, struct bt_node *b)
{
	if (!b)
		return;
	if (b->kind != BT_N_BLOCK) {
		cg_stmt(c, b);
		return;
	}
	for (size_t i = 0; i < b->list.n; i++)
		cg_stmt(c, b->list.v[i]);
}

static void stmt(struct cg *c, struct bt_node *n);

void cg_set_loc(struct cg *c, const struct bt_node *n)
{
	if (!c->di_sp || !n)
		return;
	/* BTF keeps 10 bits of column: longer lines are told apart by line only */
	unsigned col = n->loc.col > 1023 ? 1023 : (unsigned)n->loc.col;
	LLVMSetCurrentDebugLocation2(c->b,
				     LLVMDIBuilderCreateDebugLocation(c->ctx, (unsigned)n->loc.line,
								      col, c->di_sp, NULL));
}

void cg_stmt(struct cg *c, struct bt_node *n)
{
	if (n->kind != BT_N_BLOCK)
		cg_set_loc(c, n);
	stmt(c, n);
	cg_release_tmps(c);
}

static void stmt(struct cg *c, struct bt_node *n)
{
	switch (n->kind) {
	case BT_N_BLOCK:
		block(c, n);
		return;
	case BT_N_EXPR_STMT:
		cg_expr(c, n->a);
		return;
	case BT_N_ASSIGN:
		assign(c, n);
		return;
	case BT_N_IF: {
		LLVMValueRef cond = cg_to_bool(c, cg_expr(c, n->a));
		cg_release_tmps(c); /* the condition's strings: the body reuses their slots */
		LLVMBasicBlockRef bt = cg_block(c, "then"), bf = cg_block(c, "else"),
				  done = cg_block(c, "endif");
		LLVMBuildCondBr(c->b, cond, bt, bf);
		LLVMPositionBuilderAtEnd(c->b, bt);
		block(c, n->b);
		cg_set_loc(c, n);
		LLVMBuildBr(c->b, done);
		LLVMPositionBuilderAtEnd(c->b, bf);
		block(c, n->c);
		cg_set_loc(c, n);
		LLVMBuildBr(c->b, done);
		LLVMPositionBuilderAtEnd(c->b, done);
		return;
	}
	case BT_N_UNROLL:
		for (uint64_t i = 0; i < n->a->num; i++)
			block(c, n->b);
		return;
	case BT_N_WHILE: {
		LLVMBasicBlockRef cond = cg_block(c, "wcond"), body = cg_block(c, "wbody"),
				  done = cg_block(c, "wdone");
		LLVMBuildBr(c->b, cond);
		LLVMPositionBuilderAtEnd(c->b, cond);
		LLVMBuildCondBr(c->b, cg_to_bool(c, cg_expr(c, n->a)), body, done);
		LLVMPositionBuilderAtEnd(c->b, body);
		if (c->nloops < 32) {
			c->loops[c->nloops].brk = done;
			c->loops[c->nloops].cont = cond;
		}
		c->nloops++;
		block(c, n->b);
		c->nloops--;
		cg_set_loc(c, n);
		LLVMBuildBr(c->b, cond);
		LLVMPositionBuilderAtEnd(c->b, done);
		return;
	}
	case BT_N_BREAK:
	case BT_N_CONTINUE:
		if (c->nloops > 0 && c->nloops <= 32) {
			struct cg_loop *l = &c->loops[c->nloops - 1];
			LLVMBuildBr(c->b, n->kind == BT_N_BREAK ? l->brk : l->cont);
			cg_dead_block(c);
		}
		return;
	case BT_N_RETURN:
		LLVMBuildRet(c->b, cg_const(c, 0));
		cg_dead_block(c);
		return;
	default:
		cg_expr(c, n);
		return;
	}
}
