// SPDX-License-Identifier: GPL-2.0
#include "kernel/ktypes.h"
#include "settings.h"

#include <bt/kernel.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

/* vmlinux BTF, loaded at first need and freed after each run (bt_kbtf_release) */
static struct btf *kbtf;
static bool kbtf_tried;

struct btf *bt_kbtf(void)
{
	if (!kbtf_tried) {
		kbtf_tried = true;
		kbtf = btf__load_vmlinux_btf();
		if (!kbtf)
			kbtf = NULL;
	}
	return kbtf;
}

void bt_kbtf_release(void)
{
	btf__free(kbtf);
	kbtf = NULL;
	kbtf_tried = false;
}

static const struct btf_type *skip_mods(const struct btf *b, int *id)
{
	const struct btf_type *t = btf__type_by_id(b, *id);
	while (t &&
	       (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t) || btf_is_decl_tag(t))) {
		*id = t->type;
		t = btf__type_by_id(b, *id);
	}
	return t;
}

int bt_ktype_find(const char *name)
{
	struct btf *b = bt_kbtf();
	if (!b)
		return -ENOENT;
	int kind = -1;
	if (!strncmp(name, "struct ", 7)) {
		name += 7;
		kind = BTF_KIND_STRUCT;
	} else if (!strncmp(name, "union ", 6)) {
		name += 6;
		kind = BTF_KIND_UNION;
	} else if (!strncmp(name, "enum ", 5)) {
		name += 5;
		kind = BTF_KIND_ENUM;
	}
	int id;
	if (kind >= 0) {
		id = btf__find_by_name_kind(b, name, kind);
		if (id < 0 && kind == BTF_KIND_ENUM)
			id = btf__find_by_name_kind(b, name, BTF_KIND_ENUM64);
		return id < 0 ? -ENOENT : id;
	}
	id = btf__find_by_name_kind(b, name, BTF_KIND_TYPEDEF);
	if (id < 0)
		id = btf__find_by_name_kind(b, name, BTF_KIND_INT);
	if (id < 0)
		id = btf__find_by_name_kind(b, name, BTF_KIND_STRUCT);
	return id < 0 ? -ENOENT : id;
}

long bt_ktype_size(int id)
{
	struct btf *b = bt_kbtf();
	return b ? (long)btf__resolve_size(b, id) : -ENOENT;
}

static char *type_name(struct bt_tpool *p, const struct btf *b, const struct btf_type *t)
{
	const char *n = btf__name_by_offset(b, t->name_off);
	char buf[256];
	const char *prefix = btf_is_struct(t) ? "struct " : btf_is_union(t) ? "union " : "";
	snprintf(buf, sizeof(buf), "%s%s", prefix, n && *n ? n : "(anon)");
	return bt_pool_strdup(p, buf);
}

