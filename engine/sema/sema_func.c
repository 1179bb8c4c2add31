// SPDX-License-Identifier: GPL-2.0
/*
 * Sema for the value functions of bpftrace's reference guide that take
 * bytes apart or need the probe's registers: strncmp, ntop, buf, macaddr,
 * cgroupid, join, strftime, signal, reg, and the ones this kernel cannot run
 * (path, override), which fail with the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/vfs.h>

#include "sema/sema.h"

/* x86-64 struct pt_regs member offsets, by bpftrace's register names. */
static const struct {
	const char *name;
	uint32_t off;
} regs[] = {
	{ "r15", 0 },	 { "r14", 8 },	   { "r13", 16 },   { "r12", 24 },  { "bp", 32 },
	{ "bx", 40 },	 { "r11", 48 },	   { "r10", 56 },   { "r9", 64 },   { "r8", 72 },
	{ "ax", 80 },	 { "cx", 88 },	   { "dx", 96 },    { "si", 104 },  { "di", 112 },
	{ "orig_ax", 120 }, { "ip", 128 }, { "cs", 136 },   { "flags", 144 }, { "sp", 152 },
	{ "ss", 160 },
};

static const struct {
	const char *name;
	int num;
} sigs[] = {
	{ "HUP", SIGHUP },   { "INT", SIGINT },	  { "QUIT", SIGQUIT }, { "ILL", SIGILL },
	{ "TRAP", SIGTRAP }, { "ABRT", SIGABRT }, { "BUS", SIGBUS },   { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG },	  { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH }, { "SYS", SIGSYS },
};

#define CGROUP2_MAGIC 0x63677270
#define JOIN_ARGS 16     /* bpftrace 0.17's join_argnum */
#define JOIN_ARGSIZE 1024 /* and join_argsize */

static bool is_bytes(const struct bt_type *t)
{
	return t->kind == BT_T_ARRAY || t->kind == BT_T_STR || t->kind == BT_T_RECORD;
}

static bool is_addr(const struct bt_type *t)
{
	return t->kind == BT_T_INT || t->kind == BT_T_PTR;
}

static int ntop(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *addr = n->list.v[n->list.n - 1];
	if (n->list.n == 2) {
		struct bt_node *af = n->list.v[0];
		if (bt_sema_expr(s, af))
			return -EINVAL;
		if (af->type->kind != BT_T_INT) {
			bt_sema_err(s, &af->loc, "ntop(af, addr): af must be an integer (AF_INET or AF_INET6)");
			return -EINVAL;
		}
	}
	if (bt_sema_expr(s, addr))
		return -EINVAL;
	const struct bt_type *t = addr->type;
	if (!(t->kind == BT_T_INT || (is_bytes(t) && (t->size == 4 || t->size == 16)))) {
		char buf[64];
		bt_sema_err(s, &addr->loc,
			    "ntop() takes an integer or a 4- or 16-byte array, not %s",
			    bt_type_str(t, buf, sizeof(buf)));
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_INET, 24);
	return 0;
}

static int buf(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	struct bt_node *x = n->list.v[0];
	uint32_t max = bt_strlen_default();
	if (bt_sema_expr(s, x))
		return -EINVAL;
	const struct bt_type *t = x->type;
	if (!is_addr(t) && !is_bytes(t)) {
		char b[64];
		bt_sema_err(s, &x->loc, "buf() takes a pointer or an array, not %s",
			    bt_type_str(t, b, sizeof(b)));
		return -EINVAL;
	}
	uint32_t len = max;
	a->ival = -1; /* runtime length */
	if (n->list.n == 2) {
		struct bt_node *l = n->list.v[1];
		int64_t v;
		if (bt_sema_expr(s, l))
			return -EINVAL;
		if (l->type->kind != BT_T_INT) {
			bt_sema_err(s, &l->loc, "buf(): the length must be an integer");
			return -EINVAL;
		}
		if (l->kind == BT_N_INT ||
		    (l->kind == BT_N_UNOP && l->op == BT_OP_NEG && l->a->kind == BT_N_INT) ||
		    (l->sema && ((struct bt_ann *)l->sema)->id == BT_B_CONST && l->kind != BT_N_CALL)) {
			if (bt_sema_const_int(s, l, &v))
				return -EINVAL;
			if (v < 1) {
				bt_sema_err(s, &l->loc, "buf(): the length must be at least 1");
				return -EINVAL;
			}
			len = v > max ? max : (uint32_t)v;
			a->ival = len;
		}
	} else if (is_bytes(t)) {
		len = t->size > max ? max : t->size;
		a->ival = len;
	} else {
		bt_sema_err(s, &n->loc, "buf(ptr) needs a length: buf(ptr, length)");
		return -EINVAL;
	}
	if (is_bytes(t) && len > t->size) { /* no more than the array holds */
		len = t->size;
		a->ival = len;
	}
	n->type = bt_t_new(s->pool, BT_T_BUF, 4 + len);
	return 0;
}

