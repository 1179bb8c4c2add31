// SPDX-License-Identifier: GPL-2.0
/*
 * The run loop: BEGIN, release the -c child, poll the ring buffer until
 * exit(), a signal or the child's exit, then END, the map dump, detach.
 * Records are dispatched to the printers (engine/output/).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "runtime/lossrep.h"
#include "metrics/metrics.h"
#include "runtime/runtime.h"
#include "runtime/stats.h"
#include "settings.h"

#define POLL_MS 100
/*
 * A poll that found this many records means a busy stream: the reader then
 * sleeps BUSY_NAP_US before the next one, so that it takes the next records
 * as one batch instead of waking for every few (each wake-up is a context
 * switch here and an interrupt-work wake-up for the writing CPU). 1 ms of a
 * stream fast enough to fill batches is far less than the ring buffer holds
 * (~500k printf records in 32 MiB); a slow stream is read at once.
 */
#define BUSY_BATCH 64
#define BUSY_NAP_US 1000

/* set by SIGINT/SIGTERM/SIGHUP; the loop does the work */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	(void)sig;
	got_signal = 1;
}

/* set by SIGUSR1: print every map now and keep tracing, as bpftrace does */
static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void set_signals(void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: the poll must return EINTR */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = fn == on_signal ? on_usr1 : fn;
	sigaction(SIGUSR1, &sa, NULL);
}

void bt_rt_catch_signals(void)
{
	got_signal = 0;
	got_usr1 = 0;
	set_signals(on_signal);
}

/* Formats a SYSTEM/CAT record's printf into a malloc'd string. */
static char *format_record(struct bt_runtime *rt, const struct bt_fmt *f, const void *payload,
			   size_t len)
{
	struct bt_out o = rt->out;
	char *s = NULL;
	size_t n = 0;

	o.fmt = BT_FMT_TEXT;
	o.f = open_memstream(&s, &n);
	if (!o.f)
		return NULL;
	bt_out_printf(&o, f, payload, len);
	fclose(o.f);
	return s;
}

/* Reads f to its end and prints it as one message of type (cat, syscall). */
/* max: bytes kept at most (cat: BPFTRACE_CAT_BYTES_MAX), 0: all */
static void read_message(struct bt_runtime *rt, FILE *f, const char *type, uint64_t max)
{
	char buf[4096], *s = NULL;
	size_t n, len = 0;
	uint64_t left = max ? max : UINT64_MAX;
	FILE *m = f ? open_memstream(&s, &len) : NULL;

	if (!m)
		return;
	while (left && (n = fread(buf, 1, left < sizeof(buf) ? left : sizeof(buf), f)) > 0) {
		fwrite(buf, 1, n, m);
		left -= n;
	}
	fclose(m);
	bt_out_message(&rt->out, type, s ? s : "", len);
	free(s);
}

