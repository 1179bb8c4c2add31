// SPDX-License-Identifier: GPL-2.0
/*
 * Codegen for maps: keys, reads, writes, deletes and the aggregations
 * (count/sum/min/max/avg/stats/hist/lhist) in the layouts of types.h and
 * output/hist.h.
 */
#include <bpf/libbpf.h>

#include "codegen/cg.h"
#include "output/hist.h"

#define H_MAP_LOOKUP_PERCPU 195 /* bpf_map_lookup_percpu_elem */

static struct bt_map *map_of(struct cg *c, struct bt_node *m)
{
	return &c->prog->maps[((struct bt_ann *)m->sema)->map];
}

static LLVMValueRef gv_of(struct cg *c, struct bt_node *m)
{
	return c->map_gv[((struct bt_ann *)m->sema)->map];
}

LLVMValueRef cg_map_key(struct cg *c, struct bt_node *m, LLVMValueRef bucket)
{
	struct bt_map *mp = map_of(c, m);
	LLVMValueRef key = cg_alloca(c, mp->key_size, "key");
	if ((mp->slot || mp->array) && mp->key) { /* indexed by tid: a u32 ARRAY key */
		LLVMValueRef tid = cg_expr(c, m->list.v[0]);
		LLVMBuildStore(c->b, LLVMBuildTrunc(c->b, tid, c->i32, ""), key);
		return key;
	}
	if (mp->array && bucket) { /* a keyless hist's array: indexed by bucket */
		LLVMBuildStore(c->b, LLVMBuildTrunc(c->b, bucket, c->i32, ""), key);
		return key;
	}
	cg_memset0(c, key, mp->key_size);
	uint32_t user = mp->key ? mp->key->size : 8;
	if (mp->key) {
		for (uint32_t i = 0; i < mp->key->count && i < m->list.n; i++) {
			struct bt_node *e = m->list.v[i];
			uint32_t room = bt_t_storage(mp->key->elems[i]);
			cg_expr_into(c, e, cg_gep(c, key, mp->key->offs[i]), room);
		}
	}
	if (bucket)
		cg_store_i64(c, key, user, bucket);
	return key;
}

LLVMValueRef cg_map_lookup(struct cg *c, LLVMValueRef gv, LLVMValueRef key)
{
	LLVMValueRef args[2] = {gv, key};
	LLVMValueRef r = cg_helper(c, H_MAP_LOOKUP, args, 2);
	return LLVMBuildIntToPtr(c->b, r, c->ptr, "");
}

static void update(struct cg *c, LLVMValueRef gv, LLVMValueRef key, LLVMValueRef val,
		   const struct bt_node *m)
{
	LLVMValueRef args[4] = {gv, key, val, cg_const(c, 0)};
	cg_helper_check_neg(c, 1, H_MAP_UPDATE, cg_helper(c, H_MAP_UPDATE, args, 4), m);
}

LLVMValueRef cg_map_read(struct cg *c, struct bt_node *m)
{
	struct bt_map *mp = map_of(c, m);
	LLVMValueRef key = cg_map_key(c, m, NULL);
	uint32_t size = mp->value_size;
	LLVMValueRef res = cg_alloca(c, size, "mval");
	cg_memset0(c, res, (size + 7) / 8 * 8);
	LLVMValueRef p = cg_map_lookup(c, gv_of(c, m), key);
	cg_helper_check(c, 2, H_MAP_LOOKUP, LLVMBuildIsNull(c->b, p, ""), cg_const(c, 0), m);
	LLVMBasicBlockRef hit = cg_block(c, "hit"), done = cg_block(c, "rdone");
	LLVMBuildCondBr(c->b, LLVMBuildIsNotNull(c->b, p, ""), hit, done);
	LLVMPositionBuilderAtEnd(c->b, hit);
	cg_memcpy(c, res, p, size);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
	if (cg_is_scalar(m->type) || m->type->kind == BT_T_AGG)
		return LLVMBuildLoad2(c->b, c->i64, res, "");
	return res;
}

