// SPDX-License-Identifier: GPL-2.0
/*
 * Map definitions as libbpf expects them from C's
 *   struct { __uint(type, T); __uint(max_entries, N); __uint(key_size, K);
 *            __uint(value_size, V); } NAME SEC(".maps");
 * i.e. a global in section .maps whose debug type is a struct of pointers
 * to int arrays with N elements. The BPF backend turns the debug info into
 * BTF; without it libbpf says "DATASEC '.maps' not found".
 */
#include <string.h>
#include <unistd.h>

#include "codegen/cg.h"
#include "settings.h"

enum {
	MAP_HASH = 1,
	MAP_ARRAY = 2,
	MAP_PERCPU_HASH = 5,
	MAP_PERCPU_ARRAY = 6,
	MAP_STACK_TRACE = 7,
	MAP_RINGBUF = 27,
};

static LLVMMetadataRef uint_field(struct cg *c, const char *name, uint64_t v, uint64_t off_bits)
{
	LLVMMetadataRef sub = LLVMDIBuilderGetOrCreateSubrange(c->dib, 0, (int64_t)v);
	LLVMMetadataRef arr = LLVMDIBuilderCreateArrayType(c->dib, v * 32, 32, c->di_int, &sub, 1);
	LLVMMetadataRef ptr = LLVMDIBuilderCreatePointerType(c->dib, arr, 64, 64, 0, NULL, 0);
	return LLVMDIBuilderCreateMemberType(c->dib, c->di_cu, name, strlen(name), c->di_file, 0,
					     64, 64, off_bits, LLVMDIFlagZero, ptr);
}

LLVMValueRef cg_map_def(struct cg *c, const char *name, uint32_t type, uint32_t max, uint32_t key,
			uint32_t value)
{
	LLVMMetadataRef mem[4];
	unsigned n = 0;
	mem[n] = uint_field(c, "type", type, n * 64);
	n++;
	mem[n] = uint_field(c, "max_entries", max, n * 64);
	n++;
	if (key) {
		mem[n] = uint_field(c, "key_size", key, n * 64);
		n++;
	}
	if (value) {
		mem[n] = uint_field(c, "value_size", value, n * 64);
		n++;
	}
	LLVMMetadataRef st =
		LLVMDIBuilderCreateStructType(c->dib, c->di_cu, "", 0, c->di_file, 0, n * 64, 64,
					      LLVMDIFlagZero, NULL, mem, n, 0, NULL, "", 0);
	LLVMTypeRef fields[4] = {c->ptr, c->ptr, c->ptr, c->ptr};
	LLVMTypeRef sty = LLVMStructTypeInContext(c->ctx, fields, n, 0);
	LLVMValueRef gv = LLVMAddGlobal(c->mod, sty, name);
	LLVMSetInitializer(gv, LLVMConstNull(sty));
	LLVMSetSection(gv, ".maps");
	LLVMSetAlignment(gv, 8);
	LLVMMetadataRef expr = LLVMDIBuilderCreateExpression(c->dib, NULL, 0);
	LLVMMetadataRef gve = LLVMDIBuilderCreateGlobalVariableExpression(
		c->dib, c->di_cu, name, strlen(name), name, strlen(name), c->di_file, 0, st, 0,
		expr, NULL, 64);
	LLVMGlobalSetMetadata(gv, LLVMGetMDKindIDInContext(c->ctx, "dbg", 3), gve);
	return gv;
}

/*
 * The ring buffer's size. Its pages count in the tracer's RSS twice (the
 * data is mapped twice for wrap-around), so it is small unless a probe that
 * can fire at any rate sends records: BEGIN, END and interval send a
 * handful. A stream of printf from two busy CPUs (bench workload 5: ~3M
 * records/s once the reader keeps up) outran 4 and then 16 MiB while the
 * reader, or the reader of its output pipe, was off-CPU; 32 MiB (~120 ms of
 * that stream) lost none.
 */
static uint32_t ringbuf_size(const struct bt_prog *p)
{
	uint64_t pages = bt_settings()->perf_rb_pages, size = 4096;
	long ncpu = sysconf(_SC_NPROCESSORS_CONF);

	/* BPFTRACE_PERF_RB_PAGES: bpftrace's per-CPU pages, as one ring of the same total */
	if (pages) {
		while (size < pages * 4096 * (uint64_t)(ncpu > 0 ? ncpu : 1) && size < 1u << 30)
			size <<= 1;
		return (uint32_t)size;
	}
	/* the calls that send a record to user space */
	static const char *const sends[] = {"printf", "print", "time", "system",
					    "cat",    "join",  NULL};

	for (size_t i = 0; i < p->nprobes; i++) {
		const struct bt_probe *pr = &p->probes[i];
		if (pr->pv->few_events)
			continue;
		if (bt_ast_uses(pr->node, BT_AST_KIND(BT_N_CALL), sends))
			return 1u << 25;
	}
	return 1u << 20;
}

int cg_maps(struct cg *c)
{
	struct bt_prog *p = c->prog;
	for (size_t i = 0; i < p->nmaps; i++) {
		struct bt_map *m = &p->maps[i];
		uint32_t type = m->slot			 ? MAP_ARRAY
				: m->array		 ? MAP_PERCPU_ARRAY
				: m->kind == BT_MAP_HASH ? MAP_HASH
							 : MAP_PERCPU_HASH;
		c->map_gv[i] = cg_map_def(c, m->bpf_name, type, m->max_entries, m->key_size,
					  m->value_size + (m->slot ? 8 : 0));
	}
	c->ringbuf = cg_map_def(c, "BT_RINGBUF", MAP_RINGBUF, ringbuf_size(p), 0, 0);
	c->lost = cg_map_def(c, "BT_LOST", MAP_PERCPU_ARRAY, BT_LIMIT_NSLOTS, 4, 8);
	p->uses_ringbuf = true;
	return 0;
}
