// SPDX-License-Identifier: GPL-2.0
/*
 * Sema for attach points: each attach point's provider row expands it into
 * targets (its expand hook, engine/probe/), then the 'args' type of each
 * probe and the bt_prog.probes entries: per provider of the probe, one
 * program for its targets, or one per target where the provider needs it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/vec.h>

#include "kernel/alternatives.h"
#include "kernel/ktypes.h"
#include "probe/probe.h"
#include "sema/sema.h"
#include "util/strbuf.h"
#include "kernel/sysnr.h"
#include "kernel/tracefs.h"
#include "settings.h"

struct tlist {
	struct bt_target *v;
	size_t n;
};

static int add_target(struct bt_sema *s, struct tlist *tl, const char *prov, const char *target,
		      uint64_t arg, bool hz)
{
	struct bt_prog *p = s->prog;
	if (bt_vec_push(tl->v, tl->n))
		return -ENOMEM;
	struct bt_target *t = &tl->v[tl->n++];
	memset(t, 0, sizeof(*t));
	char name[512];
	if (target && *target)
		snprintf(name, sizeof(name), "%s:%s", prov, target);
	else
		snprintf(name, sizeof(name), "%s", prov);
	t->name = strdup(name);
	t->provider = strdup(prov);
	t->target = strdup(target ? target : "");
	t->arg = arg;
	t->is_hz = hz;
	if (bt_vec_push(p->probe_names, p->nprobe_names))
		return -ENOMEM;
	p->probe_names[p->nprobe_names] = strdup(name);
	t->cookie = p->nprobe_names++;
	return 0;
}

static struct bt_type *tp_field_type(struct bt_sema *s, const struct bt_tp_field *f, bool user)
{
	const char *ty = f->type;
	if (f->data_loc)
		return bt_t_str(s->pool, bt_strlen_default());
	if (strchr(ty, '*')) {
		char base[128];
		int stars = 0;
		for (const char *q = ty; *q; q++)
			stars += *q == '*';
		snprintf(base, sizeof(base), "%s", ty);
		char *star = strchr(base, '*');
		*star = 0;
		while (star > base && star[-1] == ' ')
			*--star = 0;
		char *b = base;
		if (!strncmp(b, "const ", 6))
			b += 6;
		struct bt_type *elem = NULL;
		if (!strcmp(b, "char") || !strcmp(b, "unsigned char"))
			elem = bt_t_int(s->pool, 1, true);
		else if (!strncmp(b, "struct ", 7)) {
			int id = bt_ktype_find(b);
			if (id > 0) {
				elem = bt_ktype(s->pool, id);
				elem->btf_id = id;
			}
		}
		/* char **argv: pointers to pointers, all in the same address space */
		for (int i = 1; i < stars; i++) {
			elem = bt_t_ptr(s->pool, elem);
			elem->user = user;
		}
		struct bt_type *t = bt_t_ptr(s->pool, elem);
		t->user = user;
		return t;
	}
	if (f->array >= 0) {
		uint32_t es = f->array ? f->size / (uint32_t)f->array : f->size;
		if (es == 1 && strstr(ty, "char"))
			return bt_t_str(s->pool, (uint32_t)f->array);
		struct bt_type *a = bt_t_new(s->pool, BT_T_ARRAY, f->size);
		a->elem = bt_t_int(s->pool, es ? es : 1, f->is_signed);
		a->count = (uint32_t)f->array;
		return a;
	}
	uint32_t sz = f->size == 1 || f->size == 2 || f->size == 4 || f->size == 8 ? f->size : 8;
	struct bt_type *t = bt_t_int(s->pool, sz, f->is_signed);
	t->user = user; /* (struct sockaddr *)args->addr: a user address */
	return t;
}