static void run_system(struct bt_runtime *rt, const char *cmd)
{
	pid_t p;
	int st;

	if (!rt->o.unsafe) {
		bt_diag(rt->d, BT_SEV_ERROR, NULL, "system() needs --unsafe");
		return;
	}
	fflush(rt->out.f);
	if (rt->out.fmt == BT_FMT_JSON) {
		/* bpftrace: {"type": "syscall", "data": "<the command's output>"} */
		FILE *pf = popen(cmd, "re");
		read_message(rt, pf, "syscall", 0);
		if (pf)
			pclose(pf);
		return;
	}
	p = fork();
	if (p < 0)
		return;
	if (p == 0) {
		/* the command's output goes where printf's goes (-o FILE too) */
		if (fileno(rt->out.f) != STDOUT_FILENO)
			dup2(fileno(rt->out.f), STDOUT_FILENO);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	while (waitpid(p, &st, 0) < 0 && errno == EINTR)
		;
}

/* cat(): the first BPFTRACE_CAT_BYTES_MAX bytes (10240) of the file; a file that
 * cannot be read is an error and, as bpftrace, an empty message (-f json:
 * {"type": "cat", "data": ""}) */
static void cat_file(struct bt_runtime *rt, const char *path)
{
	FILE *f = fopen(path, "re");

	if (!f) {
		bt_diag(rt->d, BT_SEV_ERROR, NULL, "cat: cannot open '%s': %s", path,
			strerror(errno));
		bt_out_message(&rt->out, "cat", "", 0);
		return;
	}
	read_message(rt, f, "cat", bt_settings()->cat_bytes_max);
	if (ferror(f))
		bt_diag(rt->d, BT_SEV_ERROR, NULL, "cat: cannot read '%s': %s", path,
			strerror(errno));
	fclose(f);
}

static void json_str(FILE *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
}

/* join(): NUL-padded strings of equal size, ended by the first empty one */
static void join(struct bt_runtime *rt, const struct bt_fmt *f, const char *p, size_t len)
{
	const struct bt_type *a = f->args;
	size_t each = 0, off;
	bool json = rt->out.fmt == BT_FMT_JSON;
	FILE *out = rt->out.f;

	if (a && a->kind == BT_T_ARRAY && a->elem)
		each = a->elem->size;
	else if (a && a->kind == BT_T_TUPLE && a->count && a->elems[0]->kind == BT_T_ARRAY)
		each = a->elems[0]->elem ? a->elems[0]->elem->size : 0;
	if (!each)
		return;
	if (json)
		fputs("{\"type\": \"join\", \"data\": \"", out);
	for (off = 0; off + each <= len && p[off]; off += each) {
		char *s = strndup(p + off, each);

		if (!s)
			break;
		if (off) {
			if (json)
				json_str(out, f->fmt);
			else
				fputs(f->fmt, out);
		}
		if (json)
			json_str(out, s);
		else
			fputs(s, out);
		free(s);
	}
	fputs(json ? "\"}\n" : "\n", out);
}

/*
 * Probes do nothing once tracing ends (exit(), a signal, the -c command's
 * exit), as bpftrace detaches them before END and the map dump: sets
 * BT_STOPPED, the first u64 of the object's .bss (codegen/cg_util.c), which
 * every probe but BEGIN and END checks first. exit() sets it in BPF too.
 */
static void stop_probes(struct bt_runtime *rt)
{
	struct bpf_map *m = rt->obj ? bpf_object__find_map_by_name(rt->obj, ".bss") : NULL;
	uint32_t key = 0, size = m ? bpf_map__value_size(m) : 0;
	uint64_t v[8] = {0};

	if (rt->stopped || size < sizeof(v[0]) || size > sizeof(v))
		return;
	rt->stopped = true;
	if (bpf_map_lookup_elem(bpf_map__fd(m), &key, v))
		return;
	v[0] = 1;
	bpf_map_update_elem(bpf_map__fd(m), &key, v, BPF_ANY);
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct bt_runtime *rt = ctx;
	const struct bt_prog *prog = rt->prog;
	const struct bt_rec_hdr *h = data;
	const char *payload = (const char *)data + sizeof(*h);
	size_t len = size - sizeof(*h);
	const int64_t *v = (const void *)payload;
	bool is_fmt, is_map;
	char *s;

	if (size >= sizeof(*h) && h->kind == BT_REC_WATCH) { /* even after exit(): resumes */
		bt_rt_watch(rt, h->id, payload, size - sizeof(*h));
		return 0;
	}
	/* bpftrace drops what follows exit() in the same batch */
	if (size < sizeof(*h) || rt->exiting)
		return 0;
	is_fmt = h->id < prog->nfmts;
	is_map = h->id < prog->nmaps;
	switch (h->kind) {
	case BT_REC_PRINTF:
		if (is_fmt)
			bt_out_printf(&rt->out, &prog->fmts[h->id], payload, len);
		break;
	case BT_REC_TIME:
		if (is_fmt)
			bt_out_time(&rt->out, &prog->fmts[h->id]);
		break;
	case BT_REC_EXIT:
		rt->exiting = true;
		rt->stop = true;
		stop_probes(rt);
		break;
	case BT_REC_PRINT_MAP:
		if (is_map && len >= 2 * sizeof(*v))
			bt_out_map(&rt->out, &prog->maps[h->id], v[0], v[1]);
		break;
	case BT_REC_CLEAR:
		if (is_map)
			bt_map_clear(&prog->maps[h->id]);
		break;
	case BT_REC_ZERO:
		if (is_map)
			bt_map_zero(&prog->maps[h->id]);
		break;
	case BT_REC_PRINT_VAL:
		if (is_fmt)
			bt_out_print_value(&rt->out, &prog->fmts[h->id], payload, len);
		break;
	case BT_REC_SYSTEM:
	case BT_REC_CAT:
		if (!is_fmt)
			break;
		s = format_record(rt, &prog->fmts[h->id], payload, len);
		if (!s)
			break;
		if (h->kind == BT_REC_SYSTEM)
			run_system(rt, s);
		else
			cat_file(rt, s);
		free(s);
		break;
	case BT_REC_JOIN:
		if (is_fmt)
			join(rt, &prog->fmts[h->id], payload, len);
		break;
	case BT_REC_HELPER_ERR:
		if (h->id < prog->nhsites && len >= 8)
			bt_out_helper_error(&rt->out, &prog->hsites[h->id], v[0]);
		break;
	default:
		break;
	}
	return 0;
}

/* Runs every BEGIN (or END) program once. */
static int run_special(struct bt_runtime *rt, const char *which)
{
	const struct bt_prog *prog = rt->prog;
	size_t i;
	int err;

	for (i = 0; i < prog->nprobes; i++) {
		const struct bt_probe *p = &prog->probes[i];

		if (!p->ntargets || strcmp(p->targets[0].provider, which))
			continue;
		err = bt_special_run(rt->progs[i]);
		if (err) {
			bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot run %s: %s", which,
				strerror(-err));
			return err;
		}
	}
	return 0;
}

