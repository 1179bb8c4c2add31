// SPDX-License-Identifier: GPL-2.0
/*
 * What each map becomes in metrics mode: its metric type (from the value
 * kind sema inferred, and whether the script ever clear()s, zero()s or
 * delete()s from it: a counter must never go down), its name and unit, its
 * label names, and a HELP line naming the probes that write it.
 * `// labels:` and `// unit:` comments are read by comments.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "metrics/metrics.h"

#define DEFAULT_MAX_SERIES 10000

/* What the AST says about one map. */
struct scan_map {
	const struct bt_loc *first; /* first assignment (else first use) */
	char *unit_given;	    /* `// unit: X` or --unit, as written */
	bool first_is_assign;
	bool cleared;
	bool deleted;		  /* delete(@m[k]) seen */
	struct bt_strbuf writers; /* "probe, probe" */
};

struct scan {
	struct scan_map *m;
	size_t n;
	const struct bt_node *probe; /* the PROBE being walked */
	const struct bt_prog *prog;
};

/* The map a MAP node names, by name: works on a compile-cache hit too,
 * where sema did not run over this AST. */
static int map_index(const struct scan *s, const struct bt_node *n)
{
	if (!n || n->kind != BT_N_MAP || !n->str)
		return -1;
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->prog->maps[i].name + 1, n->str))
			return (int)i;
	return -1;
}

/* The probe's attach points as written, once per map. */
static int add_writer(struct scan *s, int idx)
{
	struct bt_strbuf text = {0};
	struct bt_node *at;
	size_t i;
	int err = 0;

	if (idx < 0 || !s->probe)
		return 0;
	bt_list_for_each (&s->probe->list, i, at)
		err = err ?: bt_sb_printf(&text, "%s%s", i ? "," : "", at->str ? at->str : "?");
	if (!err && !strstr(bt_sb_str(&s->m[idx].writers), bt_sb_str(&text)))
		err = bt_sb_printf(&s->m[idx].writers, "%s%s", s->m[idx].writers.len ? ", " : "",
				   bt_sb_str(&text));
	bt_sb_free(&text);
	return err;
}

