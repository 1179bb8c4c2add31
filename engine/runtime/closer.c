// SPDX-License-Identifier: GPL-2.0
/*
 * Exit without waiting for the kernel's grace periods. Closing the last
 * file descriptor of a perf-event tracepoint (or kprobe, uprobe) waits for
 * an RCU grace period (tracepoint_synchronize_unregister: ~60 ms here, more
 * under load), which made a short `bt -e '... BEGIN { exit(); }'` take
 * 70-90 ms where the rest of it takes ~10 ms. So before the runtime closes
 * its links, a short-lived grandchild takes copies of the perf-event and
 * BPF-link file descriptors (a perf event's link waits in its release too:
 * ~30 ms), and only those: when the runtime has closed its own, the
 * grandchild closes them, with the grace periods, and nobody waits for it.
 * So the programs stay attached for that long after bt exits (their
 * events still run them; nothing reads their maps). It holds
 * nothing else (not stdout: a reader sees EOF when bt exits) but a pipe
 * that tells it when the runtime has closed its copies, and is reparented
 * to init, which reaps it.
 *
 * After fork() in a process that may have threads, the child makes only
 * system calls: no malloc, no stdio.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/runtime.h"

/* A perf event, or a BPF link (a perf event's link: its release waits too). */
static bool is_perf_event(int dir, const char *name)
{
	static const char perf[] = "anon_inode:[perf_event]", link[] = "anon_inode:bpf_link";
	char target[sizeof(perf) + 1];
	ssize_t n = readlinkat(dir, name, target, sizeof(target));

	return (n == (ssize_t)sizeof(perf) - 1 && !memcmp(target, perf, sizeof(perf) - 1)) ||
	       (n == (ssize_t)sizeof(link) - 1 && !memcmp(target, link, sizeof(link) - 1));
}

/* In the child: closes every descriptor but the perf events and keep. */
static void keep_only_perf_events(int keep)
{
	int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char buf[4096];
	long n;

	if (dir < 0)
		_exit(1);
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			int fd = 0;

			off += d->d_reclen;
			if (d->d_name[0] < '0' || d->d_name[0] > '9')
				continue;
			for (const char *p = d->d_name; *p >= '0' && *p <= '9'; p++)
				fd = fd * 10 + (*p - '0');
			if (fd != dir && fd != keep && !is_perf_event(dir, d->d_name))
				close(fd);
		}
	}
	close(dir);
}

int bt_rt_hand_off_perf_events(void)
{
	int go[2], st;
	char c;
	pid_t p;

	if (pipe2(go, O_CLOEXEC))
		return -1;
	p = fork();
	if (p < 0) {
		close(go[0]);
		close(go[1]);
		return -1; /* the runtime closes them itself, waiting */
	}
	if (p == 0) {
		/* the intermediate child: fork the holder, exit at once */
		if (fork() == 0) {
			keep_only_perf_events(go[0]);
			/* hold them until the runtime has closed its copies
			 * (EOF: go[1] closed), so that the last close is here */
			while (read(go[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		_exit(0);
	}
	close(go[0]);
	while (waitpid(p, &st, 0) < 0 && errno == EINTR)
		;
	return go[1];
}
