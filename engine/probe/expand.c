// SPDX-License-Identifier: GPL-2.0
/*
 * What the providers' expand hooks (struct bt_provider.expand) share; each
 * hook is in its provider's file, and turns one attach point as written
 * into targets (a wildcard into one per match, as bpftrace counts them).
 */
#include <errno.h>
#include <string.h>

#include "kernel/tracefs.h"
#include "probe/probe.h"

/* The provider is usable on this kernel, else reported (fn: what was asked for). */
int bt_expand_usable(const struct bt_provider *pv, struct bt_expand *x, const char *fn)
{
	const char *why = NULL;

	if (pv->available && !pv->available(&why))
		return x->unavailable(x, fn, why);
	return 0;
}

/* Adds every name of v (freed), stopping at the first error. */
int bt_expand_add_all(struct bt_expand *x, char **v, size_t n)
{
	int err = 0;

	for (size_t i = 0; i < n && !err; i++)
		err = x->add(x, v[i], 0, false);
	bt_strv_free(v, n);
	return err;
}

/* The last part, FUNCTION of PROVIDER:[MODULE:]FUNCTION, or NULL after an error. */
const char *bt_expand_function(const struct bt_provider *pv, struct bt_expand *x)
{
	const char *fn = x->parts[x->nparts - 1];

	if (x->nparts < 2 || !*fn) {
		x->err(x, "%s: expected %s:FUNCTION", x->str, pv->name);
		return NULL;
	}
	return fn;
}

int bt_expand_special(const struct bt_provider *pv, struct bt_expand *x)
{
	if (x->nparts != 1) {
		x->err(x, "%s: %s takes no arguments", x->str, pv->name);
		return -EINVAL;
	}
	return x->add(x, NULL, 0, false);
}

/* bpftrace's providers that bt does not have. */
int bt_expand_unsupported(const struct bt_provider *pv, struct bt_expand *x)
{
	(void)pv;
	x->err(x, "%s: bpftrace's %s probes are not supported by bt", x->str, x->parts[0]);
	return -EINVAL;
}
