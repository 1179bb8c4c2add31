// SPDX-License-Identifier: GPL-2.0
/* Small IR-building helpers shared by the codegen files. */
#include <stdlib.h>

#include <bt/vec.h>

#include "codegen/cg.h"

LLVMValueRef cg_const(struct cg *c, uint64_t v)
{
	return LLVMConstInt(c->i64, v, 0);
}

/*
 * External linkage keeps the optimizer from folding the zero initializer:
 * the real values are written into the .rodata map before the load, and the
 * verifier sees them as constants.
 */
LLVMValueRef cg_rt_const(struct cg *c, int idx)
{
	if (!c->consts_gv) {
		LLVMTypeRef ty = LLVMArrayType(c->i64, BT_RC_COUNT);
		c->consts_gv = LLVMAddGlobal(c->mod, ty, "BT_RT_CONSTS");
		LLVMSetInitializer(c->consts_gv, LLVMConstNull(ty));
		LLVMSetSection(c->consts_gv, ".rodata");
		LLVMSetAlignment(c->consts_gv, 8);
		c->prog->uses_consts = true;
	}
	return cg_load_u64(c, c->consts_gv, (uint64_t)idx * 8);
}

LLVMValueRef cg_stop_flag(struct cg *c)
{
	if (!c->stop_gv) { /* external: not folded to its zero initializer */
		c->stop_gv = LLVMAddGlobal(c->mod, c->i64, "BT_STOPPED");
		LLVMSetInitializer(c->stop_gv, LLVMConstNull(c->i64));
		LLVMSetSection(c->stop_gv, ".bss");
		LLVMSetAlignment(c->stop_gv, 8);
	}
	return c->stop_gv;
}

void cg_stop_check(struct cg *c)
{
	LLVMValueRef v = LLVMBuildLoad2(c->b, c->i64, cg_stop_flag(c), "stopped");
	LLVMBasicBlockRef go = cg_block(c, "running"), stop = cg_block(c, "stopped");

	LLVMSetVolatile(v, 1);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, v, cg_const(c, 0), ""), go, stop);
	LLVMPositionBuilderAtEnd(c->b, stop);
	LLVMBuildRet(c->b, cg_const(c, 0));
	LLVMPositionBuilderAtEnd(c->b, go);
}

static LLVMValueRef new_alloca(struct cg *c, uint32_t size, const char *name)
{
	LLVMBuilderRef ab = LLVMCreateBuilderInContext(c->ctx);
	LLVMPositionBuilderBefore(ab, c->alloca_pt);
	uint32_t n = (size + 7) / 8;
	LLVMValueRef a = LLVMBuildAlloca(ab, LLVMArrayType2(c->i64, n ? n : 1), name);
	LLVMSetAlignment(a, 8);
	LLVMDisposeBuilder(ab);
	return a;
}

static LLVMValueRef get_slot(struct cg *c, uint32_t size, const char *name, bool perm)
{
	size = (size + 7) / 8 * 8;
	if (!size)
		size = 8;
	struct cg_tmp *best = NULL;
	for (size_t i = 0; i < c->ntmps && !perm; i++) {
		struct cg_tmp *t = &c->tmps[i];
		if (!t->used && !t->perm && t->size >= size && (!best || t->size < best->size))
			best = t;
	}
	if (best) {
		best->used = true;
		return best->a;
	}
	if (bt_vec_push(c->tmps, c->ntmps))
		abort();
	struct cg_tmp *v = c->tmps;
	v[c->ntmps].a = new_alloca(c, size, name);
	v[c->ntmps].size = size;
	v[c->ntmps].used = true;
	v[c->ntmps].perm = perm;
	return v[c->ntmps++].a;
}

LLVMValueRef cg_alloca(struct cg *c, uint32_t size, const char *name)
{
	return get_slot(c, size, name, false);
}

LLVMValueRef cg_alloca_perm(struct cg *c, uint32_t size, const char *name)
{
	return get_slot(c, size, name, true);
}

void cg_release_tmps(struct cg *c)
{
	for (size_t i = 0; i < c->ntmps; i++)
		c->tmps[i].used = false;
}

