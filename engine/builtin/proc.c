// SPDX-License-Identifier: GPL-2.0
/*
 * The process and its cgroup: signal, cgroupid, cgroup_path; and the ones this
 * kernel cannot run (path, override), which fail with the reason.
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/vfs.h>

#include "builtin/check.h"

#define CGROUP2_MAGIC 0x63677270

static const struct {
	const char *name;
	int num;
} sigs[] = {
	{"HUP", SIGHUP},       {"INT", SIGINT},	  {"QUIT", SIGQUIT},   {"ILL", SIGILL},
	{"TRAP", SIGTRAP},     {"ABRT", SIGABRT}, {"BUS", SIGBUS},     {"FPE", SIGFPE},
	{"KILL", SIGKILL},     {"USR1", SIGUSR1}, {"SEGV", SIGSEGV},   {"USR2", SIGUSR2},
	{"PIPE", SIGPIPE},     {"ALRM", SIGALRM}, {"TERM", SIGTERM},   {"CHLD", SIGCHLD},
	{"CONT", SIGCONT},     {"STOP", SIGSTOP}, {"TSTP", SIGTSTP},   {"TTIN", SIGTTIN},
	{"TTOU", SIGTTOU},     {"URG", SIGURG},	  {"XCPU", SIGXCPU},   {"XFSZ", SIGXFSZ},
	{"VTALRM", SIGVTALRM}, {"PROF", SIGPROF}, {"WINCH", SIGWINCH}, {"SYS", SIGSYS},
};

/* The cgroup v2 id of a path: the kernfs node id in its file handle. */
int bt_chk_cgroupid(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	s->prog->uncacheable = true; /* the id of a cgroup recreated since differs */
	struct bt_node *x = n->list.v[0];
	if (!bt_sema_str_literal(s, x)) {
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

int bt_chk_signal(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)to;
	if (!s->unsafe) {
		bt_sema_err(s, &n->loc, "signal() is unsafe: run with --unsafe to allow it");
		return -EINVAL;
	}
	struct bt_node *x = n->list.v[0];
	if (s->cur->pv->run_once) {
		bt_sema_err(s, &n->loc,
			    "signal() cannot be used in BEGIN and END probes (it would signal bt)");
		return -EINVAL;
	}
	a->ival = -1;
	if (bt_sema_str_literal(s, x)) {
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

/* cgroup_path(id[, filter]): resolved to paths in userspace when printed. */
int bt_chk_cgroup_path(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
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
		if (!bt_sema_str_literal(s, f)) {
			bt_sema_err(s, &f->loc,
				    "cgroup_path(): the filter must be a string literal");
			return -EINVAL;
		}
		n->type->name = bt_pool_strdup(s->pool, f->str);
	}
	return 0;
}

int bt_chk_path(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	if (!(s->cur->pv->allows & BT_PA_DPATH)) {
		bt_sema_err(s, &n->loc,
			    "path() can only be used in kfunc and kretfunc probes (bpf_d_path)");
		return -EINVAL;
	}
	bt_sema_err(s, &n->loc, "path() is not supported yet");
	return -EINVAL;
}

int bt_chk_override(struct bt_sema *s, struct bt_node *n, struct bt_ann *a, struct bt_node *to)
{
	(void)a, (void)to;
	if (!s->unsafe) {
		bt_sema_err(s, &n->loc, "override() is unsafe: run with --unsafe to allow it");
		return -EINVAL;
	}
	if (!(s->cur->pv->allows & BT_PA_OVERRIDE)) {
		bt_sema_err(s, &n->loc, "override() can only be used in kprobe probes");
		return -EINVAL;
	}
	bt_sema_err(s, &n->loc, "override() is not supported yet");
	return -EINVAL;
}
