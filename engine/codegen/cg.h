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

#include "runtime/lossrep.h"
#include "sema/sema.h"

/* BPF helper ids (include/uapi/linux/bpf.h). */
enum {
	H_MAP_LOOKUP = 1,
	H_MAP_UPDATE = 2,
	H_MAP_DELETE = 3,
	H_PROBE_READ = 4,
	H_KTIME_GET_NS = 5,
	H_PRANDOM_U32 = 7,
	H_SMP_PROCESSOR_ID = 8,
	H_CURRENT_PID_TGID = 14,
	H_CURRENT_UID_GID = 15,
	H_CURRENT_COMM = 16,
	H_GET_STACKID = 27,
	H_CURRENT_TASK = 35,
	H_NUMA_NODE_ID = 42,
	H_PROBE_READ_STR = 45,
	H_CURRENT_CGROUP_ID = 80,
	H_SEND_SIGNAL = 109,
	H_PROBE_READ_USER = 112,
	H_PROBE_READ_KERNEL = 113,
	H_PROBE_READ_USER_STR = 114,
	H_PROBE_READ_KERNEL_STR = 115,
	H_RINGBUF_OUTPUT = 130,
	H_RINGBUF_RESERVE = 131,
	H_RINGBUF_SUBMIT = 132,
	H_CURRENT_TASK_BTF = 158,
	H_GET_FUNC_IP = 173,
	H_GET_ATTACH_COOKIE = 174,
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
	LLVMMetadataRef di_sp; /* the probe's DISubprogram: prog->line_info only */
	LLVMTypeRef i1, i8, i16, i32, i64, ptr, fn_ty;
	LLVMValueRef *map_gv;			  /* per bt_prog.maps */
	LLVMValueRef ringbuf, lost;		  /* lost: BT_LOST, failed ringbuf writes */
	LLVMValueRef stackmaps[BT_STACK_MAX + 1]; /* by depth, made at first use */
	LLVMValueRef taskcache;			  /* BT_TASK (cg_task.c), made at first use */
	/* the function being built */
	LLVMValueRef fn, ctxarg;
	LLVMBasicBlockRef entry;
	LLVMValueRef alloca_pt; /* allocas go before this instruction */
	const struct bt_probe *probe;
	struct bt_sprobe *sp;
	struct cg_varslot *vars;
	size_t nvars;
	struct cg_tmp *tmps;
	size_t ntmps;
	struct cg_loop loops[32];
	int nloops;
	LLVMValueRef consts_gv; /* BT_RT_CONSTS in .rodata, made at first use */
	LLVMValueRef stop_gv;	/* BT_STOPPED in .bss, made at first use */
	char *llvm_err;		/* first error LLVM reported (cg.c on_llvm_diag) */
	/* sys_enter/sys_exit dispatch (cg_disp.c): the tracepoint record built on
	 * the stack, and the target's cookie; NULL otherwise */
	LLVMValueRef rec, cookie;
	LLVMValueRef task;	  /* the current task, when the prologue took it */
	const struct bt_node *at; /* the expression being built (-k/-kk sites) */
};

/* The entry point: fills s->prog->obj / obj_len. 0 or -errno (reported). */
int bt_cg_run(struct bt_sema *s);
/* LLVM's statics freed; the object may be unloaded after. */
void bt_cg_shutdown(void);

/* cg_task.c: a pointer to the current task's comm[16] for direct loads, or
 * NULL where the kernel lacks BTF or bpf_get_current_task_btf(). */
LLVMValueRef cg_task_comm(struct cg *c);
/* cg_task.c: an i1, true while the current task is in an ia32 (compat) syscall,
 * which the syscall tracepoints ignore; NULL without task BTF. Keeps the task
 * pointer in c->task for the rest of the probe: call it in the prologue of a
 * tp_btf sys_enter/sys_exit program only, regs (i64) its pt_regs argument. */
LLVMValueRef cg_task_in_compat_syscall(struct cg *c, LLVMValueRef regs);

/* cg_watch.c: a watchpoint's setup program (bt_probe.setup_of), probe idx. */
void cg_watch_setup(struct cg *c, const struct bt_probe *pr, size_t idx);
/* builtin/args.c: argument i (0..5) of a struct pt_regs context. */
LLVMValueRef cg_regs_arg(struct cg *c, unsigned i);

