// SPDX-License-Identifier: GPL-2.0
/* The small records: time(), print(value), the attach banner, lost events, cut stacks. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "front/diag.h"
#include "output/print.h"

int bt_out_time(struct bt_out *o, const struct bt_fmt *f)
{
	char buf[512];
	time_t now = time(NULL);
	struct tm tm;
	size_t n = 0;

	/* The script's format goes to strftime as bpftrace does: strftime reads no
	 * arguments, so an odd format yields odd text, never a memory error. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (localtime_r(&now, &tm))
		n = strftime(buf, sizeof(buf), f->fmt ? f->fmt : "", &tm);
#pragma GCC diagnostic pop
	return bt_out_message(o, "time", buf, n);
}

int bt_out_print_value(struct bt_out *o, const struct bt_fmt *f, const void *payload, size_t len)
{
	const struct bt_type *t = f->args && f->args->count ? f->args->elems[0] : NULL;
	uint32_t off = f->args && f->args->count ? f->args->offs[0] : 0;
	bool json = o->fmt == BT_FMT_JSON;
	struct bt_strbuf sb = {0};
	int err = 0;

	if (!t || (size_t)off + t->size > len)
		return -EINVAL;
	if (json)
		err = bt_sb_puts(&sb, "{\"type\": \"value\", \"data\": ");
	err = err ?: bt_out_value(o, t, (const uint8_t *)payload + off, json, 8, &sb);
	err = err ?: bt_sb_puts(&sb, json ? "}\n" : "\n");
	err = err ?: bt_out_flush(o, &sb);
	bt_sb_free(&sb);
	return err;
}

void bt_out_attached(struct bt_out *o, size_t nprobes)
{
	if (o->fmt == BT_FMT_JSON)
		fprintf(o->f, "{\"type\": \"attached_probes\", \"data\": {\"probes\": %zu}}\n",
			nprobes);
	else
		fprintf(o->f, "Attaching %zu probe%s...\n", nprobes, nprobes == 1 ? "" : "s");
	fflush(o->f);
}

void bt_out_lost(struct bt_out *o, uint64_t lost)
{
	if (o->fmt == BT_FMT_JSON)
		fprintf(o->f, "{\"type\": \"lost_events\", \"data\": {\"events\": %" PRIu64 "}}\n",
			lost);
	else
		fprintf(o->f, "Lost %" PRIu64 " events\n", lost);
	fflush(o->f);
}

static const char *helper_name(int id)
{
	switch (id) {
	case 1:
		return "map_lookup_elem";
	case 2:
		return "map_update_elem";
	case 3:
		return "map_delete_elem";
	case 4:
		return "probe_read";
	case 45:
		return "probe_read_str";
	case 112:
		return "probe_read_user";
	case 113:
		return "probe_read_kernel";
	case 114:
		return "probe_read_user_str";
	case 115:
		return "probe_read_kernel_str";
	default:
		return "helper";
	}
}

void bt_out_helper_error(struct bt_out *o, const struct bt_hsite *s, int64_t ret)
{
	const char *name = helper_name(s->helper);
	const struct bt_loc *loc = s->loc.file ? &s->loc : NULL;

	if (o->fmt == BT_FMT_JSON) {
		fprintf(o->f,
			"{\"type\": \"helper_error\", \"helper\": \"%s\", \"retcode\": %" PRId64
			", \"line\": %d, \"col\": %d}\n",
			name, ret, s->loc.line, s->loc.col);
		fflush(o->f);
	} else if (!o->d) {
		return;
	} else if (s->helper == 1) { /* a missing key: no errno */
		bt_diag(o->d, BT_SEV_WARNING, loc, "Failed to %s: %" PRId64, name, ret);
	} else {
		bt_diag(o->d, BT_SEV_WARNING, loc, "Failed to %s: %s (%" PRId64 ")", name,
			strerror((int)-ret), ret);
	}
}

/* A larger stack id than the maps hold counts each time. */
void bt_out_stack_cut(struct bt_out *o, int32_t id)
{
	struct bt_out_run *r = o->run;

	if (!r)
		return;
	if (id >= 0 && id < BT_OUT_STACK_IDS) {
		uint64_t bit = UINT64_C(1) << (id % 64);
		if (r->cut_seen[id / 64] & bit)
			return;
		r->cut_seen[id / 64] |= bit;
	}
	r->ncut++;
}

uint64_t bt_out_stacks_cut(const struct bt_out *o)
{
	return o->run ? o->run->ncut : 0;
}
