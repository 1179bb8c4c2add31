// SPDX-License-Identifier: GPL-2.0
/* Codegen for expressions. */
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "codegen/cg.h"
#include "codegen/cg_arith.h"

LLVMValueRef cg_var_slot(struct cg *c, struct bt_var *v)
{
	for (size_t i = 0; i < c->nvars; i++)
		if (c->vars[i].var == v)
			return c->vars[i].slot;
	if (bt_vec_push(c->vars, c->nvars))
		abort();
	struct cg_varslot *nv = c->vars;
	LLVMValueRef slot = cg_alloca_perm(c, bt_t_storage(v->type), v->name);
	/* zero it where it is created so every path sees initialized stack */
	LLVMBuilderRef ab = LLVMCreateBuilderInContext(c->ctx);
	LLVMPositionBuilderBefore(ab, c->alloca_pt);
	LLVMBuildMemSet(ab, slot, LLVMConstInt(c->i8, 0, 0), cg_const(c, bt_t_storage(v->type)), 8);
	LLVMDisposeBuilder(ab);
	nv[c->nvars].var = v;
	nv[c->nvars].slot = slot;
	c->nvars++;
	return slot;
}

void cg_store_value(struct cg *c, LLVMValueRef dst, const struct bt_type *t, LLVMValueRef v,
		    uint32_t size)
{
	if (cg_is_scalar(t)) {
		cg_store_i64(c, dst, 0, v);
		return;
	}
	uint32_t n = bt_t_storage(t);
	if (n > size)
		n = size;
	cg_memcpy(c, dst, v, n);
}

bool cg_same_layout(const struct bt_type *a, const struct bt_type *b)
{
	if (a->kind != b->kind || bt_t_storage(a) != bt_t_storage(b))
		return false;
	if (a->kind != BT_T_TUPLE)
		return true;
	if (a->count != b->count)
		return false;
	for (uint32_t i = 0; i < a->count; i++)
		if (a->offs[i] != b->offs[i] || !cg_same_layout(a->elems[i], b->elems[i]))
			return false;
	return true;
}

void cg_store_conv(struct cg *c, LLVMValueRef dst, const struct bt_type *dt,
		   const struct bt_type *st, LLVMValueRef v)
{
	if (dt->kind == BT_T_TUPLE && st->kind == BT_T_TUPLE && dt->count == st->count &&
	    !cg_same_layout(dt, st)) {
		/* a tuple whose strings grew: move each element to its place */
		for (uint32_t i = 0; i < dt->count; i++) {
			const struct bt_type *se = st->elems[i];
			LLVMValueRef sp = cg_gep(c, v, st->offs[i]);
			LLVMValueRef ev = cg_is_scalar(se) ? cg_load_int(c, sp, 8, false) : sp;
			cg_store_conv(c, cg_gep(c, dst, dt->offs[i]), dt->elems[i], se, ev);
		}
		return;
	}
	cg_store_value(c, dst, st, v, bt_t_storage(dt));
}

static void expr_into(struct cg *c, struct bt_node *n, LLVMValueRef dst, uint32_t room);

void cg_expr_into(struct cg *c, struct bt_node *n, LLVMValueRef dst, uint32_t room)
{
	const struct bt_node *outer = c->at;

	c->at = n;
	expr_into(c, n, dst, room);
	c->at = outer;
}