struct bt_type *bt_ktype(struct bt_tpool *p, int id)
{
	struct btf *b = bt_kbtf();
	if (!b)
		return NULL;
	const struct btf_type *t = skip_mods(b, &id);
	if (!t || btf_is_void(t))
		return bt_t_int(p, 8, 0); /* void: treat as u64 (e.g. void *) */
	if (btf_is_int(t)) {
		uint32_t bytes = t->size;
		bool sign = btf_int_encoding(t) & BTF_INT_SIGNED;
		if (btf_int_encoding(t) & BTF_INT_BOOL)
			sign = false;
		return bt_t_int(p, bytes ? bytes : 1, sign);
	}
	if (btf_is_any_enum(t))
		return bt_t_int(p, t->size, btf_is_enum(t) ? 1 : 0);
	if (btf_is_ptr(t)) {
		int eid = t->type;
		const struct btf_type *e = skip_mods(b, &eid);
		struct bt_type *elem;
		if (!e || btf_is_void(e) || btf_is_func_proto(e))
			elem = NULL;
		else if (btf_is_composite(e) || btf_is_fwd(e)) {
			elem = bt_t_new(p, BT_T_RECORD, btf_is_fwd(e) ? 0 : e->size);
			if (elem) {
				elem->btf_id = eid;
				elem->name = type_name(p, b, e);
			}
		} else {
			elem = bt_ktype(p, eid);
		}
		struct bt_type *pt = bt_t_ptr(p, elem);
		return pt;
	}
	if (btf_is_array(t)) {
		const struct btf_array *a = btf_array(t);
		int eid = a->type;
		const struct btf_type *e = skip_mods(b, &eid);
		if (e && btf_is_int(e) && e->size == 1)
			return bt_t_str(p, a->nelems);
		struct bt_type *elem = bt_ktype(p, eid);
		struct bt_type *at = bt_t_new(p, BT_T_ARRAY, 0);
		if (!at || !elem)
			return NULL;
		at->elem = elem;
		at->count = a->nelems;
		long es = btf__resolve_size(b, eid);
		at->size = es > 0 ? (uint32_t)es * a->nelems : 0;
		at->btf_id = id;
		return at;
	}
	if (btf_is_composite(t)) {
		struct bt_type *r = bt_t_new(p, BT_T_RECORD, t->size);
		if (r) {
			r->btf_id = id;
			r->name = type_name(p, b, t);
		}
		return r;
	}
	return bt_t_int(p, 8, 0);
}

static int find_member(const struct btf *b, int rec_id, const char *name, uint32_t base_bits,
		       uint32_t *bits, int *type_id, uint32_t *bit_size)
{
	const struct btf_type *t = skip_mods(b, &rec_id);
	if (!t || !btf_is_composite(t))
		return -ENOENT;
	const struct btf_member *m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(b, m->name_off);
		uint32_t mbits = base_bits + btf_member_bit_offset(t, i);
		if (mn && *mn) {
			if (strcmp(mn, name) == 0) {
				*bits = mbits;
				*type_id = m->type;
				*bit_size = btf_member_bitfield_size(t, i);
				return 0;
			}
		} else if (find_member(b, m->type, name, mbits, bits, type_id, bit_size) == 0) {
			return 0;
		}
	}
	return -ENOENT;
}

int bt_kfield(int rec_id, const char *name, uint32_t *off, int *type_id, uint32_t *bit_off,
	      uint32_t *bit_size)
{
	struct btf *b = bt_kbtf();
	uint32_t bits = 0, bsz = 0;
	if (!b || find_member(b, rec_id, name, 0, &bits, type_id, &bsz))
		return -ENOENT;
	if (bsz) {
		/* read the bitfield from the 8-byte-aligned... keep it simple: byte unit */
		*off = bits / 8;
		*bit_off = bits % 8;
		*bit_size = bsz;
	} else {
		*off = bits / 8;
		*bit_off = 0;
		*bit_size = 0;
	}
	return 0;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	size_t d[64][64];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			size_t x = d[i - 1][j] + 1, y = d[i][j - 1] + 1;
			d[i][j] = c < x ? (c < y ? c : y) : (x < y ? x : y);
		}
	return d[la][lb];
}

/* Calls fn with every named member of the struct/union rec_id, descending
 * into anonymous members as bt_kfield() does. */
static void for_members(const struct btf *b, int rec_id, void (*fn)(const char *mn, void *ctx),
			void *ctx)
{
	const struct btf_type *t = skip_mods(b, &rec_id);
	if (!t || !btf_is_composite(t))
		return;
	const struct btf_member *m = btf_members(t);
	for (int i = 0; i < btf_vlen(t); i++, m++) {
		const char *mn = btf__name_by_offset(b, m->name_off);
		if (mn && *mn)
			fn(mn, ctx);
		else
			for_members(b, m->type, fn, ctx);
	}
}

struct suggest {
	const char *name, *best;
	size_t bestd;
};

static void suggest_one(const char *mn, void *ctx)
{
	struct suggest *sg = ctx;
	size_t dd = edit_distance(sg->name, mn);
	if (dd < sg->bestd) {
		sg->bestd = dd;
		sg->best = mn;
	}
}

