// SPDX-License-Identifier: GPL-2.0
/*
 * Metrics mode's lifecycle: built before load (the port is bound early),
 * started after BEGIN, polled by the run loop in place of the ring buffer
 * poll (records, HTTP requests and file writes on one thread), stopped at
 * exit. The file (--metrics-file) is written to PATH.tmp then renamed, so
 * node_exporter's textfile collector never reads half a file.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "metrics/metrics.h"
#include "runtime/runtime.h"

#define DEFAULT_INTERVAL 15

struct bt_metrics {
	struct bt_mmeta meta;
	struct bt_mself self;
	struct bt_diag *d;
	struct bt_mhttp *http;
	int listen_fd;
	char *bound;	   /* "127.0.0.1:9435" */
	char *file;	   /* --metrics-file */
	int interval;	   /* seconds between file writes */
	double next_write; /* monotonic seconds */
	bool file_error;   /* reported once */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bt_metrics_new(const struct bt_run_opts *o, struct bt_node *root, const struct bt_prog *prog,
		   struct bt_diag *d, struct bt_metrics **out)
{
	struct bt_metrics *m;
	int err;

	*out = NULL;
	if (!o->metrics_addr && !o->metrics_file)
		return 0;
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->d = d;
	m->listen_fd = -1;
	m->self.stats_fd = -1;
	m->interval = o->metrics_interval > 0 ? o->metrics_interval : DEFAULT_INTERVAL;
	err = bt_mmeta_build(&m->meta, o, root, prog, d);
	if (!err && o->metrics_file) {
		m->file = strdup(o->metrics_file);
		if (!m->file)
			err = -ENOMEM;
	}
	if (!err && o->metrics_addr)
		err = bt_mhttp_listen(o->metrics_addr, d, &m->listen_fd, &m->bound);
	if (err) {
		bt_metrics_free(m);
		return err;
	}
	*out = m;
	return 0;
}

int bt_metrics_render(struct bt_metrics *m, struct bt_runtime *rt, bool openmetrics, char **text,
		      size_t *len)
{
	struct bt_strbuf sb = {0};
	struct bt_mscrape s = {.openmetrics = openmetrics, .sb = &sb};
	double t0 = now();
	int err;

	if (!rt)
		return -EINVAL;
	err = bt_expo_maps(&m->meta, &rt->out, &s);
	err = err ?: bt_expo_self(&m->self, &m->meta, rt, &s, now() - t0);
	if (!err && openmetrics)
		err = bt_sb_puts(&sb, "# EOF\n");
	if (err) {
		bt_sb_free(&sb);
		return err;
	}
	*len = sb.len;
	*text = bt_sb_take(&sb);
	return *text ? 0 : -ENOMEM;
}

static int write_file(struct bt_metrics *m, struct bt_runtime *rt)
{
	char *text = NULL, *tmp = NULL;
	size_t len = 0;
	FILE *f = NULL;
	int err = bt_metrics_render(m, rt, false, &text, &len);

	if (!err && asprintf(&tmp, "%s.tmp.%d", m->file, (int)getpid()) < 0) {
		tmp = NULL;
		err = -ENOMEM;
	}
	if (!err) {
		f = fopen(tmp, "we");
		if (!f || fwrite(text, 1, len, f) != len || fflush(f) || fsync(fileno(f)))
			err = errno ? -errno : -EIO;
	}
	if (f && fclose(f) && !err)
		err = -errno;
	if (!err && rename(tmp, m->file))
		err = -errno;
	if (err && tmp)
		unlink(tmp);
	if (err && !m->file_error)
		bt_diag(m->d, BT_SEV_ERROR, NULL, "cannot write '%s': %s", m->file, strerror(-err));
	m->file_error = err != 0;
	free(tmp);
	free(text);
	return err;
}

int bt_metrics_start(struct bt_metrics *m, struct bt_runtime *rt)
{
	int err, fd = m->listen_fd;

	bt_mself_start(&m->self);
	if (fd >= 0) {
		m->listen_fd = -1;
		err = bt_mhttp_start(m, fd, m->d, &m->http);
		if (err)
			return err;
		fprintf(stderr, "%s: serving metrics at http://%s/metrics\n", m->d->prog, m->bound);
	}
	if (m->file) {
		m->next_write = now() + m->interval;
		write_file(m, rt);
	}
	return 0;
}

int bt_metrics_poll(struct bt_metrics *m, struct bt_runtime *rt, int timeout_ms)
{
	struct pollfd fds[2];
	int nfds = 0, n, ret = 0, t;

	if (rt->rb)
		fds[nfds++] =
			(struct pollfd){.fd = ring_buffer__epoll_fd(rt->rb), .events = POLLIN};
	if (m->http) {
		fds[nfds++] = (struct pollfd){.fd = bt_mhttp_fd(m->http), .events = POLLIN};
		t = bt_mhttp_timeout_ms(m->http);
		if (t >= 0 && t < timeout_ms)
			timeout_ms = t;
	}
	if (m->file) {
		t = (int)((m->next_write - now()) * 1000) + 1;
		if (t < timeout_ms)
			timeout_ms = t < 0 ? 0 : t;
	}
	n = poll(fds, nfds, timeout_ms);
	if (n < 0 && errno == EINTR)
		return -EINTR;
	if (rt->rb)
		ret = ring_buffer__consume(rt->rb);
	if (m->http)
		bt_mhttp_run(m->http, rt);
	if (m->file && now() >= m->next_write) {
		m->next_write += m->interval;
		if (m->next_write < now())
			m->next_write = now() + m->interval;
		write_file(m, rt);
	}
	return ret < 0 ? ret : 0;
}

void bt_metrics_stop(struct bt_metrics *m, struct bt_runtime *rt)
{
	if (m->file)
		write_file(m, rt);
	bt_mhttp_stop(m->http);
	m->http = NULL;
	bt_mself_stop(&m->self);
}

void bt_metrics_free(struct bt_metrics *m)
{
	if (!m)
		return;
	bt_mhttp_stop(m->http);
	bt_mself_stop(&m->self);
	if (m->listen_fd >= 0)
		close(m->listen_fd);
	bt_mmeta_fini(&m->meta);
	free(m->bound);
	free(m->file);
	free(m);
}