static int macaddr(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	if (bt_sema_expr(s, x))
		return -EINVAL;
	const struct bt_type *t = x->type;
	if (!is_addr(t) && !is_bytes(t)) {
		bt_sema_err(s, &x->loc, "macaddr() takes a pointer or a 6-byte array");
		return -EINVAL;
	}
	if (is_bytes(t) && t->size != 6) {
		bt_sema_err(s, &x->loc, "macaddr() argument must be 6 bytes in size (%u given)",
			    t->size);
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_MAC, 8);
	return 0;
}

/* The cgroup v2 id of a path: the kernfs node id in its file handle. */
static int cgroupid(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	struct bt_node *x = n->list.v[0];
	if (x->kind != BT_N_STR) {
		bt_sema_err(s, &x->loc, "cgroupid() takes a path as a string literal");
		return -EINVAL;
	}
	union {
		struct file_handle fh;
		char space[sizeof(struct file_handle) + 64];
	} h;
	int mnt;
	struct statfs sf;
	if (statfs(x->str, &sf) == 0 && sf.f_type != CGROUP2_MAGIC) {
		bt_sema_err(s, &x->loc, "cgroupid(\"%s\"): not in a cgroup v2 file system", x->str);
		return -EINVAL;
	}
	h.fh.handle_bytes = 64;
	if (name_to_handle_at(AT_FDCWD, x->str, &h.fh, &mnt, 0) < 0 || h.fh.handle_bytes < 8) {
		bt_sema_err(s, &x->loc, "cgroupid(\"%s\"): %s", x->str,
			    h.fh.handle_bytes < 8 ? "no cgroup id for this path" : strerror(errno));
		return -EINVAL;
	}
	uint64_t id;
	memcpy(&id, h.fh.f_handle, sizeof(id));
	a->ival = (int64_t)id;
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

static int join(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	struct bt_node *x = n->list.v[0];
	const char *sep = " ";
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (!is_addr(x->type)) {
		char b[64];
		bt_sema_err(s, &x->loc, "join() takes an array of string pointers (char **), not %s",
			    bt_type_str(x->type, b, sizeof(b)));
		return -EINVAL;
	}
	if (n->list.n == 2) {
		if (n->list.v[1]->kind != BT_N_STR) {
			bt_sema_err(s, &n->list.v[1]->loc, "join(): the separator must be a string literal");
			return -EINVAL;
		}
		sep = n->list.v[1]->str;
	}
	struct bt_type *arr = bt_t_new(s->pool, BT_T_ARRAY, JOIN_ARGS * JOIN_ARGSIZE);
	arr->elem = bt_t_str(s->pool, JOIN_ARGSIZE);
	arr->count = JOIN_ARGS;
	a->fmt = bt_sema_add_fmt(s, sep, arr, n);
	return 0;
}

static int strncmp_(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	struct bt_node *x = n->list.v[0], *y = n->list.v[1];
	int64_t len;
	int e = bt_sema_expr(s, x);
	e |= bt_sema_expr(s, y);
	if (e)
		return -EINVAL;
	for (int i = 0; i < 2; i++) {
		struct bt_node *v = n->list.v[i];
		if (v->type->kind != BT_T_STR) {
			char b[64];
			bt_sema_err(s, &v->loc, "strncmp() compares strings, not %s",
				    bt_type_str(v->type, b, sizeof(b)));
			return -EINVAL;
		}
	}
	if (bt_sema_const_int(s, n->list.v[2], &len))
		return -EINVAL;
	if (len < 0) {
		bt_sema_err(s, &n->list.v[2]->loc, "strncmp(): the length must not be negative");
		return -EINVAL;
	}
	a->ival = len;
	n->type = bt_t_int(s->pool, 8, false);
	return 0;
}

static int strftime_(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *f = n->list.v[0], *x = n->list.v[1];
	if (f->kind != BT_N_STR) {
		bt_sema_err(s, &f->loc, "strftime: the format must be a string literal");
		return -EINVAL;
	}
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind != BT_T_INT) {
		bt_sema_err(s, &x->loc, "strftime() takes nanoseconds since boot (nsecs)");
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_TIMESTAMP, 8);
	n->type->name = bt_pool_strdup(s->pool, f->str);
	return 0;
}

static int signal_(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	struct bt_node *x = n->list.v[0];
	if (s->cur->pv->run_once) {
		bt_sema_err(s, &n->loc, "signal() cannot be used in BEGIN and END probes (it would signal bt)");
		return -EINVAL;
	}
	a->ival = -1;
	if (x->kind == BT_N_STR) {
		const char *nm = x->str;
		if (!strncmp(nm, "SIG", 3))
			nm += 3;
		for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			if (!strcmp(nm, sigs[i].name))
				a->ival = sigs[i].num;
		if (a->ival < 0) {
			bt_sema_err(s, &x->loc, "signal(): unknown signal '%s'", x->str);
			return -EINVAL;
		}
		return 0;
	}
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind != BT_T_INT) {
		bt_sema_err(s, &x->loc, "signal() takes a signal name or number");
		return -EINVAL;
	}
	if (x->kind == BT_N_INT && (x->num < 1 || x->num > 64)) {
		bt_sema_err(s, &x->loc, "signal(): %llu is not a signal number",
			    (unsigned long long)x->num);
		return -EINVAL;
	}
	if (x->kind == BT_N_UNOP && x->op == BT_OP_NEG && x->a->kind == BT_N_INT) {
		bt_sema_err(s, &x->loc, "signal(): -%llu is not a signal number",
			    (unsigned long long)x->a->num);
		return -EINVAL;
	}
	return 0;
}