static int tp_args(struct bt_sema *s, struct bt_sprobe *sp, const char *cat, const char *ev)
{
	struct bt_tp_format f;
	if (bt_tp_format_read(cat, ev, &f))
		return 0; /* no format: args unusable, reported where used */
	struct bt_record *r = bt_pool_alloc(s->pool, sizeof(*r));
	char name[256];
	snprintf(name, sizeof(name), "struct _tracepoint_%s_%s", cat, ev);
	r->name = bt_pool_strdup(s->pool, name);
	r->fields = bt_pool_alloc(s->pool, (f.nfields + 1) * sizeof(*r->fields));
	bool user = !strcmp(cat, "syscalls");
	for (size_t i = 0; i < f.nfields; i++) {
		struct bt_record_field *rf = &r->fields[r->nfields++];
		rf->name = bt_pool_strdup(s->pool, f.fields[i].name);
		rf->type = tp_field_type(s, &f.fields[i], user);
		rf->off = f.fields[i].off;
		rf->data_loc = f.fields[i].data_loc;
		if (f.fields[i].off + f.fields[i].size > r->size)
			r->size = f.fields[i].off + f.fields[i].size;
	}
	struct bt_type *t = bt_t_new(s->pool, BT_T_RECORD, r->size);
	t->rec = r;
	t->name = r->name;
	sp->args = t;
	bt_tp_format_free(&f);
	return 0;
}

static int btf_args(struct bt_sema *s, struct bt_sprobe *sp, const char *name, bool is_func)
{
	int n = 0, ret = 0;
	int r = is_func ? bt_kfunc_param(name, 0, NULL, &n, &ret) : bt_ktp_param(name, 0, NULL, &n);
	if (r < 0 && n == 0)
		return -ENOENT;
	sp->nargs = n;
	sp->ret_btf = ret;
	sp->arg_btf = bt_pool_alloc(s->pool, (size_t)(n + 1) * sizeof(int));
	sp->arg_names = bt_pool_alloc(s->pool, (size_t)(n + 1) * sizeof(char *));
	for (int i = 0; i < n; i++)
		sp->arg_btf[i] = is_func ? bt_kfunc_param(name, i, &sp->arg_names[i], NULL, NULL)
					 : bt_ktp_param(name, i, &sp->arg_names[i], NULL);
	struct bt_type *t = bt_t_new(s->pool, BT_T_RECORD, 0);
	t->name = bt_pool_strdup(s->pool, name);
	sp->args = t;
	return 0;
}

static int unavailable(struct bt_sema *s, const struct bt_node *at, const char *fn, const char *why)
{
	char alt[512];
	if (s->unavailable_reported)
		return -EINVAL;
	s->unavailable_reported = true;
	if (bt_alternative(fn, alt, sizeof(alt)) == 0)
		bt_sema_err(s, &at->loc, "%s: %s; %s", at->str, why, alt);
	else
		bt_sema_err(s, &at->loc, "%s: %s", at->str, why);
	return -EINVAL;
}

/* One attach point being expanded: the context of the provider's hook. */
struct expand {
	struct bt_expand x;
	struct bt_sema *s;
	const struct bt_node *at;
	struct tlist *tl;
	const char *prov;
};

static int x_add(struct bt_expand *x, const char *target, unsigned long long arg, bool hz)
{
	struct expand *e = x->ctx;
	int err = add_target(e->s, e->tl, e->prov, target, arg, hz);
	struct bt_target *v = e->tl->v;
	size_t n = e->tl->n;

	if (!err && x->site) /* one probe name for every site: the site in the high bits */
		v[n - 1].cookie = v[n - 1 - x->site].cookie | (unsigned long long)x->site << 32;
	return err;
}

static void x_err(struct bt_expand *x, const char *fmt, ...)
{
	struct expand *e = x->ctx;
	va_list ap;

	va_start(ap, fmt);
	bt_vdiag(e->s->d, BT_SEV_ERROR, &e->at->loc, fmt, ap);
	va_end(ap);
}

static int x_absent(struct bt_expand *x, const char *target, const char *fmt, ...)
{
	struct expand *e = x->ctx;
	va_list ap;
	int err;

	va_start(ap, fmt);
	bt_vdiag(e->s->d, x->several ? BT_SEV_WARNING : BT_SEV_ERROR, &e->at->loc, fmt, ap);
	va_end(ap);
	err = x_add(x, target, 0, false);
	if (!err && x->several)
		e->tl->v[e->tl->n - 1].absent = true;
	return err;
}