const char *bt_kfield_suggest(int rec_id, const char *name)
{
	struct btf *b = bt_kbtf();
	struct suggest sg = {name, NULL, strlen(name) / 2 + 1};
	if (b)
		for_members(b, rec_id, suggest_one, &sg);
	return sg.best;
}

/* bt_kmember_find()'s close names: a small edit distance, or one name inside the other */
struct close_list {
	const char *name;
	char *out;
	size_t len;
	int n;
};

static void close_one(const char *mn, void *ctx)
{
	struct close_list *c = ctx;
	if (c->n >= 6 ||
	    !(edit_distance(c->name, mn) <= 2 || strstr(mn, c->name) || strstr(c->name, mn)))
		return;
	size_t used = strlen(c->out);
	snprintf(c->out + used, c->len - used, "%s%s", c->n++ ? ", " : "", mn);
}

int bt_kmember_find(const char *type, const char *field, struct bt_kmember *out, char *close,
		    size_t close_len)
{
	struct btf *b = bt_kbtf();
	uint32_t off, bit_off, bit_size;
	int rec, tid;
	if (close && close_len)
		close[0] = '\0';
	*out = (struct bt_kmember){false, false, 0};
	if (!b)
		return -ENODATA;
	rec = bt_ktype_find(type);
	if (rec < 0)
		return -ESRCH;
	if (bt_kfield(rec, field, &off, &tid, &bit_off, &bit_size)) {
		struct close_list c = {field, close, close_len, 0};
		if (close && close_len)
			for_members(b, rec, close_one, &c);
		return -ENOENT;
	}
	const struct btf_type *t = skip_mods(b, &tid);
	if (t && btf_is_int(t)) {
		out->number = true;
		out->is_signed = btf_int_encoding(t) & BTF_INT_SIGNED;
		out->size = t->size;
	} else if (t && (btf_is_any_enum(t) || btf_is_ptr(t))) {
		out->number = true;
		out->size = btf_is_ptr(t) ? 8 : t->size;
	}
	if (bit_size)
		out->size = 4;
	return 0;
}

bool bt_kenum_value(const char *name, int64_t *val)
{
	struct btf *b = bt_kbtf();
	if (!b)
		return false;
	uint32_t n = btf__type_cnt(b);
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(b, id);
		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t);
			for (int i = 0; i < btf_vlen(t); i++, e++)
				if (!strcmp(btf__name_by_offset(b, e->name_off), name)) {
					*val = e->val;
					return true;
				}
		} else if (btf_is_enum64(t)) {
			const struct btf_enum64 *e = btf_enum64(t);
			for (int i = 0; i < btf_vlen(t); i++, e++)
				if (!strcmp(btf__name_by_offset(b, e->name_off), name)) {
					*val = (int64_t)btf_enum64_value(e);
					return true;
				}
		}
	}
	return false;
}

static int proto_param(int proto_id, int skip, int i, const char **pname, int *nparams, int *ret_id)
{
	struct btf *b = bt_kbtf();
	const struct btf_type *t = skip_mods(b, &proto_id);
	if (!t || !btf_is_func_proto(t))
		return -ENOENT;
	int n = btf_vlen(t) - skip;
	if (nparams)
		*nparams = n;
	if (ret_id)
		*ret_id = t->type;
	if (i < 0 || i >= n)
		return -ENOENT;
	const struct btf_param *pp = btf_params(t) + skip + i;
	if (pname)
		*pname = btf__name_by_offset(b, pp->name_off);
	return pp->type;
}

