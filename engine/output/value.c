// SPDX-License-Identifier: GPL-2.0
/* One value of a struct bt_type, from the bytes codegen laid out (types.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <bpf/bpf.h>

#include "builtin/builtin.h"
#include "output/print.h"
#include "sym/ksym.h"
#include "sym/usym.h"

#define STACK_MAX 127

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* An integer of 1/2/4/8 bytes, sign-extended per is_signed. */
static int put_int(const struct bt_type *t, const uint8_t *p, struct bt_strbuf *sb)
{
	uint32_t sz = t->size ? t->size : 8;
	uint64_t u = 0;
	int64_t s;

	if (sz > 8)
		sz = 8;
	memcpy(&u, p, sz);
	if (!t->is_signed)
		return bt_sb_printf(sb, "%" PRIu64, u);
	s = (int64_t)(u << (64 - 8 * sz)) >> (64 - 8 * sz);
	return bt_sb_printf(sb, "%" PRId64, s);
}

/* bpftrace's resolve_ksym(addr, show_offset); unknown addresses print as a
 * C++ ostream prints a void *: "0" for NULL, else 0x-prefixed hex. */
static int put_ksym(uint64_t addr, bool offset, struct bt_strbuf *sb)
{
	struct bt_ksyms *ks = bt_ksyms_get();
	uint64_t off = 0;
	const char *name = ks ? bt_ksym_resolve(ks, addr, &off) : NULL;

	if (name && offset)
		return bt_sb_printf(sb, "%s+%" PRIu64, name, off);
	if (name)
		return bt_sb_puts(sb, name);
	if (!addr)
		return bt_sb_puts(sb, "0");
	return bt_sb_printf(sb, "0x%" PRIx64, addr);
}

/*
 * bpftrace's resolve_usym(addr, pid, show_offset, show_module) (sym/usym.h).
 * pidw: the pid, and for a uprobe's 'func' the probe cookie + 1 in the high
 * half: the probe's function names it when the process has exited.
 */
static int put_usym(struct bt_out *o, uint64_t addr, uint64_t pidw, bool offset, bool module,
		    struct bt_strbuf *sb)
{
	uint64_t ck = pidw >> 32;
	pid_t pid = (pid_t)(uint32_t)pidw;
	char buf[1024];
	int n;

	n = bt_usym_format(pid, addr, offset, module, buf, sizeof(buf));
	if (n < 0)
		return -EINVAL;
	/* unresolved ("0x..." or "0": no symbol starts with a digit) */
	if (ck && o->prog && ck - 1 < o->prog->nprobe_names && buf[0] == '0' &&
	    bt_usym_probe_func(o->prog->probe_names[ck - 1], buf, sizeof(buf)))
		return bt_sb_puts(sb, buf);
	return bt_sb_add(sb, buf, strnlen(buf, sizeof(buf)));
}

/* The frames of the stack value at p (t KSTACK/USTACK), leaf first, in
 * frames[STACK_MAX]: the count, or -1 when the stack id is bad. */
static int stack_lookup(struct bt_out *o, const struct bt_type *t, const uint8_t *p,
			uint64_t *frames)
{
	int32_t id = (int32_t)(uint32_t)rd64(p);
	int depth = t->stack_depth > 0 && t->stack_depth < STACK_MAX ? t->stack_depth : STACK_MAX;
	int fd = o->stack_fds[depth], n = 0;

	if (id < 0 || fd <= 0 || bpf_map_lookup_elem(fd, &id, frames))
		return -1;
	while (n < depth && frames[n])
		n++;
	/* every frame of the deepest stack bt records filled: likely cut (a
	 * smaller kstack(N)/ustack(N) was asked for) */
	if (depth == STACK_MAX && frames[STACK_MAX - 1])
		bt_out_stack_cut(o, id);
	return n;
}

