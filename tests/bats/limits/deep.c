// SPDX-License-Identifier: GPL-2.0
/* A call chain DEPTH frames deep (argv[1]) ending in leaf(): for ustack
 * depth limits (tests/bats/limits_cut.bats). Built with frame pointers. */
#include <stdlib.h>

__attribute__((noinline)) int leaf(int n)
{
	return n + 1;
}

__attribute__((noinline)) int down(int n)
{
	if (n <= 1)
		return leaf(n);
	return down(n - 1) + 1;
}

int main(int argc, char **argv)
{
	int depth = argc > 1 ? atoi(argv[1]) : 10;

	return down(depth) == depth + 1 ? 0 : 1;
}