/* cg_util.c */
LLVMValueRef cg_const(struct cg *c, uint64_t v);
/* Loads BT_RT_CONSTS[idx] (enum bt_rt_const), set by the loader. */
LLVMValueRef cg_rt_const(struct cg *c, int idx);
/* BT_STOPPED (.bss): set by exit() and by the runtime when tracing ends, so
 * that probes do nothing from then on, as bpftrace detaches them before END
 * and the map dump. The check returns from the program while it is set. */
LLVMValueRef cg_stop_flag(struct cg *c);
void cg_stop_check(struct cg *c);
/* Where a tracepoint's record (args) is: the context, or the dispatch's copy. */
static inline LLVMValueRef cg_rec(struct cg *c)
{
	return c->rec ? c->rec : c->ctxarg;
}
/* A BTF-described map global in .maps (cg_maps.c). */
LLVMValueRef cg_map_def(struct cg *c, const char *name, uint32_t type, uint32_t max, uint32_t key,
			uint32_t value);
/* A dispatch probe's prologue: returns early unless the syscall is traced. */
void cg_disp_prologue(struct cg *c, const struct bt_probe *pr, size_t idx);
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
/* 8 bytes at base + off, 8-byte aligned (map values, contexts, pt_regs). */
LLVMValueRef cg_load_u64(struct cg *c, LLVMValueRef base, uint64_t off);
void cg_store_u64(struct cg *c, LLVMValueRef base, uint64_t off, LLVMValueRef v);
/* Truncates v (i64) to size bytes and extends back (casts, narrow fields). */
LLVMValueRef cg_fit(struct cg *c, LLVMValueRef v, uint32_t size, bool is_signed);
LLVMValueRef cg_to_bool(struct cg *c, LLVMValueRef v);
LLVMBasicBlockRef cg_block(struct cg *c, const char *name);
/* Reads size bytes of kernel/user memory at address addr (i64) into dst. */
void cg_probe_read(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space);
/* Reads a NUL-terminated string into dst (size bytes); one of BPFTRACE_STRLEN
 * bytes that was longer is counted in BT_LOST[BT_LIMIT_STRCUT]. */
void cg_probe_read_str(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space);
/* The same, counting cuts only when count (str(x, n) asked for its cut). */
void cg_probe_read_strx(struct cg *c, LLVMValueRef dst, uint32_t size, LLVMValueRef addr, int space,
			bool count);
/* Adds one to BT_LOST[slot] (this CPU's). */
void cg_limit_inc(struct cg *c, enum bt_limit_slot slot);
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
/* Whether values of types a and b are laid out alike (tuples: offsets, string sizes). */
bool cg_same_layout(const struct bt_type *a, const struct bt_type *b);
/* Stores v of type st where type dt is laid out (dst zeroed by the caller): tuples whose
 * strings differ in size are moved element by element. */
void cg_store_conv(struct cg *c, LLVMValueRef dst, const struct bt_type *dt,
		   const struct bt_type *st, LLVMValueRef v);
/* Evaluates n and stores it at dst (room bytes, zeroed by the caller), reading strings
 * (str(), comm) straight into place: no stack temporary. */
void cg_expr_into(struct cg *c, struct bt_node *n, LLVMValueRef dst, uint32_t room);
/* kstack: the stack id (i64); ustack: a pointer to {id, pid}. */
/* A stack id from BT_STACKMAP_<depth> (made at first use; depth 0: 127); this and
 * cg_usym are in codegen/builtin/stack.c. */
LLVMValueRef cg_stack(struct cg *c, bool user, int depth);
/* usym: a pointer to {addr, pid | hi << 32} (types.h USYM; hi may be NULL) */
LLVMValueRef cg_usym(struct cg *c, LLVMValueRef addr, LLVMValueRef hi);
/* argN of a usdt probe, as sema_usdt.c annotated it (cg_usdt.c). */
LLVMValueRef cg_usdt_arg(struct cg *c, const struct bt_node *n);
/* The probe builtin of a usdt probe: the attach cookie without its site
 * bits (a probe's sites share its name), or NULL for the default. */
LLVMValueRef cg_usdt_probe(struct cg *c);

/* cg_agg.c: parts of struct and array values held on the stack or in maps */
/* Member of type t at p (a bitfield: bit_size bits at bit_off). */
LLVMValueRef cg_value_member(struct cg *c, const struct bt_type *t, LLVMValueRef p,
			     uint32_t bit_off, uint32_t bit_size);