/* bpftrace's get_stack(): "\n" then one line per frame; "" when the id is bad. */
static int put_stack(struct bt_out *o, const struct bt_type *t, const uint8_t *p, int indent,
		     struct bt_strbuf *sb)
{
	uint64_t frames[STACK_MAX] = {0};
	bool user = t->kind == BT_T_USTACK;
	uint64_t pid = user ? rd64(p + 8) : 0;
	int n = stack_lookup(o, t, p, frames), err;

	if (n < 0)
		return 0;
	err = bt_sb_puts(sb, "\n");
	for (int i = 0; i < n && !err; i++) {
		switch (t->stack_mode) {
		case BT_STACK_PERF:
			err = bt_sb_printf(sb, "\t%" PRIx64 " ", frames[i]);
			err = err
				      ?: (user ? put_usym(o, frames[i], pid, true, true, sb)
					       : put_ksym(frames[i], true, sb));
			break;
		case BT_STACK_RAW:
			err = bt_sb_printf(sb, "%" PRIx64, frames[i]);
			break;
		default:
			err = bt_sb_printf(sb, "%*s", indent, "");
			err = err
				      ?: (user ? put_usym(o, frames[i], pid, true, false, sb)
					       : put_ksym(frames[i], true, sb));
			break;
		}
		err = err ?: bt_sb_puts(sb, "\n");
	}
	return err;
}

/* addr's offset into the symbol name: the number after "name+" in the frame
 * as a stack prints it; 0 when it prints without one (unresolved) */
static uint64_t frame_off(struct bt_out *o, bool user, uint64_t addr, uint64_t pid,
			  const char *name)
{
	struct bt_strbuf sb = {0};
	size_t n = strlen(name);
	uint64_t off = 0;
	int err = user ? put_usym(o, addr, pid, true, false, &sb) : put_ksym(addr, true, &sb);

	if (!err && sb.s && sb.len > n + 1 && !strncmp(sb.s, name, n) && sb.s[n] == '+')
		off = strtoull(sb.s + n + 1, NULL, 10);
	bt_sb_free(&sb);
	return off;
}

int bt_out_stack_frames(struct bt_out *o, const struct bt_type *t, const uint8_t *p,
			struct bt_frame **out, size_t *nout)
{
	uint64_t frames[STACK_MAX] = {0};
	bool user = t->kind == BT_T_USTACK;
	uint64_t pid = user ? rd64(p + 8) : 0;
	int n = stack_lookup(o, t, p, frames), err = 0;
	struct bt_frame *f;

	*out = NULL;
	*nout = 0;
	if (n <= 0)
		return 0;
	f = calloc((size_t)n, sizeof(*f));
	if (!f)
		return -ENOMEM;
	for (int i = 0; i < n && !err; i++) {
		struct bt_strbuf sb = {0};

		err = user ? put_usym(o, frames[i], pid, false, false, &sb)
			   : put_ksym(frames[i], false, &sb);
		f[i].addr = frames[i];
		f[i].name = bt_sb_take(&sb);
		if (!err && !f[i].name)
			err = -ENOMEM;
		if (!err)
			f[i].off = frame_off(o, user, frames[i], pid, f[i].name);
		bt_sb_free(&sb);
	}
	*out = f;
	*nout = (size_t)n;
	return err;
}

static int put_inet(const uint8_t *p, struct bt_strbuf *sb)
{
	char buf[INET6_ADDRSTRLEN];
	uint64_t fam = rd64(p);
	int af = fam == AF_INET6 ? AF_INET6 : AF_INET;

	if (!inet_ntop(af, p + 8, buf, sizeof(buf)))
		return 0;
	return bt_sb_puts(sb, buf);
}

/* bpftrace's resolve_uid(): the passwd name, or the number when there is none. */
static int put_user(uint64_t uid, struct bt_strbuf *sb)
{
	struct passwd pw, *res = NULL;
	char buf[1024];

	if (getpwuid_r((uid_t)uid, &pw, buf, sizeof(buf), &res) == 0 && res)
		return bt_sb_puts(sb, res->pw_name);
	return bt_sb_printf(sb, "%" PRIu64, uid);
}

