// SPDX-License-Identifier: GPL-2.0
/* Map printing (order, keys, values, print() top/div, JSON) against bpftrace 0.17's output. */
#include "unit.h"

#include "output_util.h"

static char *probe_names[] = { (char *)"BEGIN" };
static struct bt_prog prog = { .probe_names = probe_names, .nprobe_names = 1 };

static void agg(struct ou_ents *es, const struct bt_map *m, int64_t k, int64_t a0, int64_t a1)
{
	struct bt_map_entry *e = ou_find_int(es, m, k);

	e->agg[0] = a0;
	e->agg[1] = a1;
}

static struct bt_map_entry *skey(struct ou_ents *es, const struct bt_map *m, const char *s,
				 int64_t i)
{
	struct bt_map_entry *e = ou_add(es, m);

	ou_kstr(m, e, 0, s);
	if (m->key->count > 1)
		ou_kint(m, e, 1, i);
	return e;
}

static void print(struct ou_cap *c, const struct bt_map *m, struct ou_ents *es, int64_t top,
		  int64_t div)
{
	CHECK_INT(bt_out_entries(&c->o, m, es->e, es->n, top, div), 0);
}

static void test_count(void)
{
	struct bt_map *c = ou_map("@c", BT_MAP_PERCPU_HASH, ou_tuple(2, ou_str(64), ou_int(1)),
				  ou_agg(BT_AGG_COUNT, 0));
	struct bt_map *m = ou_map("@m", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_MIN, 1));
	struct bt_map *mm = ou_map("@mm", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_int(1)),
				   ou_agg(BT_AGG_MIN, 1));
	struct bt_map *n = ou_map("@n", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_COUNT, 0));
	struct bt_map *s = ou_map("@s", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_int(1)),
				  ou_agg(BT_AGG_SUM, 1));
	struct bt_map *x = ou_map("@x", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_MAX, 1));
	struct bt_map *xx = ou_map("@xx", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_str(64)),
				   ou_agg(BT_AGG_MAX, 1));
	struct ou_ents ec = { .n = 0 }, em = { .n = 0 }, emm = { .n = 0 }, en = { .n = 0 },
		       es = { .n = 0 }, ex = { .n = 0 }, exx = { .n = 0 };
	struct ou_cap cap;

	/* inserted out of order: printing sorts by value */
	skey(&ec, c, "z", 3)->agg[0] = 3;
	skey(&ec, c, "x", 1)->agg[0] = 1;
	skey(&ec, c, "y", 2)->agg[0] = 2;
	agg(&em, m, 0, -3, 1);
	agg(&emm, mm, 5, 7, 1);
	agg(&emm, mm, 6, 2, 1);
	agg(&en, n, 0, 1, 0);
	agg(&es, s, 2, 30, 0);
	agg(&es, s, 1, -10, 0);
	agg(&es, s, 3, 5, 0);
	agg(&ex, x, 0, 5, 1);
	skey(&exx, xx, "a", 0)->agg[0] = 10;
	skey(&exx, xx, "b", 0)->agg[0] = 1;

	ou_open(&cap, BT_FMT_TEXT, &prog);
	bt_out_attached(&cap.o, 1);
	ou_exit_gap(&cap);
	print(&cap, c, &ec, 0, 0);
	print(&cap, m, &em, 0, 0);
	print(&cap, mm, &emm, 0, 0);
	print(&cap, n, &en, 0, 0);
	print(&cap, s, &es, 0, 0);
	print(&cap, x, &ex, 0, 0);
	print(&cap, xx, &exx, 0, 0);
	CHECK_STR(ou_close(&cap), ou_golden("count.txt"));
}