static int scan_pre(struct bt_node *n, void *ctx)
{
	struct scan *s = ctx;
	int idx;

	switch (n->kind) {
	case BT_N_PROBE:
		s->probe = n;
		break;
	case BT_N_MAP:
		idx = map_index(s, n);
		if (idx >= 0 && !s->m[idx].first)
			s->m[idx].first = &n->loc;
		break;
	case BT_N_ASSIGN:
		idx = map_index(s, n->a);
		if (idx >= 0 && !s->m[idx].first_is_assign) {
			s->m[idx].first = &n->a->loc;
			s->m[idx].first_is_assign = true;
		}
		return add_writer(s, idx);
	case BT_N_UNOP:
		if (n->op >= BT_OP_PREINC && n->op <= BT_OP_POSTDEC)
			return add_writer(s, map_index(s, n->a));
		break;
	case BT_N_CALL:
		if (!n->str || !n->list.n)
			break;
		if (!strcmp(n->str, "clear") || !strcmp(n->str, "zero") ||
		    !strcmp(n->str, "delete")) {
			idx = map_index(s, n->list.v[0]);
			if (idx >= 0)
				s->m[idx].cleared = true;
			if (idx >= 0 && !strcmp(n->str, "delete"))
				s->m[idx].deleted = true;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* ---- labels ---- */

static bool is_stack(const struct bt_type *t)
{
	return t && (t->kind == BT_T_KSTACK || t->kind == BT_T_USTACK);
}

/* Label names: from list ("a, b"), else stack/ustack for stacks, else keyN;
 * duplicates and the reserved "le"/"quantile" get a suffix. */
static int make_labels(struct bt_mmap *mm, const char *list)
{
	const struct bt_type *key = mm->map->key;
	size_t n = key && key->kind == BT_T_TUPLE ? key->count : 0;
	const char *p = list;

	mm->labels = calloc(n + 1, sizeof(*mm->labels));
	if (!mm->labels)
		return -ENOMEM;
	mm->nlabels = n;
	for (size_t i = 0; i < n; i++) {
		char buf[32];
		size_t len = 0;

		if (p && *p) {
			len = strcspn(p, ",");
			mm->labels[i] = len ? bt_mlabel(p, len) : NULL;
			p += len;
			p += *p == ',';
		}
		if (!mm->labels[i] || !strcmp(mm->labels[i], "_")) {
			free(mm->labels[i]);
			if (is_stack(key->elems[i]))
				snprintf(buf, sizeof(buf), "%s",
					 key->elems[i]->kind == BT_T_KSTACK ? "stack" : "ustack");
			else
				snprintf(buf, sizeof(buf), "key%zu", i);
			mm->labels[i] = strdup(buf);
		}
		if (!mm->labels[i])
			return -ENOMEM;
		for (size_t j = 0; j <= i; j++) {
			bool dup = j < i && !strcmp(mm->labels[j], mm->labels[i]);

			if (dup || !strcmp(mm->labels[i], "le") ||
			    !strcmp(mm->labels[i], "quantile")) {
				char *s = malloc(strlen(mm->labels[i]) + 24);

				if (!s)
					return -ENOMEM;
				sprintf(s, "%s_%zu", mm->labels[i], i);
				free(mm->labels[i]);
				mm->labels[i] = s;
				break;
			}
		}
	}
	return 0;
}

/* ---- kinds, names, help ---- */

static enum bt_mkind kind_of(const struct bt_map *m, const struct scan_map *sm)
{
	const struct bt_type *v = m->value;
	bool cleared = sm->cleared;

	if (!strncmp(m->name, "@__", 3) || !v)
		return BT_MK_SKIP;
	/* @start[tid] = nsecs ... delete(@start[tid]): per-event scratch state */
	if (v->kind == BT_T_INT)
		return sm->deleted ? BT_MK_SKIP : BT_MK_GAUGE;
	if (v->kind != BT_T_AGG)
		return BT_MK_SKIP;
	switch (v->agg) {
	case BT_AGG_COUNT:
	case BT_AGG_SUM:
		return cleared ? BT_MK_GAUGE : BT_MK_COUNTER;
	case BT_AGG_HIST:
	case BT_AGG_LHIST:
		return BT_MK_HIST;
	case BT_AGG_STATS:
		return BT_MK_SUMMARY;
	case BT_AGG_MIN:
	case BT_AGG_MAX:
	case BT_AGG_AVG:
		return BT_MK_GAUGE;
	default:
		return BT_MK_SKIP;
	}
}

static const char *agg_name(const struct bt_type *v)
{
	static const char *const names[] = {
		[BT_AGG_COUNT] = "count()", [BT_AGG_SUM] = "sum()",	[BT_AGG_MIN] = "min()",
		[BT_AGG_MAX] = "max()",	    [BT_AGG_AVG] = "avg()",	[BT_AGG_STATS] = "stats()",
		[BT_AGG_HIST] = "hist()",   [BT_AGG_LHIST] = "lhist()",
	};

	if (v->kind != BT_T_AGG)
		return "a value";
	return v->agg > BT_AGG_NONE && v->agg <= BT_AGG_LHIST ? names[v->agg] : "a value";
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static const struct {
	const char *name, *base;
	double scale;
} units[] = {
	{"ns", "seconds", 1e-9},    {"nsecs", "seconds", 1e-9}, {"us", "seconds", 1e-6},
	{"usecs", "seconds", 1e-6}, {"ms", "seconds", 1e-3},	{"msecs", "seconds", 1e-3},
	{"s", "seconds", 1},	    {"secs", "seconds", 1},	{"seconds", "seconds", 1},
	{"b", "bytes", 1},	    {"bytes", "bytes", 1},	{"kb", "bytes", 1024},
	{"kib", "bytes", 1024},	    {"mb", "bytes", 1048576},	{"mib", "bytes", 1048576},
};

/* mm->unit and mm->scale from the unit as written (sanitised, lower case). */
static int set_unit(struct bt_mmap *mm, const char *given)
{
	mm->scale = 1;
	if (!given)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcasecmp(given, units[i].name)) {
			mm->unit = strdup(units[i].base);
			mm->scale = units[i].scale;
			return mm->unit ? 0 : -ENOMEM;
		}
	mm->unit = bt_mlabel(given, strlen(given));
	for (char *p = mm->unit; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return mm->unit ? 0 : -ENOMEM;
}

/* The map part of the name without the words given (the unit as written,
 * and the base unit), so @us_dist in us becomes "dist", then "_seconds". */
static char *strip_words(const char *map, const char *w1, const char *w2)
{
	char *out = malloc(strlen(map) + 1), *p = out;
	const char *s = map;

	if (!out)
		return NULL;
	while (*s) {
		size_t n = strcspn(s, "_");

		if (n && !(w1 && strlen(w1) == n && !strncasecmp(s, w1, n)) &&
		    !(w2 && strlen(w2) == n && !strncasecmp(s, w2, n))) {
			if (p != out)
				*p++ = '_';
			memcpy(p, s, n);
			p += n;
		}
		s += n;
		s += *s == '_';
	}
	*p = '\0';
	return out;
}

static int make_name(struct bt_mmap *mm, const char *script, const char *unit_given)
{
	const char *map = mm->map->name[0] == '@' ? mm->map->name + 1 : mm->map->name;
	char *part = mm->unit ? strip_words(map, unit_given, mm->unit) : strdup(map);
	char *base, *s;

	if (!part)
		return -ENOMEM;
	base = bt_mname(script, part);
	free(part);
	if (!base)
		return -ENOMEM;
	/* the counter's samples get "_total": no "_total_total" */
	if (mm->kind == BT_MK_COUNTER && ends_with(base, "_total") && strlen(base) > 9)
		base[strlen(base) - 6] = '\0';
	if (mm->unit) {
		s = malloc(strlen(base) + strlen(mm->unit) + 2);
		if (!s) {
			free(base);
			return -ENOMEM;
		}
		sprintf(s, "%s_%s", base, mm->unit);
		free(base);
		base = s;
	}
	mm->name = base;
	return 0;
}

static int make_help(struct bt_mmap *mm, const struct scan_map *sm)
{
	struct bt_strbuf h = {0};
	const struct bt_type *v = mm->map->value;
	int err;

	err = bt_sb_printf(&h, "bt map %s, %s", mm->map->name, agg_name(v));
	if (sm->writers.len)
		err = err ?: bt_sb_printf(&h, " in %s", bt_sb_str(&sm->writers));
	if (mm->kind == BT_MK_HIST)
		err = err
			      ?: bt_sb_puts(&h,
					    v->agg == BT_AGG_HIST
						    ? "; log2 buckets, le = the largest integer "
						      "in the bucket"
						    : "; linear buckets, le = the largest integer "
						      "in the bucket");
	if (mm->kind == BT_MK_HIST)
		err = err ?: bt_sb_puts(&h, "; _sum estimated from bucket lower bounds");
	if (sm->cleared && (mm->kind == BT_MK_HIST || mm->kind == BT_MK_SUMMARY))
		err = err ?: bt_sb_puts(&h, "; the script clears it: drops are counter resets");
	else if (sm->cleared && mm->map->value->kind == BT_T_AGG)
		err = err ?: bt_sb_puts(&h, "; the script clears it, so a gauge");
	if (mm->unit && mm->scale != 1)
		err = err
			      ?: bt_sb_printf(&h, "; in %s (the script's %s times %g)", mm->unit,
					      sm->unit_given, mm->scale);
	if (err) {
		bt_sb_free(&h);
		return err;
	}
	mm->help = bt_sb_take(&h);
	return mm->help ? 0 : -ENOMEM;
}

static bool unit_applies(enum bt_mkind k)
{
	return k == BT_MK_HIST || k == BT_MK_SUMMARY;
}

int bt_mmeta_build(struct bt_mmeta *meta, const struct bt_run_opts *o, struct bt_node *root,
		   const struct bt_prog *prog, const struct bt_diag *d)
{
	struct scan s = {0};
	char *script = bt_mscript(o);
	int err = script ? 0 : -ENOMEM;

	memset(meta, 0, sizeof(*meta));
	meta->max_series = o->max_series > 0 ? (size_t)o->max_series : DEFAULT_MAX_SERIES;
	meta->maps = calloc(prog->nmaps + 1, sizeof(*meta->maps));
	s.m = calloc(prog->nmaps + 1, sizeof(*s.m));
	s.n = prog->nmaps;
	s.prog = prog;
	if (!meta->maps || !s.m)
		err = -ENOMEM;
	if (!err && root)
		err = bt_ast_walk(root, scan_pre, NULL, &s);
	for (size_t i = 0; !err && i < prog->nmaps; i++) {
		struct bt_mmap *mm = &meta->maps[i];
		char *labels;

		meta->nmaps++;
		mm->map = &prog->maps[i];
		mm->kind = kind_of(mm->map, &s.m[i]);
		if (mm->kind == BT_MK_SKIP)
			continue;
		/* --unit (a tool's --ns/--us/--ms) is the unit of hist/lhist/stats
		 * values and wins over their comment; sums keep their own (a tool
		 * sums in ns and divides only when printing) */
		s.m[i].unit_given = bt_mcomment(d, s.m[i].first, "unit");
		if (o->unit && *o->unit && unit_applies(mm->kind)) {
			free(s.m[i].unit_given);
			s.m[i].unit_given = strdup(o->unit);
		}
		labels = bt_mcomment(d, s.m[i].first, "labels");
		err = set_unit(mm, s.m[i].unit_given);
		err = err ?: make_labels(mm, labels ? labels : o->label_names);
		free(labels);
		err = err ?: make_name(mm, script, s.m[i].unit_given);
		err = err ?: make_help(mm, &s.m[i]);
	}
	for (size_t i = 0; s.m && i < s.n; i++) {
		bt_sb_free(&s.m[i].writers);
		free(s.m[i].unit_given);
	}
	free(s.m);
	free(script);
	if (err)
		bt_mmeta_fini(meta);
	return err;
}

void bt_mmeta_fini(struct bt_mmeta *meta)
{
	for (size_t i = 0; meta->maps && i < meta->nmaps; i++) {
		struct bt_mmap *mm = &meta->maps[i];

		free(mm->name);
		free(mm->unit);
		free(mm->help);
		for (size_t k = 0; mm->labels && k < mm->nlabels; k++)
			free(mm->labels[k]);
		free(mm->labels);
	}
	free(meta->maps);
	memset(meta, 0, sizeof(*meta));
}