static void drain(struct bt_runtime *rt)
{
	if (rt->rb)
		ring_buffer__consume(rt->rb);
	fflush(rt->out.f);
}

/*
 * Records the BPF side could not write because the ring buffer was full
 * (BT_LOST, per CPU): reported as bpftrace reports lost events, when they
 * happen, as "Lost N events" with the number since the last report.
 */
static void report_lost(struct bt_runtime *rt)
{
	uint64_t sum = bt_limit_sum(rt, BT_LIMIT_LOST);

	if (sum > rt->lost) {
		bt_out_lost(&rt->out, sum - rt->lost);
		rt->lost = sum;
	}
}

static void check_child(struct bt_runtime *rt)
{
	int st;
	pid_t p;

	/* -p PID: the run ends when the process does, as bpftrace's */
	if (rt->o.pid > 0 && kill(rt->o.pid, 0) < 0 && errno == ESRCH)
		rt->stop = true;
	if (!rt->child)
		return;
	p = waitpid(rt->child, &st, WNOHANG);
	if (p == rt->child || (p < 0 && errno == ECHILD)) {
		rt->child = 0;
		rt->stop = true;
	}
}

static int poll_loop(struct bt_runtime *rt)
{
	int n;

	while (!rt->stop && !got_signal) {
		if (rt->rb || rt->o.metrics) {
			/* metrics mode: records, HTTP scrapes and file writes, one thread */
			n = rt->o.metrics ? bt_metrics_poll(rt->o.metrics, rt, POLL_MS)
					  : ring_buffer__poll(rt->rb, POLL_MS);
			if (n < 0 && n != -EINTR) {
				bt_diag(rt->d, BT_SEV_ERROR, NULL,
					"cannot read the ring buffer: %s", strerror(-n));
				return n;
			}
			if (n >= BUSY_BATCH && !rt->o.metrics)
				usleep(BUSY_NAP_US);
		} else {
			usleep(POLL_MS * 1000);
		}
		fflush(rt->out.f);
		report_lost(rt);
		check_child(rt);
		if (got_usr1) {
			got_usr1 = 0;
			if (!rt->o.metrics) /* metrics mode serves the maps instead */
				bt_out_all_maps(&rt->out);
			fflush(rt->out.f);
		}
	}
	return 0;
}

