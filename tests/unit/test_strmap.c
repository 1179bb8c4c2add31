// SPDX-License-Identifier: GPL-2.0
/* The string -> int hash table sema looks maps and variables up with. */
#include <stdio.h>
#include <stdlib.h>

#include "util/strmap.h"
#include "unit.h"

int main(void)
{
	struct bt_strmap m = { 0 };
	static char names[50000][16];
	int bad = 0;

	CHECK_INT(bt_strmap_get(&m, "x"), -1); /* empty, never allocated */
	for (int i = 0; i < 50000; i++) {
		snprintf(names[i], sizeof(names[i]), "@m%d", i);
		if (bt_strmap_put(&m, names[i], i))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(m.n, 50000);
	for (int i = 0; i < 50000; i++) {
		char key[16];
		snprintf(key, sizeof(key), "@m%d", i); /* another pointer, same text */
		bad += bt_strmap_get(&m, key) != i;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(bt_strmap_get(&m, "@m50000"), -1);
	CHECK_INT(bt_strmap_get(&m, ""), -1);
	CHECK_INT(bt_strmap_put(&m, "@m7", 70), 0); /* replaces */
	CHECK_INT(bt_strmap_get(&m, "@m7"), 70);
	CHECK_INT(m.n, 50000);
	bt_strmap_clear(&m);
	CHECK_INT(m.n, 0);
	CHECK_INT(bt_strmap_get(&m, "@m7"), -1);
	CHECK_INT(bt_strmap_put(&m, "", 1), 0);
	CHECK_INT(bt_strmap_get(&m, ""), 1);
	bt_strmap_free(&m);
	CHECK_INT(bt_strmap_get(&m, ""), -1);
	return unit_done("test_strmap");
}
