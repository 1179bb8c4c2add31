// SPDX-License-Identifier: GPL-2.0
/*
 * The preprocessor (see pp.h): cuts sources into chunks of active lines,
 * follows #include, keeps the #if stack and hands #define/#undef to the
 * macro table (pp_macro.c) and #if expressions to pp_if.c. Directives are
 * recognised only at the start of a line outside a block comment, as in C.
 */
#include "front/pp.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bt/vec.h>

#include "front/pp_int.h"
#include "util/strbuf.h"

#define MAX_INCLUDE_DEPTH 16
#define MAX_COND_DEPTH 64
#define MAX_INCLUDE_SIZE (16 << 20)

struct cond {
	struct bt_loc loc; /* of the #if, for "unterminated #if" */
	bool outer;	   /* the enclosing region is active */
	bool taken;	   /* some branch was already active */
	bool active;	   /* the current branch is active */
	bool seen_else;
};

struct scan {
	struct bt_diag *d;
	struct bt_pp *pp;
	int depth;  /* of #include */
	int system; /* > 0 inside a system header: only its macros are kept */
};

static int add_chunk(struct bt_pp *pp, struct bt_src *src, size_t begin, size_t end, int line)
{
	if (begin == end)
		return 0;
	if (bt_vec_reserve(pp->chunks, pp->chunks_cap, pp->nchunks + 1))
		return -ENOMEM;
	pp->chunks[pp->nchunks++] = (struct bt_pp_chunk){src, begin, end, line};
	return 0;
}

void bt_pp_free(struct bt_pp *pp)
{
	for (size_t i = 0; i < pp->nmacros; i++) {
		free(pp->macros[i].name);
		free(pp->macros[i].body);
	}
	free(pp->macros);
	free(pp->chunks);
	memset(pp, 0, sizeof(*pp));
}

/* ---- directives ---- */

/* Copies a directive's text with comments replaced by a space. */
static char *strip_comments(const char *p, const char *end)
{
	struct bt_strbuf b = {0};

	while (p < end) {
		if (*p == '"' || *p == '\'') {
			const char *q = p + 1;

			while (q < end && *q != *p)
				q += *q == '\\' && q + 1 < end ? 2 : 1;
			q = q < end ? q + 1 : end;
			bt_sb_add(&b, p, (size_t)(q - p));
			p = q;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			break;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			const char *q = p + 2;

			while (q + 1 < end && !(q[0] == '*' && q[1] == '/'))
				q++;
			p = q + 1 < end ? q + 2 : end;
			bt_sb_puts(&b, " ");
		} else {
			bt_sb_add(&b, p++, 1);
		}
	}
	/* Trim, so "#define X 1 " expands to "1". */
	while (b.len && isspace((unsigned char)b.s[b.len - 1]))
		b.s[--b.len] = '\0';
	return bt_sb_take(&b);
}

static int scan_src(struct scan *sc, struct bt_src *src);

/*
 * Reads and scans the file at path (taken over: freed here) as an #included
 * source. loc locates errors (the #include line), NULL for --include.
 */
static int include_path(struct scan *sc, char *path, const struct bt_loc *loc)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = NULL;
	struct bt_src *inc;
	int err = -EINVAL;

	f = fopen(path, "r");
	if (!f) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "cannot open '%s': %s", path, strerror(errno));
		goto out;
	}
	text = malloc(MAX_INCLUDE_SIZE + 1);
	if (!text) {
		err = -ENOMEM;
		goto out;
	}
	errno = 0;
	len = fread(text, 1, MAX_INCLUDE_SIZE + 1, f);
	if (len > MAX_INCLUDE_SIZE) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "cannot read '%s': larger than %d bytes", path,
			MAX_INCLUDE_SIZE);
		goto out;
	}
	if (ferror(f)) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "cannot read '%s': %s", path,
			strerror(errno ? errno : EIO));
		goto out;
	}
	text[len] = '\0';
	inc = bt_diag_add_src(sc->d, path, text, len);
	if (!inc) {
		err = -ENOMEM;
		goto out;
	}
	text = NULL;
	sc->depth++;
	err = scan_src(sc, inc);
	sc->depth--;
out:
	if (f)
		fclose(f);
	free(text);
	free(path);
	return err;
}

/*
 * The directories of the kernel's include/ tree: their headers declare kernel
 * types, which bt reads from BTF, so one missing here is not an error.
 */