/* Whether the strings at a and b differ in their first n bytes, up to and
 * including the first NUL; longer (a or b, or NULL) must also end at n. */
LLVMValueRef cg_str_ne(struct cg *c, LLVMValueRef a, LLVMValueRef b, uint32_t n,
		       LLVMValueRef longer);
/* a == b or a != b of two arrays, structs or buf()s (BINOP node): 0 or 1. */
LLVMValueRef cg_value_eq(struct cg *c, struct bt_node *n);
/* $a[i] of an array value (INDEX node). */
LLVMValueRef cg_value_elem(struct cg *c, struct bt_node *n);

/* cg_map.c */
/* bpf_map_lookup_elem(gv, key) as a pointer (NULL when absent). */
LLVMValueRef cg_map_lookup(struct cg *c, LLVMValueRef gv, LLVMValueRef key);
LLVMValueRef cg_map_key(struct cg *c, struct bt_node *m, LLVMValueRef bucket);
LLVMValueRef cg_map_read(struct cg *c, struct bt_node *m);
/* Stores v (of type vt) as m's value. */
void cg_map_write(struct cg *c, struct bt_node *m, const struct bt_type *vt, LLVMValueRef v);
void cg_map_delete(struct cg *c, struct bt_node *m);
void cg_aggregate(struct cg *c, struct bt_node *m, struct bt_node *call);
void cg_map_incdec(struct cg *c, struct bt_node *m, LLVMValueRef delta, LLVMValueRef *old,
		   LLVMValueRef *new_);

/* cg_kcheck.c: with -k (level 1) or -kk (level 2), a helper call whose
 * `failed` (i1) is true sends its return `ret` and the site at (NULL: the
 * expression being built) to user space; _neg: failed when ret < 0. */
void cg_helper_check(struct cg *c, int level, int helper, LLVMValueRef failed, LLVMValueRef ret,
		     const struct bt_node *at);
void cg_helper_check_neg(struct cg *c, int level, int helper, LLVMValueRef ret,
			 const struct bt_node *at);

/* codegen/builtin/table.c: a builtin variable or function call, by its row's emitter */
LLVMValueRef cg_call(struct cg *c, struct bt_node *n);

/* cg_call.c */
/* A zeroed record on the stack: header kind | id << 32, then payload bytes. */
LLVMValueRef cg_record(struct cg *c, uint32_t kind, uint32_t id, uint32_t payload);
/* bpf_ringbuf_output of size bytes at buf (a full ring buffer counts as lost). */
void cg_ringbuf_out(struct cg *c, LLVMValueRef buf, uint32_t size);
/* Sends a ring buffer record of kind/id with payload bytes (may be NULL). */
void cg_send(struct cg *c, uint32_t kind, uint32_t id, LLVMValueRef payload, uint32_t size);

/* cg_call.c: counts a ring buffer record that did not fit in BT_LOST */
void cg_lost_inc(struct cg *c);
/* Reserves size bytes of the ring buffer (a full one counts as lost and jumps
 * to *done); the builder is left where the record is filled. */
LLVMValueRef cg_ringbuf_reserve(struct cg *c, uint32_t size, LLVMBasicBlockRef *done);
/* Submits a reserved record and continues at done. */
void cg_ringbuf_submit(struct cg *c, LLVMValueRef rec, LLVMBasicBlockRef done);
/* cg_expr.c: reads a scalar of type t at addr (space: 0 any, 1 kernel, 2 user), or
 * copies an aggregate */
LLVMValueRef cg_read_mem(struct cg *c, const struct bt_type *t, LLVMValueRef addr, int space,
			 uint32_t bit_off, uint32_t bit_size);
/* cg_expr.c: signed x / y (or x % y) truncating toward zero, without BPF sdiv */
LLVMValueRef cg_sdiv(struct cg *c, LLVMValueRef x, LLVMValueRef y, bool rem);

/* cg_stmt.c */
void cg_stmt(struct cg *c, struct bt_node *n);
/* With prog->line_info: what is built next comes from n (line info, so the
 * loader can locate a verifier rejection); otherwise nothing. */
void cg_set_loc(struct cg *c, const struct bt_node *n);
/* Creates a new block and moves there (after ret/br). */
void cg_dead_block(struct cg *c);

/* cg_maps.c: map globals with BTF debug info */
int cg_maps(struct cg *c);

#endif