int bt_rt_begin(struct bt_runtime *rt)
{
	struct bpf_map *map;
	int err;

	if (rt->begun)
		return 0;
	rt->begun = true;
	/* BPF run-time stats from before BEGIN, as long as the run lasts */
	rt->stats_fd = rt->o.stats ? bt_stats_enable(rt) : -1;
	map = bpf_object__find_map_by_name(rt->obj, "BT_RINGBUF");
	if (map) {
		rt->rb = ring_buffer__new(bpf_map__fd(map), on_record, rt, NULL);
		if (!rt->rb) {
			err = -errno;
			bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot open the ring buffer: %s",
				strerror(-err));
			return err;
		}
	}
	err = run_special(rt, "BEGIN");
	drain(rt);
	return err;
}

int bt_rt_run(struct bt_runtime *rt)
{
	int err, status = 0;

	set_signals(on_signal); /* got_signal may be set already: bt_rt_catch_signals */
	if (rt->o.metrics)
		signal(SIGHUP, SIG_IGN); /* an exporter keeps serving when its terminal goes */
	if (bt_rt_begin(rt)) {
		status = 1;
		goto out;
	}
	if (rt->child && !rt->stop) {
		err = bt_child_release(rt->child);
		if (err) {
			bt_diag(rt->d, BT_SEV_ERROR, NULL, "cannot run '%s': %s",
				rt->o.cmd ? rt->o.cmd : "the -c command", strerror(-err));
			status = 1;
			goto out;
		}
	}
	if (rt->o.metrics && bt_metrics_start(rt->o.metrics, rt)) {
		status = 1;
		goto out;
	}
	if (poll_loop(rt))
		status = 1;
	stop_probes(rt);
	drain(rt);
	if (rt->failed)
		status = 1;

	rt->exiting = false;
	if (run_special(rt, "END"))
		status = 1;
	drain(rt);
	report_lost(rt);
	if (rt->o.metrics) {
		/* the maps were served, not printed: the file gets its last write */
		bt_metrics_stop(rt->o.metrics, rt);
		bt_limits_report(rt);
		goto out;
	}
	/* bpftrace writes two newlines to stdout (even with -o FILE, -q, -f json)
	 * before the map dump */
	fputs("\n\n", stdout);
	fflush(stdout);
	bt_out_all_maps(&rt->out);
	fflush(rt->out.f);
	bt_limits_report(rt); /* after the dump: its stacks are counted there */
	if (rt->o.stats)
		bt_stats_print(rt, stderr);
out:
	if (rt->stats_fd >= 0)
		close(rt->stats_fd);
	rt->stats_fd = -1;
	set_signals(SIG_DFL);
	return status;
}

void bt_rt_free(struct bt_runtime *rt)
{
	if (!rt)
		return;
	bt_rt_watch_end(rt);
	int handed = rt->links.n ? bt_rt_hand_off_perf_events() : -1;
	bt_links_destroy(&rt->links);
	if (handed >= 0)
		close(handed);
	ring_buffer__free(rt->rb);
	if (rt->begun && rt->stats_fd >= 0)
		close(rt->stats_fd);
	bpf_object__close(rt->obj);
	if (rt->child)
		bt_child_kill(rt->child);
	free(rt->progs);
	bt_sb_free(&rt->out_run.line);
	bt_rt_load_log_free(rt);
	free(rt);
}
