// SPDX-License-Identifier: GPL-2.0
/*
 * The tool framework (see tool.h): shared argp options as an argp child,
 * positionals, typed defines, the bt_run() call (--folded/--svg through flame.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/bt.h>
#include <bt/vec.h>

#include "flame.h"
#include "tool.h"

enum {
	OPT_DRY_RUN = 0x100,
	OPT_SCRIPT,
	OPT_KPROBE,
	OPT_KFUNC,
	OPT_DEPTH,
	OPT_MS,
	OPT_US,
	OPT_SVG,
	OPT_METRICS,
	OPT_METRICS_FILE,
	OPT_INTERVAL,
	OPT_MAX_SERIES,
	OPT_NS,
};

/* which process to trace: not for tools whose events have none (TOOL_NOTARGET) */
static const struct argp_option pid_opt[] = {
	{"pid", 'p', "PID", 0, "Trace this PID only", 1},
	{0},
};

static const struct argp_option target_opts[] = {
	{"cmd", 'c', "CMD", 0, "Run CMD and trace it; exit when it exits", 1},
	{"name", 'n', "COMM", 0, "Trace processes with this command name only", 1},
	{0},
};

static const struct argp_option common_opts[] = {
	{"timestamp", 'T', NULL, 0, "Print a timestamp with each output", 1},
	{"json", 'j', NULL, 0, "JSON output", 1},
	{"verbose", 'v', NULL, 0, "Verbose messages (libbpf, verifier log)", 1},
	{"dry-run", OPT_DRY_RUN, NULL, 0, "Compile and load through the verifier, attach nothing",
	 1},
	{"script", OPT_SCRIPT, NULL, 0, "Print the script that would run and exit", 1},
	{NULL, 'h', NULL, OPTION_HIDDEN, "Show the full help", 1},
	{0},
};

static const struct argp_option attach_opts[] = {
	{NULL, 0, NULL, 0, "Attach method (default: what the kernel has):", 2},
	{"kprobe", OPT_KPROBE, NULL, 0, "Attach with kprobes", 2},
	{"kfunc", OPT_KFUNC, NULL, 0, "Attach with kfunc (fentry/fexit)", 2},
	{0},
};

static const struct argp_option stack_opts[] = {
	{NULL, 0, NULL, 0, "Stacks:", 3},
	{"depth", OPT_DEPTH, "N", 0, NULL, 3}, /* doc: depth_doc, with the default */
	{"folded", 'f', NULL, 0, "Folded stacks: one `frame;frame count' line each", 3},
	{"svg", OPT_SVG, "FILE", 0, "Write a flame graph SVG to FILE", 3},
	{0},
};

static const struct argp_option unit_opts[] = {
	{NULL, 0, NULL, 0, "Time unit (default: us):", 4},
	{"ns", OPT_NS, NULL, 0, "Report times in nanoseconds", 4},
	{"us", OPT_US, NULL, 0, "Report times in microseconds (the default)", 4},
	{"ms", OPT_MS, NULL, 0, "Report times in milliseconds", 4},
	{0},
};

static const struct argp_option metrics_opts[] = {
	{NULL, 0, NULL, 0, "Metrics (serve the maps to Prometheus instead of printing them):", 5},
	{"metrics", OPT_METRICS, "HOST:PORT", 0, "Serve /metrics over HTTP", 5},
	{"metrics-file", OPT_METRICS_FILE, "PATH", 0,
	 "Write the metrics to PATH atomically (node_exporter textfile collector)", 5},
	{"metrics-interval", OPT_INTERVAL, "N", 0,
	 "Seconds between --metrics-file writes (default 15)", 5},
	{"interval", OPT_INTERVAL, "N", 0, "Alias of --metrics-interval", 5},
	{"max-series", OPT_MAX_SERIES, "N", 0, "Series per map at most (default 10000)", 5},
	{0},
};

static const struct tool *cur_tool;
static char version_buf[64], depth_doc[64];
static struct argp_option opt_buf[56];

