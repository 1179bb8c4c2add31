/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Load, attach and run a compiled program (engine/runtime/load.c, engine/runtime/run.c,
 * engine/runtime/child.c). Errors are reported through bt_diag once, where detected;
 * functions return 0 or a negative errno.
 */
#ifndef BT_RUNTIME_H
#define BT_RUNTIME_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include <bt/bt.h>

#include "front/diag.h"
#include "output/output.h"
#include "probe/probe.h"
#include "prog.h"

struct bt_metrics;

struct bt_rt_opts {
	bool dry_run; /* load through the verifier, attach nothing */
	bool quiet;   /* no "Attaching N probes..." */
	int verbose;  /* libbpf messages and the verifier log */
	enum bt_format format;
	FILE *out;   /* where printf and maps go (stdout or -o FILE) */
	pid_t child; /* -c child from bt_child_spawn, 0: none */
	bool unsafe;
	/* added by the runtime (additive): */
	pid_t pid;		    /* -p PID, 0: none (uprobes are limited to it) */
	const char *cmd;	    /* the -c command as written, for "cannot run 'CMD'" */
	bool stats;		    /* --stats: print per-probe BPF stats at exit (stats.c) */
	struct bt_metrics *metrics; /* metrics mode (engine/metrics/), NULL: off */
	/* On a verifier rejection: the program compiled again with line info (a
	 * malloc'd ELF object in *obj), to locate the statement; NULL or an
	 * error: the error is located at the probe. */
	int (*line_info)(void *arg, void **obj, size_t *len);
	void *line_info_arg;
	bt_map_visit_fn map_visit; /* bt_run_opts.map_visit, NULL: off */
	void *map_visit_ctx;
};

/*
 * The state of one loaded program. Private to load.c, attach.c and run.c
 * (others hold it as an opaque pointer); libbpf types appear as pointers only.
 */
struct bt_load_log;

/* An address a watchpoint's setup program reported (watch.c). */
struct bt_watched {
	uint32_t setup; /* the setup program's index */
	uint64_t addr;
};

struct bt_runtime {
	struct bt_prog *prog;
	struct bt_rt_opts o;
	struct bt_diag *d;
	struct bpf_object *obj;
	struct bpf_program **progs; /* progs[i] runs prog->probes[i] */
	struct bt_links links;	    /* everything attached */
	struct ring_buffer *rb;	    /* on BT_RINGBUF, or NULL */
	struct bt_out out;	    /* printers' view: format, stream, stack map */
	struct bt_out_run out_run;  /* out.run: the printers' state over this run */
	struct bt_load_log *log;    /* libbpf's messages and the verifier's log (load.c) */
	pid_t child;		    /* -c child until reaped, 0 after */
	bool exiting;		    /* exit() seen: ignore further records until END */
	int stats_fd;		    /* --stats: keeps BPF run-time stats on */
	bool begun;		    /* BEGIN ran (bt_rt_begin) */
	bool stop;		    /* leave the poll loop */
	bool stopped;		    /* BT_STOPPED set: probes do nothing (run.c) */
	uint64_t lost;		    /* BT_LOST total reported so far */

	/* watchpoint:FUNC+argN (watch.c): the setup programs' uprobes, not in
	 * links; the addresses they reported; a failed attach (exit status 1) */
	struct bt_links watch_links;
	struct bt_watched *watched;
	size_t nwatched, watched_cap;
	bool failed;
};

/* Opens prog->obj with libbpf and loads every program (the verifier runs
 * here). On failure nothing stays loaded. */
int bt_rt_load(struct bt_prog *prog, const struct bt_rt_opts *o, struct bt_diag *d,
	       struct bt_runtime **out);

/* Prints "Attaching N probes..." (unless quiet) and attaches every target.
 * On failure, detaches what was attached and reports the target. */
int bt_rt_attach(struct bt_runtime *rt);

/* Opens the ring buffer and runs BEGIN, once (bt_rt_attach calls it after
 * "Attaching N probes..." and before the other probes, as bpftrace does, so
 * BEGIN's output comes first). Returns 0 or -errno. */
int bt_rt_begin(struct bt_runtime *rt);

/* Runs BEGIN (if bt_rt_attach did not), releases the -c child, polls the ring buffer and intervals
 * until exit(), SIGINT/SIGTERM/SIGHUP or the child's exit, runs END,
 * prints the maps. Returns the exit status for main (0 or 1). */
int bt_rt_run(struct bt_runtime *rt);

/* Catches SIGINT/SIGTERM/SIGHUP from here on (bt_rt_attach calls it first):
 * one that comes while attaching ends the run once it starts, cleanly. */
void bt_rt_catch_signals(void);

/* A BT_REC_WATCH record of setup program idx: attaches its watchpoint at the
 * address, once, and resumes the process (watch.c). */
void bt_rt_watch(struct bt_runtime *rt, uint32_t idx, const void *payload, size_t len);
/* At the end, before the other links go: detaches the setup programs (at
 * once, not through bt_rt_hand_off_perf_events) and resumes the processes
 * they stopped meanwhile. */
void bt_rt_watch_end(struct bt_runtime *rt);

/* Detaches and closes everything; NULL-safe. Kills a child not yet reaped. */
void bt_rt_free(struct bt_runtime *rt);
/* Frees rt->log (bt_rt_free does). */
void bt_rt_load_log_free(struct bt_runtime *rt);
/* Before the links are closed: a grandchild takes the last close of each
 * perf event, with its RCU grace period, off the caller (closer.c). Returns
 * a descriptor to close once the links are closed, or -1. */
int bt_rt_hand_off_perf_events(void);

/*
 * Starts CMD (split like a shell would: words, quotes; resolved with PATH)
 * stopped before exec, so its pid is known before compiling (cpid).
 * bt_child_release() lets it exec; bt_child_kill() ends it (on errors).
 */
int bt_child_spawn(const char *cmd, struct bt_diag *d, pid_t *pid);
int bt_child_release(pid_t pid);
void bt_child_kill(pid_t pid);

#endif
