// SPDX-License-Identifier: GPL-2.0
/*
 * The bench's write loop: 1-byte write()s to /dev/null, as fast as it can.
 *   wloop N            N calls
 *   wloop -t SEC [CPU] for SEC seconds, pinned to CPU if given
 *   wloop -g N [CPU]   N getppid() calls instead (a bystander: no tracer
 *                      traces getppid), pinned to CPU if given
 * Prints "CALLS NS" (calls made, wall ns of the loop) on stdout. The
 * tracers filter on its comm, "wloop".
 */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long long n = 0, calls = 0, t0, t1, until = 0;
	int fd = open("/dev/null", O_WRONLY);
	char c = 'x';

	if (fd < 0 || argc < 2) {
		fprintf(stderr, "usage: wloop N | wloop -t SEC [CPU] | wloop -g N [CPU]\n");
		return 2;
	}
	if (argc > 3) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(atoi(argv[3]), &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	if (!strcmp(argv[1], "-g") && argc > 2) {
		n = atoll(argv[2]);
		t0 = now_ns();
		for (calls = 0; calls < n; calls++)
			getppid();
		t1 = now_ns();
		printf("%lld %lld\n", calls, t1 - t0);
		return 0;
	}
	if (!strcmp(argv[1], "-t")) {
		if (argc < 3)
			return 2;
		until = (long long)(atof(argv[2]) * 1e9);
	} else {
		n = atoll(argv[1]);
	}
	t0 = now_ns();
	if (until) {
		/* check the clock every 1024 calls: its cost stays out of the loop */
		while (now_ns() - t0 < until) {
			for (int i = 0; i < 1024; i++)
				if (write(fd, &c, 1) != 1)
					return 1;
			calls += 1024;
		}
	} else {
		for (calls = 0; calls < n; calls++)
			if (write(fd, &c, 1) != 1)
				return 1;
	}
	t1 = now_ns();
	printf("%lld %lld\n", calls, t1 - t0);
	return 0;
}
