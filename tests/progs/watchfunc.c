/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The watchpoint suite's target (tests/bats/watchpoint.bats): noinline
 * functions that take the address to watch, each followed by a known number
 * of writes there.
 *   watchfunc [N]     watch_me(p) then N writes to *p at once (a heap
 *                     address); watch_arg1(7, &g) then, 200 ms later, N
 *                     writes to g (default 3)
 *   watchfunc regs    watch_me() of 6 addresses in turn, one write to each,
 *                     then watch_me() of the first again, one write to it
 *                     and one more to each of the 6
 *   watchfunc aba     watch_me(&a), watch_me(&b), watch_me(&a), then one
 *                     write to a and one to b
 *   watchfunc odd     watch_me() of an address 8-byte watchpoints cannot take
 *                     (3 bytes into v), then a write there
 *   watchfunc loop MS watch_me(&v[0]) and a write there, again and again
 *                     for MS milliseconds
 *   watchfunc conts   as watchfunc 3, then prints how many times it was
 *                     continued (SIGCONT) after a stop
 *   watchfunc -w FILE [N]  first waits for FILE to exist (a -p test)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

volatile long g, a, b, v[6];
static volatile sig_atomic_t conts;

static void on_cont(int sig)
{
	(void)sig;
	conts++;
}

__attribute__((noinline)) void watch_me(volatile long *p)
{
	__asm__ volatile("" ::"r"(p) : "memory");
}

__attribute__((noinline)) void watch_arg1(int tag, volatile long *p)
{
	__asm__ volatile("" ::"r"(tag), "r"(p) : "memory");
}

static void regs(void)
{
	for (int k = 0; k < 6; k++) {
		watch_me(&v[k]);
		v[k] = k;
	}
	watch_me(&v[0]);
	v[0] = 1;
	for (int k = 0; k < 6; k++)
		v[k] = 2;
}

static void aba(void)
{
	watch_me(&a);
	watch_me(&b);
	watch_me(&a);
	a = 1;
	b = 1;
}

static void loop(long ms)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		watch_me(&v[0]);
		v[0]++;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000 < ms);
}

static void writes(int n)
{
	volatile long *p = malloc(sizeof(*p)); /* not freed: free() writes there */

	if (!p)
		exit(1);
	watch_me(p);
	for (int i = 0; i < n; i++)
		*p = i;
	watch_arg1(7, &g);
	usleep(200000); /* asyncwatchpoint: the breakpoint is set meanwhile */
	for (int i = 0; i < n; i++)
		g = i;
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "-w")) {
		while (access(argv[2], F_OK))
			usleep(10000);
		argc -= 2;
		argv += 2;
	}
	if (argc > 1 && !strcmp(argv[1], "regs"))
		regs();
	else if (argc > 1 && !strcmp(argv[1], "aba"))
		aba();
	else if (argc > 1 && !strcmp(argv[1], "odd")) {
		watch_me((volatile long *)((volatile char *)v + 3));
		v[0] = 1;
	} else if (argc > 2 && !strcmp(argv[1], "loop"))
		loop(atol(argv[2]));
	else if (argc > 1 && !strcmp(argv[1], "conts")) {
		signal(SIGCONT, on_cont);
		writes(3);
		printf("continued %d times\n", (int)conts);
	}
	else
		writes(argc > 1 ? atoi(argv[1]) : 3);
	return 0;
}
