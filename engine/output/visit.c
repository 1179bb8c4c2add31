// SPDX-License-Identifier: GPL-2.0
/*
 * A map's entries as typed values (include/bt/maps.h) for the run's map
 * visitor: the same entries, order, top and div that text.c would print.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "output/hist.h"
#include "output/print.h"

static void value_free(struct bt_value *v)
{
	for (size_t i = 0; i < v->nframes; i++)
		free((char *)v->frames[i].name);
	free((struct bt_frame *)v->frames);
	free((char *)v->str);
}

/* sb's text as a BT_VAL_TEXT value (sb is emptied). */
static int take_text(struct bt_strbuf *sb, int err, struct bt_value *v)
{
	v->kind = BT_VAL_TEXT;
	v->len = sb->len;
	v->str = err ? NULL : bt_sb_take(sb);
	bt_sb_free(sb);
	return err ?: v->str ? 0 : -ENOMEM;
}

static void set_int(const struct bt_type *t, const uint8_t *p, int64_t div, struct bt_value *v)
{
	uint32_t sz = t->size && t->size < 8 ? t->size : 8;
	uint64_t u = 0;

	memcpy(&u, p, sz);
	if (t->is_signed) {
		v->kind = BT_VAL_INT;
		v->i = ((int64_t)(u << (64 - 8 * sz)) >> (64 - 8 * sz)) / div;
	} else {
		v->kind = BT_VAL_UINT;
		v->u = u / (uint64_t)div;
	}
}

/* A key element or a plain (not aggregated) value; indent as bt_out_value(). */
static int typed(struct bt_out *o, const struct bt_type *t, const uint8_t *p, int64_t div,
		 int indent, struct bt_value *v)
{
	struct bt_strbuf sb = {0};
	struct bt_frame *f = NULL;
	int err;

	switch (t->kind) {
	case BT_T_INT:
		set_int(t, p, div, v);
		return 0;
	case BT_T_STR:
		v->kind = BT_VAL_STR;
		v->len = strnlen((const char *)p, t->size);
		v->str = strndup((const char *)p, v->len);
		return v->str ? 0 : -ENOMEM;
	case BT_T_KSTACK:
	case BT_T_USTACK:
		v->kind = BT_VAL_STACK;
		err = bt_out_stack_frames(o, t, p, &f, &v->nframes);
		v->frames = f;
		return err;
	default:
		return take_text(&sb, bt_out_value(o, t, p, false, indent, &sb), v);
	}
}

/* An aggregation's value, merged over CPUs as print.h describes e. */
static int agg_value(const struct bt_map *m, const struct bt_map_entry *e, int64_t div,
		     struct bt_value *v)
{
	const struct bt_type *t = m->value;
	struct bt_strbuf sb = {0};
	int64_t avg = e->agg[1] ? e->agg[0] / e->agg[1] : 0;

	v->kind = BT_VAL_INT;
	switch (t->agg) {
	case BT_AGG_COUNT:
		v->kind = BT_VAL_UINT;
		v->u = (uint64_t)e->agg[0] / (uint64_t)div;
		return 0;
	case BT_AGG_SUM:
		v->kind = t->is_signed ? BT_VAL_INT : BT_VAL_UINT;
		v->i = e->agg[0] / div;
		v->u = (uint64_t)e->agg[0] / (uint64_t)div;
		return 0;
	case BT_AGG_AVG:
		v->i = avg / div;
		return 0;
	case BT_AGG_STATS: /* never divided, as text.c prints it */
		return take_text(
			&sb,
			bt_sb_printf(&sb, "count %" PRId64 ", average %" PRId64 ", total %" PRId64,
				     e->agg[1], avg, e->agg[0]),
			v);
	case BT_AGG_HIST:
		return take_text(&sb, bt_hist_text(&sb, e->buckets, e->nbuckets, (uint64_t)div), v);
	case BT_AGG_LHIST:
		return take_text(&sb,
				 bt_lhist_text(&sb, e->buckets, e->nbuckets, t->lhist_min,
					       t->lhist_max, t->lhist_step),
				 v);
	default: /* min, max */
		v->i = e->agg[0] / div;
		return 0;
	}
}

static int entry_values(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e,
			int64_t div, struct bt_entry *out)
{
	const struct bt_type *k = m->key;
	size_t nk = k && e->key ? k->count : 0;
	struct bt_value *keys = nk ? calloc(nk, sizeof(*keys)) : NULL;
	int err = 0;

	if (nk && !keys)
		return -ENOMEM;
	out->keys = keys;
	out->nkeys = nk;
	for (size_t i = 0; i < nk && !err; i++)
		err = typed(o, k->elems[i], e->key + k->offs[i], 1, 4, &keys[i]);
	if (err)
		return err;
	if (m->value->kind == BT_T_AGG)
		return agg_value(m, e, div, &out->value);
	if (!e->val)
		return 0;
	return typed(o, m->value, e->val, div, 8, &out->value);
}

int bt_out_visit(struct bt_out *o, const struct bt_map *m, const struct bt_map_entry *e, size_t n,
		 int64_t top, int64_t div, bool at_exit)
{
	/* bpftrace honours top for every kind but stats() (text.c) */
	bool stats = m->value->kind == BT_T_AGG && m->value->agg == BT_AGG_STATS;
	size_t first = stats ? 0 : bt_out_first(n, top), ne = n - first;
	struct bt_entry *ents = calloc(ne + 1, sizeof(*ents));
	int err = ents ? 0 : -ENOMEM;

	if (div < 1)
		div = 1;
	for (size_t i = 0; i < ne && !err; i++)
		err = entry_values(o, m, &e[first + i], div, &ents[i]);
	if (!err) {
		struct bt_map_data data = {
			.name = m->name,
			.entries = ents,
			.nentries = ne,
			.at_exit = at_exit,
		};

		err = o->visit(&data, o->visit_ctx);
	}
	for (size_t i = 0; ents && i < ne; i++) {
		for (size_t j = 0; j < ents[i].nkeys; j++)
			value_free((struct bt_value *)&ents[i].keys[j]);
		free((struct bt_value *)ents[i].keys);
		value_free(&ents[i].value);
	}
	free(ents);
	return err;
}