/* buf(): printable bytes as they are, others as \xNN (bpftrace's hex_format_buffer). */
static int put_buf(const struct bt_type *t, const uint8_t *p, struct bt_strbuf *sb)
{
	uint32_t len;
	int err = 0;

	memcpy(&len, p, sizeof(len));
	if (t->size > 4 && len > t->size - 4)
		len = t->size - 4;
	for (uint32_t i = 0; i < len && !err; i++) {
		uint8_t c = p[4 + i];

		if (isprint(c))
			err = bt_sb_add(sb, (const char *)&c, 1);
		else
			err = bt_sb_printf(sb, "\\x%02x", c);
	}
	return err;
}

/* bpftrace's macaddr output: upper-case hex bytes joined by ':'. */
/* bpftrace's resolve_timestamp(): boot time + ns, local time, "%f" as microseconds. */
static int put_timestamp(const struct bt_type *t, uint64_t ns, struct bt_strbuf *sb)
{
	struct timespec rt, bt;
	char fmt[256], out[512];
	size_t k = 0;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_BOOTTIME, &bt);
	int64_t boot_ns = ((int64_t)rt.tv_sec - bt.tv_sec) * 1000000000 + rt.tv_nsec - bt.tv_nsec;
	uint64_t when = (uint64_t)boot_ns + ns;
	time_t secs = (time_t)(when / 1000000000);
	unsigned us = (unsigned)(when % 1000000000 / 1000);
	const char *f = t->name ? t->name : "";

	for (const char *q = f; *q && k + 8 < sizeof(fmt); q++) {
		if (q[0] == '%' && q[1] == 'f') {
			k += (size_t)snprintf(fmt + k, sizeof(fmt) - k, "%06u", us);
			q++;
		} else if (q[0] == '%' && q[1] == '%') {
			fmt[k++] = *q++;
			fmt[k++] = *q;
		} else {
			fmt[k++] = *q;
		}
	}
	fmt[k] = '\0';
	localtime_r(&secs, &tm);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	size_t n = strftime(out, sizeof(out), fmt, &tm); /* the script's format, as bpftrace */
#pragma GCC diagnostic pop
	return bt_sb_add(sb, out, n);
}

/* Types bpftrace's JSON output quotes (is_quoted_type()). */
static bool quoted(enum bt_tkind k)
{
	switch (k) {
	case BT_T_STR:
	case BT_T_KSTACK:
	case BT_T_USTACK:
	case BT_T_KSYM:
	case BT_T_USYM:
	case BT_T_PROBE:
	case BT_T_BUF:
	case BT_T_INET:
	case BT_T_USERNAME:
	case BT_T_CGPATH:
	case BT_T_FN:
		return true;
	default:
		return false;
	}
}

static int put_tuple(struct bt_out *o, const struct bt_type *t, const uint8_t *p, bool json,
		     int indent, struct bt_strbuf *sb)
{
	int err = bt_sb_puts(sb, json ? "[" : "(");

	for (uint32_t i = 0; i < t->count && !err; i++) {
		if (i)
			err = bt_sb_puts(sb, json ? "," : ", ");
		err = err ?: bt_out_value(o, t->elems[i], p + t->offs[i], json, indent, sb);
	}
	return err ?: bt_sb_puts(sb, json ? "]" : ")");
}

/* A struct member: pointers as numbers and bitfields by value, as bpftrace prints them. */
static int put_member(struct bt_out *o, const struct bt_record_field *f, const uint8_t *p,
		      bool json, int indent, struct bt_strbuf *sb)
{
	if (f->bit_size) {
		uint64_t v = 0;
		uint32_t n = (f->bit_off + f->bit_size + 7) / 8;
		memcpy(&v, p + f->off, n > 8 ? 8 : n);
		v >>= f->bit_off;
		if (f->bit_size < 64)
			v &= (1ull << f->bit_size) - 1;
		return bt_sb_printf(sb, "%" PRIu64, v);
	}
	return bt_out_value(o, f->type, p + f->off, json, indent, sb);
}