/* hidden: parsed (to be refused with the reason) but not in --help */
static void append_opts_as(size_t *n, const struct argp_option *o, bool hidden)
{
	for (; o->name || o->key || o->doc || o->group; o++) {
		if (*n + 1 >= sizeof(opt_buf) / sizeof(opt_buf[0]))
			abort();
		opt_buf[*n] = *o;
		if (hidden)
			opt_buf[*n].flags |= OPTION_HIDDEN;
		if (o->key == OPT_DEPTH)
			opt_buf[*n].doc = depth_doc;
		if (o->key == 'T' && cur_tool->no_timestamp)
			opt_buf[*n].flags |= OPTION_HIDDEN; /* refused, with the reason */
		(*n)++;
	}
	opt_buf[*n] = (struct argp_option){0};
}

static void append_opts(size_t *n, const struct argp_option *o)
{
	append_opts_as(n, o, false);
}

void tool_usage_error(struct argp_state *state, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	argp_error(state, "%s", msg);
	exit(2); /* not reached: argp_error exits with argp_err_exit_status */
}

void tool_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: error: ", cur_tool ? cur_tool->name : "bt");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

long tool_parse_long(struct argp_state *state, const char *arg, const char *what, long min,
		     long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 0);
	if (errno || end == arg || *end || v < min || v > max)
		tool_usage_error(state, "invalid value '%s' for %s", arg, what);
	return v;
}

