// SPDX-License-Identifier: GPL-2.0
/* Codegen for ring buffer records: reserve/submit, output, the record header. */
#include <string.h>

#include "codegen/cg.h"

void cg_lost_inc(struct cg *c)
{
	cg_limit_inc(c, BT_LIMIT_LOST);
}

LLVMValueRef cg_ringbuf_reserve(struct cg *c, uint32_t size, LLVMBasicBlockRef *done)
{
	LLVMValueRef args[3] = {c->ringbuf, cg_const(c, size), cg_const(c, 0)};
	LLVMValueRef p =
		LLVMBuildIntToPtr(c->b, cg_helper(c, H_RINGBUF_RESERVE, args, 3), c->ptr, "");
	LLVMBasicBlockRef ok = cg_block(c, "recok"), full = cg_block(c, "recfull");
	*done = cg_block(c, "recdone");
	LLVMBuildCondBr(c->b, LLVMBuildIsNotNull(c->b, p, ""), ok, full);
	LLVMPositionBuilderAtEnd(c->b, full);
	cg_lost_inc(c);
	LLVMBuildBr(c->b, *done);
	LLVMPositionBuilderAtEnd(c->b, ok);
	return p;
}

void cg_ringbuf_submit(struct cg *c, LLVMValueRef rec, LLVMBasicBlockRef done)
{
	LLVMValueRef sargs[2] = {rec, cg_const(c, 0)};
	cg_helper(c, H_RINGBUF_SUBMIT, sargs, 2);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_ringbuf_out(struct cg *c, LLVMValueRef buf, uint32_t size)
{
	LLVMValueRef args[4] = {c->ringbuf, buf, cg_const(c, size), cg_const(c, 0)};
	LLVMValueRef r = cg_helper(c, H_RINGBUF_OUTPUT, args, 4);
	/* the ring buffer was full: count it in BT_LOST, reported at exit */
	LLVMBasicBlockRef lost = cg_block(c, "lost"), done = cg_block(c, "out_done");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntNE, r, cg_const(c, 0), ""), lost, done);
	LLVMPositionBuilderAtEnd(c->b, lost);
	cg_lost_inc(c);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

LLVMValueRef cg_record(struct cg *c, uint32_t kind, uint32_t id, uint32_t payload)
{
	LLVMValueRef buf = cg_alloca(c, 8 + payload, "rec");
	cg_memset0(c, buf, 8 + (payload + 7) / 8 * 8);
	cg_store_i64(c, buf, 0, cg_const(c, (uint64_t)kind | ((uint64_t)id << 32)));
	return buf;
}

void cg_send(struct cg *c, uint32_t kind, uint32_t id, LLVMValueRef payload, uint32_t size)
{
	LLVMValueRef buf = cg_record(c, kind, id, size);
	if (payload && size)
		cg_memcpy(c, cg_gep(c, buf, 8), payload, size);
	cg_ringbuf_out(c, buf, 8 + size);
}
