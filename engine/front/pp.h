/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The preprocessor: #include, #define/#undef, #if/#ifdef/#ifndef/#elif/
 * #else/#endif and typed -D defines, without moving any token: it does not
 * rewrite text, it cuts each source into chunks of active, non-directive
 * lines (struct bt_pp_chunk) that the lexer reads in order, and records
 * each macro with the range of chunks where it is defined. The lexer
 * expands macros at identifier tokens (see lexer.c), so every token keeps
 * its own file:line:col, and an #included file is lexed as its own bt_src.
 */
#ifndef BT_PP_H
#define BT_PP_H

#include <stddef.h>

#include "front/diag.h"

struct bt_define;

/* Lines [begin, end) of src->text, first one numbered `line`. */
struct bt_pp_chunk {
	struct bt_src *src;
	size_t begin, end;
	int line;
};

/* An object-like macro, defined for chunks begin <= i < end. */
struct bt_macro {
	char *name;
	char *body;	   /* replacement text, comments stripped */
	size_t begin, end; /* end is SIZE_MAX while never #undef'ed */
};

struct bt_pp {
	struct bt_pp_chunk *chunks;
	size_t nchunks, chunks_cap;
	struct bt_macro *macros;
	size_t nmacros, macros_cap;
};

/*
 * Preprocesses src (already in d->srcs) with the typed defines defs.
 * #included files are added to d->srcs. Returns 0, -EINVAL after a located
 * diagnostic, or -ENOMEM. Free pp with bt_pp_free() in every case.
 */
int bt_pp_scan(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
	       struct bt_pp *pp);
void bt_pp_free(struct bt_pp *pp);

/* The macro `name` (len bytes) as defined for chunk `chunk`, or NULL. */
const struct bt_macro *bt_pp_lookup(const struct bt_pp *pp, const char *name, size_t len,
				    size_t chunk);

/*
 * The script as it runs (for --script): active lines with macros expanded,
 * directive and skipped lines left empty so line numbers stay. Returns 0 or
 * -EINVAL/-ENOMEM; *text_out is malloc'ed, the caller frees it.
 */
int bt_preprocess(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
		  char **text_out);

#endif
