// SPDX-License-Identifier: GPL-2.0
/*
 * printf() records as bpftrace 0.17 formats them. bpftrace finds conversions
 * with the pattern %-?[0-9]*(\.[0-9]+)?(hh|h|l|ll|j|z|t)?[douxXcsp] (plus %r,
 * %rx, %rh for buf(), which it renders only without width or precision: "%10r"
 * prints as written), hands "text before + conversion" to snprintf with one
 * argument, and appends the text after the last conversion untouched. So "%%"
 * becomes "%" before a conversion but stays "%%" after the last one, and an
 * int argument (always 8 bytes) is cut to the conversion's length as C's
 * varargs do: %d prints the low 32 bits signed, %hhx the low 8 bits.
 * Conversions are rendered here, never by passing the script's format string
 * to the C library.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/print.h"
#include "output/printf.h"

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

int bt_printf_spec(const char *s, struct bt_printf_spec *sp)
{
	const char *p = s + 1;

	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	if (*s != '%')
		return 0;
	if (*p == 'r') {
		p++;
		if (*p == 'x' || *p == 'h')
			sp->conv = *p++;
		else
			sp->conv = 'r';
		sp->buf = true;
		sp->len = (size_t)(p - s);
		return 1;
	}
	if (*p == '-') {
		sp->left = true;
		p++;
	}
	if (*p == '0')
		sp->zero = true;
	for (; isdig(*p); p++) /* saturated: "%99999999999d" must not overflow */
		sp->width = sp->width < BT_PRINTF_MAX_WIDTH ? sp->width * 10 + (*p - '0')
							    : BT_PRINTF_MAX_WIDTH;
	if (*p == '.') {
		if (!isdig(p[1]))
			return 0;
		sp->prec = 0;
		for (p++; isdig(*p); p++)
			sp->prec = sp->prec < BT_PRINTF_MAX_WIDTH ? sp->prec * 10 + (*p - '0')
								  : BT_PRINTF_MAX_WIDTH;
	}
	if (*p == 'r') { /* "%10r": a buf()'s conversion; snprintf prints it as written */
		p++;
		if (*p == 'x' || *p == 'h')
			p++;
		sp->conv = 'r';
		sp->buf = sp->verbatim = true;
		sp->len = (size_t)(p - s);
		return 1;
	}
	sp->bits = 32;
	if (p[0] == 'h' && p[1] == 'h') {
		sp->bits = 8;
		p += 2;
	} else if (p[0] == 'h') {
		sp->bits = 16;
		p++;
	} else if (p[0] == 'l' && p[1] == 'l') {
		sp->bits = 64;
		p += 2;
	} else if (strchr("ljzt", p[0]) && p[0]) {
		sp->bits = 64;
		p++;
	}
	if (!*p || !strchr("douxXcsp", *p))
		return 0;
	sp->conv = *p++;
	sp->len = (size_t)(p - s);
	return 1;
}

size_t bt_printf_count(const char *fmt)
{
	struct bt_printf_spec sp;
	size_t n = 0;

	for (const char *p = fmt; *p; p++) {
		if (bt_printf_spec(p, &sp)) {
			n++;
			p += sp.len - 1;
		}
	}
	return n;
}

const char *bt_printf_tail(const char *fmt)
{
	struct bt_printf_spec sp;
	const char *tail = fmt;

	for (const char *p = fmt; *p; p++) {
		if (bt_printf_spec(p, &sp)) {
			p += sp.len - 1;
			tail = p + 1;
		}
	}
	return tail;
}

/* "00".."99": decimal digits two at a time */
static const char pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/*
 * Conversions are written at a cursor into room reserved beforehand: the most
 * a number writes is its width, or a sign or "0x" and up to 22 octal digits
 * or its precision's digits; a string, its width or its length.
 */
static size_t num_bound(const struct bt_printf_spec *sp)
{
	size_t n = 2 + (size_t)(sp->prec > 22 ? sp->prec : 22);
	return (size_t)sp->width > n ? (size_t)sp->width : n;
}

static size_t str_bound(const struct bt_printf_spec *sp, size_t n)
{
	return (size_t)sp->width > n ? (size_t)sp->width : n;
}