LLVMValueRef cg_helper(struct cg *c, int id, LLVMValueRef *args, unsigned n)
{
	LLVMTypeRef at[8];
	for (unsigned i = 0; i < n; i++) {
		at[i] = LLVMTypeOf(args[i]);
	}
	LLVMTypeRef ft = LLVMFunctionType(c->i64, at, n, 0);
	LLVMValueRef callee = LLVMConstIntToPtr(cg_const(c, (uint64_t)id), c->ptr);
	return LLVMBuildCall2(c->b, ft, callee, args, n, "");
}

LLVMValueRef cg_gep(struct cg *c, LLVMValueRef base, uint64_t off)
{
	if (!off)
		return base;
	LLVMValueRef idx = cg_const(c, off);
	return LLVMBuildGEP2(c->b, c->i8, base, &idx, 1, "");
}

LLVMValueRef cg_gepv(struct cg *c, LLVMValueRef base, LLVMValueRef off)
{
	return LLVMBuildGEP2(c->b, c->i8, base, &off, 1, "");
}

void cg_memset0(struct cg *c, LLVMValueRef p, uint32_t size)
{
	if (size)
		LLVMBuildMemSet(c->b, p, LLVMConstInt(c->i8, 0, 0), cg_const(c, size), 1);
}

void cg_memcpy(struct cg *c, LLVMValueRef dst, LLVMValueRef src, uint32_t size)
{
	if (size)
		LLVMBuildMemCpy(c->b, dst, 1, src, 1, cg_const(c, size));
}

static LLVMTypeRef int_ty(struct cg *c, uint32_t size)
{
	switch (size) {
	case 1:
		return c->i8;
	case 2:
		return c->i16;
	case 4:
		return c->i32;
	default:
		return c->i64;
	}
}

LLVMValueRef cg_load_int(struct cg *c, LLVMValueRef p, uint32_t size, bool is_signed)
{
	LLVMTypeRef t = int_ty(c, size);
	LLVMValueRef v = LLVMBuildLoad2(c->b, t, p, "");
	LLVMSetAlignment(v, 1);
	if (t == c->i64)
		return v;
	return is_signed ? LLVMBuildSExt(c->b, v, c->i64, "") : LLVMBuildZExt(c->b, v, c->i64, "");
}

LLVMValueRef cg_load_u64(struct cg *c, LLVMValueRef base, uint64_t off)
{
	LLVMValueRef v = LLVMBuildLoad2(c->b, c->i64, cg_gep(c, base, off), "");
	LLVMSetAlignment(v, 8);
	return v;
}

void cg_store_u64(struct cg *c, LLVMValueRef base, uint64_t off, LLVMValueRef v)
{
	LLVMSetAlignment(LLVMBuildStore(c->b, v, cg_gep(c, base, off)), 8);
}

void cg_store_i64(struct cg *c, LLVMValueRef p, uint64_t off, LLVMValueRef v)
{
	LLVMValueRef st = LLVMBuildStore(c->b, v, cg_gep(c, p, off));
	LLVMSetAlignment(st, 1);
}

LLVMValueRef cg_fit(struct cg *c, LLVMValueRef v, uint32_t size, bool is_signed)
{
	LLVMTypeRef t = int_ty(c, size);
	if (t == c->i64)
		return v;
	LLVMValueRef x = LLVMBuildTrunc(c->b, v, t, "");
	return is_signed ? LLVMBuildSExt(c->b, x, c->i64, "") : LLVMBuildZExt(c->b, x, c->i64, "");
}

LLVMValueRef cg_to_bool(struct cg *c, LLVMValueRef v)
{
	return LLVMBuildICmp(c->b, LLVMIntNE, v, cg_const(c, 0), "");
}

LLVMBasicBlockRef cg_block(struct cg *c, const char *name)
{
	return LLVMAppendBasicBlockInContext(c->ctx, c->fn, name);
}

int cg_space(const struct bt_type *t)
{
	if (!t)
		return 0;
	if (t->user)
		return 2;
	if (t->kernel)
		return 1;
	if (t->kind == BT_T_PTR && t->elem && (t->elem->btf_id > 0 || t->elem->rec))
		return 1;
	return 0;
}

