// SPDX-License-Identifier: GPL-2.0
/*
 * Folded stacks (see flame.h): the tracer's own BPF frames, parsing and
 * merging `stack count` lines, --folded printing and the --svg file.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

size_t flame_strip_leaf(char *const *frames, size_t n)
{
	size_t i = 0;

	/* __traceiter_*: a perf-event tracepoint's stack starts there, without
	 * a BPF frame, once another program (a raw or BTF tracepoint) shares the
	 * tracepoint and it no longer calls the perf handler directly */
	if (!n || !(is_bpf_entry(frames[0]) || has_prefix(frames[0], "__traceiter_")))
		return 0;
	while (i < n && flame_bpf_frame(frames[i]))
		i++;
	return i;
}

size_t flame_parse_line(const char *line, size_t len, int64_t *count)
{
	size_t sp = len, i;
	int64_t v = 0;
	bool neg;

	while (sp > 0 && line[sp - 1] != ' ')
		sp--;
	if (sp < 2 || sp == len || line[0] == ' ' || line[sp - 2] == ' ')
		return 0;
	i = sp;
	neg = line[i] == '-';
	if (neg && ++i == len)
		return 0;
	for (; i < len; i++) {
		if (line[i] < '0' || line[i] > '9' || v > (INT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (line[i] - '0');
	}
	*count = neg ? -v : v;
	return sp - 1;
}

void flame_stacks_add(struct flame_stacks *s, const char *stack, size_t len, int64_t count)
{
	char *copy;

	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct flame_stack *p = realloc(s->v, cap * sizeof(*p));

		if (!p)
			tool_die("%s", strerror(ENOMEM));
		s->v = p;
		s->cap = cap;
	}
	copy = strndup(stack, len);
	if (!copy)
		tool_die("%s", strerror(ENOMEM));
	s->v[s->n++] = (struct flame_stack){ .stack = copy, .count = count };
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
	*s = (struct flame_stacks){ 0 };
}

static void flush_run(struct flame_stacks *run, FILE *out)
{
	size_t i;

	if (!run->n)
		return;
	flame_stacks_merge(run);
	qsort(run->v, run->n, sizeof(*run->v), count_cmp);
	for (i = 0; i < run->n; i++)
		fprintf(out, "%s %lld\n", run->v[i].stack, (long long)run->v[i].count);
	flame_stacks_free(run);
}

void flame_print_folded(const char *text, FILE *out)
{
	struct flame_stacks run = { 0 };
	const char *p = text, *nl;
	size_t len, slen;
	int64_t count;

	for (; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		len = nl - p;
		slen = flame_parse_line(p, len, &count);
		if (slen) {
			flame_stacks_add(&run, p, slen, count);
			continue;
		}
		flush_run(&run, out);
		if (len)
			fprintf(out, "%.*s\n", (int)len, p);
	}
	flush_run(&run, out);
}

void flame_collect(const char *text, struct flame_stacks *s)
{
	const char *p = text, *nl;
	size_t slen;
	int64_t count;

	for (; *p; p = *nl ? nl + 1 : nl) {
		nl = strchrnul(p, '\n');
		slen = flame_parse_line(p, nl - p, &count);
		if (slen && count > 0)
			flame_stacks_add(s, p, slen, count);
	}
	flame_stacks_merge(s);
}

/* what each stack tool's map values are; NULL: the time unit (--ns/--us/--ms) */
static const struct {
	const char *tool, *unit;
} tool_units[] = {
	{ "oncpu", "samples" },
	{ "offcpu", NULL },
	{ "offwake", NULL },
	{ "kmallocstack", "allocations" },
};

const char *flame_unit(const char *tool, const char *time_unit)
{
	size_t i;

	for (i = 0; i < sizeof(tool_units) / sizeof(tool_units[0]); i++)
		if (!strcmp(tool, tool_units[i].tool))
			return tool_units[i].unit ? tool_units[i].unit : time_unit ? time_unit : "ns";
	return "counts";
}

int flame_write_svg(const char *text, const char *path, const char *title, const char *unit)
{
	struct flame_stacks s = { 0 };
	FILE *out = fopen(path, "w");
	int err;

	if (!out)
		return -1;
	flame_collect(text, &s);
	flame_svg(out, &s, title, unit);
	flame_stacks_free(&s);
	err = ferror(out) ? EIO : 0;
	if (fclose(out) && !err)
		err = errno;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int flame_output(const char *tool, const struct tool_env *env, FILE *raw, const char *folded,
		 int ret)
{
	const char *unit = env->unit == TOOL_UNIT_US ? "us" : env->unit == TOOL_UNIT_MS ? "ms" : NULL;
	char buf[8192], *title;
	size_t n;
	int err;

	if (env->folded) {
		flame_print_folded(folded, stdout);
	} else {
		rewind(raw);
		while ((n = fread(buf, 1, sizeof(buf), raw)) > 0)
			fwrite(buf, 1, n, stdout);
	}
	if (!env->svg || ret)
		return ret;
	if (env->cmd ? asprintf(&title, "%s -c %s", tool, env->cmd) < 0
	    : env->pid ? asprintf(&title, "%s -p %d", tool, env->pid) < 0
		       : !(title = strdup(tool)))
		tool_die("%s", strerror(ENOMEM));
	err = flame_write_svg(folded, env->svg, title, flame_unit(tool, unit));
	free(title);
	if (err) {
		fprintf(stderr, "%s: cannot write %s: %s\n", tool, env->svg, strerror(errno));
		return 1;
	}
	return 0;
}
