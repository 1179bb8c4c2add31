// SPDX-License-Identifier: GPL-2.0
/*
 * kmallocstack: who allocates kernel objects in a size range, by command and
 * kernel stack, with a linear histogram of the sizes (seed: kmalloc.bt).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tool.h"
#include "kmallocstack.bt.h"

static const char doc[] =
	"Count kmalloc() calls in a size range by command and kernel stack, or\n"
	"(--outstanding) the allocations not freed yet.\n"
	"\n"
	"USAGE: kmallocstack [--min SIZE] [--max SIZE] [--step SIZE | --outstanding]\n"
	"                    [--older MS] [--alloc]\n"
	"                    [-p PID[,PID...] | --tid TID[,TID...] | -c CMD] [--uid UID]\n"
	"                    [--cgroup PATH] [-n COMM] [-f] [interval] [count]\n"
	"\v"
	"Counts allocations with MIN < size <= MAX (default 2K < size <= 4K) in\n"
	"@detail[comm, kstack] and draws @size as lhist(size, MIN, MAX, STEP).\n"
	"Sizes take a K or M suffix (1024-based). Without [interval] the maps are\n"
	"printed on Ctrl-C. --outstanding (any size unless --min/--max) prints\n"
	"@bytes[comm, kstack] and @allocs[comm, kstack] of the allocations not\n"
	"yet passed to kfree(), kept up to date as they happen (as memleak);\n"
	"with --older MS only those allocated more than MS milliseconds ago.\n"
	"\n"
	"EXAMPLES:\n"
	"    kmallocstack                   # 2K-4K allocations until Ctrl-C\n"
	"    kmallocstack 5 3               # print every 5 s, three times\n"
	"    kmallocstack --min 64 --max 128 --step 16   # 64 < size <= 128\n"
	"    kmallocstack --alloc           # bucket by bytes_alloc, not bytes_req\n"
	"    kmallocstack -n ps --depth 4   # only ps, 4 frames per stack\n"
	"    kmallocstack --outstanding 10  # what is still allocated, every 10 s\n"
	"    kmallocstack --outstanding --older 5000 10  # ... for more than 5 s\n";

enum { OPT_MIN = TOOL_KEY_USER, OPT_MAX, OPT_STEP, OPT_ALLOC, OPT_OUTSTANDING, OPT_OLDER };

static const struct argp_option opts[] = {
	{"min", OPT_MIN, "SIZE", 0, "Count sizes above SIZE (default 2K)", 0},
	{"max", OPT_MAX, "SIZE", 0, "Count sizes up to SIZE (default 4K)", 0},
	{"step", OPT_STEP, "SIZE", 0, "Histogram step (default 1K)", 0},
	{"alloc", OPT_ALLOC, NULL, 0, "Use bytes_alloc instead of bytes_req", 0},
	{"outstanding", OPT_OUTSTANDING, NULL, 0,
	 "Allocations not freed yet: bytes and count per stack", 0},
	{"older", OPT_OLDER, "MS", 0, "With --outstanding: only those older than MS milliseconds",
	 0},
	{0},
};

static struct {
	long min, max, step;
	bool alloc, outstanding, min_set, max_set, step_set;
	long older; /* --older MS, -1: not given */
} my = {2048, 4096, 1024, false, false, false, false, false, -1};

/* "2048", "2K", "4k", "1M": a size in bytes, or a usage error (exit 2). */
static long parse_size(struct argp_state *state, const char *arg, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (end != arg && (*end == 'K' || *end == 'k')) {
		v = v > (1L << 40) ? -1 : v * 1024;
		end++;
	} else if (end != arg && (*end == 'M' || *end == 'm')) {
		v = v > (1L << 30) ? -1 : v * 1024 * 1024;
		end++;
	}
	if (errno || end == arg || *end || v < 0 || v > (1L << 40))
		tool_usage_error(state, "invalid size '%s' for %s", arg, what);
	return v;
}

/* --older: only with --outstanding, and printed by the visitor below */
static void older_check(struct argp_state *state)
{
	struct tool_env *env = state->input;

	if (!my.outstanding)
		tool_usage_error(state, "--older needs --outstanding");
	if (env->folded || env->svg)
		tool_usage_error(state, "--older cannot be combined with --folded or --svg");
	if (env->metrics_addr || env->metrics_file)
		tool_usage_error(state, "--older cannot be combined with --metrics");
}