static int reg(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	struct bt_node *x = n->list.v[0];
	if (!(s->cur->pv->allows & BT_PA_REG)) {
		bt_sema_err(s, &n->loc, "reg() can only be used in kprobe, uprobe, profile and software probes");
		return -EINVAL;
	}
	if (x->kind != BT_N_STR) {
		bt_sema_err(s, &x->loc, "reg() takes a register name as a string literal");
		return -EINVAL;
	}
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		if (!strcmp(x->str, regs[i].name)) {
			a->ival = regs[i].off;
			n->type = bt_t_int(s->pool, 8, false);
			return 0;
		}
	bt_sema_err(s, &x->loc, "reg(): '%s' is not an x86-64 register", x->str);
	return -EINVAL;
}

/* cgroup_path(id[, filter]): resolved to paths in userspace when printed. */
static int cgroup_path(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	if (bt_sema_expr(s, x))
		return -EINVAL;
	if (x->type->kind != BT_T_INT) {
		bt_sema_err(s, &x->loc, "cgroup_path() takes a cgroup id (an integer)");
		return -EINVAL;
	}
	n->type = bt_t_new(s->pool, BT_T_CGPATH, 8);
	if (n->list.n == 2) {
		struct bt_node *f = n->list.v[1];
		if (f->kind != BT_N_STR) {
			bt_sema_err(s, &f->loc, "cgroup_path(): the filter must be a string literal");
			return -EINVAL;
		}
		n->type->name = bt_pool_strdup(s->pool, f->str);
	}
	return 0;
}

/* pton("addr"): the address bytes, an array of 4 or 16 uint8. */
static int pton(struct bt_sema *s, struct bt_node *n)
{
	struct bt_node *x = n->list.v[0];
	unsigned char b[16];
	uint32_t len;
	if (x->kind != BT_N_STR) {
		bt_sema_err(s, &x->loc, "pton() takes an address as a string literal");
		return -EINVAL;
	}
	if (inet_pton(AF_INET, x->str, b) == 1)
		len = 4;
	else if (inet_pton(AF_INET6, x->str, b) == 1)
		len = 16;
	else {
		bt_sema_err(s, &x->loc, "pton(): '%s' is not an IPv4 or IPv6 address", x->str);
		return -EINVAL;
	}
	struct bt_type *t = bt_t_new(s->pool, BT_T_ARRAY, len);
	t->elem = bt_t_int(s->pool, 1, false);
	t->count = len;
	n->type = t;
	return 0;
}

int bt_sema_func_more(struct bt_sema *s, struct bt_node *n, struct bt_ann *a)
{
	unsigned allows = s->cur->pv->allows;
	switch ((enum bt_func_id)a->id) {
	case BT_F_NTOP:
		return ntop(s, n);
	case BT_F_BUF:
		return buf(s, n, a);
	case BT_F_MACADDR:
		return macaddr(s, n);
	case BT_F_CGROUPID:
		s->prog->uncacheable = true; /* the id of a cgroup recreated since differs */
		return cgroupid(s, n, a);
	case BT_F_JOIN:
		return join(s, n, a);
	case BT_F_STRNCMP:
		return strncmp_(s, n, a);
	case BT_F_STRFTIME:
		return strftime_(s, n);
	case BT_F_CGROUP_PATH:
		return cgroup_path(s, n);
	case BT_F_PTON:
		return pton(s, n);
	case BT_F_SIGNAL:
		if (!s->unsafe) {
			bt_sema_err(s, &n->loc, "signal() is unsafe: run with --unsafe to allow it");
			return -EINVAL;
		}
		return signal_(s, n, a);
	case BT_F_REG:
		return reg(s, n, a);
	case BT_F_PATH:
		if (!(allows & BT_PA_DPATH)) {
			bt_sema_err(s, &n->loc, "path() can only be used in kfunc and kretfunc probes (bpf_d_path)");
			return -EINVAL;
		}
		bt_sema_err(s, &n->loc, "path() is not supported yet");
		return -EINVAL;
	case BT_F_OVERRIDE:
		if (!s->unsafe) {
			bt_sema_err(s, &n->loc, "override() is unsafe: run with --unsafe to allow it");
			return -EINVAL;
		}
		if (!(allows & BT_PA_OVERRIDE)) {
			bt_sema_err(s, &n->loc, "override() can only be used in kprobe probes");
			return -EINVAL;
		}
		bt_sema_err(s, &n->loc, "override() is not supported yet");
		return -EINVAL;
	default:
		bt_sema_err(s, &n->loc, "%s() is not supported yet", n->str);
		return -EINVAL;
	}
}
