// SPDX-License-Identifier: GPL-2.0
/*
 * Codegen driver: module set-up for the BPF target, one function per
 * bt_prog.probes entry, O2, and the object file in memory.
 */
#include "codegen/cg.h"
#include "settings.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Transforms/PassBuilder.h>

static int init_target(struct cg *c, struct bt_diag *d)
{
	static int inited;
	char *err = NULL;
	LLVMTargetRef t;
	if (!inited) {
		LLVMInitializeBPFTargetInfo();
		LLVMInitializeBPFTarget();
		LLVMInitializeBPFTargetMC();
		LLVMInitializeBPFAsmPrinter();
		inited = 1;
	}
	if (LLVMGetTargetFromTriple("bpfel", &t, &err)) {
		bt_diag(d, BT_SEV_ERROR, NULL, "LLVM has no BPF target: %s", err);
		LLVMDisposeMessage(err);
		return -ENOENT;
	}
	c->tm = LLVMCreateTargetMachine(t, "bpfel", "v2", "", LLVMCodeGenLevelDefault,
					LLVMRelocDefault, LLVMCodeModelDefault);
	/* triple and data layout before any IR, or u64 accesses get align 4 */
	LLVMSetTarget(c->mod, "bpfel");
	LLVMTargetDataRef dl = LLVMCreateTargetDataLayout(c->tm);
	LLVMSetModuleDataLayout(c->mod, dl);
	LLVMDisposeTargetData(dl);
	return 0;
}

static void init_debug(struct cg *c)
{
	c->dib = LLVMCreateDIBuilder(c->mod);
	LLVMAddModuleFlag(c->mod, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18,
			  LLVMValueAsMetadata(LLVMConstInt(c->i32, LLVMDebugMetadataVersion(), 0)));
	LLVMAddModuleFlag(c->mod, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13,
			  LLVMValueAsMetadata(LLVMConstInt(c->i32, 4, 0)));
	c->di_file = LLVMDIBuilderCreateFile(c->dib, "bt.bt", 5, ".", 1);
	c->di_cu = LLVMDIBuilderCreateCompileUnit(c->dib, LLVMDWARFSourceLanguageC, c->di_file,
						  "bt", 2, 0, "", 0, 0, "", 0,
						  LLVMDWARFEmissionFull, 0, 0, 0, "", 0, "", 0);
	c->di_int = LLVMDIBuilderCreateBasicType(c->dib, "int", 3, 32, 5 /* DW_ATE_signed */,
						 LLVMDIFlagZero);
}

static void license(struct cg *c)
{
	LLVMValueRef s = LLVMConstStringInContext(c->ctx, "GPL", 3, 0);
	LLVMValueRef gv = LLVMAddGlobal(c->mod, LLVMTypeOf(s), "_license");
	LLVMSetInitializer(gv, s);
	LLVMSetSection(gv, "license");
}

/* Line info (prog->line_info): the program as a function `int NAME(void *ctx)`
 * at the probe's line, so the BPF backend writes .BTF.ext func and line info. */
static void debug_probe(struct cg *c, const struct bt_probe *pr)
{
	size_t len = strlen(pr->prog_name);
	unsigned line = (unsigned)pr->node->loc.line;
	LLVMMetadataRef ptr = LLVMDIBuilderCreatePointerType(c->dib, NULL, 64, 64, 0, NULL, 0);
	LLVMMetadataRef types[2] = {c->di_int, ptr};
	LLVMMetadataRef ty = LLVMDIBuilderCreateSubroutineType(c->dib, c->di_file, types, 2,
							       LLVMDIFlagPrototyped);
	c->di_sp = LLVMDIBuilderCreateFunction(c->dib, c->di_file, pr->prog_name, len,
					       pr->prog_name, len, c->di_file, line, ty, 0, 1, line,
					       LLVMDIFlagPrototyped, 1);
	LLVMSetSubprogram(c->fn, c->di_sp);
	LLVMSetCurrentDebugLocation2(c->b, NULL);
}