static void expr_into(struct cg *c, struct bt_node *n, LLVMValueRef dst, uint32_t room)
{
	struct bt_ann *a = n->sema;
	const struct bt_type *t = n->type;
	if (n->kind == BT_N_CALL && a && a->id == BT_F_STR && t->kind == BT_T_STR &&
	    n->list.v[0]->type->kind != BT_T_STR) {
		/* str(p): read straight into place, no stack temporary */
		struct bt_node *x = n->list.v[0];
		uint32_t size = t->size < room ? t->size : room;
		LLVMValueRef addr = x->type->kind == BT_T_ARRAY ? cg_addr(c, x) : cg_expr(c, x);
		cg_probe_read_strx(c, dst, size, addr, cg_space(x->type),
				   n->list.n < 2 && size == bt_strlen_default());
		return;
	}
	if (n->kind == BT_N_BUILTIN && a && a->id == BT_B_COMM && room >= 16) {
		LLVMValueRef args[2] = {dst, LLVMConstInt(c->i32, 16, 0)};
		cg_helper(c, H_CURRENT_COMM, args, 2);
		return;
	}
	cg_store_value(c, dst, t, cg_expr(c, n), room);
}

static LLVMValueRef str_literal(struct cg *c, const struct bt_node *n)
{
	uint32_t size = (uint32_t)n->str_len + 1;
	LLVMValueRef a = cg_alloca(c, size, "str");
	/* whole words, NUL padded: a byte per store makes long blocks of
	 * literals (map keys) slow to schedule and to verify */
	for (uint32_t w = 0; w * 8 < size; w++) {
		uint64_t v = 0;
		for (uint32_t i = 0; i < 8 && w * 8 + i < n->str_len; i++)
			v |= (uint64_t)(unsigned char)n->str[w * 8 + i] << (8 * i);
		LLVMValueRef st = LLVMBuildStore(c->b, cg_const(c, v), cg_gep(c, a, w * 8));
		LLVMSetAlignment(st, 8);
	}
	return a;
}

/* Reads a scalar of type t at kernel address addr, or copies an aggregate. */
LLVMValueRef cg_read_mem(struct cg *c, const struct bt_type *t, LLVMValueRef addr, int space,
			 uint32_t bit_off, uint32_t bit_size)
{
	if (cg_is_scalar(t)) {
		uint32_t size = t->kind == BT_T_INT ? t->size : 8;
		LLVMValueRef tmp = cg_alloca(c, 8, "tmp");
		cg_store_i64(c, tmp, 0, cg_const(c, 0));
		cg_probe_read(c, tmp, bit_size ? (bit_off + bit_size + 7) / 8 : size, addr, space);
		if (bit_size) {
			LLVMValueRef v = LLVMBuildLoad2(c->b, c->i64, tmp, "");
			v = LLVMBuildLShr(c->b, v, cg_const(c, bit_off), "");
			return LLVMBuildAnd(
				c->b, v,
				cg_const(c, bit_size >= 64 ? ~0ull : (1ull << bit_size) - 1), "");
		}
		return cg_load_int(c, tmp, size, t->kind == BT_T_INT && t->is_signed);
	}
	uint32_t size = bt_t_storage(t);
	LLVMValueRef buf = cg_alloca(c, size, "mem");
	cg_memset0(c, buf, (size + 7) / 8 * 8);
	cg_probe_read(c, buf, size, addr, space);
	return buf;
}

static int base_space(const struct bt_node *base)
{
	return base->type ? cg_space(base->type) : 0;
}

/*
 * The record offset of a field that sits at different offsets in the
 * tracepoints sharing the program (struct bt_ann.variants): a switch on the
 * record's key. The field is then read with a helper: the verifier refuses a
 * direct context load at a variable offset (and the optimizer would merge
 * per-case loads into one).
 */