static int put_record(struct bt_out *o, const struct bt_type *t, const uint8_t *p, bool json,
		      int indent, struct bt_strbuf *sb)
{
	const struct bt_record *r = t->rec;
	int err = bt_sb_puts(sb, "{ ");

	for (size_t i = 0; r && i < r->nfields && !err; i++) {
		if (i)
			err = bt_sb_puts(sb, ", ");
		err = err ?: bt_sb_printf(sb, json ? "\"%s\": " : ".%s = ", r->fields[i].name);
		err = err ?: put_member(o, &r->fields[i], p, json, indent, sb);
	}
	return err ?: bt_sb_puts(sb, " }");
}

static int put_array(struct bt_out *o, const struct bt_type *t, const uint8_t *p, bool json,
		     int indent, struct bt_strbuf *sb)
{
	uint32_t esz = t->elem ? t->elem->size : 0;
	int err = bt_sb_puts(sb, "[");

	for (uint32_t i = 0; t->elem && i < t->count && !err; i++) {
		if (i)
			err = bt_sb_puts(sb, ",");
		err = err ?: bt_out_value(o, t->elem, p + (size_t)i * esz, json, indent, sb);
	}
	return err ?: bt_sb_puts(sb, "]");
}

static int put_plain(struct bt_out *o, const struct bt_type *t, const uint8_t *p, int indent,
		     struct bt_strbuf *sb)
{
	const struct bt_prog *prog = o->prog;
	uint64_t v;

	switch (t->kind) {
	case BT_T_INT:
		return put_int(t, p, sb);
	case BT_T_STR:
		return bt_sb_add(sb, (const char *)p, strnlen((const char *)p, t->size));
	case BT_T_KSTACK:
	case BT_T_USTACK:
		return put_stack(o, t, p, indent, sb);
	case BT_T_KSYM:
		return put_ksym(rd64(p), false, sb);
	case BT_T_USYM:
		return put_usym(o, rd64(p), rd64(p + 8), false, false, sb);
	case BT_T_PROBE:
		v = rd64(p);
		if (prog && v < prog->nprobe_names)
			return bt_sb_puts(sb, prog->probe_names[v]);
		return bt_sb_printf(sb, "%" PRIu64, v);
	case BT_T_BUF:
		return put_buf(t, p, sb);
	case BT_T_INET:
		return put_inet(p, sb);
	case BT_T_USERNAME:
		return put_user(rd64(p), sb);
	case BT_T_TIMESTAMP:
		return put_timestamp(t, rd64(p), sb);
	case BT_T_CGPATH:
		return bt_cgroup_path(rd64(p), t->name, sb);
	case BT_T_FN:
		return bt_builtins[t->fn].print(p, sb);
	default:
		/* bpftrace's fallback: the first 8 bytes as a signed number (pointers
		 * too; as map keys they are in hex: bt_out_key) */
		return bt_sb_printf(sb, "%" PRId64, (int64_t)rd64(p));
	}
}

int bt_out_value(struct bt_out *o, const struct bt_type *t, const uint8_t *p, bool json, int indent,
		 struct bt_strbuf *sb)
{
	struct bt_strbuf tmp = {0};
	int err;

	switch (t->kind) {
	case BT_T_TUPLE:
		return put_tuple(o, t, p, json, indent, sb);
	case BT_T_RECORD:
		return put_record(o, t, p, json, indent, sb);
	case BT_T_ARRAY:
		return put_array(o, t, p, json, indent, sb);
	default:
		break;
	}
	if (!json || !quoted(t->kind))
		return put_plain(o, t, p, indent, sb);
	err = put_plain(o, t, p, indent, &tmp);
	err = err ?: bt_sb_puts(sb, "\"");
	err = err ?: bt_json_escape(sb, bt_sb_str(&tmp), tmp.len);
	err = err ?: bt_sb_puts(sb, "\"");
	bt_sb_free(&tmp);
	return err;
}