static void test_values(void)
{
	struct bt_type *s2 = ou_str(2), *s64 = ou_str(64);
	struct bt_map *i = ou_map("@i", BT_MAP_HASH, ou_tuple(1, ou_int(1)), ou_int(1));
	struct bt_map *s = ou_map("@s", BT_MAP_HASH, NULL, ou_str(4));
	struct bt_map *t = ou_map("@t", BT_MAP_HASH, NULL, ou_tuple(2, ou_int(1), s2));
	struct bt_map *tt = ou_map("@tt", BT_MAP_HASH, ou_tuple(2, ou_int(1), s64),
				   ou_tuple(3, ou_int(1), ou_str(3), ou_tuple(2, ou_int(1), s2)));
	struct bt_map *v = ou_map("@v", BT_MAP_HASH, ou_tuple(1, ou_int(1)), s2);
	struct bt_map *w = ou_map("@w", BT_MAP_HASH, ou_tuple(2, s64, ou_int(1)), s2);
	struct ou_ents ei = { .n = 0 }, es = { .n = 0 }, et = { .n = 0 }, ett = { .n = 0 },
		       ev = { .n = 0 }, ew = { .n = 0 };
	static const struct {
		const char *k;
		int64_t i;
		const char *v;
	} wv[] = { { "b", 2, "x" }, { "a", 3, "y" }, { "b", 1, "z" }, { "a", 1, "w" } };
	static const struct {
		int64_t k;
		const char *v;
	} vv[] = { { -1, "a" }, { 5, "b" }, { 3, "c" } };
	struct bt_map_entry *e;
	int64_t one = 1, two = 2;
	struct ou_cap cap;

	for (int64_t k = 7; k <= 9; k++) {
		int64_t val = k == 7 ? -5 : k == 8 ? 9 : 0;

		memcpy(ou_find_int(&ei, i, k)->val, &val, 8);
	}
	memcpy(ou_add(&es, s)->val, "str", 3);
	e = ou_add(&et, t);
	memcpy(e->val, &one, 8);
	memcpy(e->val + 8, "a", 1);
	e = ou_add(&ett, tt);
	ou_kint(tt, e, 0, 1);
	ou_kstr(tt, e, 1, "x");
	memcpy(e->val, &one, 8);
	memcpy(e->val + tt->value->offs[1], "ab", 2);
	memcpy(e->val + tt->value->offs[2], &two, 8);
	memcpy(e->val + tt->value->offs[2] + 8, "c", 1);
	for (size_t j = 0; j < 3; j++)
		memcpy(ou_find_int(&ev, v, vv[j].k)->val, vv[j].v, 1);
	for (size_t j = 0; j < 4; j++)
		memcpy(skey(&ew, w, wv[j].k, wv[j].i)->val, wv[j].v, 1);

	ou_open(&cap, BT_FMT_TEXT, &prog);
	bt_out_attached(&cap.o, 1);
	ou_exit_gap(&cap);
	print(&cap, i, &ei, 0, 0);
	print(&cap, s, &es, 0, 0);
	print(&cap, t, &et, 0, 0);
	print(&cap, tt, &ett, 0, 0);
	print(&cap, v, &ev, 0, 0);
	print(&cap, w, &ew, 0, 0);
	CHECK_STR(ou_close(&cap), ou_golden("values.txt"));
}

static void test_stats(void)
{
	struct bt_map *a = ou_map("@a", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_AVG, 1));
	struct bt_map *b = ou_map("@b", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_int(1)),
				  ou_agg(BT_AGG_AVG, 1));
	struct bt_map *c = ou_map("@c", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_int(1)),
				  ou_agg(BT_AGG_STATS, 1));
	struct bt_map *s = ou_map("@s", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_STATS, 1));
	struct ou_ents ea = { .n = 0 }, eb = { .n = 0 }, ec = { .n = 0 }, es = { .n = 0 };
	struct ou_cap cap;

	agg(&ea, a, 0, -5, 2);
	agg(&eb, b, 3, 10, 1);
	agg(&eb, b, 1, 5, 1);
	agg(&eb, b, 2, -3, 1);
	agg(&ec, c, 3, 151, 2);
	agg(&ec, c, 1, 5, 1);
	agg(&ec, c, 2, -3, 1);
	agg(&es, s, 0, -5, 2);
	ou_open(&cap, BT_FMT_TEXT, &prog);
	bt_out_attached(&cap.o, 1);
	ou_exit_gap(&cap);
	print(&cap, a, &ea, 0, 0);
	print(&cap, b, &eb, 0, 0);
	print(&cap, c, &ec, 0, 0);
	print(&cap, s, &es, 0, 0);
	CHECK_STR(ou_close(&cap), ou_golden("stats.txt"));
}