/* A slot map (prog.h): value and set flag stored in place. */
static void slot_store(struct cg *c, struct bt_node *m, LLVMValueRef v, bool set)
{
	LLVMValueRef p = cg_map_lookup(c, gv_of(c, m), cg_map_key(c, m, NULL));
	LLVMBasicBlockRef hit = cg_block(c, "slot"), done = cg_block(c, "slotdone");
	LLVMBuildCondBr(c->b, LLVMBuildIsNotNull(c->b, p, ""), hit, done);
	LLVMPositionBuilderAtEnd(c->b, hit);
	/* map values are 8-byte aligned: whole-word stores (an align-1 store is
	 * split into shifted bytes, which the verifier refuses for a pointer) */
	LLVMSetAlignment(LLVMBuildStore(c->b, v, p), 8);
	LLVMSetAlignment(LLVMBuildStore(c->b, cg_const(c, set), cg_gep(c, p, 8)), 8);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_map_write(struct cg *c, struct bt_node *m, const struct bt_type *vt, LLVMValueRef v)
{
	struct bt_map *mp = map_of(c, m);
	if (mp->slot) {
		LLVMValueRef tmp = cg_alloca(c, 8, "slotval");
		cg_store_conv(c, tmp, mp->value, vt, v);
		slot_store(c, m, LLVMBuildLoad2(c->b, c->i64, tmp, ""), true);
		return;
	}
	LLVMValueRef key = cg_map_key(c, m, NULL);
	if (!cg_is_scalar(vt) && mp->value->kind != BT_T_AGG && cg_same_layout(vt, mp->value)) {
		/* already laid out as the value: no second copy on the 512-byte stack */
		update(c, gv_of(c, m), key, v, m);
		return;
	}
	LLVMValueRef val = cg_alloca(c, mp->value_size, "val");
	cg_memset0(c, val, (mp->value_size + 7) / 8 * 8);
	if (mp->value->kind == BT_T_AGG)
		cg_store_value(c, val, m->type, v, mp->value_size);
	else
		cg_store_conv(c, val, mp->value, vt, v);
	update(c, gv_of(c, m), key, val, m);
}

/* delete(@n) of a keyless count(), one PERCPU_ARRAY slot (it cannot be deleted): zero
 * the share of every possible CPU, as deleting bpftrace's entry does */
static void zero_percpu(struct cg *c, struct bt_node *m)
{
	int ncpu = libbpf_num_possible_cpus();
	LLVMValueRef key = cg_map_key(c, m, NULL);
	LLVMBasicBlockRef entry = LLVMGetInsertBlock(c->b), loop = cg_block(c, "zcpu");
	LLVMBasicBlockRef hit = cg_block(c, "zhit"), next = cg_block(c, "znext");
	LLVMBasicBlockRef done = cg_block(c, "zdone");
	LLVMBuildBr(c->b, loop);
	LLVMPositionBuilderAtEnd(c->b, loop);
	LLVMValueRef cpu = LLVMBuildPhi(c->b, c->i64, "cpu");
	LLVMValueRef args[3] = {gv_of(c, m), key, LLVMBuildTrunc(c->b, cpu, c->i32, "")};
	LLVMValueRef p =
		LLVMBuildIntToPtr(c->b, cg_helper(c, H_MAP_LOOKUP_PERCPU, args, 3), c->ptr, "");
	LLVMBuildCondBr(c->b, LLVMBuildIsNotNull(c->b, p, ""), hit, next);
	LLVMPositionBuilderAtEnd(c->b, hit);
	cg_memset0(c, p, map_of(c, m)->value_size);
	LLVMBuildBr(c->b, next);
	LLVMPositionBuilderAtEnd(c->b, next);
	LLVMValueRef cpu1 = LLVMBuildAdd(c->b, cpu, cg_const(c, 1), "");
	LLVMValueRef more = LLVMBuildICmp(c->b, LLVMIntULT, cpu1,
					  cg_const(c, ncpu > 0 ? (uint64_t)ncpu : 1), "");
	LLVMBuildCondBr(c->b, more, loop, done);
	LLVMValueRef vals[2] = {cg_const(c, 0), cpu1};
	LLVMBasicBlockRef from[2] = {entry, next};
	LLVMAddIncoming(cpu, vals, from, 2);
	LLVMPositionBuilderAtEnd(c->b, done);
}

/* delete(@h[k]) of a hist or lhist: its n buckets are n entries (key, bucket) */
static void delete_buckets(struct cg *c, struct bt_node *m, size_t n)
{
	struct bt_map *mp = map_of(c, m);
	LLVMValueRef key = cg_map_key(c, m, cg_const(c, 0));
	LLVMBasicBlockRef entry = LLVMGetInsertBlock(c->b), loop = cg_block(c, "dbucket");
	LLVMBasicBlockRef done = cg_block(c, "ddone");
	LLVMBuildBr(c->b, loop);
	LLVMPositionBuilderAtEnd(c->b, loop);
	LLVMValueRef i = LLVMBuildPhi(c->b, c->i64, "bucket");
	cg_store_i64(c, key, mp->key ? mp->key->size : 8, i);
	LLVMValueRef args[2] = {gv_of(c, m), key};
	cg_helper(c, H_MAP_DELETE, args, 2);
	LLVMValueRef i1 = LLVMBuildAdd(c->b, i, cg_const(c, 1), "");
	LLVMBuildCondBr(c->b, LLVMBuildICmp(c->b, LLVMIntULT, i1, cg_const(c, n), ""), loop, done);
	LLVMValueRef vals[2] = {cg_const(c, 0), i1};
	LLVMBasicBlockRef from[2] = {entry, loop};
	LLVMAddIncoming(i, vals, from, 2);
	LLVMPositionBuilderAtEnd(c->b, done);
}

void cg_map_delete(struct cg *c, struct bt_node *m)
{
	const struct bt_type *v = map_of(c, m)->value;
	if (v && v->kind == BT_T_AGG && v->agg == BT_AGG_HIST) {
		delete_buckets(c, m, BT_HIST_NBUCKETS);
		return;
	}
	if (v && v->kind == BT_T_AGG && v->agg == BT_AGG_LHIST) {
		delete_buckets(c, m, bt_lhist_nbuckets(v->lhist_min, v->lhist_max, v->lhist_step));
		return;
	}
	if (map_of(c, m)->array) {
		zero_percpu(c, m);
		return;
	}
	if (map_of(c, m)->slot) {
		slot_store(c, m, cg_const(c, 0), false);
		return;
	}
	LLVMValueRef args[2] = {gv_of(c, m), cg_map_key(c, m, NULL)};
	cg_helper_check_neg(c, 1, H_MAP_DELETE, cg_helper(c, H_MAP_DELETE, args, 2), m);
}

void cg_map_incdec(struct cg *c, struct bt_node *m, LLVMValueRef delta, LLVMValueRef *old,
		   LLVMValueRef *new_)
{
	*old = cg_map_read(c, m);
	*new_ = LLVMBuildAdd(c->b, *old, delta, "");
	struct bt_map *mp = map_of(c, m);
	if (mp->slot) {
		slot_store(c, m, *new_, true);
		return;
	}
	LLVMValueRef key = cg_map_key(c, m, NULL);
	LLVMValueRef val = cg_alloca(c, mp->value_size, "val");
	cg_memset0(c, val, mp->value_size);
	cg_store_i64(c, val, 0, *new_);
	update(c, gv_of(c, m), key, val, m);
}

/* floor(log2(v)) for v >= 1, branch-free */
static LLVMValueRef log2_floor(struct cg *c, LLVMValueRef v)
{
	LLVMValueRef r = cg_const(c, 0);
	for (int sh = 32; sh >= 1; sh /= 2) {
		LLVMValueRef big = LLVMBuildICmp(c->b, LLVMIntUGE, v, cg_const(c, 1ull << sh), "");
		v = LLVMBuildSelect(c->b, big,
				    LLVMBuildLShr(c->b, v, cg_const(c, (uint64_t)sh), ""), v, "");
		r = LLVMBuildSelect(c->b, big, LLVMBuildAdd(c->b, r, cg_const(c, (uint64_t)sh), ""),
				    r, "");
	}
	return r;
}

static LLVMValueRef hist_index(struct cg *c, LLVMValueRef v)
{
	LLVMValueRef neg = LLVMBuildICmp(c->b, LLVMIntSLT, v, cg_const(c, 0), "");
	LLVMValueRef zero = LLVMBuildICmp(c->b, LLVMIntEQ, v, cg_const(c, 0), "");
	LLVMValueRef idx = LLVMBuildAdd(c->b, log2_floor(c, v), cg_const(c, 2), "");
	idx = LLVMBuildSelect(c->b, zero, cg_const(c, 1), idx, "");
	return LLVMBuildSelect(c->b, neg, cg_const(c, 0), idx, "");
}

static LLVMValueRef lhist_index(struct cg *c, LLVMValueRef v, const struct bt_type *t)
{
	int64_t mn = t->lhist_min, mx = t->lhist_max, st = t->lhist_step;
	LLVMValueRef below = LLVMBuildICmp(c->b, LLVMIntSLT, v, cg_const(c, (uint64_t)mn), "");
	LLVMValueRef above = LLVMBuildICmp(c->b, LLVMIntSGT, v, cg_const(c, (uint64_t)mx), "");
	LLVMValueRef in = LLVMBuildUDiv(c->b, LLVMBuildSub(c->b, v, cg_const(c, (uint64_t)mn), ""),
					cg_const(c, (uint64_t)st), "");
	in = LLVMBuildAdd(c->b, in, cg_const(c, 1), "");
	in = LLVMBuildSelect(c->b, above, cg_const(c, (uint64_t)((mx - mn) / st + 1)), in, "");
	return LLVMBuildSelect(c->b, below, cg_const(c, 0), in, "");
}

void cg_aggregate(struct cg *c, struct bt_node *m, struct bt_node *call)
{
	const struct bt_type *t = call->type;
	LLVMValueRef v = call->list.n ? cg_expr(c, call->list.v[0]) : cg_const(c, 1);
	LLVMValueRef bucket = NULL;
	if (t->agg == BT_AGG_HIST)
		bucket = hist_index(c, v);
	else if (t->agg == BT_AGG_LHIST)
		bucket = lhist_index(c, v, t);
	LLVMValueRef key = cg_map_key(c, m, bucket);
	LLVMValueRef gv = gv_of(c, m);
	LLVMValueRef p = cg_map_lookup(c, gv, key);
	LLVMBasicBlockRef hit = cg_block(c, "agghit"), miss = cg_block(c, "aggmiss"),
			  done = cg_block(c, "aggdone");
	LLVMBuildCondBr(c->b, LLVMBuildIsNotNull(c->b, p, ""), hit, miss);

	/* present: update this CPU's value in place (per-CPU, no atomics needed) */
	LLVMPositionBuilderAtEnd(c->b, hit);
	LLVMValueRef cur = LLVMBuildLoad2(c->b, c->i64, p, "");
	switch (t->agg) {
	case BT_AGG_COUNT:
	case BT_AGG_HIST:
	case BT_AGG_LHIST:
		LLVMBuildStore(c->b, LLVMBuildAdd(c->b, cur, cg_const(c, 1), ""), p);
		break;
	case BT_AGG_SUM:
		LLVMBuildStore(c->b, LLVMBuildAdd(c->b, cur, v, ""), p);
		break;
	case BT_AGG_AVG:
	case BT_AGG_STATS: {
		LLVMBuildStore(c->b, LLVMBuildAdd(c->b, cur, v, ""), p);
		LLVMValueRef cp = cg_gep(c, p, 8);
		LLVMValueRef cnt = LLVMBuildLoad2(c->b, c->i64, cp, "");
		LLVMBuildStore(c->b, LLVMBuildAdd(c->b, cnt, cg_const(c, 1), ""), cp);
		break;
	}
	case BT_AGG_MIN:
	case BT_AGG_MAX: {
		LLVMValueRef sp = cg_gep(c, p, 8);
		LLVMValueRef set = LLVMBuildLoad2(c->b, c->i64, sp, "");
		LLVMIntPredicate pr = t->agg == BT_AGG_MIN
					      ? (t->is_signed ? LLVMIntSLT : LLVMIntULT)
					      : (t->is_signed ? LLVMIntSGT : LLVMIntUGT);
		LLVMValueRef better = LLVMBuildICmp(c->b, pr, v, cur, "");
		LLVMValueRef take = LLVMBuildOr(
			c->b, better, LLVMBuildICmp(c->b, LLVMIntEQ, set, cg_const(c, 0), ""), "");
		LLVMBuildStore(c->b, LLVMBuildSelect(c->b, take, v, cur, ""), p);
		LLVMBuildStore(c->b, cg_const(c, 1), sp);
		break;
	}
	default:
		break;
	}
	LLVMBuildBr(c->b, done);

	/* absent: insert the first value */
	LLVMPositionBuilderAtEnd(c->b, miss);
	LLVMValueRef val = cg_alloca(c, 16, "aggval");
	cg_memset0(c, val, 16);
	switch (t->agg) {
	case BT_AGG_COUNT:
	case BT_AGG_HIST:
	case BT_AGG_LHIST:
		cg_store_i64(c, val, 0, cg_const(c, 1));
		break;
	case BT_AGG_SUM:
		cg_store_i64(c, val, 0, v);
		break;
	default: /* min/max {v, set}, avg/stats {total, count} */
		cg_store_i64(c, val, 0, v);
		cg_store_i64(c, val, 8, cg_const(c, 1));
		break;
	}
	update(c, gv, key, val, NULL);
	LLVMBuildBr(c->b, done);
	LLVMPositionBuilderAtEnd(c->b, done);
}
