// SPDX-License-Identifier: GPL-2.0
/*
 * The -c command: forked before compiling (its pid is cpid), held on a pipe
 * until the probes are attached and BEGIN ran, then exec'd. The command is
 * split like a shell splits words; one with shell syntax (pipes, redirects,
 * variables) runs under /bin/sh -c ("exec CMD" when it is one command, so
 * cpid is the command, not a shell). An exec failure comes back through a
 * close-on-exec pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/runtime.h"

/* The pipes of spawned children, by pid: the API passes only the pid. A
 * process traces at most one -c command; a few slots are plenty. */
#define MAX_CHILDREN 4
static struct {
	pid_t pid;
	int go_fd;  /* write end: one byte releases the child; EOF ends it */
	int err_fd; /* read end: the child's exec errno, or EOF on success */
} children[MAX_CHILDREN];

/* Whether cmd has a command separator (; & | newline) outside quotes. */
static bool has_separator(const char *cmd)
{
	char quote = 0;
	for (const char *p = cmd; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			else if (quote == '"' && *p == '\\' && p[1])
				p++;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (strchr(";&|\n", *p)) {
			return true;
		}
	}
	return false;
}

static bool needs_shell(const char *cmd)
{
	char quote = 0;
	for (const char *p = cmd; *p; p++) {
		if (quote == '\'') { /* nothing is special in '...' */
			if (*p == '\'')
				quote = 0;
		} else if (quote == '"') { /* "..." still expands $ ` and \ */
			if (*p == '"')
				quote = 0;
			else if (strchr("$`\\", *p))
				return true;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (strchr("|;&<>$`(){}*?~\\\n", *p)) {
			return true;
		}
	}
	return false;
}

/* Splits cmd into words: blanks separate, '...' and "..." quote. */
static int split(const char *cmd, char ***argvp)
{
	size_t len = strlen(cmd), n = 0;
	char **argv = calloc(len / 2 + 2, sizeof(*argv));
	char *buf = malloc(len + 1), *w = buf;
	const char *p = cmd;

	if (!argv || !buf) {
		free(argv);
		free(buf);
		return -ENOMEM;
	}
	while (*p) {
		char quote = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		argv[n++] = w;
		while (*p && (quote || (*p != ' ' && *p != '\t'))) {
			if (quote && *p == quote)
				quote = 0;
			else if (!quote && (*p == '\'' || *p == '"'))
				quote = *p;
			else
				*w++ = *p;
			p++;
		}
		*w++ = '\0';
		if (quote) {
			free(argv);
			free(buf);
			return -EINVAL;
		}
	}
	if (!n) {
		free(argv);
		free(buf);
		return -EINVAL;
	}
	/* argv[0] points at buf: freeing argv[0] and argv frees it all */
	*argvp = argv;
	return 0;
}

/* What execvp would find, checked up front so a typo fails before compiling. */
static int check_exec(const char *file)
{
	const char *path = getenv("PATH"), *p;
	char full[PATH_MAX];
	int err = -ENOENT;

	if (strchr(file, '/'))
		return access(file, X_OK) ? -errno : 0;
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = strchr(p, ':') + 1) {
		size_t dlen = strcspn(p, ":");
		struct stat st;

		snprintf(full, sizeof(full), "%.*s/%s", (int)dlen, dlen ? p : ".", file);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(full, X_OK) == 0)
				return 0;
			err = -EACCES;
		}
		if (!p[dlen])
			break;
	}
	return err;
}

static void child_main(char **argv, bool shell, const char *cmd, int go_fd, int err_fd)
{
	char c;
	int e;

	/* wait to be released; EOF means the tracer gave up */
	if (read(go_fd, &c, 1) != 1)
		_exit(127);
	close(go_fd);
	if (shell) {
		/* one command: exec it, so cpid is the command and not a shell
		 * that forks it (dash does) */
		char *line = NULL;
		if (!has_separator(cmd) && asprintf(&line, "exec %s", cmd) > 0)
			execl("/bin/sh", "sh", "-c", line, (char *)NULL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	} else
		execvp(argv[0], argv);
	e = errno;
	if (write(err_fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

int bt_child_spawn(const char *cmd, struct bt_diag *d, pid_t *pid)
{
	bool shell = needs_shell(cmd);
	char **argv = NULL;
	int go[2] = {-1, -1}, er[2] = {-1, -1};
	int slot, err;
	pid_t p;

	*pid = 0;
	for (slot = 0; slot < MAX_CHILDREN && children[slot].pid; slot++)
		;
	if (slot == MAX_CHILDREN)
		return -EBUSY;
	err = split(cmd, &argv);
	if (err) {
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot run '%s': %s", cmd,
			err == -EINVAL ? "empty command or unbalanced quotes" : strerror(-err));
		return err;
	}
	err = check_exec(shell ? "/bin/sh" : argv[0]);
	if (err) {
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot run '%s': %s", cmd, strerror(-err));
		goto out;
	}
	if (pipe2(go, O_CLOEXEC) || pipe2(er, O_CLOEXEC)) {
		err = -errno;
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot run '%s': %s", cmd, strerror(-err));
		goto out;
	}
	fflush(NULL);
	p = fork();
	if (p < 0) {
		err = -errno;
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot run '%s': %s", cmd, strerror(-err));
		goto out;
	}
	if (p == 0) {
		close(go[1]);
		close(er[0]);
		child_main(argv, shell, cmd, go[0], er[1]);
	}
	children[slot].pid = p;
	children[slot].go_fd = go[1];
	children[slot].err_fd = er[0];
	go[1] = er[0] = -1;
	*pid = p;
out:
	if (go[0] >= 0)
		close(go[0]);
	if (go[1] >= 0)
		close(go[1]);
	if (er[0] >= 0)
		close(er[0]);
	if (er[1] >= 0)
		close(er[1]);
	if (argv)
		free(argv[0]);
	free(argv);
	return err;
}

static int find_slot(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++) {
		if (pid > 0 && children[i].pid == pid)
			return i;
	}
	return -1;
}

static void forget(int slot)
{
	if (children[slot].go_fd >= 0)
		close(children[slot].go_fd);
	if (children[slot].err_fd >= 0)
		close(children[slot].err_fd);
	children[slot].pid = 0;
}

/* Returns 0 once the child exec'd, or the exec errno (negative). */
int bt_child_release(pid_t pid)
{
	int slot = find_slot(pid), e = 0;
	ssize_t n;

	if (slot < 0)
		return -ESRCH;
	if (write(children[slot].go_fd, "x", 1) != 1) {
		e = errno;
		forget(slot);
		return -e;
	}
	close(children[slot].go_fd);
	children[slot].go_fd = -1;
	/* blocks until exec (EOF: the pipe was close-on-exec) or the errno */
	do {
		n = read(children[slot].err_fd, &e, sizeof(e));
	} while (n < 0 && errno == EINTR);
	forget(slot);
	return n == sizeof(e) ? -e : 0;
}

void bt_child_kill(pid_t pid)
{
	int slot = find_slot(pid), st;

	if (pid <= 0)
		return;
	if (slot >= 0)
		forget(slot); /* a child still waiting sees EOF and exits */
	kill(pid, SIGTERM);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
}
