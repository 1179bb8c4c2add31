// SPDX-License-Identifier: GPL-2.0
/* 100 ia32 getpid() calls (int $0x80, number 20) from a 64-bit process: the
 * syscall tracepoints ignore ia32 syscalls, and 20 is writev on x86-64. */
#include <stdio.h>
int main(void)
{
	long r = 0;
	for (int i = 0; i < 100; i++)
		__asm__ volatile("int $0x80" : "=a"(r) : "a"(20L) : "memory");
	printf("%ld\n", r);
	return 0;
}
