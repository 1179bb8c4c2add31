// SPDX-License-Identifier: GPL-2.0
/*
 * The preprocessor's macros (see pp.h, pp_int.h): the macro table with
 * the chunk range where each definition holds, the typed -D defines, and
 * macro expansion of the whole text for --script (bt_preprocess).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bt/vec.h>

#include "bt/bt.h"
#include "front/pp_int.h"
#include "util/strbuf.h"

/* ---- macro table ---- */

struct bt_macro *bt_pp_live_macro(const struct bt_pp *pp, const char *name, size_t len)
{
	for (size_t i = pp->nmacros; i-- > 0;) {
		struct bt_macro *m = &pp->macros[i];

		if (m->end == SIZE_MAX && strlen(m->name) == len && !memcmp(m->name, name, len))
			return m;
	}
	return NULL;
}

const struct bt_macro *bt_pp_lookup(const struct bt_pp *pp, const char *name, size_t len,
				    size_t chunk)
{
	for (size_t i = pp->nmacros; i-- > 0;) {
		const struct bt_macro *m = &pp->macros[i];

		if (chunk >= m->begin && chunk < m->end && strlen(m->name) == len &&
		    !memcmp(m->name, name, len))
			return m;
	}
	return NULL;
}

void bt_pp_undef(struct bt_pp *pp, const char *name, size_t len)
{
	struct bt_macro *m = bt_pp_live_macro(pp, name, len);

	if (m)
		m->end = pp->nchunks;
}

int bt_pp_define(struct bt_pp *pp, const char *name, size_t len, char *body)
{
	struct bt_macro *m;

	bt_pp_undef(pp, name, len);
	if (bt_vec_reserve(pp->macros, pp->macros_cap, pp->nmacros + 1))
		goto err_body;
	m = &pp->macros[pp->nmacros];
	m->name = strndup(name, len);
	if (!m->name)
		goto err_body;
	m->body = body;
	m->begin = pp->nchunks;
	m->end = SIZE_MAX;
	pp->nmacros++;
	return 0;
err_body:
	free(body);
	return -ENOMEM;
}

/* ---- typed defines ---- */

/* A string literal for s: quotes, backslashes and control bytes escaped, so
 * a define's value can never end the literal and become script text. */
static char *quote(const char *s)
{
	struct bt_strbuf b = {0};

	bt_sb_puts(&b, "\"");
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			bt_sb_printf(&b, "\\%c", c);
		else if (c == '\n')
			bt_sb_puts(&b, "\\n");
		else if (c == '\t')
			bt_sb_puts(&b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			bt_sb_printf(&b, "\\x%02x", c);
		else
			bt_sb_add(&b, (const char *)&c, 1);
	}
	if (bt_sb_puts(&b, "\"")) {
		bt_sb_free(&b);
		return NULL;
	}
	return bt_sb_take(&b);
}

int bt_pp_add_defines(struct bt_diag *d, struct bt_pp *pp, const struct bt_define *defs,
		      size_t ndefs)
{
	for (size_t i = 0; i < ndefs; i++) {
		const struct bt_define *df = &defs[i];
		const char *n = df->name ? df->name : "";
		char *body = NULL;

		if (!pp_is_ident_start((unsigned char)n[0]))
			goto bad_name;
		for (const char *p = n; *p; p++)
			if (!pp_is_ident((unsigned char)*p))
				goto bad_name;
		switch (df->kind) {
		case BT_DEF_FLAG:
			body = strdup("1");
			break;
		case BT_DEF_INT:
			if (asprintf(&body, "%lld", (long long)df->ival) < 0)
				body = NULL;
			break;
		case BT_DEF_STR:
			body = quote(df->sval);
			break;
		case BT_DEF_RAW:
			body = strdup(df->sval ? df->sval : "1");
			break;
		}
		if (!body || bt_pp_define(pp, n, strlen(n), body))
			return -ENOMEM;
		continue;
	bad_name:
		bt_diag(d, BT_SEV_ERROR, NULL, "invalid macro name '%s'", n);
		return -EINVAL;
	}
	return 0;
}

/* ---- the preprocessed text, for --script ---- */

#define EXPAND_DEPTH 32

/* Appends p..end with the macros of chunk expanded; guard lists those being expanded. */
static int expand(const struct bt_pp *pp, size_t chunk, const char *p, const char *end,
		  const struct bt_macro **guard, int nguard, struct bt_strbuf *out)
{
	while (p < end) {
		const char *q = p + 1;

		if (*p == '"') {
			while (q < end && *q != '"' && *q != '\n')
				q += *q == '\\' && q + 1 < end ? 2 : 1;
			q = q < end && *q == '"' ? q + 1 : q;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			while (q < end && *q != '\n')
				q++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			for (q = p + 2; q < end && !(q[0] == '*' && q + 1 < end && q[1] == '/');
			     q++)
				;
			q = q < end ? q + 2 : end;
		} else if (pp_is_ident((unsigned char)*p) || *p == '$' || *p == '@') {
			const struct bt_macro *m;
			bool seen = false;

			while (q < end && pp_is_ident((unsigned char)*q))
				q++;
			/* Numbers, $vars and @maps are not macro names. */
			m = pp_is_ident_start((unsigned char)*p)
				    ? bt_pp_lookup(pp, p, (size_t)(q - p), chunk)
				    : NULL;
			for (int i = 0; m && i < nguard; i++)
				seen |= guard[i] == m;
			if (m && !seen && nguard < EXPAND_DEPTH) {
				int err;

				guard[nguard] = m;
				err = expand(pp, chunk, m->body, m->body + strlen(m->body), guard,
					     nguard + 1, out);
				if (err)
					return err;
				p = q;
				continue;
			}
		}
		if (bt_sb_add(out, p, (size_t)(q - p)))
			return -ENOMEM;
		p = q;
	}
	return 0;
}

int bt_preprocess(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
		  char **text_out)
{
	const struct bt_macro *guard[EXPAND_DEPTH];
	struct bt_strbuf out = {0};
	struct bt_pp pp;
	int err, line = 1;

	*text_out = NULL;
	err = bt_pp_scan(d, src, defs, ndefs, &pp);
	for (size_t i = 0; !err && i < pp.nchunks; i++) {
		const struct bt_pp_chunk *c = &pp.chunks[i];

		/* Keep the main script's line numbers: skipped lines stay empty. */
		for (; c->src == src && line < c->line && !err; line++)
			err = bt_sb_puts(&out, "\n");
		if (!err)
			err = expand(&pp, i, c->src->text + c->begin, c->src->text + c->end, guard,
				     0, &out);
		if (!err && out.len && out.s[out.len - 1] != '\n')
			err = bt_sb_puts(&out, "\n");
		if (c->src == src)
			for (size_t j = c->begin; j < c->end; j++)
				line += c->src->text[j] == '\n';
		if (c->src == src && c->end == src->len && src->len &&
		    src->text[src->len - 1] != '\n')
			line++;
	}
	if (!err) {
		*text_out = bt_sb_take(&out);
		if (!*text_out)
			err = -ENOMEM;
	}
	bt_sb_free(&out);
	bt_pp_free(&pp);
	return err;
}