/* Builds one program: predicate, then the block. */
static void gen_probe(struct cg *c, const struct bt_probe *pr)
{
	struct bt_node *probe = (struct bt_node *)pr->node;
	if (pr->setup_of) {
		cg_watch_setup(c, pr, (size_t)(pr - c->prog->probes));
		return;
	}
	c->probe = pr;
	c->sp = probe->sema;
	c->nvars = 0;
	c->nloops = 0;
	c->fn = LLVMAddFunction(c->mod, pr->prog_name, c->fn_ty);
	LLVMSetSection(c->fn, pr->section);
	if (c->prog->line_info)
		debug_probe(c, pr);
	c->ctxarg = LLVMGetParam(c->fn, 0);
	c->entry = cg_block(c, "entry");
	LLVMPositionBuilderAtEnd(c->b, c->entry);
	/* a marker for allocas: they must all sit in the entry block */
	c->alloca_pt = LLVMBuildAlloca(c->b, c->i8, "marker");
	c->rec = c->cookie = c->task = NULL;
	if (!pr->pv->run_once)
		cg_stop_check(c);
	if (c->probe->pv->argn == BT_ARGN_USDT)
		c->cookie = cg_usdt_probe(c);
	if (pr->dispatch)
		cg_disp_prologue(c, pr, (size_t)(pr - c->prog->probes));
	if (probe->a) {
		cg_set_loc(c, probe->a);
		LLVMValueRef p = cg_expr(c, probe->a);
		LLVMBasicBlockRef body = cg_block(c, "body"), skip = cg_block(c, "skip");
		LLVMBuildCondBr(c->b, cg_to_bool(c, p), body, skip);
		LLVMPositionBuilderAtEnd(c->b, skip);
		LLVMBuildRet(c->b, cg_const(c, 0));
		LLVMPositionBuilderAtEnd(c->b, body);
	}
	cg_stmt(c, probe->b);
	LLVMBuildRet(c->b, cg_const(c, 0));
	free(c->vars);
	c->vars = NULL;
	free(c->tmps);
	c->tmps = NULL;
	c->ntmps = 0;
}

/* LLVM's own errors (e.g. the BPF backend's stack limit): kept, not printed. */
static void on_llvm_diag(LLVMDiagnosticInfoRef di, void *ctx)
{
	struct cg *c = ctx;
	if (LLVMGetDiagInfoSeverity(di) != LLVMDSError || c->llvm_err)
		return;
	c->llvm_err = LLVMGetDiagInfoDescription(di);
}

/* Turns a kept LLVM error into one located at the probe it names. */
static int report_llvm_error(struct cg *c, struct bt_diag *d)
{
	const char *f = strstr(c->llvm_err, "bt_prog_");
	const struct bt_loc *loc = NULL;
	if (f) {
		size_t i = strtoul(f + 8, NULL, 10);
		if (i < c->prog->nprobes && c->prog->probes[i].node)
			loc = &c->prog->probes[i].node->loc;
	}
	if (strstr(c->llvm_err, "stack limit"))
		bt_diag(d, BT_SEV_ERROR, loc,
			"this probe needs more than the 512 bytes of stack a BPF program has "
			"(strings, tuples and map keys live there): use fewer or shorter strings "
			"(BPFTRACE_STRLEN, now %u)",
			bt_settings()->strlen);
	else
		bt_diag(d, BT_SEV_ERROR, loc, "BPF code generation failed: %s", c->llvm_err);
	return -EINVAL;
}

/* --emit-llvm FILE: FILE.original.ll before the passes, FILE.optimized.ll after */
static int write_ir(struct cg *c, struct bt_diag *d, const char *stage)
{
	char *path, *err = NULL;
	int bad;

	if (!c->s->emit_llvm)
		return 0;
	if (asprintf(&path, "%s.%s.ll", c->s->emit_llvm, stage) < 0)
		return -ENOMEM;
	bad = LLVMPrintModuleToFile(c->mod, path, &err);
	if (bad)
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot write '%s': %s", path, err ? err : "");
	LLVMDisposeMessage(err);
	free(path);
	return bad ? -EIO : 0;
}