void cg_probe_read(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space)
{
	int h = space == 1 ? H_PROBE_READ_KERNEL : space == 2 ? H_PROBE_READ_USER : H_PROBE_READ;
	if (LLVMTypeOf(addr) != c->i64)
		addr = LLVMBuildPtrToInt(c->b, addr, c->i64, "");
	LLVMValueRef args[3] = {dst, LLVMConstInt(c->i32, size, 0), addr};
	cg_helper_check_neg(c, 2, h, cg_helper(c, h, args, 3), NULL);
}

void cg_limit_inc(struct cg *c, enum bt_limit_slot slot)
{
	LLVMBasicBlockRef inc = cg_block(c, "limit_inc"), done = cg_block(c, "limit_done");
	LLVMValueRef key = cg_alloca(c, 4, "limit_key");
	LLVMBuildStore(c->b, LLVMConstInt(c->i32, slot, 0), key);
	LLVMValueRef p = cg_map_lookup(c, c->lost, key);
	LLVMBuildCondBr(c->b, LLVMBuildIsNull(c->b, p, ""), done, inc);
	LLVMPositionBuilderAtEnd(c->b, inc);
	cg_store_u64(c, p, 0, LLVMBuildAdd(c->b, cg_load_u64(c, p, 0), cg_const(c, 1), ""));
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/*
 * A string that filled the whole buffer (the helper returns size: size - 1
 * bytes and the NUL) may have been cut: the source byte at size - 1 says.
 * It is read into the buffer's last byte, tested and set back to NUL, so
 * the check needs no stack; only that rare branch pays for it.
 */
static void count_cut(struct cg *c, LLVMValueRef ret, LLVMValueRef dst, uint32_t size,
		      LLVMValueRef addr, int space)
{
	LLVMBasicBlockRef full = cg_block(c, "str_full"), cut = cg_block(c, "str_cut");
	LLVMBasicBlockRef done = cg_block(c, "str_done");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntEQ, ret, cg_const(c, size), ""), full,
			done);
	LLVMPositionBuilderAtEnd(c->b, full);
	LLVMValueRef last = cg_gep(c, dst, size - 1);
	cg_probe_read(c, last, 1, LLVMBuildAdd(c->b, addr, cg_const(c, size - 1), ""), space);
	LLVMValueRef b = LLVMBuildLoad2(c->b, c->i8, last, "");
	LLVMSetAlignment(b, 1);
	LLVMSetAlignment(LLVMBuildStore(c->b, LLVMConstInt(c->i8, 0, 0), last), 1);
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntNE, b, LLVMConstInt(c->i8, 0, 0), ""), cut,
			done);
	LLVMPositionBuilderAtEnd(c->b, cut);
	cg_limit_inc(c, BT_LIMIT_STRCUT);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_probe_read_strx(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space,
			bool count)
{
	int h = space == 1   ? H_PROBE_READ_KERNEL_STR
		: space == 2 ? H_PROBE_READ_USER_STR
			     : H_PROBE_READ_STR;
	if (LLVMTypeOf(addr) != c->i64)
		addr = LLVMBuildPtrToInt(c->b, addr, c->i64, "");
	LLVMValueRef args[3] = {dst, LLVMConstInt(c->i32, size, 0), addr};
	LLVMValueRef ret = cg_helper(c, h, args, 3);
	cg_helper_check_neg(c, 2, h, ret, NULL);
	if (count && size >= 2)
		count_cut(c, ret, dst, size, addr, space);
}

/* Strings of BPFTRACE_STRLEN bytes count their cuts; other sizes were asked
 * for (str(x, n)) or are a destination's room. */
void cg_probe_read_str(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space)
{
	cg_probe_read_strx(c, dst, size, addr, space, size == bt_strlen_default());
}

bool cg_is_scalar(const struct bt_type *t)
{
	switch (t->kind) {
	case BT_T_INT:
	case BT_T_PTR:
	case BT_T_KSYM:
	case BT_T_KSTACK:
	case BT_T_PROBE:
	case BT_T_USERNAME:
	case BT_T_TIMESTAMP:
	case BT_T_CGPATH:
	case BT_T_CTX: /* the context's address (args), as cg_emit_args gives it */
		return true;
	case BT_T_FN: /* an i64, or bytes */
		return t->size == 8;
	default:
		return false;
	}
}
