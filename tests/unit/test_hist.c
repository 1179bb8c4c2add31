// SPDX-License-Identifier: GPL-2.0
/* hist()/lhist() bucket indexes and rendering against bpftrace 0.17's output. */
#include "unit.h"

#include "output_util.h"

static struct bt_prog prog;

static void hist_put(struct ou_ents *es, const struct bt_map *m, int64_t k, int64_t v)
{
	struct bt_map_entry *e = ou_find_int(es, m, k);
	const struct bt_type *t = m->value;

	if (t->agg == BT_AGG_HIST)
		e->buckets[bt_hist_index(v)]++;
	else
		e->buckets[bt_lhist_index(v, t->lhist_min, t->lhist_max, t->lhist_step)]++;
}

static void test_index(void)
{
	CHECK_INT(bt_hist_index(-5), 0);
	CHECK_INT(bt_hist_index(0), 1);
	CHECK_INT(bt_hist_index(1), 2);
	CHECK_INT(bt_hist_index(2), 3);
	CHECK_INT(bt_hist_index(3), 3);
	CHECK_INT(bt_hist_index(4), 4);
	CHECK_INT(bt_hist_index(1023), 11);
	CHECK_INT(bt_hist_index(1024), 12);
	CHECK_INT(bt_hist_index(INT64_MAX), 64);
	CHECK_INT(bt_lhist_index(-1, 0, 10, 1), 0);
	CHECK_INT(bt_lhist_index(0, 0, 10, 1), 1);
	CHECK_INT(bt_lhist_index(10, 0, 10, 1), 11);
	CHECK_INT(bt_lhist_index(9, 0, 10, 3), 4);
	CHECK_INT(bt_lhist_nbuckets(0, 10, 3), 5);
}

static void test_hist(void)
{
	struct bt_map *h = ou_map("@h", BT_MAP_HIST_HASH, NULL, ou_agg(BT_AGG_HIST, 0));
	struct bt_map *k = ou_map("@k", BT_MAP_HIST_HASH, ou_tuple(1, ou_int(1)),
				  ou_agg(BT_AGG_HIST, 0));
	static const int64_t hv[] = { 0, 1, 2, 3, 4, 1023, 1024, 1048576, -5, -1,
				      1073741824, 2147483648, 2147483648 };
	struct ou_ents eh = { .n = 0 }, ek = { .n = 0 };
	struct ou_cap c;

	for (size_t i = 0; i < sizeof(hv) / sizeof(hv[0]); i++)
		hist_put(&eh, h, 0, hv[i]);
	hist_put(&ek, k, 1, 5);
	hist_put(&ek, k, 2, 100);
	hist_put(&ek, k, 2, 100);
	hist_put(&ek, k, 2, 3);
	hist_put(&ek, k, 3, 3000000000);
	ou_open(&c, BT_FMT_TEXT, &prog);
	bt_out_attached(&c.o, 1);
	ou_exit_gap(&c);
	CHECK_INT(bt_out_entries(&c.o, h, eh.e, eh.n, 0, 0), 0);
	CHECK_INT(bt_out_entries(&c.o, k, ek.e, ek.n, 0, 0), 0);
	CHECK_STR(ou_close(&c), ou_golden("hist.txt"));
}

static void test_lhist(void)
{
	struct bt_map *l = ou_map("@l", BT_MAP_HIST_HASH, NULL, ou_lhist(0, 10, 1));
	struct bt_map *k = ou_map("@k", BT_MAP_HIST_HASH, NULL, ou_lhist(2048, 4096, 1024));
	struct bt_map *m = ou_map("@m", BT_MAP_HIST_HASH, NULL, ou_lhist(0, 4194304, 1048576));
	struct bt_map *n = ou_map("@n", BT_MAP_HIST_HASH, NULL, ou_lhist(0, 100, 10));
	struct bt_map *p = ou_map("@p", BT_MAP_HIST_HASH, NULL, ou_lhist(0, 10, 3));
	struct bt_map *q = ou_map("@q", BT_MAP_HIST_HASH, ou_tuple(2, ou_str(64), ou_int(1)),
				  ou_lhist(1024, 5120, 1024));
	struct ou_ents el = { .n = 0 }, ekk = { .n = 0 }, em = { .n = 0 }, en = { .n = 0 },
		       ep = { .n = 0 }, eq = { .n = 0 };
	struct bt_map_entry *e;
	struct ou_cap c;

	hist_put(&el, l, 0, -1);
	hist_put(&el, l, 0, 0);
	hist_put(&el, l, 0, 5);
	hist_put(&el, l, 0, 10);
	hist_put(&el, l, 0, 20);
	hist_put(&ekk, k, 0, 2048);
	hist_put(&ekk, k, 0, 3000);
	hist_put(&ekk, k, 0, 5000);
	hist_put(&ekk, k, 0, 100);
	hist_put(&em, m, 0, 3145728);
	hist_put(&en, n, 0, 5);
	hist_put(&en, n, 0, 55);
	hist_put(&ep, p, 0, 9);
	hist_put(&ep, p, 0, 10);
	hist_put(&ep, p, 0, 8);
	/* the string key first: made by hand */
	e = ou_add(&eq, q);
	ou_kstr(q, e, 0, "b");
	ou_kint(q, e, 1, 2);
	e->buckets[bt_lhist_index(9000, 1024, 5120, 1024)]++;
	e = ou_add(&eq, q);
	ou_kstr(q, e, 0, "a");
	ou_kint(q, e, 1, 1);
	e->buckets[bt_lhist_index(100, 1024, 5120, 1024)]++;
	e->buckets[bt_lhist_index(1024, 1024, 5120, 1024)]++;

	ou_open(&c, BT_FMT_TEXT, &prog);
	bt_out_attached(&c.o, 1);
	ou_exit_gap(&c);
	bt_out_entries(&c.o, k, ekk.e, ekk.n, 0, 0);
	bt_out_entries(&c.o, l, el.e, el.n, 0, 0);
	bt_out_entries(&c.o, m, em.e, em.n, 0, 0);
	bt_out_entries(&c.o, n, en.e, en.n, 0, 0);
	bt_out_entries(&c.o, p, ep.e, ep.n, 0, 0);
	bt_out_entries(&c.o, q, eq.e, eq.n, 0, 0);
	CHECK_STR(ou_close(&c), ou_golden("lhist.txt"));
}

int main(void)
{
	test_index();
	test_hist();
	test_lhist();
	ou_free_all();
	return unit_done("test_hist");
}