static void x_no_match(struct bt_expand *x, const char *fmt, ...)
{
	struct expand *e = x->ctx;
	va_list ap;

	va_start(ap, fmt);
	bt_vdiag(e->s->d, x->several ? BT_SEV_WARNING : BT_SEV_ERROR, &e->at->loc, fmt, ap);
	va_end(ap);
}

static int x_unavailable(struct bt_expand *x, const char *fn, const char *why)
{
	struct expand *e = x->ctx;

	return unavailable(e->s, e->at, fn, why);
}

static int x_defer(struct bt_expand *x, const char *uprobe_target, int argn, bool async)
{
	struct expand *e = x->ctx;
	struct bt_target *t = &e->tl->v[e->tl->n - 1];

	t->setup = strdup(uprobe_target);
	t->arg = (uint64_t)argn;
	t->setup_async = async;
	return t->setup ? 0 : -ENOMEM;
}

/* The probe's 'args' type, from the first target of its first provider. */
static int probe_args(struct bt_sema *s, struct bt_sprobe *sp, const struct bt_provider *pv,
		      const struct bt_target *t)
{
	char *cat, *ev;
	int err;

	if (sp->args || pv != sp->pv)
		return 0;
	switch (pv->args) {
	case BT_ARGS_TP_FORMAT:
		cat = strdup(t->target);
		if (!cat)
			return -ENOMEM;
		ev = strchr(cat, ':');
		*ev++ = 0;
		err = tp_args(s, sp, cat, ev);
		free(cat);
		return err;
	case BT_ARGS_BTF_TP:
	case BT_ARGS_BTF_FUNC:
		/* none: the hook said what is missing, or a rawtracepoint goes untyped */
		btf_args(s, sp,
			 pv->args == BT_ARGS_BTF_FUNC ? bt_kfunc_btf_name(t->target) : t->target,
			 pv->args == BT_ARGS_BTF_FUNC);
		return 0;
	default: /* none, or uprobe's debug info, read where used */
		return 0;
	}
}

/* Expands one attach point into tl with its provider's hook. */
static int attach_point(struct bt_sema *s, struct bt_node *at, struct bt_sprobe *sp,
			const struct bt_provider *pv, struct tlist *tl, bool several)
{
	struct expand e = {.s = s, .at = at, .tl = tl, .prov = pv->name};
	size_t n0 = tl->n;
	int err;

	e.x = (struct bt_expand){.str = at->str,
				 .parts = at->parts,
				 .nparts = at->nparts,
				 .pid = s->pid,
				 .several = several,
				 .cmd = s->cmd,
				 .ctx = &e,
				 .add = x_add,
				 .err = x_err,
				 .absent = x_absent,
				 .no_match = x_no_match,
				 .unavailable = x_unavailable,
				 .defer = x_defer};
	err = pv->expand(pv, &e.x);
	if (e.x.uncacheable)
		s->prog->uncacheable = true;
	if (!err && tl->n > n0)
		err = probe_args(s, sp, pv, &tl->v[n0]);
	return err;
}
static int add_prog(struct bt_sema *s, struct bt_node *probe, const struct bt_provider *pv,
		    struct bt_target *t, size_t n)
{
	struct bt_prog *p = s->prog;
	if (bt_vec_push(p->probes, p->nprobes))
		return -ENOMEM;
	struct bt_probe *pr = &p->probes[p->nprobes];
	memset(pr, 0, sizeof(*pr));
	char name[64], sec[512];
	snprintf(name, sizeof(name), "bt_prog_%zu", p->nprobes);
	const char *tg = t[0].target;
	if (pv->per_target && pv->args == BT_ARGS_BTF_FUNC && strrchr(tg, ':'))
		tg = strrchr(tg, ':') + 1; /* MODULE:FUNC: libbpf looks FUNC up */
	if (pv->per_target)
		snprintf(sec, sizeof(sec), "%s/%s", pv->section, tg);
	else
		snprintf(sec, sizeof(sec), "%s", pv->section);
	pr->prog_name = strdup(name);
	pr->section = strdup(sec);
	pr->node = probe;
	pr->pv = pv;
	pr->targets = t;
	pr->ntargets = n;
	p->nprobes++;
	return 0;
}