static LLVMValueRef rec_variant_off(struct cg *c, const struct bt_ann *a)
{
	LLVMValueRef rec = cg_rec(c);
	LLVMValueRef res = cg_alloca(c, 8, "fvar");
	LLVMValueRef key;
	if (a->variant_by_nr) {
		key = cg_load_int(c, cg_gep(c, rec, 8), 4, true);
	} else {
		/* the record's common_type is not there for BPF (the kernel puts the
		 * regs pointer over it): the attach cookie tells the targets apart */
		key = cg_helper(c, H_GET_ATTACH_COOKIE, &c->ctxarg, 1);
	}
	LLVMBasicBlockRef done = cg_block(c, "fvdone"), def = cg_block(c, "fvdef");
	LLVMValueRef sw = LLVMBuildSwitch(c->b, key, def, a->nvariants);
	for (uint32_t i = 0; i < a->nvariants; i++) {
		LLVMBasicBlockRef bb = def;
		bool dup = false;
		for (uint32_t j = 0; j < i; j++)
			dup |= a->variants[j].key == a->variants[i].key;
		if (dup)
			continue;
		if (i) {
			bb = cg_block(c, "fvcase");
			LLVMAddCase(sw, cg_const(c, (uint64_t)a->variants[i].key), bb);
		}
		LLVMPositionBuilderAtEnd(c->b, bb);
		cg_store_i64(c, res, 0, cg_const(c, a->variants[i].off));
		LLVMBuildBr(c->b, done);
	}
	LLVMPositionBuilderAtEnd(c->b, done);
	return cg_load_int(c, res, 8, false);
}

/* The address (i64) of field a of the tracepoint record. */
static LLVMValueRef rec_addr(struct cg *c, const struct bt_ann *a)
{
	LLVMValueRef off = a->nvariants ? rec_variant_off(c, a) : cg_const(c, a->off);
	return LLVMBuildAdd(c->b, LLVMBuildPtrToInt(c->b, cg_rec(c), c->i64, ""), off, "");
}

/* An int of size bytes at field a of the tracepoint record. */
static LLVMValueRef rec_load(struct cg *c, const struct bt_ann *a, uint32_t size, bool sg)
{
	if (!a->nvariants)
		return cg_load_int(c, cg_gep(c, cg_rec(c), a->off), size, sg);
	LLVMValueRef tmp = cg_alloca(c, 8, "fval");
	cg_store_i64(c, tmp, 0, cg_const(c, 0));
	cg_probe_read(c, tmp, size, rec_addr(c, a), 1);
	return cg_load_int(c, tmp, size, sg);
}

LLVMValueRef cg_addr(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	switch (n->kind) {
	case BT_N_FIELD:
		if (a->acc == BT_ACC_CTX)
			return rec_addr(c, a);
		if (n->a->type->kind == BT_T_PTR)
			return LLVMBuildAdd(c->b, cg_expr(c, n->a), cg_const(c, a->off), "");
		return LLVMBuildAdd(c->b, cg_addr(c, n->a), cg_const(c, a->off), "");
	case BT_N_INDEX: {
		const struct bt_type *bt = n->a->type;
		uint32_t es =
			bt->elem ? (bt->elem->kind == BT_T_INT ? bt->elem->size : bt->elem->size)
				 : 1;
		LLVMValueRef base = bt->kind == BT_T_PTR ? cg_expr(c, n->a) : cg_addr(c, n->a);
		LLVMValueRef idx = cg_expr(c, n->b);
		return LLVMBuildAdd(c->b, base, LLVMBuildMul(c->b, idx, cg_const(c, es), ""), "");
	}
	case BT_N_UNOP:
		return cg_expr(c, n->a);
	default:
		return cg_expr(c, n);
	}
}