/* --older: one comm and stack's allocations older than MS */
struct old_stack {
	char *comm, *stack; /* stack: "\n    frame+off\n..." as bt prints a kstack */
	uint64_t bytes, count;
};

static struct {
	struct old_stack *v;
	size_t n;
	bool json;
} old;

/* a kstack key as bt prints it: "" when it has no frames */
static char *stack_text(const struct bt_value *v)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		tool_die("%s", strerror(ENOMEM));
	if (v->nframes)
		fputc('\n', f);
	for (i = 0; i < v->nframes; i++) {
		const struct bt_frame *fr = &v->frames[i];

		/* unresolved: "0x..." without an offset (no symbol starts with a digit) */
		if (isdigit((unsigned char)fr->name[0]))
			fprintf(f, "    %s\n", fr->name);
		else
			fprintf(f, "    %s+%llu\n", fr->name, (unsigned long long)fr->off);
	}
	if (fclose(f) || !buf)
		tool_die("%s", strerror(ENOMEM));
	return buf;
}

static int key_cmp(const void *a, const void *b)
{
	const struct old_stack *x = a, *y = b;
	int c = strcmp(x->comm, y->comm);

	return c ? c : strcmp(x->stack, y->stack);
}

static bool by_bytes;

/* ascending by the value printed, as bt sorts a map */
static int value_cmp(const void *a, const void *b)
{
	const struct old_stack *x = a, *y = b;
	uint64_t vx = by_bytes ? x->bytes : x->count, vy = by_bytes ? y->bytes : y->count;

	return vx != vy ? (vx < vy ? -1 : 1) : key_cmp(a, b);
}

/* @__live[ptr, comm, kstack, size] = alloc nsecs: the old ones, merged per comm and stack */
static void old_collect(const struct bt_map_data *m, uint64_t now)
{
	uint64_t min_age = (uint64_t)my.older * 1000000;
	size_t i, n = 0;

	old.v = calloc(m->nentries + 1, sizeof(*old.v));
	if (!old.v)
		tool_die("%s", strerror(ENOMEM));
	for (i = 0; i < m->nentries; i++) {
		const struct bt_entry *e = &m->entries[i];

		if (e->nkeys != 4 || e->keys[1].kind != BT_VAL_STR ||
		    e->keys[2].kind != BT_VAL_STACK || e->value.kind != BT_VAL_UINT ||
		    e->value.u > now || now - e->value.u <= min_age)
			continue;
		old.v[n].comm = strdup(e->keys[1].str);
		old.v[n].stack = stack_text(&e->keys[2]);
		if (!old.v[n].comm)
			tool_die("%s", strerror(ENOMEM));
		old.v[n].bytes =
			e->keys[3].kind == BT_VAL_INT ? (uint64_t)e->keys[3].i : e->keys[3].u;
		old.v[n++].count = 1;
	}
	old.n = 0;
	if (n)
		qsort(old.v, n, sizeof(*old.v), key_cmp);
	for (i = 0; i < n; i++) {
		struct old_stack *last = old.n ? &old.v[old.n - 1] : NULL;

		if (last && !key_cmp(last, &old.v[i])) {
			last->bytes += old.v[i].bytes;
			last->count++;
			free(old.v[i].comm);
			free(old.v[i].stack);
		} else {
			old.v[old.n++] = old.v[i];
		}
	}
}

static void json_puts(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
}

/* @bytes or @allocs as bt prints a sum map keyed [comm, kstack] */
static void old_print(const char *name, bool bytes)
{
	size_t i;

	by_bytes = bytes;
	if (old.n)
		qsort(old.v, old.n, sizeof(*old.v), value_cmp);
	if (old.json && !old.n)
		return;
	if (!old.n) {
		putchar('\n');
		return;
	}
	if (old.json)
		printf("{\"type\": \"map\", \"data\": {\"%s\": {", name);
	for (i = 0; i < old.n; i++) {
		const struct old_stack *s = &old.v[i];
		unsigned long long v = bytes ? s->bytes : s->count;

		if (!old.json) {
			printf("%s[%s, %s]: %llu\n", name, s->comm, s->stack, v);
			continue;
		}
		printf("%s\"", i ? ", " : "");
		json_puts(s->comm);
		putchar(',');
		json_puts(s->stack);
		printf("\": %llu", v);
	}
	if (old.json)
		printf("}}}\n");
}