static bool kernel_header(const char *name, size_t len)
{
	static const char *const dirs[] = {
		"linux/", "net/",   "asm/",    "asm-generic/", "uapi/", "trace/",
		"scsi/",  "sound/", "crypto/", "media/",       "kvm/",	"xen/",
		"rdma/",  "drm/",   "keys/",   "clocksource/", "acpi/", "video/",
		"soc/",	  "misc/",  "vdso/",   "target/",      "ras/",	"dt-bindings/",
	};

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (len > strlen(dirs[i]) && !strncmp(name, dirs[i], strlen(dirs[i])))
			return true;
	return false;
}

/* name (len bytes) under the system include directories, malloc'ed, or NULL. */
static char *system_header(const char *name, size_t len)
{
	struct utsname u;
	char arch[sizeof(u.machine) + 32] = "";
	const char *const dirs[] = {"/usr/local/include", arch, "/usr/include"};
	char *path;

	if (uname(&u) == 0)
		snprintf(arch, sizeof(arch), "/usr/include/%s-linux-gnu", u.machine);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!*dirs[i] || asprintf(&path, "%s/%.*s", dirs[i], (int)len, name) < 0)
			continue;
		if (!access(path, R_OK))
			return path;
		free(path);
	}
	return NULL;
}

/* Reads a system header for its object-like macros (#define EPERM 1). */
static int include_system(struct scan *sc, char *path, const struct bt_loc *loc)
{
	int err;

	sc->system++;
	err = include_path(sc, path, loc);
	sc->system--;
	return err;
}

/* #include <name>: a system header, or a kernel one whose types BTF has */
static int include_angle(struct scan *sc, const struct bt_loc *loc, const char *arg)
{
	const char *close = strchr(arg + 1, '>');
	size_t len = close ? (size_t)(close - arg - 1) : 0;
	char *path;

	if (!len) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "#include expects \"FILENAME\" or <FILENAME>");
		return -EINVAL;
	}
	path = system_header(arg + 1, len);
	if (path)
		return include_system(sc, path, loc);
	if (kernel_header(arg + 1, len) || sc->system)
		return 0;
	bt_diag(sc->d, BT_SEV_ERROR, loc, "'%.*s' file not found", (int)len, arg + 1);
	return -ENOENT;
}

static int do_include(struct scan *sc, struct bt_src *src, const struct bt_loc *loc,
		      const char *arg)
{
	const char *slash = strrchr(src->name, '/');
	char *path = NULL;
	const char *close;

	if (sc->depth >= MAX_INCLUDE_DEPTH) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "#include nested too deeply");
		return -EINVAL;
	}
	if (*arg == '<')
		return include_angle(sc, loc, arg);
	if (*arg != '"' || !(close = strchr(arg + 1, '"'))) {
		bt_diag(sc->d, BT_SEV_ERROR, loc, "#include expects \"FILENAME\" or <FILENAME>");
		return -EINVAL;
	}
	if (arg[1] == '/' || !slash)
		path = strndup(arg + 1, (size_t)(close - arg - 1));
	else if (asprintf(&path, "%.*s/%.*s", (int)(slash - src->name), src->name,
			  (int)(close - arg - 1), arg + 1) < 0)
		path = NULL;
	if (!path)
		return -ENOMEM;
	return include_path(sc, path, loc);
}

/* #if/#elif's condition into *val; in a system header, one bt cannot
 * evaluate (compiler built-ins, function-like macros) is false */
static int eval_cond(struct scan *sc, const char *body, bool elif, bool *val,
		     const struct bt_loc *loc)
{
	const char *msg = bt_pp_if_eval(sc->pp, body, elif, val);

	if (!msg)
		return 0;
	if (sc->system) {
		*val = false;
		return 0;
	}
	bt_diag(sc->d, BT_SEV_ERROR, loc, "%s", msg);
	return -EINVAL;
}

/* One directive line: "#word name arg", comments stripped from body. */
struct dline {
	const char *w, *name, *arg; /* the word, the identifier after it, the rest */
	size_t wlen, nlen;
	char *body;	   /* the line after the word (malloc'd) */
	struct bt_loc loc; /* underlines "#word" */
};

static bool is(const struct dline *l, const char *word)
{
	return l->wlen == strlen(word) && !memcmp(l->w, word, l->wlen);
}

