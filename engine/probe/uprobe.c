// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe:BINARY:FUNC / uretprobe: libbpf 1.1 resolves FUNC in the ELF
 * itself, and a BINARY without '/' in PATH (or, for "*.so*", the library
 * path). The kernel keys uprobes by inode, so /bin/x and /usr/bin/x are the
 * same probe. -p/-c restrict it to that process.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "../prog.h"
#include "probe.h"

static int attach(const struct bt_target *t, struct bpf_program *prog,
		  const struct bt_attach_ctx *ctx, bool retprobe, struct bt_links *out,
		  const char **why)
{
	LIBBPF_OPTS(bpf_uprobe_opts, opts, .bpf_cookie = t->cookie, .retprobe = retprobe);
	const char *colon = strrchr(t->target, ':');
	unsigned long long off = 0;
	struct bpf_link *link;
	char *bin, *func, *plus;
	int err;

	if (!colon || colon == t->target) {
		*why = "expected uprobe:BINARY:FUNCTION";
		return -EINVAL;
	}
	bin = strndup(t->target, colon - t->target);
	func = strdup(colon + 1);
	if (!bin || !func) {
		err = -ENOMEM;
		goto out;
	}
	plus = strchr(func, '+');
	if (plus) {
		*plus = '\0';
		off = strtoull(plus + 1, NULL, 0);
	}
	if (func[0] >= '0' && func[0] <= '9') {
		/* uprobe:BIN:0x1234, an address in the file */
		off = strtoull(func, NULL, 0);
	} else {
		opts.func_name = func;
	}
	link = bpf_program__attach_uprobe_opts(prog, ctx->pid > 0 ? ctx->pid : -1, bin, off, &opts);
	if (!link) {
		err = -errno;
		if (err == -ENOENT)
			*why = "no such binary or function";
		goto out;
	}
	err = bt_links_push(out, link);
out:
	free(bin);
	free(func);
	return err;
}

int bt_uprobe_attach(const struct bt_target *t, struct bpf_program *prog,
		     const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	return attach(t, prog, ctx, false, out, why);
}

int bt_uretprobe_attach(const struct bt_target *t, struct bpf_program *prog,
			const struct bt_attach_ctx *ctx, struct bt_links *out, const char **why)
{
	return attach(t, prog, ctx, true, out, why);
}

bool bt_uprobe_available(const char **why)
{
	if (access("/sys/bus/event_source/devices/uprobe/type", R_OK) == 0)
		return true;
	*why = "this kernel has no uprobes (CONFIG_UPROBE_EVENTS)";
	return false;
}