static error_t common_parse(int key, char *arg, struct argp_state *state)
{
	struct tool_env *env = state->input;

	if (tool_scope_parse(cur_tool, key, arg, state) ||
	    tool_opt_stacks(key, state, &env->stacks))
		return 0;
	if ((key == 'c' || key == 'n') && (cur_tool->flags & TOOL_NOTARGET))
		tool_usage_error(state, "-%c means nothing for %s: its events belong to no process",
				 key, cur_tool->name);
	switch (key) {
	case 'c':
		if (!*arg)
			tool_usage_error(state, "empty command for -c");
		env->cmd = arg;
		break;
	case 'n':
		if (!*arg || strlen(arg) > 15)
			tool_usage_error(state,
					 "invalid command name '%s' for -n (1 to 15 characters)",
					 arg);
		env->comm = arg;
		break;
	case 'T':
		if (cur_tool->no_timestamp)
			tool_usage_error(state, "-T means nothing for %s: %s", cur_tool->name,
					 cur_tool->no_timestamp);
		env->timestamp = true;
		break;
	case 'j':
		env->json = true;
		break;
	case 'v':
		env->verbose++;
		break;
	case OPT_DRY_RUN:
		env->dry_run = true;
		break;
	case OPT_SCRIPT:
		env->print_script = true;
		break;
	case 'h':
		argp_state_help(state, stdout, ARGP_HELP_STD_HELP);
		break;
	case OPT_KPROBE:
		env->attach = TOOL_ATTACH_KPROBE;
		break;
	case OPT_KFUNC:
		env->attach = TOOL_ATTACH_KFUNC;
		break;
	case OPT_DEPTH:
		env->depth = (int)tool_parse_long(state, arg, "--depth", 1, 127);
		break;
	case OPT_MS:
		env->unit = TOOL_UNIT_MS;
		break;
	case OPT_US:
		env->unit = TOOL_UNIT_US;
		break;
	case OPT_NS:
		env->unit = TOOL_UNIT_NS;
		break;
	case 'f':
		env->folded = true;
		break;
	case OPT_SVG:
		if (!*arg)
			tool_usage_error(state, "empty file name for --svg");
		env->svg = arg;
		break;
	case OPT_METRICS:
		env->metrics_addr = arg;
		break;
	case OPT_METRICS_FILE:
		if (!*arg)
			tool_usage_error(state, "empty file name for --metrics-file");
		env->metrics_file = arg;
		break;
	case OPT_INTERVAL:
		env->metrics_interval =
			(int)tool_parse_long(state, arg, "--metrics-interval", 1, INT_MAX);
		break;
	case OPT_MAX_SERIES:
		env->max_series = (int)tool_parse_long(state, arg, "--max-series", 1, INT_MAX);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static error_t top_parse(int key, char *arg, struct argp_state *state)
{
	struct tool_env *env = state->input;
	unsigned flags = cur_tool->flags;
	error_t err;

	switch (key) {
	case ARGP_KEY_INIT:
		state->child_inputs[0] = env;
		break;
	case ARGP_KEY_ARG:
		if ((flags & TOOL_PERIODIC) && state->arg_num == 0)
			env->interval = tool_parse_long(state, arg, "interval", 1, INT_MAX);
		else if ((flags & TOOL_PERIODIC) && state->arg_num == 1)
			env->count = tool_parse_long(state, arg, "count", 1, INT_MAX);
		else if ((flags & TOOL_DURATION) && state->arg_num == 0)
			env->duration = tool_parse_long(state, arg, "duration", 1, INT_MAX);
		else
			tool_usage_error(state, "unexpected argument '%s'", arg);
		return 0;
	case ARGP_KEY_END:
		if (env->json && (env->folded || env->svg))
			tool_usage_error(state, "-j cannot be combined with --folded or --svg");
		if ((env->metrics_addr || env->metrics_file) && (env->folded || env->svg))
			tool_usage_error(state,
					 "--metrics cannot be combined with --folded or --svg");
		if (env->metrics_interval && !env->metrics_file)
			tool_usage_error(state, "--metrics-interval needs --metrics-file");
		if (env->timestamp && cur_tool->once_without_interval && !env->interval)
			tool_usage_error(state,
					 "-T needs [interval]: without one %s prints once, at exit",
					 cur_tool->name);
		tool_scope_end(cur_tool, state);
		break;
	default:
		break;
	}
	if (!cur_tool->parser)
		return ARGP_ERR_UNKNOWN;
	err = cur_tool->parser(key, arg, state);
	if (err == ARGP_ERR_UNKNOWN &&
	    (key == ARGP_KEY_INIT || key == ARGP_KEY_END || key == ARGP_KEY_FINI ||
	     key == ARGP_KEY_SUCCESS || key == ARGP_KEY_NO_ARGS))
		return 0;
	return err;
}

void tool_parse(const struct tool *t, struct tool_env *env, int argc, char **argv)
{
	size_t n = 0;
	const char *args_doc = t->args_doc;

	cur_tool = t;
	bt_stdout_buffer();
	memset(env, 0, sizeof(*env));
	env->uid = -1;
	env->cpu = -1;
	snprintf(depth_doc, sizeof(depth_doc), "Stack depth in frames (default %d)", t->depth);
	/* scoping options a tool does not honour are parsed, hidden, refused */
	if (t->scope & TOOL_SCOPE_PIDS)
		append_opts(&n, tool_scope_opts);
	else
		append_opts_as(&n, pid_opt, t->flags & TOOL_NOTARGET);
	append_opts_as(&n, target_opts, t->flags & TOOL_NOTARGET);
	append_opts_as(&n, tool_cpu_opts, !(t->scope & TOOL_SCOPE_CPU));
	if (!(t->scope & TOOL_SCOPE_PIDS))
		append_opts_as(&n, tool_scope_opts + 1, true);
	append_opts(&n, common_opts);
	if (t->flags & TOOL_ATTACH)
		append_opts(&n, attach_opts);
	if (t->flags & TOOL_STACKS)
		append_opts(&n, stack_opts);
	if (t->flags & TOOL_KU)
		append_opts(&n, tool_stack_kind_opts);
	if (t->flags & TOOL_UNITS)
		append_opts(&n, unit_opts);
	append_opts(&n, metrics_opts);

	struct argp_child children[] = {
		{&(struct argp){opt_buf, common_parse, NULL, NULL, NULL, NULL, NULL}, 0,
		 "Common options:", 1},
		{0},
	};
	if (!args_doc)
		args_doc = (t->flags & TOOL_PERIODIC)	? "[interval] [count]"
			   : (t->flags & TOOL_DURATION) ? "[duration]"
							: NULL;
	struct argp argp = {t->options, top_parse, args_doc, t->doc, children, NULL, NULL};

	snprintf(version_buf, sizeof(version_buf), "%s (bt) %s", t->name, BT_VERSION);
	argp_program_version = version_buf;
	argp_err_exit_status = 2;
	if (argp_parse(&argp, argc, argv, 0, NULL, env))
		exit(2);
}

static void add_def(struct tool_env *env, struct bt_define d)
{
	if (bt_vec_reserve(env->defs, env->defs_cap, env->ndefs + 1))
		tool_die("%s", strerror(ENOMEM));
	env->defs[env->ndefs++] = d;
}

void tool_define_flag(struct tool_env *env, const char *name)
{
	add_def(env,
		(struct bt_define){.name = name, .kind = BT_DEF_FLAG, .ival = 1, .sval = NULL});
}

void tool_define_int(struct tool_env *env, const char *name, int64_t v)
{
	add_def(env, (struct bt_define){.name = name, .kind = BT_DEF_INT, .ival = v, .sval = NULL});
}

void tool_define_str(struct tool_env *env, const char *name, const char *s)
{
	add_def(env, (struct bt_define){.name = name, .kind = BT_DEF_STR, .ival = 0, .sval = s});
}

int tool_run(const struct tool *t, struct tool_env *env)
{
	struct bt_run_opts o = {
		.prog_name = t->name,
		.script_name = t->script_name,
		.script = t->script,
		.script_len = strlen(t->script),
		.format = env->json ? BT_FMT_JSON : BT_FMT_TEXT,
		.dry_run = env->dry_run,
		.verbose = env->verbose,
		.cmd = env->cmd,
		.pid = env->pid,
		.print_script = env->print_script,
		.metrics_addr = env->metrics_addr,
		.metrics_file = env->metrics_file,
		.metrics_interval = env->metrics_interval,
		.max_series = env->max_series,
		/* --ns/--us/--ms: the unit of hist/stats values (sums stay in ns) */
		.unit = !(t->flags & TOOL_UNITS)    ? NULL
			: env->unit == TOOL_UNIT_NS ? "ns"
			: env->unit == TOOL_UNIT_MS ? "ms"
						    : "us",
	};
	/* --folded/--svg: stack maps reach flame.c as data (bt/maps.h) */
	struct flame_run fold = {.print = env->folded, .collect = env->svg != NULL};
	bool folding = (env->folded || env->svg) && !env->dry_run && !env->print_script;
	int ret;

	cur_tool = t;
	tool_define_scope(env);
	if (env->cmd)
		tool_define_flag(env, "TARG_CMD");
	if (env->comm)
		tool_define_str(env, "TARG_COMM", env->comm);
	if (env->timestamp)
		tool_define_flag(env, "TIMESTAMP");
	if (env->json)
		tool_define_flag(env, "JSON");
	if (env->interval)
		tool_define_int(env, "INTERVAL", env->interval);
	if (env->count)
		tool_define_int(env, "COUNT", env->count);
	if (env->duration)
		tool_define_int(env, "DURATION", env->duration);
	if (env->attach == TOOL_ATTACH_KPROBE)
		tool_define_flag(env, "USE_KPROBE");
	if (env->attach == TOOL_ATTACH_KFUNC)
		tool_define_flag(env, "USE_KFUNC");
	if (t->flags & TOOL_STACKS)
		tool_define_int(env, "DEPTH", env->depth ? env->depth : t->depth);
	if (env->folded || env->svg)
		tool_define_flag(env, "FOLDED");
	if (t->flags & TOOL_KU)
		tool_define_stacks(env, &env->stacks);
	if (t->flags & TOOL_UNITS) {
		static const char *const flag[] = {"UNIT_US", "UNIT_NS", "UNIT_MS"};
		static const int div[] = {1000, 1, 1000000};

		tool_define_flag(env, flag[env->unit]);
		tool_define_int(env, "UNIT_DIV", div[env->unit]);
	}
	o.defines = env->defs;
	o.n_defines = env->ndefs;
	if (!env->print_script && !bt_can_trace()) {
		fprintf(stderr,
			"%s: error: %s needs root (or CAP_BPF and CAP_PERFMON) to load BPF "
			"programs\n",
			t->name, t->name);
		return 1;
	}

	if (folding) {
		o.map_visit = flame_visit;
		o.map_visit_ctx = &fold;
		o.quiet = env->folded; /* folded lines only: no "Attaching N probes..." */
	} else {
		o.map_visit = env->map_visit;
		o.map_visit_ctx = env->map_visit_ctx;
	}
	ret = bt_run(&o);
	if (folding)
		ret = flame_output(t->name, env, &fold, ret); /* --svg FILE */
	flame_stacks_free(&fold.all);
	free(env->defs);
	env->defs = NULL;
	return ret;
}