static LLVMValueRef field(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	const struct bt_type *t = n->type;
	switch (a->acc) {
	case BT_ACC_CTX: {
		if (cg_is_scalar(t))
			return rec_load(c, a, t->kind == BT_T_INT ? t->size : 8,
					t->kind == BT_T_INT && t->is_signed);
		uint32_t size = bt_t_storage(t);
		LLVMValueRef addr = rec_addr(c, a);
		LLVMValueRef buf = cg_alloca(c, size, "ctxf");
		cg_memset0(c, buf, (size + 7) / 8 * 8);
		cg_probe_read(c, buf, size, addr, 1);
		return buf;
	}
	case BT_ACC_DATALOC: {
		LLVMValueRef loc = rec_load(c, a, 4, false);
		LLVMValueRef off = LLVMBuildAnd(c->b, loc, cg_const(c, 0xffff), "");
		LLVMValueRef addr =
			LLVMBuildAdd(c->b, LLVMBuildPtrToInt(c->b, cg_rec(c), c->i64, ""), off, "");
		uint32_t size = t->size;
		LLVMValueRef buf = cg_alloca(c, size, "dataloc");
		cg_memset0(c, buf, (size + 7) / 8 * 8);
		cg_probe_read_str(c, buf, size, addr, 1);
		return buf;
	}
	case BT_ACC_CTX_ARG: {
		LLVMValueRef v = cg_load_u64(c, c->ctxarg, a->off * 8);
		return t->kind == BT_T_INT ? cg_fit(c, v, t->size, t->is_signed) : v;
	}
	case BT_ACC_VALUE: {
		LLVMValueRef base = cg_expr(c, n->a);
		LLVMValueRef p = cg_gep(c, base, a->off);
		if (n->a->type->kind == BT_T_RECORD)
			return cg_value_member(c, t, p, a->bit_off, a->bit_size);
		if (cg_is_scalar(t))
			return cg_load_int(c, p, 8, t->kind == BT_T_INT && t->is_signed);
		return p;
	}
	case BT_ACC_MEM:
	default: {
		return cg_read_mem(c, t, cg_addr(c, n), base_space(n->a), a->bit_off, a->bit_size);
	}
	}
}

/*
 * s == "literal" (comm == "nginx"): equal iff the literal's bytes and its NUL
 * match, compared 8 bytes at a time against constants instead of byte by
 * byte. NULL when the fast form does not apply (the string is shorter than
 * literal + NUL rounded up to whole words).
 */
static LLVMValueRef str_eq_lit(struct cg *c, struct bt_node *x, const struct bt_node *lit)
{
	uint32_t len = (uint32_t)strnlen(lit->str, lit->str_len) + 1; /* with the NUL */
	uint32_t words = (len + 7) / 8;
	if (len != lit->str_len + 1 || words * 8 > x->type->size)
		return NULL;
	struct bt_ann *a = x->sema;
	LLVMValueRef p = NULL, ne = LLVMConstInt(c->i1, 0, 0);
	if (x->kind == BT_N_BUILTIN && a && a->id == BT_B_COMM)
		p = cg_task_comm(c); /* no copy to the stack */
	if (!p)
		p = cg_expr(c, x);
	for (uint32_t w = 0; w < words; w++) {
		uint64_t want = 0, mask = 0;
		for (uint32_t i = 0; i < 8 && w * 8 + i < len; i++) {
			uint32_t k = w * 8 + i;
			want |= (uint64_t)(k < lit->str_len ? (unsigned char)lit->str[k] : 0)
				<< (8 * i);
			mask |= 0xffull << (8 * i);
		}
		LLVMValueRef v =
			LLVMBuildAnd(c->b, cg_load_u64(c, p, w * 8), cg_const(c, mask), "");
		ne = LLVMBuildOr(c->b, ne, LLVMBuildICmp(c->b, LLVMIntNE, v, cg_const(c, want), ""),
				 "");
	}
	return ne;
}

static LLVMValueRef str_eq(struct cg *c, struct bt_node *l, struct bt_node *r)
{
	LLVMValueRef fast = r->kind == BT_N_STR && l->kind != BT_N_STR	 ? str_eq_lit(c, l, r)
			    : l->kind == BT_N_STR && r->kind != BT_N_STR ? str_eq_lit(c, r, l)
									 : NULL;
	if (fast)
		return fast;
	LLVMValueRef a = cg_expr(c, l), b = cg_expr(c, r);
	uint32_t n = l->type->size < r->type->size ? l->type->size : r->type->size;
	const struct bt_node *lg = l->type->size > r->type->size ? l : r;
	return cg_str_ne(c, a, b, n, l->type->size == r->type->size ? NULL : lg == l ? a : b);
}

