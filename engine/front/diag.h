/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sources and diagnostics: the one place errors and warnings are printed.
 *
 *   wq.bt:4:26: error: unknown field 'fname' in 'struct trace_event_raw_sys_exit'
 *       printf("%s\n", args->fname);
 *                            ^~~~~
 *
 * The source line is printed as written (tabs kept), the caret line has a
 * tab wherever the source line has one before the column, then '^' and
 * len-1 '~'. Without a location: "PROG: error: MESSAGE" (PROG is "bt" or the
 * tool's name).
 */
#ifndef BT_DIAG_H
#define BT_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "front/ast.h"

/* One script text (the main script or a file it #includes). */
struct bt_src {
	char *name; /* as shown in diagnostics: path, or "stdin" for -e */
	char *text; /* NUL-terminated */
	size_t len;
	/* --include files, read before line 1 (the main script only; not owned) */
	const char *const *includes;
	size_t nincludes;
	struct bt_src *next;
};

enum bt_sev { BT_SEV_ERROR, BT_SEV_WARNING, BT_SEV_NOTE };

struct bt_diag {
	FILE *out;	     /* NULL means stderr */
	const char *prog;    /* "bt" or tool name, for unlocated messages */
	struct bt_src *srcs; /* owned list of sources */
	int errors;
	int warnings;
	bool no_warnings; /* --no-warnings: count warnings, print none */
};

void bt_diag_init(struct bt_diag *d, const char *prog);
void bt_diag_fini(struct bt_diag *d);

/* Adds a source (takes ownership of text, copies name). Returns it or NULL. */
struct bt_src *bt_diag_add_src(struct bt_diag *d, const char *name, char *text, size_t len);

/* The place of source file (a loc's file) in d's list, 0 for the main
 * script, or -1; and back, the name at place i (NULL: none). Sources are
 * added in the order they are read, so a place names the same source in
 * every run of the same script (the compile cache replays warnings so). */
int bt_diag_src_index(const struct bt_diag *d, const char *file);
const char *bt_diag_src_name(const struct bt_diag *d, int i);

/*
 * Prints one diagnostic. loc may be NULL (then "PROG: error: ..."). Counts
 * errors and warnings.
 */
void bt_diag(struct bt_diag *d, enum bt_sev sev, const struct bt_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void bt_vdiag(struct bt_diag *d, enum bt_sev sev, const struct bt_loc *loc, const char *fmt,
	      va_list ap) __attribute__((format(printf, 4, 0)));

#endif