int bt_json_escape(struct bt_strbuf *sb, const char *s, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++) {
		char c = s[i];

		switch (c) {
		case '"':
			err = bt_sb_puts(sb, "\\\"");
			break;
		case '\\':
			err = bt_sb_puts(sb, "\\\\");
			break;
		case '\n':
			err = bt_sb_puts(sb, "\\n");
			break;
		case '\r':
			err = bt_sb_puts(sb, "\\r");
			break;
		case '\t':
			err = bt_sb_puts(sb, "\\t");
			break;
		default:
			/* bytes >= 0x80 are negative chars: bpftrace passes them through */
			if (c >= 0 && c <= 0x1f)
				err = bt_sb_printf(sb, "\\u%04x", c);
			else
				err = bt_sb_add(sb, &c, 1);
		}
	}
	return err;
}

/* A key part: structs in bpftrace's compact form {.x=1,.y=2}, arrays [1,2]. */
static int put_key_part(struct bt_out *o, const struct bt_type *t, const uint8_t *p,
			struct bt_strbuf *sb)
{
	const struct bt_record *r = t->rec;
	int err = 0;

	if (t->kind == BT_T_ARRAY) {
		uint32_t esz = t->elem ? t->elem->size : 0;
		err = bt_sb_puts(sb, "[");
		for (uint32_t i = 0; t->elem && i < t->count && !err; i++) {
			err = i ? bt_sb_puts(sb, ",") : 0;
			err = err ?: put_key_part(o, t->elem, p + (size_t)i * esz, sb);
		}
		return err ?: bt_sb_puts(sb, "]");
	}
	if (t->kind == BT_T_PTR) /* keys print pointers in hex, values as numbers */
		return bt_sb_printf(sb, "0x%" PRIx64, rd64(p));
	if (t->kind != BT_T_RECORD || !r)
		return bt_out_value(o, t, p, false, 4, sb);
	err = bt_sb_puts(sb, "{");
	for (size_t i = 0; i < r->nfields && !err; i++) {
		const struct bt_record_field *f = &r->fields[i];
		err = bt_sb_printf(sb, "%s.%s=", i ? "," : "", f->name);
		if (f->bit_size || (f->type->kind != BT_T_RECORD && f->type->kind != BT_T_PTR))
			err = err ?: put_member(o, f, p, false, 4, sb);
		else
			err = err ?: put_key_part(o, f->type, p + f->off, sb);
	}
	return err ?: bt_sb_puts(sb, "}");
}

int bt_out_key(struct bt_out *o, const struct bt_map *m, const uint8_t *key, bool json,
	       struct bt_strbuf *sb)
{
	const struct bt_type *k = m->key;
	struct bt_strbuf args = {0};
	int err = 0;

	if (!json)
		err = bt_sb_puts(sb, m->name);
	if (!k || !key || !k->count)
		return err;
	for (uint32_t i = 0; i < k->count && !err; i++) {
		if (i)
			err = bt_sb_puts(&args, json ? "," : ", ");
		err = err ?: put_key_part(o, k->elems[i], key + k->offs[i], &args);
	}
	if (json) {
		err = err ?: bt_sb_puts(sb, "\"");
		err = err ?: bt_json_escape(sb, bt_sb_str(&args), args.len);
		err = err ?: bt_sb_puts(sb, "\"");
	} else {
		err = err ?: bt_sb_printf(sb, "[%s]", bt_sb_str(&args));
	}
	bt_sb_free(&args);
	return err;
}

/* Writes sb through stdio: the run loop flushes after each batch of records
 * (one write() per batch, not per line, unless -B line/none asks for it). */
int bt_out_flush(struct bt_out *o, const struct bt_strbuf *sb)
{
	/* only the main thread writes the output stream: skip stdio's lock */
	if (sb->len && fwrite_unlocked(sb->s, 1, sb->len, o->f) != sb->len)
		return -EIO;
	return 0;
}
