/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The uprobe/ustack suites' target: main -> top_func -> mid_func -> leaf_func,
 * N times (N < 0: forever), D ms apart. leaf_func(i + 1, 2) returns i + 3,
 * mid_func three times that, top_func one more: 10, 13, 16, ... Prints
 * nothing, so that the tracer's output is all there is.
 *
 * One USDT probe, bt_test:tick(i, i * 10 (a stack slot), 7, big_var), written out as <sys/sdt.h>
 * writes it (that header is not installed everywhere), with a semaphore:
 * while a tracer is attached, main also calls traced_only().
 */
#include <stdlib.h>
#include <unistd.h>

int counter_var = 42;
long big_var = 7;
volatile int sink;
unsigned short bt_test_tick_semaphore __attribute__((section(".probes"), used));

#define BT_SDT_TICK(a1, a2, a3, a4)                                                       \
	__asm__ __volatile__("990: nop\n"                                                \
			     ".pushsection .note.stapsdt,\"?\",\"note\"\n"                 \
			     ".balign 4\n"                                                \
			     ".4byte 992f-991f, 994f-993f, 3\n"                           \
			     "991: .asciz \"stapsdt\"\n"                                  \
			     "992: .balign 4\n"                                           \
			     "993: .8byte 990b\n"                                         \
			     ".8byte _.stapsdt.base\n"                                    \
			     ".8byte bt_test_tick_semaphore\n"                            \
			     ".asciz \"bt_test\"\n"                                       \
			     ".asciz \"tick\"\n"                                          \
			     ".asciz \"-4@%0 8@%1 -4@%2 8@%3\"\n"                         \
			     "994: .balign 4\n"                                           \
			     ".popsection\n"                                              \
			     ".ifndef _.stapsdt.base\n"                                   \
			     ".pushsection .stapsdt.base,\"aG\",\"progbits\",.stapsdt.base,comdat\n" \
			     ".weak _.stapsdt.base\n"                                     \
			     ".hidden _.stapsdt.base\n"                                   \
			     "_.stapsdt.base: .space 1\n"                                 \
			     ".size _.stapsdt.base, 1\n"                                  \
			     ".popsection\n"                                              \
			     ".endif\n"                                                   \
			     :                                                            \
			     : "r"(a1), "m"(a2), "i"(a3), "m"(a4))

__attribute__((noinline)) void traced_only(void)
{
	__asm__ volatile("");
}

__attribute__((noinline)) int leaf_func(int a, int b)
{
	__asm__ volatile("");
	counter_var++;
	return a + b;
}

__attribute__((noinline)) int mid_func(int a)
{
	int r = leaf_func(a, 2);

	__asm__ volatile("");
	return r * 3;
}

__attribute__((noinline)) int top_func(int a)
{
	int r = mid_func(a + 1);

	__asm__ volatile("");
	return r + 1;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	int d = argc > 2 ? atoi(argv[2]) : 0;

	for (int i = 0; n < 0 || i < n; i++) {
		if (d)
			usleep(d * 1000);
		sink += top_func(i);
		long slot = i * 10L;

		BT_SDT_TICK(i, slot, 7, big_var);
		if (bt_test_tick_semaphore)
			traced_only();
	}
	return 0;
}