/* the map visitor: @__live becomes @bytes and @allocs of the old allocations */
static int older_visit(const struct bt_map_data *m, void *ctx)
{
	struct timespec ts;
	size_t i;

	(void)ctx;
	if (strcmp(m->name, "@__live"))
		return BT_MAP_PRINT;
	/* nsecs is bpf_ktime_get_ns(): CLOCK_MONOTONIC */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	old_collect(m, (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec);
	/* in the order --outstanding prints them: by name at exit */
	old_print(m->at_exit ? "@allocs" : "@bytes", !m->at_exit);
	old_print(m->at_exit ? "@bytes" : "@allocs", m->at_exit);
	for (i = 0; i < old.n; i++) {
		free(old.v[i].comm);
		free(old.v[i].stack);
	}
	free(old.v);
	old.v = NULL;
	old.n = 0;
	return BT_MAP_TAKEN;
}

static error_t parse_arg(int key, char *arg, struct argp_state *state)
{
	switch (key) {
	case OPT_MIN:
		my.min = parse_size(state, arg, "--min");
		my.min_set = true;
		break;
	case OPT_MAX:
		my.max = parse_size(state, arg, "--max");
		my.max_set = true;
		break;
	case OPT_STEP:
		my.step = parse_size(state, arg, "--step");
		if (my.step == 0)
			tool_usage_error(state, "--step must be > 0");
		my.step_set = true;
		break;
	case OPT_ALLOC:
		my.alloc = true;
		break;
	case OPT_OUTSTANDING:
		my.outstanding = true;
		break;
	case OPT_OLDER:
		my.older = tool_parse_long(state, arg, "--older", 0, INT_MAX);
		break;
	case ARGP_KEY_END:
		if (my.older >= 0)
			older_check(state);
		if (my.outstanding) {
			struct tool_env *env = state->input;

			if (my.step_set)
				tool_usage_error(state, "--step means nothing with --outstanding "
							"(no size histogram)");
			if (env->attach != TOOL_ATTACH_AUTO)
				tool_usage_error(state, "--outstanding is not implemented with "
							"--kprobe or --kfunc");
			if (!my.min_set)
				my.min = 0; /* every size (kmalloc(0) returns no object) */
			if (!my.max_set)
				my.max = 1L << 40;
			if (my.min >= my.max)
				tool_usage_error(state, "--min (%ld) must be below --max (%ld)",
						 my.min, my.max);
			break;
		}
		if (my.min >= my.max)
			tool_usage_error(state, "--min (%ld) must be below --max (%ld)", my.min,
					 my.max);
		if ((my.max - my.min) / my.step > 1000)
			tool_usage_error(state, "--step %ld gives more than 1000 buckets", my.step);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct tool tool = {
	.name = "kmallocstack",
	.doc = doc,
	.args_doc = NULL,
	.options = opts,
	.parser = parse_arg,
	.flags = TOOL_PERIODIC | TOOL_ATTACH | TOOL_STACKS,
	.script = kmallocstack_bt,
	.script_name = "kmallocstack.bt",
	.scope = TOOL_SCOPE_PIDS,
	.depth = 127,
	.once_without_interval = true,
};

int main(int argc, char **argv)
{
	struct tool_env env;

	tool_parse(&tool, &env, argc, argv);
	tool_define_int(&env, "MIN_SIZE", my.min);
	tool_define_int(&env, "MAX_SIZE", my.max);
	tool_define_int(&env, "STEP", my.step);
	if (my.alloc)
		tool_define_flag(&env, "USE_ALLOC");
	if (my.outstanding)
		tool_define_flag(&env, "OUTSTANDING");
	if (my.older >= 0) {
		tool_define_int(&env, "OLDER", my.older);
		old.json = env.json;
		env.map_visit = older_visit;
	}
	return tool_run(&tool, &env);
}
