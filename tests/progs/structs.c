/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The types suite's target (tests/bats/types.bats): passes a struct Foo with
 * known data to the noinline function take_foo(), N times (default 1), so that
 * uprobes read user memory through script-defined C types. "structs layout"
 * prints gcc's sizeof/offsetof for the same definitions, to compare with bt.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct Foo {
	int a;
	char b[10];
	unsigned int f1 : 4, f2 : 8;
	int arr[4];
	struct {
		short x, y;
	} pt;
	const char *name;
};

struct Packed {
	char c;
	int i;
	short s;
} __attribute__((packed));

union U {
	int i;
	char c[6];
};

struct Bits {
	unsigned char a : 3;
	unsigned int b : 7, c : 30;
	long long d;
	int e : 2;
};

struct Grid {
	int m[2][3];
	unsigned long n;
};

struct Node {
	int v;
	struct Node *next;
};

volatile long sink;

__attribute__((noinline)) void take_list(struct Node *n)
{
	sink += n->v;
}

__attribute__((noinline)) void take_foo(struct Foo *f, int i)
{
	sink += f->a + i;
}

__attribute__((noinline)) void take_more(struct Packed *p, union U *u, struct Bits *b,
					 struct Grid *g)
{
	sink += p->i + u->i + b->a + g->n;
}

__attribute__((noinline)) struct Foo *ret_foo(struct Foo *f)
{
	sink++;
	return f;
}

static void layout(void)
{
	printf("Foo %zu a %zu b %zu arr %zu pt %zu name %zu\n", sizeof(struct Foo),
	       offsetof(struct Foo, a), offsetof(struct Foo, b), offsetof(struct Foo, arr),
	       offsetof(struct Foo, pt), offsetof(struct Foo, name));
	printf("Packed %zu i %zu s %zu\n", sizeof(struct Packed), offsetof(struct Packed, i),
	       offsetof(struct Packed, s));
	printf("U %zu\n", sizeof(union U));
	printf("Bits %zu d %zu\n", sizeof(struct Bits), offsetof(struct Bits, d));
	printf("Grid %zu n %zu\n", sizeof(struct Grid), offsetof(struct Grid, n));
}

int main(int argc, char **argv)
{
	char name[16];
	struct Foo f = { .a = 42, .b = "hello", .f1 = 9, .f2 = 200, .arr = { 1, 2, 3, 4 },
			 .pt = { -3, 7 }, .name = name };
	struct Packed p = { 'x', 123456, -2 };
	union U u = { .i = 0x41424344 };
	struct Bits b = { .a = 5, .b = 100, .c = 123456789, .d = -9, .e = -1 };
	struct Grid g = { .m = { { 1, 2, 3 }, { 4, 5, 6 } }, .n = 99 };
	struct Node n3 = { 30, NULL }, n2 = { 20, &n3 }, n1 = { 10, &n2 };
	int n = 1;

	if (argc > 1 && !strcmp(argv[1], "layout")) {
		layout();
		return 0;
	}
	if (argc > 1)
		n = atoi(argv[1]);
	strcpy(name, "foo-name"); /* on the stack: present when the probe reads it */
	for (int i = 0; i < n; i++) {
		take_foo(&f, i);
		take_more(&p, &u, &b, &g);
		ret_foo(&f);
		take_list(&n1);
	}
	return 0;
}
