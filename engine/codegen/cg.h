/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Codegen: the annotated AST to LLVM IR to a BPF ELF object in memory, with
 * BTF-defined maps so libbpf loads it as is. The only room with the LLVM C API.
 *
 * Values: scalars (INT, PTR, KSYM, KSTACK, PROBE, USERNAME) are i64 SSA
 * values; everything else (strings, tuples, arrays, ustack) is a pointer to
 * bytes on the BPF stack laid out as types.h says.
 */
#ifndef BT_CG_H
#define BT_CG_H

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include "sema.h"

/* BPF helper ids (include/uapi/linux/bpf.h). */
enum {
	H_MAP_LOOKUP = 1, H_MAP_UPDATE = 2, H_MAP_DELETE = 3, H_PROBE_READ = 4,
	H_KTIME_GET_NS = 5, H_PRANDOM_U32 = 7, H_SMP_PROCESSOR_ID = 8,
	H_CURRENT_PID_TGID = 14, H_CURRENT_UID_GID = 15, H_CURRENT_COMM = 16,
	H_GET_STACKID = 27, H_CURRENT_TASK = 35, H_NUMA_NODE_ID = 42, H_PROBE_READ_STR = 45,
	H_CURRENT_CGROUP_ID = 80, H_SEND_SIGNAL = 109, H_PROBE_READ_USER = 112,
	H_PROBE_READ_KERNEL = 113, H_PROBE_READ_USER_STR = 114, H_PROBE_READ_KERNEL_STR = 115,
	H_RINGBUF_OUTPUT = 130, H_GET_FUNC_IP = 173, H_GET_ATTACH_COOKIE = 174,
};

struct cg_loop {
	LLVMBasicBlockRef brk, cont;
};

struct cg_varslot {
	struct bt_var *var;
	LLVMValueRef slot;
};

/* Stack slots: temporaries are reused once the statement that made them
 * is done, so a long block does not exceed the 512-byte BPF stack. */
struct cg_tmp {
	LLVMValueRef a;
	uint32_t size;
	bool used, perm;
};

struct cg {
	struct bt_sema *s;
	struct bt_prog *prog;
	LLVMContextRef ctx;
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	LLVMTargetMachineRef tm;
	LLVMDIBuilderRef dib;
	LLVMMetadataRef di_file, di_cu, di_int;
	LLVMTypeRef i1, i8, i16, i32, i64, ptr, fn_ty;
	LLVMValueRef *map_gv;    /* per bt_prog.maps */
	LLVMValueRef ringbuf, stackmap;
	/* the function being built */
	LLVMValueRef fn, ctxarg;
	LLVMBasicBlockRef entry;
	LLVMValueRef alloca_pt;  /* allocas go before this instruction */
	const struct bt_probe *probe;
	struct bt_sprobe *sp;
	struct cg_varslot *vars;
	size_t nvars;
	struct cg_tmp *tmps;
	size_t ntmps;
	struct cg_loop loops[32];
	int nloops;
	LLVMValueRef consts_gv;  /* BT_RT_CONSTS in .rodata, made at first use */
};

/* The entry point: fills s->prog->obj / obj_len. 0 or -errno (reported). */
int bt_cg_run(struct bt_sema *s);

/* cg_util.c */
LLVMValueRef cg_const(struct cg *c, uint64_t v);
/* Loads BT_RT_CONSTS[idx] (enum bt_rt_const), set by the loader. */
LLVMValueRef cg_rt_const(struct cg *c, int idx);
LLVMValueRef cg_alloca(struct cg *c, uint32_t size, const char *name);
/* A slot that lives for the whole program (variables). */
LLVMValueRef cg_alloca_perm(struct cg *c, uint32_t size, const char *name);
/* Marks every temporary free again (end of a statement). */
void cg_release_tmps(struct cg *c);
LLVMValueRef cg_helper(struct cg *c, int id, LLVMValueRef *args, unsigned n);
LLVMValueRef cg_gep(struct cg *c, LLVMValueRef base, uint64_t off);
LLVMValueRef cg_gepv(struct cg *c, LLVMValueRef base, LLVMValueRef off);
void cg_memset0(struct cg *c, LLVMValueRef p, uint32_t size);
void cg_memcpy(struct cg *c, LLVMValueRef dst, LLVMValueRef src, uint32_t size);
/* Loads an int of `size` bytes at p, extended to i64. */
LLVMValueRef cg_load_int(struct cg *c, LLVMValueRef p, uint32_t size, bool is_signed);
void cg_store_i64(struct cg *c, LLVMValueRef p, uint64_t off, LLVMValueRef v);
/* Truncates v (i64) to size bytes and extends back (casts, narrow fields). */
LLVMValueRef cg_fit(struct cg *c, LLVMValueRef v, uint32_t size, bool is_signed);
LLVMValueRef cg_to_bool(struct cg *c, LLVMValueRef v);
LLVMBasicBlockRef cg_block(struct cg *c, const char *name);
/* Reads size bytes of kernel/user memory at address addr (i64) into dst. */
void cg_probe_read(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space);
void cg_probe_read_str(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space);
/* space: address space of a pointer type: 0 unknown, 1 kernel, 2 user */
int cg_space(const struct bt_type *ptr_type);
bool cg_is_scalar(const struct bt_type *t);

/* cg_expr.c */
LLVMValueRef cg_expr(struct cg *c, struct bt_node *n);
/* Kernel address (i64) of a memory lvalue (FIELD/INDEX through memory, *p). */
LLVMValueRef cg_addr(struct cg *c, struct bt_node *n);
/* Stores value v of type t at dst (size bytes reserved there). */
void cg_store_value(struct cg *c, LLVMValueRef dst, const struct bt_type *t, LLVMValueRef v,
		    uint32_t size);
LLVMValueRef cg_var_slot(struct cg *c, struct bt_var *v);
/* kstack: the stack id (i64); ustack: a pointer to {id, pid}. */
LLVMValueRef cg_stack(struct cg *c, bool user);

/* cg_map.c */
LLVMValueRef cg_map_key(struct cg *c, struct bt_node *m, LLVMValueRef bucket);
LLVMValueRef cg_map_read(struct cg *c, struct bt_node *m);
void cg_map_write(struct cg *c, struct bt_node *m, LLVMValueRef v);
void cg_map_delete(struct cg *c, struct bt_node *m);
void cg_aggregate(struct cg *c, struct bt_node *m, struct bt_node *call);
void cg_map_incdec(struct cg *c, struct bt_node *m, LLVMValueRef delta, LLVMValueRef *old,
		   LLVMValueRef *new_);

/* cg_call.c */
LLVMValueRef cg_call(struct cg *c, struct bt_node *n);
/* Sends a ring buffer record of kind/id with payload bytes (may be NULL). */
void cg_send(struct cg *c, uint32_t kind, uint32_t id, LLVMValueRef payload, uint32_t size);

/* cg_stmt.c */
void cg_stmt(struct cg *c, struct bt_node *n);
/* Creates a new block and moves there (after ret/br). */
void cg_dead_block(struct cg *c);

/* cg_maps.c: map globals with BTF debug info */
int cg_maps(struct cg *c);

#endif