static bool signed_op(const struct bt_node *n)
{
	const struct bt_type *l = n->a->type, *r = n->b->type;
	return l->kind == BT_T_INT && l->is_signed && r->kind == BT_T_INT && r->is_signed;
}

/* Signed division without BPF signed division (cpu v4 only). */
LLVMValueRef cg_sdiv(struct cg *c, LLVMValueRef x, LLVMValueRef y, bool rem)
{
	LLVMValueRef z = cg_const(c, 0);
	LLVMValueRef xn = LLVMBuildICmp(c->b, LLVMIntSLT, x, z, "");
	LLVMValueRef yn = LLVMBuildICmp(c->b, LLVMIntSLT, y, z, "");
	LLVMValueRef ax = LLVMBuildSelect(c->b, xn, LLVMBuildNeg(c->b, x, ""), x, "");
	LLVMValueRef ay = LLVMBuildSelect(c->b, yn, LLVMBuildNeg(c->b, y, ""), y, "");
	LLVMValueRef q = rem ? LLVMBuildURem(c->b, ax, ay, "") : LLVMBuildUDiv(c->b, ax, ay, "");
	LLVMValueRef neg = rem ? xn : LLVMBuildXor(c->b, xn, yn, "");
	return LLVMBuildSelect(c->b, neg, LLVMBuildNeg(c->b, q, ""), q, "");
}

static LLVMValueRef logical(struct cg *c, struct bt_node *n)
{
	bool is_and = n->op == BT_OP_LAND;
	LLVMValueRef res = cg_alloca(c, 8, "logic");
	LLVMValueRef l = cg_to_bool(c, cg_expr(c, n->a));
	cg_store_i64(c, res, 0, LLVMBuildZExt(c->b, l, c->i64, ""));
	LLVMBasicBlockRef rhs = cg_block(c, "rhs"), done = cg_block(c, "done");
	if (is_and)
		LLVMBuildCondBr(c->b, l, rhs, done);
	else
		LLVMBuildCondBr(c->b, l, done, rhs);
	LLVMPositionBuilderAtEnd(c->b, rhs);
	LLVMValueRef r = cg_to_bool(c, cg_expr(c, n->b));
	cg_store_i64(c, res, 0, LLVMBuildZExt(c->b, r, c->i64, ""));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return LLVMBuildLoad2(c->b, c->i64, res, "");
}

static LLVMValueRef binop(struct cg *c, struct bt_node *n)
{
	if (n->op == BT_OP_LAND || n->op == BT_OP_LOR)
		return logical(c, n);
	if (n->a->type->kind == BT_T_STR) {
		LLVMValueRef ne = str_eq(c, n->a, n->b);
		if (n->op == BT_OP_EQ)
			ne = LLVMBuildNot(c->b, ne, "");
		return LLVMBuildZExt(c->b, ne, c->i64, "");
	}
	if (!cg_is_scalar(n->a->type))
		return cg_value_eq(c, n); /* arrays, structs, buf() */
	LLVMValueRef x = cg_expr(c, n->a), y = cg_expr(c, n->b);
	bool sg = signed_op(n);
	LLVMIntPredicate pr;
	switch (n->op) {
	case BT_OP_ADD:
	case BT_OP_SUB:
		return cg_ptr_addsub(c, n->a->type, x, n->b->type, y, n->op == BT_OP_SUB);
	case BT_OP_MUL:
		return LLVMBuildMul(c->b, x, y, "");
	case BT_OP_DIV:
		return sg ? cg_sdiv(c, x, y, false) : LLVMBuildUDiv(c->b, x, y, "");
	case BT_OP_MOD:
		return sg ? cg_sdiv(c, x, y, true) : LLVMBuildURem(c->b, x, y, "");
	case BT_OP_BAND:
		return LLVMBuildAnd(c->b, x, y, "");
	case BT_OP_BOR:
		return LLVMBuildOr(c->b, x, y, "");
	case BT_OP_BXOR:
		return LLVMBuildXor(c->b, x, y, "");
	case BT_OP_SHL:
		return LLVMBuildShl(c->b, x, y, "");
	case BT_OP_SHR:
		return LLVMBuildLShr(c->b, x, y, ""); /* bpftrace 0.17: always logical */
	case BT_OP_EQ:
		pr = LLVMIntEQ;
		break;
	case BT_OP_NE:
		pr = LLVMIntNE;
		break;
	case BT_OP_LT:
		pr = sg ? LLVMIntSLT : LLVMIntULT;
		break;
	case BT_OP_LE:
		pr = sg ? LLVMIntSLE : LLVMIntULE;
		break;
	case BT_OP_GT:
		pr = sg ? LLVMIntSGT : LLVMIntUGT;
		break;
	case BT_OP_GE:
		pr = sg ? LLVMIntSGE : LLVMIntUGE;
		break;
	default:
		return cg_const(c, 0);
	}
	return LLVMBuildZExt(c->b, LLVMBuildICmp(c->b, pr, x, y, ""), c->i64, "");
}

