// SPDX-License-Identifier: GPL-2.0
/*
 * The code generator lives in its own shared object (bt-codegen.so: our
 * codegen with LLVM's static BPF target and passes, or libLLVM.so with
 * LLVM_SHARED=1), loaded on a compile-cache miss only and unloaded once the
 * object is built: a cached run never maps LLVM, and a long run after a miss
 * does not keep it. It calls back into the engine's symbols, which bt and the
 * tools export (-rdynamic). Looked for in $BT_CODEGEN, beside the executable
 * (the build tree), then in EXE/../lib/bt/ (installed).
 */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg_load.h"
#include "front/diag.h"
#include "settings.h"

#define SO_NAME "bt-codegen.so"

const char *bt_codegen_path(void)
{
	static char path[PATH_MAX];
	static int done;
	char exe[PATH_MAX];
	const char *env = bt_settings()->codegen;

	if (done)
		return path[0] ? path : NULL;
	done = 1;
	if (env && *env) {
		snprintf(path, sizeof(path), "%s", env);
		return path;
	}
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	const char *const rel[] = {"/" SO_NAME, "/../lib/bt/" SO_NAME};
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		if (snprintf(path, sizeof(path), "%s%s", exe, rel[i]) >= (int)sizeof(path))
			continue;
		if (access(path, R_OK) == 0)
			return path;
	}
	path[0] = 0;
	return NULL;
}

int bt_codegen(struct bt_sema *s)
{
	int (*run)(struct bt_sema *);
	void (*shutdown)(void);
	const char *path = bt_codegen_path();
	int err;

	if (!path) {
		bt_diag(s->d, BT_SEV_ERROR, NULL,
			"cannot find the code generator %s (beside the executable, in "
			"../lib/bt/, or $BT_CODEGEN)",
			SO_NAME);
		return -ENOENT;
	}
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		bt_diag(s->d, BT_SEV_ERROR, NULL, "cannot load the code generator: %s", dlerror());
		return -ENOENT;
	}
	*(void **)&run = dlsym(h, "bt_cg_run");
	if (!run) {
		bt_diag(s->d, BT_SEV_ERROR, NULL, "%s has no bt_cg_run: %s", path, dlerror());
		dlclose(h);
		return -ENOENT;
	}
	err = run(s);
	/* unloaded once the object is made, LLVM's statics and the heap it used
	 * handed back: a long-running tracer does not keep the compiler's ~28 MiB */
	*(void **)&shutdown = dlsym(h, "bt_cg_shutdown");
	if (shutdown)
		shutdown();
	dlclose(h);
	malloc_trim(0);
	return err;
}