/* A syscalls:sys_enter_NAME / sys_exit_NAME target: its kind and NAME's number. */
static enum bt_dispatch sys_target(const struct bt_target *t, int *nr)
{
	const char *ev;
	enum bt_dispatch d;
	if (!strncmp(t->target, "syscalls:sys_enter_", 19)) {
		d = BT_DISP_SYS_ENTER;
		ev = t->target + 19;
	} else if (!strncmp(t->target, "syscalls:sys_exit_", 18)) {
		d = BT_DISP_SYS_EXIT;
		ev = t->target + 18;
	} else {
		return BT_DISP_NONE;
	}
	*nr = bt_sysnr(ev);
	return *nr >= 0 && *nr < BT_SYSDISP_MAX ? d : BT_DISP_NONE;
}

/*
 * Moves the syscall tracepoints of tl into one dispatch program per kind
 * (enter, exit) when the probe traces BT_SYSDISP_MIN syscalls of that kind
 * or more (probe/sysdisp.c says why): attaching is one raw tracepoint, and
 * detaching it does not wait for an RCU grace period per tracepoint (a
 * perf-event tracepoint does: ~60 ms for one, seconds for hundreds). With
 * BTF the program is a tp_btf one that reads the registers directly;
 * without, a raw_tp reading them with a helper. The rest stay in tl.
 * BT_SYSDISP=0 in the environment turns it off, BT_SYSDISP=1 takes it for
 * any number of syscalls. A probe that takes a kernel stack keeps its tracepoints: from the raw
 * tracepoint the stack would start inside the BPF trampoline, not where bpftrace's starts.
 */
static int split_sysdisp(struct bt_sema *s, struct bt_node *probe, const struct bt_provider *pv,
			 struct tlist *tl, struct bt_sprobe *sp)
{
	static const char *const tp[] = {NULL, "sys_enter", "sys_exit"};
	const char *why;
	bool btf = bt_tpbtf_available(&why);
	size_t count[3] = {0}, i;
	int nr;

#if !defined(__x86_64__)
	return 0; /* the record is built from x86-64 pt_regs */
#endif
	if (bt_settings()->sysdisp_off)
		return 0;
	size_t min = bt_settings()->sysdisp_force ? 1 : BT_SYSDISP_MIN;
	static const char *const kstack[] = {"kstack", NULL};
	if (bt_ast_uses(probe, BT_AST_KIND(BT_N_BUILTIN) | BT_AST_KIND(BT_N_CALL), kstack))
		return 0;
	for (i = 0; i < tl->n; i++)
		count[sys_target(&tl->v[i], &nr)]++;
	for (int d = BT_DISP_SYS_ENTER; d <= BT_DISP_SYS_EXIT; d++) {
		if (count[d] < min)
			continue;
		char *sec = btf ? bt_sysdisp_section(tp[d]) : NULL;
		if (!sec && asprintf(&sec, "raw_tp/%s", tp[d]) < 0)
			return -ENOMEM;
		struct bt_target *v = malloc(count[d] * sizeof(*v));
		size_t n = 0, keep = 0;
		if (!v) {
			free(sec);
			return -ENOMEM;
		}
		for (i = 0; i < tl->n; i++) {
			if (sys_target(&tl->v[i], &nr) == (enum bt_dispatch)d) {
				v[n] = tl->v[i];
				v[n++].arg = (uint64_t)nr;
			} else {
				tl->v[keep++] = tl->v[i];
			}
		}
		tl->n = keep;
		int err = add_prog(s, probe, pv, v, n);
		if (err) {
			free(v);
			free(sec);
			return err;
		}
		struct bt_probe *pr = &s->prog->probes[s->prog->nprobes - 1];
		pr->dispatch = (enum bt_dispatch)d;
		free(pr->section);
		pr->section = sec;
		sp->nprobes++;
	}
	return 0;
}