static LLVMValueRef incdec(struct cg *c, struct bt_node *n)
{
	bool post = n->op == BT_OP_POSTINC || n->op == BT_OP_POSTDEC;
	bool inc = n->op == BT_OP_PREINC || n->op == BT_OP_POSTINC;
	LLVMValueRef delta = cg_const(c, inc ? 1 : (uint64_t)-1);
	LLVMValueRef old, nv;
	if (n->type->kind == BT_T_PTR)
		delta = cg_ptr_step(c, n->type, delta);
	if (n->a->kind == BT_N_VAR) {
		struct bt_var *var = ((struct bt_ann *)n->a->sema)->var;
		LLVMValueRef slot = cg_var_slot(c, var);
		old = LLVMBuildLoad2(c->b, c->i64, slot, "");
		/* the variable keeps its width: (uint8)255 + 1 is 0 */
		nv = cg_int_wrap(c, var->type, LLVMBuildAdd(c->b, old, delta, ""));
		LLVMBuildStore(c->b, nv, slot);
	} else {
		cg_map_incdec(c, n->a, delta, &old, &nv);
	}
	return post ? old : nv;
}

static LLVMValueRef unop(struct cg *c, struct bt_node *n)
{
	switch (n->op) {
	case BT_OP_PREINC:
	case BT_OP_PREDEC:
	case BT_OP_POSTINC:
	case BT_OP_POSTDEC:
		return incdec(c, n);
	case BT_OP_DEREF: /* *p, or *x of an integer x: an integer of x's size */
		return cg_read_mem(c, n->a->type->kind == BT_T_INT ? n->a->type : n->type,
				   cg_expr(c, n->a), cg_space(n->a->type), 0, 0);
	case BT_OP_ADDR:
		return cg_addr(c, n->a);
	case BT_OP_NEG:
		return LLVMBuildNeg(c->b, cg_expr(c, n->a), "");
	case BT_OP_BNOT:
		return LLVMBuildNot(c->b, cg_expr(c, n->a), "");
	case BT_OP_LNOT:
		return LLVMBuildZExt(
			c->b, LLVMBuildICmp(c->b, LLVMIntEQ, cg_expr(c, n->a), cg_const(c, 0), ""),
			c->i64, "");
	default:
		return cg_const(c, 0);
	}
}

