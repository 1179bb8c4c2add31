/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bt's public API: run a bpftrace-language script. `bt` and every tool are
 * thin mains over bt_run().
 */
#ifndef BT_BT_H
#define BT_BT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bt/maps.h>

#define BT_VERSION "0.1.0"

/* A typed -D define. The engine turns it into a macro; strings are quoted
 * and escaped by the engine, never pasted as script text. */
enum bt_define_kind {
	BT_DEF_FLAG, /* #define NAME (defined, value 1) */
	BT_DEF_INT,  /* #define NAME 123 */
	BT_DEF_STR,  /* #define NAME "text" (escaped) */
	BT_DEF_RAW,  /* -D NAME=VAL from the bt command line: VAL is script text */
};

struct bt_define {
	const char *name;
	enum bt_define_kind kind;
	int64_t ival;
	const char *sval;
};

enum bt_format { BT_FMT_TEXT, BT_FMT_JSON };

struct bt_run_opts {
	const char *prog_name;	 /* "bt" or the tool's name (unlocated errors) */
	const char *script_name; /* shown in diagnostics: path or "stdin" */
	const char *script;	 /* script text */
	size_t script_len;
	const struct bt_define *defines;
	size_t n_defines;
	const char *const *includes; /* --include FILE: read before the script */
	size_t n_includes;
	enum bt_format format; /* BT_FMT_TEXT (0) or BT_FMT_JSON */
	bool dry_run;	       /* compile + verifier load, attach nothing */
	bool quiet;	       /* -q: no "Attaching N probes..." */
	int verbose;	       /* -v: libbpf and verifier logs */
	bool unsafe;	       /* allow system()/signal()/override() */
	bool no_cache;
	const char *output_path; /* -o FILE, NULL: stdout */
	const char *cmd;	 /* -c CMD: run it, trace it (cpid), stop when it exits */
	int pid;		 /* -p PID, 0: none */
	char *const *args;	 /* positional parameters $1.. */
	int nargs;
	bool print_script; /* print the preprocessed script and exit 0 */
	bool stats;	   /* --stats: per-probe BPF run count/time at exit (stderr) */
	/* metrics mode: serve or write the maps instead of printing them at exit
	 * (engine/metrics/metrics.h has the mapping) */
	const char *metrics_addr; /* --metrics HOST:PORT: HTTP /metrics, NULL: off */
	const char *metrics_file; /* --metrics-file PATH: written every interval, NULL: off */
	int metrics_interval;	  /* --interval N: seconds between file writes, 0: 15 */
	const char *label_names;  /* --label-names a,b: names of the key labels */
	const char *unit;	  /* --unit us: the unit of hist/stats values */
	int max_series;		  /* --max-series N: series per map, 0: 10000 */
	/* maps as data (bt/maps.h): called before each map is printed, NULL: off */
	bt_map_visit_fn map_visit;
	void *map_visit_ctx;   /* the visitor's second argument */
	bool no_warnings;      /* --no-warnings: errors only */
	const char *emit_llvm; /* --emit-llvm FILE: FILE.original.ll, FILE.optimized.ll */
	const char *emit_elf;  /* --emit-elf FILE: write the BPF ELF, then stop (dry run) */
	int helper_errors;     /* -k: 1 (map updates, deletes), -kk: 2 (also reads) */
};

/* A 64 KiB buffer for stdout when it is not a terminal; call before any
 * output (an explicit -B mode set afterwards wins). */
void bt_stdout_buffer(void);

/* Compiles, loads, attaches and runs a script until exit()/Ctrl-C/-c child
 * exit, then prints the maps. Returns the process exit status (0 ok, 1 error). */
int bt_run(const struct bt_run_opts *opts);

/* Lists probes matching pattern (NULL: all), as `bpftrace -l`. verbose adds
 * arguments. Returns the exit status. */
int bt_list(const char *pattern, bool verbose);
/* bt -l -p PID [pattern]: the uprobes and USDT probes of a process, as
 * bpftrace 0.17 lists them; patterns of other providers list as bt_list. */
int bt_list_pid(const char *pattern, bool verbose, int pid);

/* Root, or CAP_BPF + CAP_PERFMON (or CAP_SYS_ADMIN) in the effective set. */
bool bt_can_trace(void);

/* Prints what this kernel lets bt do (bt --info): probe types tried for
 * real, kernel features and build configuration. Returns the exit status. */
#include <stdio.h>
int bt_info(FILE *out);

#endif