/* part with each $N replaced by positional parameter N ("" when not given), or NULL. */
static char *substitute(struct bt_sema *s, const char *part)
{
	struct bt_strbuf sb = {0};
	int err = 0;

	for (const char *c = part; *c && !err; c++) {
		char *end;
		long pos = *c == '$' && c[1] >= '1' && c[1] <= '9' ? strtol(c + 1, &end, 10) : 0;
		if (!pos) {
			err = bt_sb_add(&sb, c, 1);
			continue;
		}
		err = bt_sb_puts(&sb, pos <= s->nargs ? s->args[pos - 1] : "");
		c = end - 1;
	}
	if (err) {
		bt_sb_free(&sb);
		return NULL;
	}
	return bt_sb_take(&sb);
}

/* Replaces positional parameters in the attach point's parts: interval:s:$1,
 * tracepoint:syscalls:sys_enter_$1, BEG$1 (the provider too, as bpftrace). */
static int positional(struct bt_sema *s, struct bt_node *at)
{
	for (size_t k = 0; k < at->nparts; k++) {
		if (!strchr(at->parts[k], '$'))
			continue;
		char *v = substitute(s, at->parts[k]);
		if (!v)
			return -ENOMEM;
		free(at->parts[k]);
		at->parts[k] = v;
	}
	return 0;
}

static void free_targets(struct tlist *tl)
{
	for (size_t k = 0; k < tl->n; k++) {
		free(tl->v[k].name);
		free(tl->v[k].provider);
		free(tl->v[k].target);
		free(tl->v[k].setup);
	}
	free(tl->v);
}

/* The programs of one provider's targets (tl, taken over). */
static int provider_progs(struct bt_sema *s, struct bt_node *probe, struct bt_sprobe *sp,
			  const struct bt_provider *pv, struct tlist *tl)
{
	int err = 0;

	if (pv->per_target || pv->run_once) {
		for (size_t k = 0; k < tl->n && !err; k++) {
			struct bt_target *one = malloc(sizeof(*one));
			if (!one)
				return -ENOMEM;
			*one = tl->v[k];
			err = add_prog(s, probe, pv, one, 1);
			sp->nprobes++;
		}
		free(tl->v);
		return err;
	}
	/* the syscall dispatchers first, then the ordinary program */
	err = pv->sysdisp ? split_sysdisp(s, probe, pv, tl, sp) : 0;
	if (err || !tl->n) {
		free(tl->v);
		return err;
	}
	err = add_prog(s, probe, pv, tl->v, tl->n);
	sp->nprobes++;
	/* many kprobes: one kprobe_multi link (fast attach and detach) */
	if (!err && tl->n > 1 && pv->multi_section && pv->multi_available()) {
		struct bt_probe *pr = &s->prog->probes[s->prog->nprobes - 1];
		free(pr->section);
		pr->section = strdup(pv->multi_section);
		if (!pr->section)
			err = -ENOMEM;
	}
	return err;
}

/*
 * The setup programs of the deferred targets (watchpoint:FUNC+argN) of the
 * probe's programs: each a uprobe on the target's setup, after the probe's
 * own programs (they are not counted in sp->nprobes).
 */
static int setup_progs(struct bt_sema *s, struct bt_node *probe, struct bt_sprobe *sp)
{
	const struct bt_provider *up = bt_provider_find("uprobe");
	size_t last = (size_t)sp->first_probe + (size_t)sp->nprobes;

	for (size_t i = (size_t)sp->first_probe; i < last; i++) {
		for (size_t k = 0; k < s->prog->probes[i].ntargets; k++) {
			const struct bt_target *t = &s->prog->probes[i].targets[k];
			struct bt_target *one;
			char name[512];

			if (!t->setup)
				continue;
			one = calloc(1, sizeof(*one));
			snprintf(name, sizeof(name), "uprobe:%s", t->setup);
			if (!one || !(one->name = strdup(name)) ||
			    !(one->provider = strdup("uprobe")) ||
			    !(one->target = strdup(t->setup)) || add_prog(s, probe, up, one, 1)) {
				if (one) {
					free(one->name);
					free(one->provider);
					free(one->target);
				}
				free(one);
				return -ENOMEM;
			}
			s->prog->probes[s->prog->nprobes - 1].setup_of = i + 1;
			s->prog->probes[s->prog->nprobes - 1].setup_target = k;
		}
	}
	return 0;
}