/* #if, #ifdef, #ifndef: opens a condition; evaluated when its region is active. */
static int cond_open(struct scan *sc, const struct dline *l, struct cond *conds, int *nconds,
		     bool active)
{
	struct cond *c;

	if (*nconds == MAX_COND_DEPTH) {
		bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "#if nested too deeply");
		return -EINVAL;
	}
	c = &conds[(*nconds)++];
	*c = (struct cond){.loc = l->loc, .outer = active};
	if (!active)
		return 0;
	if (is(l, "if")) {
		if (eval_cond(sc, l->body, false, &c->active, &l->loc))
			return -EINVAL;
	} else if (!l->nlen) {
		bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "no macro name given in #%.*s", (int)l->wlen,
			l->w);
		return -EINVAL;
	} else {
		c->active = (bt_pp_live_macro(sc->pp, l->name, l->nlen) != NULL) == is(l, "ifdef");
	}
	c->taken = c->active;
	return 0;
}

/* #elif, #else, #endif: the innermost condition. */
static int cond_next(struct scan *sc, const struct dline *l, struct cond *conds, int *nconds)
{
	struct cond *c = *nconds ? &conds[*nconds - 1] : NULL;

	if (is(l, "endif")) {
		if (!c) {
			bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "#endif without #if");
			return -EINVAL;
		}
		(*nconds)--;
		return 0;
	}
	if (!c || c->seen_else) {
		bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "#%.*s %s", (int)l->wlen, l->w,
			c ? "after #else" : "without #if");
		return -EINVAL;
	}
	if (is(l, "else")) {
		c->seen_else = true;
		c->active = c->outer && !c->taken;
	} else if (!c->outer || c->taken) {
		c->active = false;
	} else {
		if (eval_cond(sc, l->body, true, &c->active, &l->loc))
			return -EINVAL;
	}
	c->taken |= c->active;
	return 0;
}

static int define(struct scan *sc, const struct dline *l)
{
	char *val;

	if (!l->nlen) {
		bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "no macro name given in #define");
		return -EINVAL;
	}
	if (isdigit((unsigned char)*l->name)) {
		bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "macro name '%.*s' must be an identifier",
			(int)l->nlen, l->name);
		return -EINVAL;
	}
	if (*l->arg == '(') {
		bt_diag(sc->d, BT_SEV_ERROR, &l->loc, "function-like macros are not supported");
		return -EINVAL;
	}
	val = strdup(l->arg + strspn(l->arg, " \t"));
	return val ? bt_pp_define(sc->pp, l->name, l->nlen, val) : -ENOMEM;
}

/* Handles one directive line; `active` says whether its region is active. */
static int directive(struct scan *sc, struct bt_src *src, const char *p, const char *end,
		     struct bt_loc loc, struct cond *conds, int *nconds)
{
	bool active = *nconds == 0 || conds[*nconds - 1].active;
	const char *hash = p - 1;
	struct dline l = {.loc = loc};
	int err = 0;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	l.w = p;
	while (p < end && pp_is_ident((unsigned char)*p))
		p++;
	l.wlen = (size_t)(p - l.w);
	l.loc.len = (int)(p - hash); /* underline "#word" */
	l.body = strip_comments(p, end);
	if (!l.body)
		return -ENOMEM;
	l.arg = l.body;
	while (isspace((unsigned char)*l.arg))
		l.arg++;
	l.name = l.arg;
	while (pp_is_ident((unsigned char)*l.arg))
		l.arg++;
	l.nlen = (size_t)(l.arg - l.name);

	if (is(&l, "if") || is(&l, "ifdef") || is(&l, "ifndef")) {
		err = cond_open(sc, &l, conds, nconds, active);
	} else if (is(&l, "elif") || is(&l, "else") || is(&l, "endif")) {
		err = cond_next(sc, &l, conds, nconds);
	} else if (!active || l.wlen == 0 || is(&l, "pragma")) {
		/* skipped region, null directive or pragma: nothing to do */
	} else if (sc->system && !is(&l, "define") && !is(&l, "undef") && !is(&l, "include")) {
		/* a system header's #error, #warning, #include_next: its C is not ours */
	} else if (sc->system && is(&l, "define") && (!l.nlen || *l.arg == '(')) {
		/* function-like macros: the script language has no calls to expand */
	} else if (is(&l, "define")) {
		err = define(sc, &l);
	} else if (is(&l, "undef")) {
		bt_pp_undef(sc->pp, l.name, l.nlen);
	} else if (is(&l, "include")) {
		err = do_include(sc, src, &l.loc, l.name);
	} else if (is(&l, "error")) {
		bt_diag(sc->d, BT_SEV_ERROR, &l.loc, "#error %s", l.name);
		err = -EINVAL;
	} else {
		bt_diag(sc->d, BT_SEV_ERROR, &l.loc, "unknown preprocessor directive '#%.*s'",
			(int)l.wlen, l.w);
		err = -EINVAL;
	}
	free(l.body);
	return err;
}

