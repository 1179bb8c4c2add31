/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tool framework: every tool (openerr, oncpu, ... sockwatch) is a thin
 * main over this. It owns the shared argp options (an argp child), the
 * positionals, the typed defines that carry options into the script, and
 * the call to bt_run() (plus --folded/--svg post-processing of stack maps).
 *
 * A tool main, in full:
 *
 *	#include "tool.h"
 *	#include "NAME.bt.h"                   // static const char NAME_bt[]
 *
 *	static const char doc[] = "Summary line.\n"
 *		"\n"
 *		"USAGE: NAME [-x] [-p PID] [interval] [count]\n"
 *		"\v"                             // argp: after the option list
 *		"EXAMPLES:\n"
 *		"    NAME -p 185      # trace PID 185 only\n";
 *
 *	static struct { bool x; } my;          // the tool's own options
 *
 *	static const struct argp_option opts[] = {
 *		{ "xxx", 'x', NULL, 0, "do x", 0 },
 *		{ 0 },
 *	};
 *
 *	static error_t parse_arg(int key, char *arg, struct argp_state *state)
 *	{
 *		switch (key) {
 *		case 'x': my.x = true; break;
 *		default: return ARGP_ERR_UNKNOWN;
 *		}
 *		return 0;
 *	}
 *
 *	static const struct tool tool = {
 *		.name = "NAME", .doc = doc, .options = opts, .parser = parse_arg,
 *		.flags = TOOL_PERIODIC | TOOL_STACKS,
 *		.script = NAME_bt, .script_name = "NAME.bt",
 *	};
 *
 *	int main(int argc, char **argv)
 *	{
 *		struct tool_env env;
 *
 *		tool_parse(&tool, &env, argc, argv);  // exits 2 on usage errors
 *		if (my.x)
 *			tool_define_flag(&env, "XXX");
 *		return tool_run(&tool, &env);
 *	}
 *
 * Usage errors: call tool_usage_error(state, "invalid errno '%s' for -e", arg)
 * (or argp_error) from the parser: prints "NAME: MSG" and argp's
 * "Try `NAME --help' ..." line and exits 2. Numbers: tool_parse_long().
 * Runtime errors exit 1 (bt_run() returns 1).
 *
 * Shared options, always present: -p PID, -c CMD, -n COMM, -T, -j/--json,
 * -v/--verbose, --dry-run, --script, -h/--help, -V/--version.
 * Scoping: TOOL_SCOPE_PIDS in tool.scope gives -p a list and adds --tid,
 * --uid, --cgroup; TOOL_SCOPE_CPU adds --cpu. Without them the options are
 * hidden from --help and refused with the reason (exit 2), and so are the
 * new ones with --kprobe/--kfunc (their branches do not filter on them).
 * -T is refused when tool.no_timestamp says why, or without [interval]
 * when tool.once_without_interval.
 * Present only with the flag in tool.flags (so a tool's --help shows only
 * what it honours):
 *   TOOL_ATTACH   --kprobe, --kfunc
 *   TOOL_STACKS   --depth N (default tool.depth), -f/--folded, --svg FILE
 *   TOOL_KU       -K, -U (KERNEL_STACK / USER_STACK defines; neither: both)
 *   TOOL_UNITS    --ns, --us (the default), --ms
 * Metrics options, always present: --metrics HOST:PORT, --metrics-file PATH,
 * --metrics-interval N (alias --interval), --max-series N (the maps become Prometheus metrics named
 * bt_NAME_MAP; a script names its labels and unit with `// labels: a, b` and
 * `// unit: us` comments on a map's first assignment, see engine/metrics/).
 * Positionals: TOOL_PERIODIC takes [interval] [count]; TOOL_DURATION takes
 * [duration] (seconds); neither: no positionals. All must be integers > 0.
 * A tool's own option letters must not reuse: p c n T j v h V (nor the
 * long names above). Long-only options of a tool use keys >= TOOL_KEY_USER.
 *
 * Defines tool_run() adds for the script (only when the option was given;
 * the script supplies defaults with #ifndef):
 *   TARG_PID    int   -p PID (the first); TARG_PID_1..TARG_PID_16 ints: the
 *                     list, padded with the first PID
 *   TARG_TID    int   --tid (the first); TARG_TID_1..TARG_TID_16 as above
 *   TARG_UID    int   --uid UID
 *   TARG_CGROUP int   --cgroup PATH: the cgroup v2 id (compare with `cgroup`)
 *   TARG_CPU    int   --cpu N
 *   TARG_CMD    flag  -c CMD was given (filter on `pid == cpid`)
 *   TARG_COMM   str   -n COMM (compare with `comm == TARG_COMM`)
 *   TIMESTAMP   flag  -T
 *   JSON        flag  -j (e.g. no header line)
 *   INTERVAL    int   first positional  (TOOL_PERIODIC)
 *   COUNT       int   second positional (TOOL_PERIODIC)
 *   DURATION    int   the positional    (TOOL_DURATION)
 *   USE_KPROBE  flag  --kprobe
 *   USE_KFUNC   flag  --kfunc
 *   DEPTH       int   --depth N, else tool.depth (TOOL_STACKS; kstack(DEPTH))
 *   FOLDED      flag  --folded or --svg
 *   UNIT_DIV    int   TOOL_UNITS: 1 (--ns), 1000 (--us, default), 1000000 (--ms);
 *                     sums stay in ns and are printed with print(@m, 0, UNIT_DIV)
 *   UNIT_NS/UNIT_US/UNIT_MS flag: the unit in force (TOOL_UNITS)
 * Plus whatever the tool added with tool_define_*() before tool_run().
 */
#ifndef BT_TOOL_H
#define BT_TOOL_H

#include <argp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bt/bt.h>

/* struct tool.flags */
#define TOOL_PERIODIC (1u << 0) /* [interval] [count] positionals */
#define TOOL_DURATION (1u << 1) /* [duration] positional */
#define TOOL_ATTACH (1u << 2)	/* --kprobe / --kfunc */
#define TOOL_STACKS (1u << 3)	/* --depth, --folded, --svg */
#define TOOL_UNITS (1u << 4)	/* --ms / --us */
#define TOOL_NOTARGET (1u << 5) /* no -p/-c/-n: its events belong to no process */
#define TOOL_KU (1u << 6)	/* -K / -U: kernel or user stacks only */

/* struct tool.scope: the scoping options a tool honours (the others are
 * refused with exit 2 and the reason) */
#define TOOL_SCOPE_PIDS (1u << 0) /* -p PID[,PID...], --tid, --uid, --cgroup */
#define TOOL_SCOPE_CPU (1u << 1)  /* --cpu N */
#define TOOL_MAX_IDS 16		  /* PIDs of -p, TIDs of --tid */

/* First key a tool may use for its own long-only options. */
#define TOOL_KEY_USER 0x1000

struct tool {
	const char *name;		   /* "openerr": messages, --version, prog_name */
	const char *doc;		   /* argp doc: summary, USAGE, "\v", EXAMPLES */
	const char *args_doc;		   /* NULL: from the flags ("[interval] [count]") */
	const struct argp_option *options; /* the tool's own, { 0 }-ended; may be NULL */
	argp_parser_t parser;		   /* for the own options; may be NULL */
	unsigned flags;			   /* TOOL_* */
	const char *script;		   /* the embedded script, NUL-terminated */
	const char *script_name;	   /* "NAME.bt", in diagnostics */
	unsigned scope;			   /* TOOL_SCOPE_* */
	int depth;			   /* TOOL_STACKS: default stack depth (DEPTH) */
	const char *no_timestamp;	   /* -T is refused: this says why ("it prints once") */
	bool once_without_interval;	   /* TOOL_PERIODIC: prints once without [interval]:
					    * -T is refused then */
};

struct tool_stacks {
	bool kernel, user; /* -K, -U */
};

enum tool_attach { TOOL_ATTACH_AUTO, TOOL_ATTACH_KPROBE, TOOL_ATTACH_KFUNC };
enum tool_unit { TOOL_UNIT_US, TOOL_UNIT_NS, TOOL_UNIT_MS }; /* µs is the default */

/* The parsed shared options. state->input in the tool's parser points here. */
struct tool_env {
	int pid;		       /* -p, 0: none (the first of pids[]) */
	int pids[TOOL_MAX_IDS], npids; /* -p PID[,PID...] */
	int tids[TOOL_MAX_IDS], ntids; /* --tid TID[,TID...] */
	long uid;		       /* --uid, -1: none */
	uint64_t cgroup;	       /* --cgroup PATH: its cgroup v2 id, 0: none */
	int cpu;		       /* --cpu, -1: none */
	const char *cmd;	       /* -c, NULL: none */
	const char *comm;	       /* -n, NULL: none */
	bool timestamp;		       /* -T */
	bool json;		       /* -j */
	int verbose;		       /* -v (repeatable) */
	bool dry_run;		       /* --dry-run */
	bool print_script;	       /* --script */
	enum tool_attach attach;
	int depth; /* --depth, 0: unset */
	enum tool_unit unit;
	bool folded;		   /* --folded */
	struct tool_stacks stacks; /* -K, -U (TOOL_KU) */
	const char *svg;	   /* --svg FILE, NULL: none */
	long interval, count;	   /* TOOL_PERIODIC; 0: not given */
	long duration;		   /* TOOL_DURATION; 0: not given */
	/* metrics mode (any tool): serve or write the maps, see bt.h */
	const char *metrics_addr; /* --metrics HOST:PORT */
	const char *metrics_file; /* --metrics-file PATH */
	int metrics_interval;	  /* --metrics-interval N (alias --interval; seconds) */
	int max_series;		  /* --max-series N */

	/* the tool's own map visitor (bt/maps.h), set before tool_run(); NULL: none.
	 * --folded/--svg take its place: a tool with one refuses them */
	bt_map_visit_fn map_visit;
	void *map_visit_ctx;

	/* typed defines: the tool's (tool_define_*), then tool_run()'s */
	struct bt_define *defs;
	size_t ndefs, defs_cap;
};

/*
 * Parses argv into *env (zeroed first) with the shared options, the tool's
 * own and the positionals. Exits 0 for --help/--version, 2 on usage errors.
 */
void tool_parse(const struct tool *t, struct tool_env *env, int argc, char **argv);

/* Add a typed define; names and string values must outlive tool_run(). */
void tool_define_flag(struct tool_env *env, const char *name);
void tool_define_int(struct tool_env *env, const char *name, int64_t v);
void tool_define_str(struct tool_env *env, const char *name, const char *s);

/*
 * Parses arg as an integer in [min, max] (base 10, or 0x..), or exits 2 with
 * "NAME: invalid value 'ARG' for OPT". what names the option, e.g. "-F".
 */
long tool_parse_long(struct argp_state *state, const char *arg, const char *what, long min,
		     long max);

/* tool_opts.c: -m MIN_US / -M MAX_US and -K / -U, shared by the stack tools.
 * The parsers return true when they took key (ARGP_KEY_END: checks MAX >= MIN,
 * returns false); the define functions add MIN_US/MAX_US, KERNEL_STACK/USER_STACK
 * (neither -K nor -U: both). tool_stack_kind_opts: the -K/-U rows, as an
 * argp child of the tool's options. */
struct tool_range_us {
	long min_us, max_us; /* -1: not given */
};
#define TOOL_RANGE_US_INIT                                                                         \
	{                                                                                          \
		-1, -1                                                                             \
	}
bool tool_opt_range_us(int key, const char *arg, struct argp_state *state, struct tool_range_us *r);
bool tool_opt_stacks(int key, struct argp_state *state, struct tool_stacks *s);
extern const struct argp_option tool_stack_kind_opts[];
void tool_define_range_us(struct tool_env *env, const struct tool_range_us *r);
void tool_define_stacks(struct tool_env *env, const struct tool_stacks *s);

/* tool_scope.c: the scoping options (see above) */
extern const struct argp_option tool_scope_opts[], tool_cpu_opts[];
bool tool_scope_parse(const struct tool *t, int key, char *arg, struct argp_state *state);
void tool_scope_end(const struct tool *t, struct argp_state *state);
void tool_define_scope(struct tool_env *env);

/* "NAME: MSG" + argp's try-help line, exit 2 (argp_error). */
void tool_usage_error(struct argp_state *state, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* "NAME: error: MSG" on stderr, exit 1: runtime errors outside the engine. */
void tool_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/*
 * Adds the shared defines, runs the script through bt_run() and returns the
 * exit status for main (0 ok, 1 error). With --folded the maps with keys and
 * integer values are printed folded, read as data (bt/maps.h), not as text:
 * each `@m[key parts, stack]: N` entry becomes one line
 * `part;part;root_frame;...;leaf_frame N` (a second stack follows after "--"),
 * the tracer's own BPF frames dropped from the leaf, equal lines merged.
 * --svg FILE: stdout as without it (or folded, with --folded), and FILE gets
 * the flame graph of those stacks (flame.h).
 */
int tool_run(const struct tool *t, struct tool_env *env);

#endif