static char *pad_at(char *w, char c, int n)
{
	if (n <= 0)
		return w;
	memset(w, c, (size_t)n);
	return w + n;
}

/* A string conversion's width and precision ("%-8s", "%.2s"); glibc pads with spaces. */
static char *str_at(char *w, const struct bt_printf_spec *sp, const char *s, size_t n)
{
	int pad;

	if (sp->prec >= 0 && n > (size_t)sp->prec)
		n = (size_t)sp->prec;
	pad = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!sp->left)
		w = pad_at(w, ' ', pad);
	memcpy(w, s, n);
	w += n;
	return sp->left ? pad_at(w, ' ', pad) : w;
}

/* u's decimal digits, ending at end; returns where they start. */
static char *dec_before(char *end, uint64_t u)
{
	uint32_t v;

	while (u > UINT32_MAX) {
		end -= 2;
		memcpy(end, pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	for (v = (uint32_t)u; v >= 100; v /= 100) {
		end -= 2;
		memcpy(end, pairs + 2 * (v % 100), 2);
	}
	if (v >= 10) {
		end -= 2;
		memcpy(end, pairs + 2 * v, 2);
	} else {
		*--end = (char)('0' + v);
	}
	return end;
}

static char *num_at(char *w, const struct bt_printf_spec *sp, uint64_t raw)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	const char *dig = sp->conv == 'X' ? upper : lower;
	unsigned base = sp->conv == 'o' ? 8 : 10;
	char digits[24], *end = digits + sizeof(digits), *d = end;
	const char *prefix = "";
	int nd, plen = 0, zeros = 0, pad, len;
	uint64_t u = raw;

	if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
		base = 16;
	if (sp->conv != 'p' && sp->bits < 64)
		u &= ((uint64_t)1 << sp->bits) - 1;
	if (sp->conv == 'd') {
		int64_t s = sp->bits < 64 ? (int64_t)(u << (64 - sp->bits)) >> (64 - sp->bits)
					  : (int64_t)u;
		if (s < 0) {
			prefix = "-";
			plen = 1;
			u = 0 - (uint64_t)s;
		}
	}
	if (sp->conv == 'p') {
		if (!u)
			return str_at(w, sp, "(nil)", 5);
		prefix = "0x";
		plen = 2;
	}
	if (!(sp->prec == 0 && u == 0)) {
		if (base == 10) {
			d = dec_before(end, u);
		} else { /* shifts for 8 and 16 */
			unsigned shift = base == 16 ? 4 : 3;
			do {
				*--d = dig[u & (base - 1)];
				u >>= shift;
			} while (u);
		}
	}
	nd = (int)(end - d);
	if (sp->prec > nd)
		zeros = sp->prec - nd;
	len = plen + zeros + nd;
	pad = sp->width > len ? sp->width - len : 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		w = pad_at(w, ' ', pad);
	memcpy(w, prefix, (size_t)plen);
	w = pad_at(w + plen, '0', zeros);
	memcpy(w, d, (size_t)nd);
	w += nd;
	return sp->left ? pad_at(w, ' ', pad) : w;
}

static int put_str(struct bt_strbuf *sb, const struct bt_printf_spec *sp, const char *s, size_t n)
{
	char *w = bt_sb_reserve(sb, str_bound(sp, n));

	if (!w)
		return -ENOMEM;
	bt_sb_end(sb, str_at(w, sp, s, n));
	return 0;
}

/* An argument's value as printf takes it: the integer cut to the conversion's
 * size and sign-extended as C's varargs would. */
static uint64_t arg_u64(const struct bt_type *t, const uint8_t *p)
{
	uint64_t u = 0;

	memcpy(&u, p, t->size && t->size < 8 ? t->size : 8);
	if (t->kind == BT_T_INT && t->is_signed && t->size && t->size < 8)
		u = (uint64_t)((int64_t)(u << (64 - 8 * t->size)) >> (64 - 8 * t->size));
	return u;
}

/* Bytes conv_at can write for an argument of type t: a string's bytes, or a
 * number (%c of any type, the other conversions of an int, pointer or kernel
 * symbol address); 0 for the rest (buf() and values printed by name, as
 * bt_out_value prints them). */
static size_t conv_bound(const struct bt_printf_spec *sp, const struct bt_type *t)
{
	if (sp->buf)
		return 0;
	if (sp->conv == 's')
		return t->kind == BT_T_STR ? str_bound(sp, t->size) : 0;
	if (sp->conv == 'c')
		return str_bound(sp, 1);
	if (t->kind != BT_T_INT && t->kind != BT_T_PTR && t->kind != BT_T_KSYM)
		return 0;
	return num_bound(sp);
}

static char *conv_at(char *w, const struct bt_printf_spec *sp, const struct bt_type *t,
		     const uint8_t *p)
{
	char c;

	if (sp->conv == 's')
		return str_at(w, sp, (const char *)p, strnlen((const char *)p, t->size));
	if (sp->conv == 'c') {
		c = (char)arg_u64(t, p);
		return str_at(w, sp, &c, 1);
	}
	return num_at(w, sp, arg_u64(t, p));
}

static int put_buf(struct bt_strbuf *sb, const struct bt_printf_spec *sp, const uint8_t *p,
		   uint32_t size)
{
	uint32_t len;
	int err = 0;

	memcpy(&len, p, sizeof(len));
	if (size >= 4 && len > size - 4)
		len = size - 4;
	for (uint32_t i = 0; i < len && !err; i++) {
		uint8_t c = p[4 + i];

		if (sp->conv == 'h')
			err = bt_sb_printf(sb, i ? " %02x" : "%02x", c);
		else if (sp->conv == 'x' || c < 0x20 || c >= 0x7f)
			err = bt_sb_printf(sb, "\\x%02x", c);
		else
			err = bt_sb_add(sb, (const char *)&c, 1);
	}
	return err;
}

static int put_arg(struct bt_out *o, const struct bt_printf_spec *sp, const struct bt_type *t,
		   const uint8_t *p, struct bt_strbuf *sb)
{
	struct bt_strbuf tmp = {0};
	size_t bound = conv_bound(sp, t);
	char *w;
	int err;

	if (bound) {
		w = bt_sb_reserve(sb, bound);
		if (!w)
			return -ENOMEM;
		bt_sb_end(sb, conv_at(w, sp, t, p));
		return 0;
	}
	if (sp->verbatim)
		return 0; /* the compiled text holds the conversion as written */
	if (sp->buf && t->kind == BT_T_BUF)
		return put_buf(sb, sp, p, t->size);
	err = bt_out_value(o, t, p, false, 8, &tmp);
	err = err ?: put_str(sb, sp, bt_sb_str(&tmp), tmp.len);
	bt_sb_free(&tmp);
	return err;
}

/*
 * A format parsed once (it is printed per event): each conversion with the
 * text before it as C's printf would print it ("%%" already "%"), then the
 * tail verbatim. One allocation: the header, the pieces, then the texts.
 */
struct piece {
	size_t off, len; /* text before the conversion, in the texts */
	struct bt_printf_spec sp;
};

struct compiled {
	size_t n;
	size_t tail_off, tail_len;
	size_t bound; /* the most a record's line can take, 0: some argument needs put_arg */
	struct piece p[];
};

/* c->bound for the arguments' types: texts plus each conversion's most. */
static size_t line_bound(const struct compiled *c, const struct bt_type *args)
{
	size_t n = c->tail_len, b;

	for (size_t i = 0; i < c->n; i++) {
		n += c->p[i].len;
		if (!args || i >= args->count)
			continue;
		b = conv_bound(&c->p[i].sp, args->elems[i]);
		if (!b)
			return 0;
		n += b;
	}
	return n;
}

static struct compiled *compile(const char *fmt, const struct bt_type *args)
{
	struct bt_printf_spec sp;
	size_t n = bt_printf_count(fmt), flen = strlen(fmt), i = 0, used = 0;
	struct compiled *c = malloc(sizeof(*c) + n * sizeof(c->p[0]) + flen + 1);
	char *text;
	const char *start = fmt;

	if (!c)
		return NULL;
	text = (char *)(c->p + n);
	for (const char *p = fmt; (p = strchr(p, '%')); p++) {
		if (!bt_printf_spec(p, &sp))
			continue;
		c->p[i].off = used;
		for (const char *q = start; q < p; q++) {
			text[used++] = *q;
			if (*q == '%' && q + 1 < p && q[1] == '%')
				q++;
		}
		if (sp.verbatim) {
			memcpy(text + used, p, sp.len);
			used += sp.len;
		}
		c->p[i].len = used - c->p[i].off;
		c->p[i++].sp = sp;
		p += sp.len - 1;
		start = p + 1;
	}
	c->n = i;
	c->tail_off = used;
	c->tail_len = strlen(start);
	memcpy(text + used, start, c->tail_len + 1);
	c->bound = line_bound(c, args);
	return c;
}

/* The line written straight into room reserved once (c->bound). */
static int format_fast(const struct compiled *c, const struct bt_type *args, const uint8_t *payload,
		       size_t len, struct bt_strbuf *sb)
{
	const char *text = (const char *)(c->p + c->n);
	char *w = bt_sb_reserve(sb, c->bound);

	if (!w)
		return -ENOMEM;
	for (size_t ai = 0; ai < c->n; ai++) {
		memcpy(w, text + c->p[ai].off, c->p[ai].len);
		w += c->p[ai].len;
		if (args && ai < args->count) {
			const struct bt_type *t = args->elems[ai];
			uint32_t off = args->offs[ai];

			if ((size_t)off + t->size <= len)
				w = conv_at(w, &c->p[ai].sp, t, payload + off);
		}
	}
	memcpy(w, text + c->tail_off, c->tail_len);
	bt_sb_end(sb, w + c->tail_len);
	return 0;
}

int bt_printf_format(struct bt_out *o, const struct bt_fmt *f, const void *payload, size_t len,
		     struct bt_strbuf *sb)
{
	struct bt_fmt *mf = (struct bt_fmt *)f; /* the cache is not the format's meaning */
	const struct bt_type *args = f->args;
	const struct compiled *c;
	const char *text;
	int err = 0;

	if (!mf->compiled)
		mf->compiled = compile(f->fmt ? f->fmt : "", args);
	c = mf->compiled;
	if (!c)
		return -ENOMEM;
	if (c->bound)
		return format_fast(c, args, payload, len, sb);
	text = (const char *)(c->p + c->n);
	for (size_t ai = 0; ai < c->n && !err; ai++) {
		err = bt_sb_add(sb, text + c->p[ai].off, c->p[ai].len);
		if (!err && args && ai < args->count) {
			const struct bt_type *t = args->elems[ai];
			uint32_t off = args->offs[ai];

			if ((size_t)off + t->size <= len)
				err = put_arg(o, &c->p[ai].sp, t, (const uint8_t *)payload + off,
					      sb);
		}
	}
	/* bpftrace appends the rest verbatim, without a printf pass */
	return err ?: bt_sb_add(sb, text + c->tail_off, c->tail_len);
}

/* A message line: the text as is, or {"type": "<type>", "data": "<escaped>"}. */
int bt_out_message(struct bt_out *o, const char *type, const char *s, size_t n)
{
	struct bt_strbuf sb = {0};
	int err;

	if (o->fmt == BT_FMT_JSON) {
		err = bt_sb_printf(&sb, "{\"type\": \"%s\", \"data\": \"", type);
		err = err ?: bt_json_escape(&sb, s, n);
		err = err ?: bt_sb_puts(&sb, "\"}\n");
	} else {
		err = bt_sb_add(&sb, s, n);
	}
	err = err ?: bt_out_flush(o, &sb);
	bt_sb_free(&sb);
	return err;
}

/* The line's buffer is the run's, kept from record to record (the stream of
 * printf records is the hot path: no malloc per record). */
int bt_out_printf(struct bt_out *o, const struct bt_fmt *f, const void *payload, size_t len)
{
	struct bt_strbuf own = {0}, *line = o->run ? &o->run->line : &own;
	int err;

	line->len = 0;
	err = bt_printf_format(o, f, payload, len, line);
	if (o->fmt == BT_FMT_JSON)
		err = err ?: bt_out_message(o, "printf", bt_sb_str(line), line->len);
	else
		err = err ?: bt_out_flush(o, line);
	bt_sb_free(&own);
	return err;
}
