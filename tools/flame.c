// SPDX-License-Identifier: GPL-2.0
/*
 * Folded stacks (see flame.h): the tracer's own BPF frames, folding a map's
 * typed entries, merging, --folded printing and the --svg file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "flame.h"
#include "tool.h"

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* bpf_prog_<16 hex digits>, then nothing or _name */
static bool is_bpf_prog(const char *name)
{
	const char *p = name + 9;
	int i;

	if (!has_prefix(name, "bpf_prog_"))
		return false;
	for (i = 0; i < 16; i++)
		if (!isxdigit((unsigned char)p[i]))
			return false;
	return p[16] == '\0' || p[16] == '_';
}

/* prefix then one or more digits and nothing else */
static bool is_numbered(const char *name, const char *prefix)
{
	const char *p = name + strlen(prefix);

	if (!has_prefix(name, prefix) || !isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

static bool is_bpf_entry(const char *name)
{
	return is_bpf_prog(name) || is_numbered(name, "bpf_trampoline_");
}

bool flame_bpf_frame(const char *name)
{
	return is_bpf_entry(name) || is_numbered(name, "bpf_trace_run") ||
	       has_prefix(name, "__bpf_trace_") || has_prefix(name, "__traceiter_") ||
	       has_prefix(name, "__bpf_prog_enter") || has_prefix(name, "__bpf_prog_exit");
}

size_t flame_strip_leaf(const struct bt_frame *frames, size_t n)
{
	size_t i = 0;

	/* a perf tracepoint's stack starts at the tracepoint: at __traceiter_NAME
	 * when several probes share it (static calls skip it for one) */
	if (!n || !(is_bpf_entry(frames[0].name) || has_prefix(frames[0].name, "__traceiter_")))
		return 0;
	while (i < n && flame_bpf_frame(frames[i].name))
		i++;
	return i;
}

void flame_stacks_add(struct flame_stacks *s, const char *stack, size_t len, int64_t count)
{
	char *copy;

	if (bt_vec_reserve(s->v, s->cap, s->n + 1))
		tool_die("%s", strerror(ENOMEM));
	copy = strndup(stack, len);
	if (!copy)
		tool_die("%s", strerror(ENOMEM));
	s->v[s->n++] = (struct flame_stack){.stack = copy, .count = count};
}

/* strcmp with ';' below every other byte: a frame's stacks sort together */
static int frame_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = *a == ';' ? 1 : *a ? (unsigned char)*a + 1 : 0;
		int cb = *b == ';' ? 1 : *b ? (unsigned char)*b + 1 : 0;

		if (ca != cb || !ca)
			return ca - cb;
	}
}

static int stack_cmp(const void *a, const void *b)
{
	return frame_cmp(((const struct flame_stack *)a)->stack,
			 ((const struct flame_stack *)b)->stack);
}

static int count_cmp(const void *a, const void *b)
{
	const struct flame_stack *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? -1 : 1;
	return frame_cmp(x->stack, y->stack);
}

void flame_stacks_merge(struct flame_stacks *s)
{
	size_t i, n = 0;

	if (!s->n)
		return;
	qsort(s->v, s->n, sizeof(*s->v), stack_cmp);
	for (i = 1; i < s->n; i++) {
		if (!strcmp(s->v[n].stack, s->v[i].stack)) {
			s->v[n].count += s->v[i].count;
			free(s->v[i].stack);
		} else {
			s->v[++n] = s->v[i];
		}
	}
	s->n = n + 1;
}

void flame_stacks_free(struct flame_stacks *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].stack);
	free(s->v);
	*s = (struct flame_stacks){0};
}

void flame_print_stacks(struct flame_stacks *s, FILE *out)
{
	size_t i;

	if (!s->n)
		return;
	flame_stacks_merge(s);
	qsort(s->v, s->n, sizeof(*s->v), count_cmp);
	for (i = 0; i < s->n; i++)
		fprintf(out, "%s %lld\n", s->v[i].stack, (long long)s->v[i].count);
	flame_stacks_free(s);
}

/* appends ";" (unless first) and the n bytes at p to f */
static void put_frame(FILE *f, bool *first, const char *p, size_t n)
{
	if (!n)
		return;
	if (!*first)
		fputc(';', f);
	fwrite(p, 1, n, f);
	*first = false;
}

/* one key part that is not a stack, as bt prints it */
static void put_part(FILE *f, bool *first, const struct bt_value *v)
{
	char num[32];

	if (v->kind == BT_VAL_INT)
		put_frame(f, first, num,
			  (size_t)snprintf(num, sizeof(num), "%lld", (long long)v->i));
	else if (v->kind == BT_VAL_UINT)
		put_frame(f, first, num,
			  (size_t)snprintf(num, sizeof(num), "%llu", (unsigned long long)v->u));
	else if (v->str)
		put_frame(f, first, v->str, v->len);
}