/* Updates *in_comment over one ordinary line (strings and // skipped). */
static void track_comments(const char *p, const char *end, bool *in_comment)
{
	while (p < end) {
		if (*in_comment) {
			if (end - p >= 2 && p[0] == '*' && p[1] == '/') {
				*in_comment = false;
				p += 2;
			} else {
				p++;
			}
		} else if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			p++;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
			return;
		} else if (end - p >= 2 && p[0] == '/' && p[1] == '*') {
			*in_comment = true;
			p += 2;
		} else {
			p++;
		}
	}
}

/* A system header's text is C the script language does not read: none of it is kept. */
static int chunk(struct scan *sc, struct bt_src *src, size_t begin, size_t end, int line)
{
	return sc->system ? 0 : add_chunk(sc->pp, src, begin, end, line);
}

static int scan_src(struct scan *sc, struct bt_src *src)
{
	const char *text = src->text, *end = text + src->len;
	const char *line = text;
	struct cond conds[MAX_COND_DEPTH];
	int nconds = 0, lineno = 1, chunk_line = 1, err;
	size_t chunk_begin = 0;
	bool in_comment = false;

	while (line < end) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		const char *next, *p = line;
		int nlines = 1;

		eol = eol ? eol : end;
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (!in_comment && p < eol && *p == '#') {
			struct bt_loc loc = {src->name, lineno, (int)(p - line) + 1, 1};

			/* A directive continues over lines ending in '\'. */
			while (eol < end && eol > line && eol[-1] == '\\') {
				eol = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
				eol = eol ? eol : end;
				nlines++;
			}
			next = eol < end ? eol + 1 : end;
			err = chunk(sc, src, chunk_begin, (size_t)(line - text), chunk_line);
			if (err)
				return err;
			if (lineno == 1 && p[1] == '!')
				err = 0; /* #! interpreter line */
			else
				err = directive(sc, src, p + 1, eol, loc, conds, &nconds);
			if (err)
				return err;
			chunk_begin = (size_t)(next - text);
			chunk_line = lineno + nlines;
		} else {
			next = eol < end ? eol + 1 : end;
			if (nconds && !conds[nconds - 1].active) {
				err = chunk(sc, src, chunk_begin, (size_t)(line - text),
					    chunk_line);
				if (err)
					return err;
				chunk_begin = (size_t)(next - text);
				chunk_line = lineno + 1;
			}
			track_comments(line, eol, &in_comment);
		}
		lineno += nlines;
		line = next;
	}
	if (nconds) {
		bt_diag(sc->d, BT_SEV_ERROR, &conds[nconds - 1].loc, "unterminated #if");
		return -EINVAL;
	}
	return chunk(sc, src, chunk_begin, src->len, chunk_line);
}

int bt_pp_scan(struct bt_diag *d, struct bt_src *src, const struct bt_define *defs, size_t ndefs,
	       struct bt_pp *pp)
{
	struct scan sc = {.d = d, .pp = pp};
	int err;

	memset(pp, 0, sizeof(*pp));
	err = bt_pp_add_defines(d, pp, defs, ndefs);
	/* --include FILE: as if #include "FILE" came before line 1, but FILE is
	 * found from the working directory and the script keeps its numbering */
	for (size_t i = 0; !err && i < src->nincludes; i++) {
		const char *name = src->includes[i];
		char *sys = access(name, F_OK) ? system_header(name, strlen(name)) : NULL;
		char *path = sys ? sys : strdup(name);

		if (!path)
			err = -ENOMEM;
		else
			err = sys ? include_system(&sc, path, NULL) : include_path(&sc, path, NULL);
	}
	if (err)
		return err;
	return scan_src(&sc, src);
}