static LLVMValueRef ternary(struct cg *c, struct bt_node *n)
{
	uint32_t size = bt_t_storage(n->type);
	bool scalar = cg_is_scalar(n->type);
	LLVMValueRef res = cg_alloca(c, size, "tern");
	cg_memset0(c, res, (size + 7) / 8 * 8);
	LLVMValueRef cond = cg_to_bool(c, cg_expr(c, n->a));
	LLVMBasicBlockRef bt = cg_block(c, "t"), bf = cg_block(c, "f"), done = cg_block(c, "tdone");
	LLVMBuildCondBr(c->b, cond, bt, bf);
	LLVMPositionBuilderAtEnd(c->b, bt);
	cg_store_value(c, res, n->b->type, cg_expr(c, n->b), size);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, bf);
	cg_store_value(c, res, n->c->type, cg_expr(c, n->c), size);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	return scalar ? LLVMBuildLoad2(c->b, c->i64, res, "") : res;
}

static LLVMValueRef tuple(struct cg *c, struct bt_node *n)
{
	const struct bt_type *t = n->type;
	LLVMValueRef buf = cg_alloca(c, t->size, "tuple");
	cg_memset0(c, buf, t->size);
	for (uint32_t i = 0; i < t->count; i++) {
		struct bt_node *e = n->list.v[i];
		cg_expr_into(c, e, cg_gep(c, buf, t->offs[i]), bt_t_storage(t->elems[i]));
	}
	return buf;
}

static LLVMValueRef cast(struct cg *c, struct bt_node *n)
{
	const struct bt_type *t = n->type;
	if (t->kind == BT_T_PTR && n->a->type->kind == BT_T_ARRAY)
		return cg_addr(c, n->a);
	LLVMValueRef v = cg_expr(c, n->a);
	if (t->kind == BT_T_INT)
		return cg_fit(c, v, t->size, t->is_signed);
	if (t->kind == BT_T_ARRAY) {
		LLVMValueRef buf = cg_alloca(c, 8, "arr");
		cg_store_i64(c, buf, 0, v);
		return buf;
	}
	return v;
}

static LLVMValueRef expr(struct cg *c, struct bt_node *n);

/* c->at: the innermost expression being built, where -k/-kk locate a helper */
LLVMValueRef cg_expr(struct cg *c, struct bt_node *n)
{
	const struct bt_node *outer = c->at;
	LLVMValueRef v;

	c->at = n;
	v = expr(c, n);
	c->at = outer;
	return v;
}

static LLVMValueRef expr(struct cg *c, struct bt_node *n)
{
	struct bt_ann *a = n->sema;
	switch (n->kind) {
	case BT_N_INT:
		return cg_const(c, n->num);
	case BT_N_STR:
		return str_literal(c, n);
	case BT_N_POSITIONAL:
	case BT_N_SIZEOF:
	case BT_N_OFFSETOF:
		return cg_const(c, (uint64_t)a->ival);
	case BT_N_VAR: {
		LLVMValueRef slot = cg_var_slot(c, a->var);
		if (cg_is_scalar(n->type))
			return LLVMBuildLoad2(c->b, c->i64, slot, "");
		return slot;
	}
	case BT_N_MAP:
		return cg_map_read(c, n);
	case BT_N_BUILTIN: /* codegen/builtin/ */
	case BT_N_CALL:
		return cg_call(c, n);
	case BT_N_BINOP:
		return binop(c, n);
	case BT_N_UNOP:
		return unop(c, n);
	case BT_N_TERNARY:
		return ternary(c, n);
	case BT_N_FIELD:
		return field(c, n);
	case BT_N_INDEX:
		if (a->acc == BT_ACC_VALUE && n->a->type->kind == BT_T_ARRAY)
			return cg_value_elem(c, n);
		if (a->acc == BT_ACC_VALUE) {
			LLVMValueRef base = cg_expr(c, n->a);
			return cg_load_int(c, cg_gepv(c, base, cg_expr(c, n->b)), 1, true);
		}
		return cg_read_mem(c, n->type, cg_addr(c, n), cg_space(n->a->type), 0, 0);
	case BT_N_CAST:
		return cast(c, n);
	case BT_N_TUPLE:
		return tuple(c, n);
	default:
		return cg_const(c, 0);
	}
}
