// SPDX-License-Identifier: GPL-2.0
/* The builtin rows (builtins.def) and the lookup by name. */
#include "builtin/builtin.h"

#include <stdlib.h>
#include <string.h>

const struct bt_builtin bt_builtins[BT_BUILTIN_COUNT] = {
#define BT_VAR(ID, NAME, CHK, EMIT) [BT_B_##ID] = {NAME, BT_BK_VAR, 0, 0, CHK, NULL},
#define BT_VARN(ID, NAME, CHK, EMIT) [BT_B_##ID] = {NAME, BT_BK_VARN, 0, 0, CHK, NULL},
#define BT_FUNC(ID, NAME, MIN, MAX, CHK, EMIT)                                                     \
	[BT_F_##ID] = {NAME, BT_BK_FUNC, MIN, MAX, CHK, NULL},
#define BT_FUNCP(ID, NAME, MIN, MAX, CHK, EMIT, PRINT)                                             \
	[BT_F_##ID] = {NAME, BT_BK_FUNC, MIN, MAX, CHK, PRINT},
#include "builtin/builtins.def"
#undef BT_VAR
#undef BT_VARN
#undef BT_FUNC
#undef BT_FUNCP
};

const struct bt_builtin *bt_builtin_find(const char *name, bool call, long *num)
{
	for (int i = 0; i < BT_BUILTIN_COUNT; i++) {
		const struct bt_builtin *b = &bt_builtins[i];
		size_t len = b->name ? strlen(b->name) : 0;
		if (!b->name || (b->kind == BT_BK_FUNC) != call || strncmp(name, b->name, len))
			continue;
		if (b->kind != BT_BK_VARN && !name[len])
			return b;
		if (b->kind == BT_BK_VARN && name[len] >= '0' && name[len] <= '9') {
			char *end;
			*num = strtol(name + len, &end, 10);
			if (!*end)
				return b;
		}
	}
	return NULL;
}
