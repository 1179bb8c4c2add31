// SPDX-License-Identifier: GPL-2.0
/*
 * Helper for the VM suite (built by tests/vm/suite.sh, /usr/local/bin in the VM):
 *   vmtarget add N        call bt_vm_add(i, 7) for i < N (a uprobe target), print the sum
 *   vmtarget dio DEV N    N direct (O_DIRECT) 4 KiB reads of DEV
 *   vmtarget tcp LPORT RPORT SECS   connect 127.0.0.1:LPORT -> 127.0.0.1:RPORT
 *                         (busybox nc cannot choose its local port), read SECS s
 *   vmtarget tasks N      N processes one after another (each likely on the
 *                         kernel stack of the one before), named bt_ra and
 *                         bt_rb in turn: 25 one-byte writes to /dev/null,
 *                         then renamed bt_rc, 7 more
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

__attribute__((noinline)) int bt_vm_add(int a, int b);

__attribute__((noinline)) int bt_vm_add(int a, int b)
{
	__asm__ volatile("" ::: "memory");
	return a + b;
}

static int dio(const char *dev, int n)
{
	void *buf;
	int fd = open(dev, O_RDONLY | O_DIRECT);

	if (fd < 0 || posix_memalign(&buf, 4096, 4096)) {
		perror(dev);
		return 1;
	}
	for (int i = 0; i < n; i++) {
		if (pread(fd, buf, 4096, (off_t)i * 4096) != 4096) {
			perror("pread");
			return 1;
		}
	}
	free(buf);
	close(fd);
	printf("read %d blocks\n", n);
	return 0;
}

static int tcp(int lport, int rport, int secs)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
	time_t end = time(NULL) + secs;
	char buf[4096];
	long got = 0;
	ssize_t n;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	a.sin_port = htons(lport);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("bind");
		return 1;
	}
	a.sin_port = htons(rport);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror("connect");
		return 1;
	}
	while (time(NULL) < end && (n = read(fd, buf, sizeof(buf))) > 0)
		got += n;
	printf("read %ld bytes\n", got);
	close(fd);
	return 0;
}

static int writes(int fd, int n)
{
	for (int k = 0; k < n; k++)
		if (write(fd, "x", 1) != 1)
			return 1;
	return 0;
}

static int tasks(int n)
{
	int fd = open("/dev/null", O_WRONLY), st;

	for (int i = 0; i < n; i++) {
		pid_t p = fork();
		if (p == 0) {
			prctl(PR_SET_NAME, i % 2 ? "bt_rb" : "bt_ra");
			if (writes(fd, 25))
				_exit(1);
			prctl(PR_SET_NAME, "bt_rc");
			_exit(writes(fd, 7));
		}
		if (p < 0 || waitpid(p, &st, 0) != p || st)
			return 1;
	}
	printf("%d tasks\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	long sum = 0;

	if (argc == 3 && !strcmp(argv[1], "add")) {
		for (int i = 0; i < atoi(argv[2]); i++)
			sum += bt_vm_add(i, 7);
		printf("sum %ld\n", sum);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "dio"))
		return dio(argv[2], atoi(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "tcp"))
		return tcp(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
	if (argc == 3 && !strcmp(argv[1], "tasks"))
		return tasks(atoi(argv[2]));
	fprintf(stderr, "usage: vmtarget add N | dio DEV N | tcp LPORT RPORT SECS | tasks N\n");
	return 2;
}
