/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The uprobe suite's DWARF target (built -g by mk/uprobe.mk): take() gets a
 * char, an int, an int pointer, a struct pointer and a string, N times
 * (i = 0..N-1); the struct has an array, a string field, a nested struct
 * and a pointer. struct item is known only from this file's DWARF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct inner {
	int x;
	short y;
};

struct item {
	int id;
	char name[16];
	int vals[4];
	const char *label;
	struct inner in;
};

volatile int sink;

__attribute__((noinline)) int take(char c, int i, int *ip, struct item *it, const char *s)
{
	sink += c + i + *ip + it->id + s[0];
	return sink;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	for (int i = 0; i < n; i++) {
		struct item it = { .id = 100 + i, .vals = { i, i * 2, i * 3, i * 4 },
				   .label = "lbl", .in = { .x = -i, .y = 7 } };
		int v = i * 11;

		snprintf(it.name, sizeof(it.name), "item%d", i);
		take('a' + i, -i, &v, &it, "str");
	}
	return 0;
}
