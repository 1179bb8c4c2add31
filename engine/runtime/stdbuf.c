// SPDX-License-Identifier: GPL-2.0
/*
 * stdout's buffer. Records are written per ring-buffer batch and flushed after
 * it, so a pipe or file only sees fewer, larger writes with a bigger buffer
 * (glibc's default is one 4 KiB page: ~60 printf lines a write()). A terminal
 * keeps glibc's line buffering.
 */
#include <stdio.h>
#include <unistd.h>

#include <bt/bt.h>

void bt_stdout_buffer(void)
{
	static char buf[1 << 16]; /* stdout's, as stdout is the process's */

	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}