/* print(@m, top, div) of each kind, then the exit dump of the cleared maps. */
static void test_print(void)
{
	struct bt_type *ik = ou_tuple(1, ou_int(1));
	struct bt_map *c = ou_map("@c", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_COUNT, 0));
	struct bt_map *s = ou_map("@s", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_str(64)),
				  ou_agg(BT_AGG_SUM, 1));
	struct bt_map *h = ou_map("@h", BT_MAP_HIST_HASH, ik, ou_agg(BT_AGG_HIST, 0));
	struct bt_map *a = ou_map("@a", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_AVG, 1));
	struct bt_map *st = ou_map("@st", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_STATS, 1));
	struct ou_ents ec = { .n = 0 }, es = { .n = 0 }, eh = { .n = 0 }, ea = { .n = 0 },
		       est = { .n = 0 }, none = { .n = 0 };
	struct ou_cap cap;

	agg(&ec, c, 3, 3, 0);
	agg(&ec, c, 1, 1, 0);
	agg(&ec, c, 2, 2, 0);
	skey(&es, s, "b", 0)->agg[0] = 30;
	skey(&es, s, "a", 0)->agg[0] = 10;
	skey(&es, s, "c", 0)->agg[0] = 20;
	ou_find_int(&eh, h, 1)->buckets[bt_hist_index(3)]++;
	ou_find_int(&eh, h, 2)->buckets[bt_hist_index(3)]++;
	ou_find_int(&eh, h, 2)->buckets[bt_hist_index(300)] += 2;
	agg(&ea, a, 1, 10, 1);
	agg(&ea, a, 2, 20, 1);
	agg(&est, st, 2, 20, 1);
	agg(&est, st, 1, 10, 1);

	ou_open(&cap, BT_FMT_TEXT, &prog);
	bt_out_attached(&cap.o, 1);
	print(&cap, c, &ec, 2, 0);
	print(&cap, s, &es, 0, 10);
	print(&cap, s, &es, 1, 10);
	print(&cap, h, &eh, 1, 2);
	print(&cap, a, &ea, 1, 3);
	print(&cap, st, &est, 1, 3);
	ou_exit_gap(&cap);
	print(&cap, a, &none, 0, 0);
	print(&cap, c, &none, 0, 0);
	print(&cap, h, &none, 0, 0);
	print(&cap, s, &none, 0, 0);
	print(&cap, st, &none, 0, 0);
	CHECK_STR(ou_close(&cap), ou_golden("print.txt"));
}