static int emit(struct cg *c, struct bt_diag *d)
{
	char *err = NULL;
	if (LLVMVerifyModule(c->mod, LLVMReturnStatusAction, &err)) {
		bt_diag(d, BT_SEV_ERROR, NULL, "internal error: invalid IR: %s", err);
		LLVMDisposeMessage(err);
		return -EINVAL;
	}
	LLVMDisposeMessage(err);
	if (write_ir(c, d, "original"))
		return -EIO;
	LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
	LLVMErrorRef e = LLVMRunPasses(c->mod, "default<O2>", c->tm, po);
	LLVMDisposePassBuilderOptions(po);
	if (e) {
		char *m = LLVMGetErrorMessage(e);
		bt_diag(d, BT_SEV_ERROR, NULL, "internal error: LLVM passes: %s", m);
		LLVMDisposeErrorMessage(m);
		return -EINVAL;
	}
	if (bt_settings()->dump_ir)
		LLVMDumpModule(c->mod);
	if (write_ir(c, d, "optimized"))
		return -EIO;
	LLVMMemoryBufferRef buf;
	if (LLVMTargetMachineEmitToMemoryBuffer(c->tm, c->mod, LLVMObjectFile, &err, &buf)) {
		bt_diag(d, BT_SEV_ERROR, NULL, "internal error: BPF code generation: %s", err);
		LLVMDisposeMessage(err);
		return -EINVAL;
	}
	if (c->llvm_err) {
		LLVMDisposeMemoryBuffer(buf);
		return report_llvm_error(c, d);
	}
	size_t n = LLVMGetBufferSize(buf);
	c->prog->obj = malloc(n);
	if (!c->prog->obj) {
		LLVMDisposeMemoryBuffer(buf);
		return -ENOMEM;
	}
	memcpy(c->prog->obj, LLVMGetBufferStart(buf), n);
	c->prog->obj_len = n;
	LLVMDisposeMemoryBuffer(buf);
	return 0;
}

/* Frees LLVM's own statics: called before the loader unloads this object. */
void bt_cg_shutdown(void)
{
	LLVMShutdown();
}

int bt_cg_run(struct bt_sema *s)
{
	struct cg c = {0};
	int err;
	c.s = s;
	c.prog = s->prog;
	c.ctx = LLVMContextCreate();
	LLVMContextSetDiagnosticHandler(c.ctx, on_llvm_diag, &c);
	c.mod = LLVMModuleCreateWithNameInContext("bt", c.ctx);
	c.b = LLVMCreateBuilderInContext(c.ctx);
	c.i1 = LLVMInt1TypeInContext(c.ctx);
	c.i8 = LLVMInt8TypeInContext(c.ctx);
	c.i16 = LLVMInt16TypeInContext(c.ctx);
	c.i32 = LLVMInt32TypeInContext(c.ctx);
	c.i64 = LLVMInt64TypeInContext(c.ctx);
	c.ptr = LLVMPointerTypeInContext(c.ctx, 0);
	c.fn_ty = LLVMFunctionType(c.i64, &c.ptr, 1, 0);
	c.map_gv = calloc(s->prog->nmaps + 1, sizeof(*c.map_gv));
	err = c.map_gv ? init_target(&c, s->d) : -ENOMEM;
	if (err)
		goto out;
	init_debug(&c);
	cg_maps(&c);
	license(&c);
	for (size_t i = 0; i < s->prog->nprobes; i++)
		gen_probe(&c, &s->prog->probes[i]);
	LLVMDIBuilderFinalize(c.dib);
	err = emit(&c, s->d);
out:
	free(c.map_gv);
	if (c.dib)
		LLVMDisposeDIBuilder(c.dib);
	LLVMDisposeBuilder(c.b);
	LLVMDisposeModule(c.mod);
	if (c.tm)
		LLVMDisposeTargetMachine(c.tm);
	LLVMContextDispose(c.ctx);
	if (c.llvm_err)
		LLVMDisposeMessage(c.llvm_err);
	return err;
}
