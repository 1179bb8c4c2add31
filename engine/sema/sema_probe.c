// SPDX-License-Identifier: GPL-2.0
/*
 * Sema for attach points: provider lookup, wildcard expansion, kernel
 * feature checks, the 'args' type of each probe, and the bt_prog.probes
 * entries (one program per probe, or per target where the provider needs it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/vec.h>

#include "kernel/alternatives.h"
#include "kernel/ktypes.h"
#include "probe/probe.h"
#include "sema/sema.h"
#include "kernel/sysnr.h"
#include "kernel/tracefs.h"

static const struct {
	const char *name;
	enum bt_provider_id id;
} prov_ids[] = {
	{ "BEGIN", BT_P_BEGIN },	 { "END", BT_P_END },
	{ "tracepoint", BT_P_TRACEPOINT }, { "rawtracepoint", BT_P_RAWTP },
	{ "tp_btf", BT_P_TPBTF },	 { "kprobe", BT_P_KPROBE },
	{ "kretprobe", BT_P_KRETPROBE }, { "kfunc", BT_P_KFUNC },
	{ "kretfunc", BT_P_KRETFUNC },	 { "uprobe", BT_P_UPROBE },
	{ "uretprobe", BT_P_URETPROBE }, { "usdt", BT_P_USDT },
	{ "profile", BT_P_PROFILE },	 { "interval", BT_P_INTERVAL },
	{ "software", BT_P_SOFTWARE },	 { "hardware", BT_P_HARDWARE },
};

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

/* "s:5" / "ms:100" / "hz:99" or "5s" */
static int period(struct bt_sema *s, const struct bt_node *at, uint64_t *ns, bool *hz)
{
	const char *unit = NULL, *num = NULL;
	char buf[64];
	if (at->nparts == 3) {
		unit = at->parts[1];
		num = at->parts[2];
	} else if (at->nparts == 2) {
		snprintf(buf, sizeof(buf), "%s", at->parts[1]);
		char *u = buf;
		while (*u >= '0' && *u <= '9')
			u++;
		unit = u;
		num = buf;
	}
	char *end = NULL;
	unsigned long long v = num ? strtoull(num, &end, 10) : 0;
	if (!num || end == num || (at->nparts == 3 && *end) || v == 0 || *num < '0' ||
	    *num > '9' || v > UINT64_MAX / 1000000000ull) {
		bt_sema_err(s, &at->loc, "%s: expected %s:UNIT:N with UNIT one of s, ms, us%s and N > 0",
			    at->str, at->parts[0], !strcmp(at->parts[0], "interval") ||
			    !strcmp(at->parts[0], "i") ? "" : ", hz");
		return -EINVAL;
	}
	*hz = false;
	if (!strcmp(unit, "s") || !strcmp(unit, "sec"))
		*ns = v * 1000000000ull;
	else if (!strcmp(unit, "ms"))
		*ns = v * 1000000ull;
	else if (!strcmp(unit, "us"))
		*ns = v * 1000ull;
	else if (!strcmp(unit, "ns"))
		*ns = v;
	else if (!strcmp(unit, "hz")) {
		*ns = v;
		*hz = true;
	} else {
		bt_sema_err(s, &at->loc, "%s: unknown unit '%s' (use s, ms, us or hz)", at->str, unit);
		return -EINVAL;
	}
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
	return bt_t_int(s->pool, sz, f->is_signed);
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

/* Expands one attach point into tl. */
/*
 * kprobe:FUNC, kprobe:MODULE:FUNC, kprobe:PATTERN, kprobe:FUNC+OFF: checked
 * against available_filter_functions before anything is attached; a wildcard
 * becomes one target per function, as bpftrace counts them.
 */
static int kprobe_targets(struct bt_sema *s, struct bt_node *at, const char *prov,
			  const char *fn, struct tlist *tl)
{
	char base[256], **v;
	size_t n;
	int err;

	snprintf(base, sizeof(base), "%.*s", (int)strcspn(fn, "+"), fn);
	err = bt_kprobe_expand(base, &v, &n);
	if (err == -ENOMEM)
		return err;
	if (err) /* no list to check against: attach says what is wrong */
		return add_target(s, tl, prov, fn, 0, false);
	if (!n) {
		if (strpbrk(base, "*?["))
			bt_sema_err(s, &at->loc, "%s: no kernel function matches '%s'", at->str, base);
		else
			bt_sema_err(s, &at->loc,
				    "%s: no kernel function '%s' can be probed (not in available_filter_functions: missing, inlined or notrace)",
				    at->str, base);
		/* the run fails, but the probe's body is still checked: one run
		 * shows every error (bio.bt: this and rq_disk) */
		return add_target(s, tl, prov, fn, 0, false);
	}
	for (size_t i = 0; i < n && !err; i++)
		err = add_target(s, tl, prov, strchr(fn, '+') ? fn : v[i], 0, false);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return err;
}

/* Whether tracefs has an event NAME in some category (a raw tracepoint of a
 * module has no vmlinux BTF, but has its event). Unknown without tracefs: yes. */
static bool tracepoint_exists(const char *name)
{
	char **names;
	size_t n;
	if (!bt_tracefs_root())
		return true;
	if (bt_tp_glob("*", name, &names, &n))
		return true;
	bt_strv_free(names, n);
	return n > 0;
}

static int attach_point(struct bt_sema *s, struct bt_node *at, struct bt_sprobe *sp,
			const struct bt_provider *pv, struct tlist *tl)
{
	const char *prov = pv->name;
	const char *why = NULL;
	switch (sp->prov) {
	case BT_P_BEGIN:
	case BT_P_END:
		if (at->nparts != 1) {
			bt_sema_err(s, &at->loc, "%s: %s takes no arguments", at->str, prov);
			return -EINVAL;
		}
		return add_target(s, tl, prov, NULL, 0, false);
	case BT_P_TRACEPOINT: {
		if (at->nparts != 3) {
			bt_sema_err(s, &at->loc, "%s: expected tracepoint:CATEGORY:EVENT", at->str);
			return -EINVAL;
		}
		if (!bt_tracefs_root()) {
			bt_sema_err(s, &at->loc, "%s: tracefs is not available (mount -t tracefs nodev /sys/kernel/tracing)",
				    at->str);
			return -EINVAL;
		}
		char **names;
		size_t n;
		if (bt_tp_glob(at->parts[1], at->parts[2], &names, &n) || n == 0) {
			bool wild = strpbrk(at->str, "*?[") != NULL;
			if (wild)
				bt_sema_err(s, &at->loc, "%s: no tracepoint matches", at->str);
			else
				bt_sema_err(s, &at->loc, "tracepoint not found: %s:%s", at->parts[1],
					    at->parts[2]);
			return -EINVAL;
		}
		int err = 0;
		for (size_t i = 0; i < n && !err; i++)
			err = add_target(s, tl, prov, names[i], 0, false);
		if (!err && !sp->args) {
			char *c = strdup(names[0]), *e = strchr(c, ':');
			*e = 0;
			err = tp_args(s, sp, c, e + 1);
			free(c);
		}
		bt_strv_free(names, n);
		return err;
	}
	case BT_P_RAWTP:
	case BT_P_TPBTF: {
		const char *name = at->parts[at->nparts - 1];
		if (at->nparts < 2 || strpbrk(name, "*?[")) {
			bt_sema_err(s, &at->loc, "%s: expected %s:NAME (no wildcards)", at->str, prov);
			return -EINVAL;
		}
		bool no_btf = btf_args(s, sp, name, false) != 0;
		if (no_btf && sp->prov == BT_P_TPBTF) {
			bt_sema_err(s, &at->loc, "%s: no BTF for tracepoint '%s'", at->str, name);
			return -EINVAL;
		}
		if (no_btf && !tracepoint_exists(name)) {
			bt_sema_err(s, &at->loc, "%s: no tracepoint '%s' (bt -l 'rawtracepoint:*' lists them)",
				    at->str, name);
			return -EINVAL;
		}
		if (pv->available && !pv->available(&why))
			return unavailable(s, at, name, why);
		return add_target(s, tl, prov, name, 0, false);
	}
	case BT_P_KPROBE:
	case BT_P_KRETPROBE:
	case BT_P_KFUNC:
	case BT_P_KRETFUNC: {
		const char *fn = at->parts[at->nparts - 1];
		if (at->nparts < 2 || !*fn) {
			bt_sema_err(s, &at->loc, "%s: expected %s:FUNCTION", at->str, prov);
			return -EINVAL;
		}
		if (pv->available && !pv->available(&why))
			return unavailable(s, at, fn, why);
		if (sp->prov == BT_P_KPROBE || sp->prov == BT_P_KRETPROBE)
			return kprobe_targets(s, at, prov, fn, tl);
		if (sp->prov == BT_P_KFUNC || sp->prov == BT_P_KRETFUNC) {
			if (btf_args(s, sp, fn, true)) {
				bt_sema_err(s, &at->loc, "%s: no BTF for function '%s'", at->str, fn);
				return -EINVAL;
			}
		}
		return add_target(s, tl, prov, fn, 0, false);
	}
	case BT_P_UPROBE:
	case BT_P_URETPROBE: {
		if (at->nparts != 3) {
			bt_sema_err(s, &at->loc, "%s: expected %s:BINARY:FUNCTION", at->str, prov);
			return -EINVAL;
		}
		if (pv->available && !pv->available(&why))
			return unavailable(s, at, at->parts[2], why);
		char ubuf[256], **tgs;
		size_t ntg;
		s->prog->uncacheable = true; /* the binary may change: see prog.h */
		if (bt_uprobe_expand(at->parts[1], at->parts[2], &tgs, &ntg, ubuf, sizeof(ubuf))) {
			bt_sema_err(s, &at->loc, "%s: %s", at->str, ubuf);
			return -EINVAL;
		}
		int err = 0;
		for (size_t k = 0; k < ntg && !err; k++)
			err = add_target(s, tl, prov, tgs[k], 0, false);
		bt_strv_free(tgs, ntg);
		return err;
	}
	case BT_P_USDT: {
		if (at->nparts != 3 && at->nparts != 4) {
			bt_sema_err(s, &at->loc, "%s: expected usdt:BINARY:[PROVIDER:]NAME", at->str);
			return -EINVAL;
		}
		if (pv->available && !pv->available(&why))
			return unavailable(s, at, at->parts[2], why);
		char ubuf[256], *path, **names, tg[4600];
		size_t nn;
		s->prog->uncacheable = true; /* the binary may change: see prog.h */
		if (bt_usdt_expand(at->parts[1], at->nparts == 4 ? at->parts[2] : NULL,
				   at->parts[at->nparts - 1], &path, &names, &nn, ubuf, sizeof(ubuf))) {
			bt_sema_err(s, &at->loc, "%s: %s", at->str, ubuf);
			return -EINVAL;
		}
		int err = 0;
		for (size_t k = 0; k < nn && !err; k++) {
			snprintf(tg, sizeof(tg), "%s:%s", path, names[k]);
			err = add_target(s, tl, prov, tg, 0, false);
		}
		bt_strv_free(names, nn);
		free(path);
		return err;
	}
	case BT_P_PROFILE:
	case BT_P_INTERVAL: {
		uint64_t ns;
		bool hz;
		if (period(s, at, &ns, &hz))
			return -EINVAL;
		char tg[128];
		if (at->nparts == 3)
			snprintf(tg, sizeof(tg), "%s:%s", at->parts[1], at->parts[2]);
		else
			snprintf(tg, sizeof(tg), "%s", at->parts[1]);
		return add_target(s, tl, prov, tg, ns, hz);
	}
	case BT_P_SOFTWARE:
	case BT_P_HARDWARE: {
		if (at->nparts < 2) {
			bt_sema_err(s, &at->loc, "%s: expected %s:EVENT[:COUNT]", at->str, prov);
			return -EINVAL;
		}
		if (pv->available && !pv->available(&why))
			return unavailable(s, at, at->parts[1], why);
		uint64_t count = 0;
		char tg[128];
		if (at->nparts >= 3)
			count = strtoull(at->parts[2], NULL, 10);
		snprintf(tg, sizeof(tg), "%s%s%s", at->parts[1], at->nparts >= 3 ? ":" : "",
			 at->nparts >= 3 ? at->parts[2] : "");
		return add_target(s, tl, prov, tg, count, false);
	}
	default:
		bt_sema_err(s, &at->loc, "%s: %s probes are not supported yet", at->str, prov);
		return -EINVAL;
	}
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
	if (pv->per_target)
		snprintf(sec, sizeof(sec), "%s/%s", pv->section, t[0].target);
	else
		snprintf(sec, sizeof(sec), "%s", pv->section);
	pr->prog_name = strdup(name);
	pr->section = strdup(sec);
	pr->node = probe;
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
 * any number of syscalls. A probe that takes a kernel stack keeps its tracepoints: from the raw tracepoint the stack
 * would start inside the BPF trampoline, not where bpftrace's starts.
 */
static int split_sysdisp(struct bt_sema *s, struct bt_node *probe, const struct bt_provider *pv,
			 struct tlist *tl, struct bt_sprobe *sp)
{
	static const char *const tp[] = { NULL, "sys_enter", "sys_exit" };
	const char *env = getenv("BT_SYSDISP"), *why;
	bool btf = bt_tpbtf_available(&why);
	size_t count[3] = { 0 }, i;
	int nr;

#if !defined(__x86_64__)
	return 0; /* the record is built from x86-64 pt_regs */
#endif
	if (env && !strcmp(env, "0"))
		return 0;
	size_t min = env && !strcmp(env, "1") ? 1 : BT_SYSDISP_MIN;
	static const char *const kstack[] = { "kstack", NULL };
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

int bt_sema_probe_targets(struct bt_sema *s, struct bt_node *probe, struct bt_sprobe *sp)
{
	struct tlist tl = { 0 };
	const struct bt_provider *pv = NULL;
	size_t i;
	struct bt_node *at;
	int err = 0;
	bt_list_for_each(&probe->list, i, at)
	{
		/* positional parameters in attach points: interval:s:$1 */
		for (size_t k = 1; k < at->nparts; k++) {
			char *end;
			if (at->parts[k][0] != '$')
				continue;
			long pos = strtol(at->parts[k] + 1, &end, 10);
			if (*end || pos < 1)
				continue;
			char *v = strdup(pos <= s->nargs ? s->args[pos - 1] : "");
			if (!v)
				return -ENOMEM;
			free(at->parts[k]);
			at->parts[k] = v;
		}
		const struct bt_provider *p = bt_provider_find(at->parts[0]);
		if (!p && (!strcmp(at->parts[0], "iter") || !strcmp(at->parts[0], "it") ||
			   !strcmp(at->parts[0], "watchpoint") || !strcmp(at->parts[0], "w") ||
			   !strcmp(at->parts[0], "asyncwatchpoint") || !strcmp(at->parts[0], "aw"))) {
			bt_sema_err(s, &at->loc, "%s: bpftrace's %s probes are not supported by bt",
				    at->str, at->parts[0]);
			err = -EINVAL;
			continue;
		}
		if (!p) {
			bt_sema_err(s, &at->loc, "unknown probe type '%s'", at->parts[0]);
			err = -EINVAL;
			continue;
		}
		int id = -1;
		for (size_t k = 0; k < sizeof(prov_ids) / sizeof(prov_ids[0]); k++)
			if (!strcmp(prov_ids[k].name, p->name))
				id = (int)prov_ids[k].id;
		if (id < 0) {
			bt_sema_err(s, &at->loc, "%s: %s probes are not supported yet", at->str, p->name);
			err = -EINVAL;
			continue;
		}
		if (pv && pv != p) {
			bt_sema_err(s, &at->loc, "%s: one probe cannot mix %s and %s attach points; write two probes",
				    at->str, pv->name, p->name);
			err = -EINVAL;
			continue;
		}
		pv = p;
		sp->prov = (enum bt_provider_id)id;
		if (attach_point(s, at, sp, p, &tl))
			err = -EINVAL;
	}
	if (err || !pv) {
		for (size_t k = 0; k < tl.n; k++) {
			free(tl.v[k].name);
			free(tl.v[k].provider);
			free(tl.v[k].target);
		}
		free(tl.v);
		return err ? err : -EINVAL;
	}
	sp->first_probe = (int)s->prog->nprobes;
	sp->single_target = tl.n == 1;
	if (pv->per_target || pv->run_once) {
		for (size_t k = 0; k < tl.n && !err; k++) {
			struct bt_target *one = malloc(sizeof(*one));
			if (!one)
				return -ENOMEM;
			*one = tl.v[k];
			err = add_prog(s, probe, pv, one, 1);
			sp->nprobes++;
		}
		free(tl.v);
	} else {
		/* the ordinary program first: the args record comes from its first target */
		err = sp->prov == BT_P_TRACEPOINT ? split_sysdisp(s, probe, pv, &tl, sp) : 0;
		if (!err && tl.n) {
			err = add_prog(s, probe, pv, tl.v, tl.n);
			sp->nprobes++;
			/* many kprobes: one kprobe_multi link (fast attach and detach) */
			if (!err && tl.n > 1 &&
			    (sp->prov == BT_P_KPROBE || sp->prov == BT_P_KRETPROBE) &&
			    bt_kprobe_multi_available()) {
				struct bt_probe *pr = &s->prog->probes[s->prog->nprobes - 1];
				free(pr->section);
				pr->section = strdup(sp->prov == BT_P_KPROBE ? "kprobe.multi"
									: "kretprobe.multi");
				if (!pr->section)
					err = -ENOMEM;
			}
		} else {
			free(tl.v);
		}
	}
	return err;
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
	static const char *const comm[] = { "comm", NULL };
	if (!need)
		need = bt_ast_uses(s->root, BT_AST_KIND(BT_N_BUILTIN), comm);
	if (need)
		bt_ktask(&s->task);
}