int bt_ktp_param(const char *tp, int i, const char **pname, int *nparams)
{
	struct btf *b = bt_kbtf();
	char name[256];
	if (!b)
		return -ENOENT;
	/* __bpf_trace_TP(void *__data, ARGS) carries the argument names; the
	 * btf_trace_TP typedef only their types */
	snprintf(name, sizeof(name), "__bpf_trace_%s", tp);
	int id = btf__find_by_name_kind(b, name, BTF_KIND_FUNC);
	if (id > 0)
		return proto_param(btf__type_by_id(b, id)->type, 1, i, pname, nparams, NULL);
	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	id = btf__find_by_name_kind(b, name, BTF_KIND_TYPEDEF);
	if (id < 0)
		return -ENOENT;
	const struct btf_type *t = btf__type_by_id(b, id);
	id = t->type;
	t = skip_mods(b, &id);
	if (!t || !btf_is_ptr(t))
		return -ENOENT;
	return proto_param(t->type, 1, i, pname, nparams, NULL);
}

int bt_kfunc_param(const char *fn, int i, const char **pname, int *nparams, int *ret_id)
{
	struct btf *b = bt_kbtf();
	if (!b)
		return -ENOENT;
	int id = btf__find_by_name_kind(b, fn, BTF_KIND_FUNC);
	if (id < 0)
		return -ENOENT;
	const struct btf_type *t = btf__type_by_id(b, id);
	return proto_param(t->type, 0, i, pname, nparams, ret_id);
}

/* Offset of member path a[.b] in struct NAME when it is want_size bytes, or -1. */
static int member_offset(const char *name, const char *a, const char *b, long want_size)
{
	uint32_t o1, o2 = 0, bo, bs;
	int id = bt_ktype_find(name), tid;

	if (id < 0 || bt_kfield(id, a, &o1, &tid, &bo, &bs) || bs)
		return -1;
	if (b && (bt_kfield(tid, b, &o2, &tid, &bo, &bs) || bs))
		return -1;
	return bt_ktype_size(tid) == want_size ? (int)(o1 + o2) : -1;
}

/* The verifier inlines a per-CPU array lookup (the task cache's) on x86-64
 * from 6.10; before, it is a helper call, dearer than the one it saves. */
static bool inlined_percpu_lookup(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || strcmp(u.machine, "x86_64") ||
	    sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return false;
	return major > 6 || (major == 6 && minor >= 10);
}

/* The task cache's ids and offset into k, or why not (k->no_cache). */
static void task_cache(struct bt_ktask *k)
{
	int task = bt_ktype_find("task_struct");
	int cast = btf__find_by_name_kind(bt_kbtf(), "bpf_rdonly_cast", BTF_KIND_FUNC);

	k->no_cache = bt_settings()->no_task_cache ? "BT_NO_TASK_CACHE is set"
		      : task <= 0 || cast <= 0 || !inlined_percpu_lookup()
			      ? "needs bpf_rdonly_cast (6.2+) and an inlined per-CPU array lookup "
				"(x86-64, 6.10+)"
			      : NULL;
	if (k->no_cache)
		return;
	k->stack_off = member_offset("task_struct", "stack", NULL, 8);
	k->task_id = (uint32_t)task;
	k->rdonly_cast_id = (uint32_t)cast;
	if (k->stack_off < 0)
		k->no_cache = "task_struct has no 8-byte stack field";
}

void bt_ktask(struct bt_ktask *t)
{
	/* facts of the running kernel's task_struct: looked up once per process */
	static int have = -1;
	static struct bt_ktask k;

	if (have < 0) {
		k = BT_KTASK_NONE;
		k.no_cache = "needs task BTF and bpf_get_current_task_btf (5.11+)";
		have = !bt_settings()->no_task_btf && bt_kbtf() &&
		       libbpf_probe_bpf_helper(BPF_PROG_TYPE_TRACEPOINT,
					       BPF_FUNC_get_current_task_btf, NULL) == 1;
		if (have) {
			k.comm_off = member_offset("task_struct", "comm", NULL, 16);
			if (k.comm_off % 8) /* the compare loads words */
				k.comm_off = -1;
			k.status_off = member_offset("task_struct", "thread_info", "status", 4);
			task_cache(&k);
		}
	}
	*t = k;
}
