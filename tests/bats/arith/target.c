/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lang_arith.bats' uprobe target: known data handed to noinline functions, N
 * times (default 1), so that pointer arithmetic and integer widths can be
 * checked on real user memory against bpftrace 0.17.
 *
 *   take_items(items, 4)  an array of 4 struct Item (24 bytes each: id, val, name)
 *   take_foo(&foo)        struct Foo { int m = 2; int n = -3; }
 *   take_word(&word)      a 64-bit word passed as an integer (unsigned long)
 *   take_u8(255, -1)      an unsigned char and a signed char
 *   take_ints(ints)       int ints[4] = { 10, 20, 30, 40 }
 */
#include <stdlib.h>

struct Item {
	int id;
	long val;
	char name[8];
};

struct Foo {
	int m;
	int n;
};

struct Item items[4] = {
	{ 1, 100, "one" }, { 2, 200, "two" }, { 3, 300, "three" }, { 4, 400, "four" },
};
struct Foo foo = { 2, -3 };
unsigned long word = 0x1122334455667788ul;
int ints[4] = { 10, 20, 30, 40 };
volatile long sink;

__attribute__((noinline)) void take_items(struct Item *it, int n)
{
	sink = (long)it + n;
}

__attribute__((noinline)) void take_foo(struct Foo *f)
{
	sink = (long)f;
}

__attribute__((noinline)) void take_word(unsigned long addr)
{
	sink = (long)addr;
}

__attribute__((noinline)) void take_u8(unsigned char u, signed char s)
{
	sink = u + s;
}

__attribute__((noinline)) void take_ints(int *p)
{
	sink = (long)p;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;

	for (int i = 0; i < n; i++) {
		take_items(items, 4);
		take_foo(&foo);
		take_word((unsigned long)&word);
		take_u8(255, -1);
		take_ints(ints);
	}
	return 0;
}