/* a stack's frames root first, the tracer's own dropped; false when none are left */
static bool put_stack(FILE *f, bool *first, const struct bt_value *v, bool sep)
{
	size_t own = flame_strip_leaf(v->frames, v->nframes), i;

	if (v->nframes <= own)
		return false;
	if (sep)
		put_frame(f, first, "--", 2);
	for (i = v->nframes; i-- > own;)
		put_frame(f, first, v->frames[i].name, strlen(v->frames[i].name));
	return true;
}

char *flame_fold_entry(const struct bt_entry *e)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);
	bool first = true, stacks = false;

	if (!f)
		tool_die("%s", strerror(ENOMEM));
	for (i = 0; i < e->nkeys; i++)
		if (e->keys[i].kind != BT_VAL_STACK)
			put_part(f, &first, &e->keys[i]);
	for (i = 0; i < e->nkeys; i++)
		if (e->keys[i].kind == BT_VAL_STACK && put_stack(f, &first, &e->keys[i], stacks))
			stacks = true;
	if (first)
		fputs("[unknown]", f);
	if (fclose(f) || !buf)
		tool_die("%s", strerror(ENOMEM));
	return buf;
}

static bool foldable(const struct bt_map_data *m)
{
	for (size_t i = 0; i < m->nentries; i++) {
		const struct bt_entry *e = &m->entries[i];

		if (!e->nkeys || (e->value.kind != BT_VAL_INT && e->value.kind != BT_VAL_UINT))
			return false;
	}
	return true;
}

int flame_visit(const struct bt_map_data *m, void *ctx)
{
	struct flame_run *run = ctx;
	struct flame_stacks s = {0};

	if (!m->nentries || !foldable(m))
		return run->print && !m->nentries ? BT_MAP_TAKEN : BT_MAP_PRINT;
	for (size_t i = 0; i < m->nentries; i++) {
		const struct bt_entry *e = &m->entries[i];
		int64_t count = e->value.kind == BT_VAL_INT ? e->value.i : (int64_t)e->value.u;
		char *stack = flame_fold_entry(e);

		if (run->print)
			flame_stacks_add(&s, stack, strlen(stack), count);
		if (run->collect && count > 0)
			flame_stacks_add(&run->all, stack, strlen(stack), count);
		free(stack);
	}
	if (!run->print)
		return BT_MAP_PRINT;
	flame_print_stacks(&s, stdout);
	return BT_MAP_TAKEN;
}

/* what each stack tool's map values are; NULL: the time unit (--ns/--us/--ms) */
static const struct {
	const char *tool, *unit;
} tool_units[] = {
	{"oncpu", "samples"},
	{"offcpu", NULL},
	{"offwake", NULL},
	{"kmallocstack", "allocations"},
};

const char *flame_unit(const char *tool, const char *time_unit)
{
	size_t i;

	for (i = 0; i < sizeof(tool_units) / sizeof(tool_units[0]); i++)
		if (!strcmp(tool, tool_units[i].tool))
			return tool_units[i].unit ? tool_units[i].unit
			       : time_unit	  ? time_unit
						  : "ns";
	return "counts";
}

int flame_write_svg(const struct flame_stacks *s, const char *path, const char *title,
		    const char *unit)
{
	FILE *out = fopen(path, "w");
	int err;

	if (!out)
		return -1;
	flame_svg(out, s, title, unit);
	err = ferror(out) ? EIO : 0;
	if (fclose(out) && !err)
		err = errno;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int flame_output(const char *tool, const struct tool_env *env, struct flame_run *run, int ret)
{
	const char *unit = env->unit == TOOL_UNIT_US   ? "us"
			   : env->unit == TOOL_UNIT_MS ? "ms"
						       : NULL;
	char *title;
	int err;

	if (!env->svg || ret)
		return ret;
	if (env->cmd   ? asprintf(&title, "%s -c %s", tool, env->cmd) < 0
	    : env->pid ? asprintf(&title, "%s -p %d", tool, env->pid) < 0
		       : !(title = strdup(tool)))
		tool_die("%s", strerror(ENOMEM));
	flame_stacks_merge(&run->all);
	err = flame_write_svg(&run->all, env->svg, title, flame_unit(tool, unit));
	free(title);
	if (err) {
		fprintf(stderr, "%s: error: cannot write %s: %s\n", tool, env->svg,
			strerror(errno));
		return 1;
	}
	return 0;
}