/* Moves the targets of tl's first provider to *g, keeping the others' order. */
static int take_provider(struct tlist *tl, struct tlist *g)
{
	const char *prov = tl->v[0].provider;
	size_t keep = 0;

	g->n = 0;
	g->v = malloc(tl->n * sizeof(*g->v));
	if (!g->v)
		return -ENOMEM;
	for (size_t i = 0; i < tl->n; i++) {
		if (!strcmp(tl->v[i].provider, prov))
			g->v[g->n++] = tl->v[i];
		else
			tl->v[keep++] = tl->v[i];
	}
	tl->n = keep;
	return 0;
}

/*
 * A probe with attach points of providers a and b: its body may use what
 * both offer (a's args, typed by a's first target, when both read them
 * alike), checked against a row made for it. Each program keeps its own.
 */
static int common_provider(struct bt_sema *s, struct bt_sprobe *sp, const struct bt_provider *b)
{
	struct bt_provider *c = bt_pool_alloc(s->pool, sizeof(*c));

	if (!c)
		return -ENOMEM;
	*c = *sp->pv;
	c->allows &= b->allows;
	if (c->user != b->user)
		c->allows &= ~(unsigned)BT_PA_FUNC; /* a user or a kernel symbol */
	if (c->args != b->args) {
		c->args = BT_ARGS_NONE;
		c->is_return = false; /* kretfunc's retval is typed by its arguments */
	}
	c->argn = c->argn == b->argn ? c->argn : BT_ARGN_NONE;
	c->is_return = c->is_return && b->is_return;
	c->run_once = c->run_once || b->run_once;
	sp->pv = c;
	return 0;
}

/*
 * The probe's attach points, each expanded by its provider; the programs:
 * the providers' in the order they first appear (BEGIN,END: two programs).
 */
int bt_sema_probe_targets(struct bt_sema *s, struct bt_node *probe, struct bt_sprobe *sp)
{
	struct tlist tl = {0}, g;
	size_t i;
	struct bt_node *at;
	int err = 0;
	bt_list_for_each (&probe->list, i, at) {
		if (positional(s, at))
			return -ENOMEM;
		const struct bt_provider *p = bt_provider_find(at->parts[0]);
		if (!p) {
			bt_sema_err(s, &at->loc, "unknown probe type '%s'", at->parts[0]);
			err = -EINVAL;
			continue;
		}
		if (!sp->pv)
			sp->pv = p;
		if (attach_point(s, at, sp, p, &tl, probe->list.n > 1))
			err = -EINVAL;
		if (sp->pv != p && common_provider(s, sp, p))
			return -ENOMEM;
	}
	if (err || !sp->pv) {
		free_targets(&tl);
		return err ? err : -EINVAL;
	}
	sp->first_probe = (int)s->prog->nprobes;
	sp->single_target = tl.n == 1;
	while (tl.n && !err) {
		const struct bt_provider *p = bt_provider_find(tl.v[0].provider);
		err = take_provider(&tl, &g);
		if (!err)
			err = provider_progs(s, probe, sp, p, &g);
	}
	free(tl.v);
	return err ? err : setup_progs(s, probe, sp);
}

/* What codegen needs of task_struct (struct bt_sema): looked up here, while
 * vmlinux BTF may still be loaded, and only for programs that use it. */
void bt_sema_task_offsets(struct bt_sema *s)
{
	bool need = false;

	s->task = BT_KTASK_NONE;
	for (size_t i = 0; i < s->prog->nprobes && !need; i++)
		need = s->prog->probes[i].dispatch &&
		       bt_sysdisp_btf_sec(s->prog->probes[i].section);
	static const char *const comm[] = {"comm", NULL};
	if (!need)
		need = bt_ast_uses(s->root, BT_AST_KIND(BT_N_BUILTIN), comm);
	if (need)
		bt_ktask(&s->task);
}
