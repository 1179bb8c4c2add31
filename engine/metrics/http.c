// SPDX-License-Identifier: GPL-2.0
/*
 * The /metrics endpoint: libmicrohttpd in external-epoll mode, so requests
 * are served from the run loop's thread (bt_metrics_poll) and a scrape reads
 * the maps with nothing else running: no locks around the printers' state.
 * The listening socket is bound here first, so "address in use" is an error
 * before any BPF is loaded.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "metrics/metrics.h"

#define CT_TEXT "text/plain; version=0.0.4; charset=utf-8"
#define CT_OM "application/openmetrics-text; version=1.0.0; charset=utf-8"

struct bt_mhttp {
	struct MHD_Daemon *d;
	struct bt_metrics *m;
	struct bt_runtime *rt; /* set while bt_mhttp_run() runs */
};

/* "HOST:PORT", "[V6]:PORT", ":PORT" (all addresses) into host and port. */
static int split_addr(const char *addr, char *host, size_t hl, const char **port)
{
	const char *colon;
	size_t n;

	if (addr[0] == '[') {
		const char *end = strchr(addr, ']');

		if (!end || end[1] != ':')
			return -EINVAL;
		n = end - addr - 1;
		colon = end + 1;
		addr++;
	} else {
		colon = strrchr(addr, ':');
		if (!colon)
			return -EINVAL;
		n = colon - addr;
	}
	if (n >= hl || !colon[1] || strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return -EINVAL;
	memcpy(host, addr, n);
	host[n] = '\0';
	*port = colon + 1;
	return 0;
}

static char *bound_name(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	char host[NI_MAXHOST], serv[NI_MAXSERV], *s;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) ||
	    getnameinfo((struct sockaddr *)&ss, len, host, sizeof(host), serv, sizeof(serv),
			NI_NUMERICHOST | NI_NUMERICSERV))
		return strdup("?");
	if (asprintf(&s, ss.ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, serv) < 0)
		return NULL;
	return s;
}

int bt_mhttp_listen(const char *addr, struct bt_diag *d, int *fdp, char **bound)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
	struct addrinfo *res = NULL, *ai;
	char host[256];
	const char *port;
	int fd = -1, err, one = 1;

	if (split_addr(addr, host, sizeof(host), &port)) {
		bt_diag(d, BT_SEV_ERROR, NULL,
			"invalid address '%s' for --metrics (expected HOST:PORT, e.g. "
			"127.0.0.1:9435)",
			addr);
		return -EINVAL;
	}
	err = getaddrinfo(host[0] ? host : NULL, port, &hints, &res);
	if (err) {
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot resolve '%s' for --metrics: %s", addr,
			gai_strerror(err));
		return -EINVAL;
	}
	err = -EADDRNOTAVAIL;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
			    ai->ai_protocol);
		if (fd < 0) {
			err = -errno;
			continue;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (!bind(fd, ai->ai_addr, ai->ai_addrlen) && !listen(fd, 64))
			break;
		err = -errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot listen on '%s' for --metrics: %s", addr,
			strerror(-err));
		return err;
	}
	*bound = bound_name(fd);
	*fdp = fd;
	return 0;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned code, const char *type, char *body,
			     size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	if (!r) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **req)
{
	struct bt_mhttp *h = cls;
	const char *accept;
	char *text = NULL;
	size_t len = 0;
	bool om;

	(void)version;
	(void)upload_data;
	if (!*req) {
		/* first call: headers only; answer on the second */
		*req = h;
		return MHD_YES;
	}
	if (*upload_size)
		return MHD_NO;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
			     strdup("only GET and HEAD\n"), strlen("only GET and HEAD\n"));
	if (!strcmp(url, "/"))
		return reply(
			c, MHD_HTTP_OK, "text/html",
			strdup("<html><body><a href=\"/metrics\">/metrics</a></body></html>\n"),
			strlen("<html><body><a href=\"/metrics\">/metrics</a></body></html>\n"));
	if (strcmp(url, "/metrics"))
		return reply(c, MHD_HTTP_NOT_FOUND, "text/plain", strdup("not found\n"),
			     strlen("not found\n"));
	accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	om = accept && strstr(accept, "application/openmetrics-text");
	if (bt_metrics_render(h->m, h->rt, om, &text, &len))
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain",
			     strdup("cannot read the maps\n"), strlen("cannot read the maps\n"));
	return reply(c, MHD_HTTP_OK, om ? CT_OM : CT_TEXT, text, len);
}

int bt_mhttp_start(struct bt_metrics *m, int fd, struct bt_diag *d, struct bt_mhttp **out)
{
	struct bt_mhttp *h = calloc(1, sizeof(*h));

	if (!h) {
		close(fd);
		return -ENOMEM;
	}
	h->m = m;
	/* external epoll: bt_mhttp_run() from the run loop; a slow client cannot
	 * hold a connection for more than 10 s, at most 64 at once */
	h->d = MHD_start_daemon(MHD_USE_EPOLL | MHD_USE_SUPPRESS_DATE_NO_CLOCK, 0, NULL, NULL,
				on_request, h, MHD_OPTION_LISTEN_SOCKET, fd,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_END);
	if (!h->d) {
		bt_diag(d, BT_SEV_ERROR, NULL, "cannot start the metrics server");
		close(fd);
		free(h);
		return -EIO;
	}
	*out = h;
	return 0;
}

int bt_mhttp_fd(struct bt_mhttp *h)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_EPOLL_FD);

	return i ? i->epoll_fd : -1;
}

int bt_mhttp_timeout_ms(struct bt_mhttp *h)
{
	MHD_UNSIGNED_LONG_LONG t;

	if (MHD_get_timeout(h->d, &t) != MHD_YES)
		return -1;
	return t > 60000 ? 60000 : (int)t;
}

void bt_mhttp_run(struct bt_mhttp *h, struct bt_runtime *rt)
{
	h->rt = rt;
	MHD_run(h->d);
	h->rt = NULL;
}

void bt_mhttp_stop(struct bt_mhttp *h)
{
	if (!h)
		return;
	/* MHD closes the listening socket it was given */
	MHD_stop_daemon(h->d);
	free(h);
}
