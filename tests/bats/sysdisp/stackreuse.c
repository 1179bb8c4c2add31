// SPDX-License-Identifier: GPL-2.0
/*
 * Short-lived tasks one after another on one CPU, so that each new one is
 * likely to get the kernel stack (and so the syscall pt_regs address) of one
 * that just exited: 200 processes, then 200 threads, named "bt_ra" and
 * "bt_rb" in turn; each makes 50 one-byte writes to /dev/null, renames
 * itself "bt_rc" and makes 7 more. Expect a = b = 10000, c = 2800.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int fd;

static void *work(void *arg)
{
	long i = (long)arg;

	prctl(PR_SET_NAME, i % 2 ? "bt_rb" : "bt_ra");
	for (int k = 0; k < 50; k++)
		if (write(fd, "x", 1) != 1)
			return (void *)1;
	prctl(PR_SET_NAME, "bt_rc");
	for (int k = 0; k < 7; k++)
		if (write(fd, "x", 1) != 1)
			return (void *)1;
	return NULL;
}

int main(void)
{
	cpu_set_t one;
	pthread_t t;
	void *ret;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	fd = open("/dev/null", O_WRONLY);
	if (fd < 0 || sched_setaffinity(0, sizeof(one), &one))
		return 1;
	for (long i = 0; i < 200; i++) {
		int st;
		pid_t p = fork();
		if (p == 0)
			_exit(work((void *)i) != NULL);
		if (p < 0 || waitpid(p, &st, 0) != p || st)
			return 1;
	}
	for (long i = 0; i < 200; i++)
		if (pthread_create(&t, NULL, work, (void *)i) || pthread_join(t, &ret) || ret)
			return 1;
	return 0;
}
