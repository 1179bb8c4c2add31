/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Metrics mode: instead of printing maps at exit, serve them over HTTP at
 * /metrics in the Prometheus text format (OpenMetrics when the scraper's
 * Accept header asks for it), and/or write them atomically to a file every
 * --interval seconds for node_exporter's textfile collector.
 *
 *   meta.c   what each map becomes: name, labels, unit, type, HELP (from
 *            bt_prog's maps, the AST and the comments)
 *   comments.c `// labels: a, b; unit: us` on a map's first assignment
 *   names.c  metric/label name sanitising, label value and HELP escaping
 *   expo.c   the exposition text, from maps read by engine/output/mapread.c
 *   self.c   the tracer's own metrics (BPF run time per probe, map entries)
 *   http.c   the libmicrohttpd server, driven from the run loop (one thread)
 *   metrics.c lifecycle and the run loop's poll
 *
 * Mapping (HELP lines say it too):
 *   @m (count, sum)      counter  bt_<script>_<m>_total
 *   @m (hist, lhist)     histogram bt_<script>_<m>[_<unit>]_bucket{le=...}, _count,
 *                        _sum (estimated: each observation at its bucket's lower bound)
 *   @m (stats)           summary  _count and _sum
 *   @m (avg, min, max, plain integers) gauge
 *   count/sum maps the script clear()s, zero()s or delete()s from: gauges (a
 *   counter must never go down); cleared hist/stats stay histogram/summary:
 *   a clear is a counter reset, which rate() and increase() handle
 *   units (`// unit: us`, --unit): time and byte units become base units
 *   (seconds, bytes; values scaled), the unit's word leaves the map part of
 *   the name and the base unit is appended: @us_dist -> bt_biolat_dist_seconds
 *   keys -> labels key0, key1.. (or --label-names, or `// labels: a, b`),
 *   stacks -> a folded `stack` label; at most --max-series entries per map.
 *   Not exported: maps named @__* (the script's scratch space), plain integer
 *   maps the script delete()s elements from (@start[tid] = nsecs: per-event
 *   state), and values that are not numbers (strings, stacks, pointers).
 */
#ifndef BT_METRICS_H
#define BT_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bt/bt.h>

#include "front/ast.h"
#include "front/diag.h"
#include "output/output.h"
#include "prog.h"
#include "util/strbuf.h"

struct bt_runtime;
struct bt_metrics;

/* What one map becomes (meta.c). */
enum bt_mkind {
	BT_MK_SKIP,    /* not exported (@__*, non-numeric values) */
	BT_MK_COUNTER, /* count/sum */
	BT_MK_GAUGE,   /* avg/min/max/plain, or a cleared count/sum */
	BT_MK_HIST,    /* hist/lhist */
	BT_MK_SUMMARY, /* stats: _count, _sum */
};

struct bt_mmap {
	const struct bt_map *map;
	enum bt_mkind kind;
	char *name;    /* family name, sanitised, with the unit suffix */
	char *unit;    /* "seconds", "bytes", as given, or NULL */
	double scale;  /* values times scale are in unit (us -> seconds: 1e-6) */
	char *help;    /* HELP text, unescaped */
	char **labels; /* one label name per key element */
	size_t nlabels;
	uint64_t dropped; /* series dropped by --max-series, since the start */
};

struct bt_mmeta {
	struct bt_mmap *maps; /* one per prog->maps, same index */
	size_t nmaps;
	size_t max_series;
};

/*
 * Fills meta for prog's maps from the AST (root, with sema's annotations),
 * the raw script sources in d (for comments), and o (--label-names, --unit,
 * --max-series, the script's name). Returns 0 or a negative errno.
 */
int bt_mmeta_build(struct bt_mmeta *meta, const struct bt_run_opts *o, struct bt_node *root,
		   const struct bt_prog *prog, const struct bt_diag *d);
void bt_mmeta_fini(struct bt_mmeta *meta);

/* comments.c: the value of `// KEY: value` on loc's line or the comment lines
 * right above it (malloc'd), or NULL. */
char *bt_mcomment(const struct bt_diag *d, const struct bt_loc *loc, const char *key);

/* names.c */
/* "bt_" + script + "_" + map, every byte outside [a-zA-Z0-9_:] as '_'. */
char *bt_mname(const char *script, const char *map);
/* A label name: [a-zA-Z_][a-zA-Z0-9_]*; bad bytes as '_'. */
char *bt_mlabel(const char *s, size_t n);
/* The script part of metric names: tool name, script file basename without
 * ".bt", or "bt" for -e / stdin. malloc'd. */
char *bt_mscript(const struct bt_run_opts *o);
/* Appends s escaped for a label value ('\\', '"', '\n') or a HELP line ('\\', '\n'). */
int bt_mesc_label(struct bt_strbuf *sb, const char *s, size_t n);
int bt_mesc_help(struct bt_strbuf *sb, const char *s);

/* One scrape: what the text is for. */
struct bt_mscrape {
	bool openmetrics;     /* OpenMetrics 1.0 (else Prometheus text 0.0.4) */
	struct bt_strbuf *sb; /* the text is appended here */
};

/* expo.c: appends every exported map of meta (read fresh) to s->sb. */
int bt_expo_maps(struct bt_mmeta *meta, struct bt_out *o, struct bt_mscrape *s);

/* self.c: the tracer's own metrics. */
struct bt_mself {
	int stats_fd; /* BPF_ENABLE_STATS fd, -1: stats unavailable */
	uint64_t scrapes;
};
void bt_mself_start(struct bt_mself *self);
void bt_mself_stop(struct bt_mself *self);
int bt_expo_self(struct bt_mself *self, struct bt_mmeta *meta, struct bt_runtime *rt,
		 struct bt_mscrape *s, double scrape_seconds);

/* Renders the whole text (maps, then self metrics, then "# EOF" for OpenMetrics). */
int bt_metrics_render(struct bt_metrics *m, struct bt_runtime *rt, bool openmetrics, char **text,
		      size_t *len);

/* http.c */
struct bt_mhttp;
/* Binds addr ("HOST:PORT", "[V6]:PORT", ":PORT"; port 0 picks a free one) and
 * listens. *bound gets "HOST:PORT" as bound (malloc'd). */
int bt_mhttp_listen(const char *addr, struct bt_diag *d, int *fd, char **bound);
/* Starts serving on the listening fd (taken over). Scrapes call back into
 * bt_metrics_render() from bt_mhttp_run(), on the caller's thread. */
int bt_mhttp_start(struct bt_metrics *m, int fd, struct bt_diag *d, struct bt_mhttp **out);
int bt_mhttp_fd(struct bt_mhttp *h);	     /* pollable (epoll) fd */
int bt_mhttp_timeout_ms(struct bt_mhttp *h); /* -1: none */
void bt_mhttp_run(struct bt_mhttp *h, struct bt_runtime *rt);
void bt_mhttp_stop(struct bt_mhttp *h);

/* metrics.c: the run loop's view (engine.c creates, run.c drives). */

/*
 * Metrics mode is on when o->metrics_addr or o->metrics_file is set. Builds
 * the map metadata and binds the address (so a busy port fails before any
 * BPF is loaded). *out stays NULL when metrics mode is off.
 */
int bt_metrics_new(const struct bt_run_opts *o, struct bt_node *root, const struct bt_prog *prog,
		   struct bt_diag *d, struct bt_metrics **out);
/* After attach and BEGIN: BPF stats on, serving, the first file written. */
int bt_metrics_start(struct bt_metrics *m, struct bt_runtime *rt);
/*
 * Replaces ring_buffer__poll() in the run loop: waits up to timeout_ms for
 * ring buffer records, HTTP requests or the next file write, and handles
 * them. Returns what ring_buffer__consume() returned, or -EINTR.
 */
int bt_metrics_poll(struct bt_metrics *m, struct bt_runtime *rt, int timeout_ms);
/* At exit: writes the file a last time, stops serving. */
void bt_metrics_stop(struct bt_metrics *m, struct bt_runtime *rt);
void bt_metrics_free(struct bt_metrics *m);

#endif