static void test_json(void)
{
	struct bt_type *ik = ou_tuple(1, ou_int(1));
	struct bt_map *l = ou_map("@l", BT_MAP_HIST_HASH, NULL, ou_lhist(0, 10, 3));
	struct bt_map *c = ou_map("@c", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_COUNT, 0));
	struct bt_map *s = ou_map("@s", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_str(64)),
				  ou_agg(BT_AGG_SUM, 1));
	struct bt_map *h = ou_map("@h", BT_MAP_HIST_HASH, ik, ou_agg(BT_AGG_HIST, 0));
	struct bt_map *g = ou_map("@g", BT_MAP_HIST_HASH, NULL, ou_agg(BT_AGG_HIST, 0));
	struct bt_map *a = ou_map("@a", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_AVG, 1));
	struct bt_map *st = ou_map("@st", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_STATS, 1));
	struct bt_map *z = ou_map("@z", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_STATS, 1));
	struct bt_map *t = ou_map("@t", BT_MAP_HASH, ou_tuple(2, ou_int(1), ou_str(2)),
				  ou_tuple(2, ou_int(1), ou_str(5)));
	struct bt_map *m = ou_map("@m", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_MIN, 1));
	struct bt_map *x = ou_map("@x", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_MAX, 1));
	struct bt_map *str = ou_map("@str", BT_MAP_HASH, NULL, ou_str(4));
	struct bt_map *e = ou_map("@e", BT_MAP_PERCPU_HASH, ik, ou_agg(BT_AGG_COUNT, 0));
	struct bt_map *p = ou_map("@p", BT_MAP_HASH, ou_tuple(1, ou_kind(BT_T_PROBE, 8)),
				  ou_int(1));
	struct ou_ents el = { .n = 0 }, ec = { .n = 0 }, es = { .n = 0 }, eh = { .n = 0 },
		       eg = { .n = 0 }, ea = { .n = 0 }, est = { .n = 0 }, ez = { .n = 0 },
		       et = { .n = 0 }, em = { .n = 0 }, ex = { .n = 0 }, estr = { .n = 0 },
		       ee = { .n = 0 }, ep = { .n = 0 };
	struct bt_fmt pf = { .fmt = (char *)"a\"b\n" };
	struct bt_map_entry *en;
	int64_t one = 1;
	struct ou_cap cap;

	el.n = 0;
	ou_find_int(&el, l, 0)->buckets[0] = 1;
	ou_find_int(&el, l, 0)->buckets[3] = 1;
	ou_find_int(&el, l, 0)->buckets[4] = 1;
	agg(&ec, c, 1, 1, 0);
	agg(&ec, c, 2, 2, 0);
	skey(&es, s, "b", 0)->agg[0] = 30;
	skey(&es, s, "a", 0)->agg[0] = 10;
	ou_find_int(&eh, h, 1)->buckets[bt_hist_index(3)]++;
	ou_find_int(&eh, h, 2)->buckets[bt_hist_index(-3)]++;
	ou_find_int(&eh, h, 2)->buckets[bt_hist_index(0)]++;
	ou_find_int(&eh, h, 2)->buckets[bt_hist_index(1)]++;
	ou_find_int(&eg, g, 0)->buckets[bt_hist_index(300)]++;
	agg(&ea, a, 2, 20, 1);
	agg(&ea, a, 1, 10, 1);
	agg(&est, st, 1, 10, 1);
	agg(&est, st, 2, 20, 1);
	agg(&ez, z, 0, 3, 1);
	en = ou_add(&et, t);
	ou_kint(t, en, 0, 1);
	ou_kstr(t, en, 1, "x");
	memcpy(en->val, &one, 8);
	memcpy(en->val + 8, "a\"b\n", 4);
	agg(&em, m, 0, -4, 1);
	agg(&ex, x, 0, 4, 1);
	memcpy(ou_add(&estr, str)->val, "q\tr", 3);
	en = ou_add(&ep, p);
	memcpy(en->val, &one, 8);

	ou_open(&cap, BT_FMT_JSON, &prog);
	bt_out_attached(&cap.o, 1);
	print(&cap, c, &ec, 1, 0);
	print(&cap, s, &es, 0, 10);
	print(&cap, h, &eh, 1, 2);
	CHECK_INT(bt_out_printf(&cap.o, &pf, NULL, 0), 0);
	free(pf.compiled);
	ou_exit_gap(&cap);
	print(&cap, a, &ea, 0, 0);
	print(&cap, c, &ec, 0, 0);
	print(&cap, e, &ee, 0, 0);
	print(&cap, g, &eg, 0, 0);
	print(&cap, h, &eh, 0, 0);
	print(&cap, l, &el, 0, 0);
	print(&cap, m, &em, 0, 0);
	print(&cap, p, &ep, 0, 0);
	print(&cap, s, &es, 0, 0);
	print(&cap, st, &est, 0, 0);
	print(&cap, str, &estr, 0, 0);
	print(&cap, t, &et, 0, 0);
	print(&cap, x, &ex, 0, 0);
	print(&cap, z, &ez, 0, 0);
	CHECK_STR(ou_close(&cap), ou_golden("json.txt"));
}

static void test_type_str(void)
{
	char buf[64];
	struct bt_type *u8 = ou_int(0);

	u8->size = 1;
	CHECK_STR(bt_type_str(ou_int(1), buf, sizeof(buf)), "int64");
	CHECK_STR(bt_type_str(u8, buf, sizeof(buf)), "uint8");
	CHECK_STR(bt_type_str(ou_str(16), buf, sizeof(buf)), "string[16]");
	CHECK_STR(bt_type_str(ou_tuple(2, ou_int(1), ou_str(8)), buf, sizeof(buf)),
		  "(int64,string[8])");
	CHECK_STR(bt_type_str(ou_kind(BT_T_KSTACK, 8), buf, sizeof(buf)), "kstack");
}

int main(void)
{
	test_count();
	test_values();
	test_stats();
	test_print();
	test_json();
	test_type_str();
	ou_free_all();
	return unit_done("test_output");
}
