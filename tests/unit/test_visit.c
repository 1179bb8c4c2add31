// SPDX-License-Identifier: GPL-2.0
/* engine/output/visit.c: a map's entries as bt/maps.h typed values, as print would show them. */
#include <errno.h>

#include "unit.h"

#include "output_util.h"

static char *probe_names[] = { (char *)"BEGIN" };
static struct bt_prog prog = { .probe_names = probe_names, .nprobe_names = 1 };

/* what the visitor saw, one line per entry: "name|at_exit" then "K,K=V" with kind letters */
static char seen[4096];
static int verdict;

static void put_value(FILE *f, const struct bt_value *v)
{
	switch (v->kind) {
	case BT_VAL_INT:
		fprintf(f, "i%lld", (long long)v->i);
		break;
	case BT_VAL_UINT:
		fprintf(f, "u%llu", (unsigned long long)v->u);
		break;
	case BT_VAL_STR:
		fprintf(f, "s'%s'%zu", v->str, v->len);
		break;
	case BT_VAL_STACK:
		fprintf(f, "k%zu", v->nframes);
		break;
	case BT_VAL_TEXT:
		fprintf(f, "t'%s'", v->str);
		break;
	}
}

static int visit(const struct bt_map_data *m, void *ctx)
{
	FILE *f = fmemopen(seen, sizeof(seen), "w");

	CHECK(ctx == &verdict);
	fprintf(f, "%s|%d\n", m->name, m->at_exit);
	for (size_t i = 0; i < m->nentries; i++) {
		const struct bt_entry *e = &m->entries[i];

		for (size_t k = 0; k < e->nkeys; k++) {
			put_value(f, &e->keys[k]);
			fputc(k + 1 < e->nkeys ? ',' : '=', f);
		}
		put_value(f, &e->value);
		fputc('\n', f);
	}
	fclose(f);
	return verdict;
}

static int run(struct bt_map *m, struct ou_ents *es, int64_t top, int64_t div, bool at_exit)
{
	struct ou_cap cap;
	int ret;

	ou_open(&cap, BT_FMT_TEXT, &prog);
	cap.o.visit = visit;
	cap.o.visit_ctx = &verdict;
	bt_out_sort(m, es->e, es->n);
	ret = bt_out_visit(&cap.o, m, es->e, es->n, top, div, at_exit);
	CHECK_STR(ou_close(&cap), ""); /* the visitor prints, bt does not */
	return ret;
}

static void test_count(void)
{
	struct bt_map *c = ou_map("@c", BT_MAP_PERCPU_HASH, ou_tuple(2, ou_str(16), ou_int(1)),
				  ou_agg(BT_AGG_COUNT, 0));
	struct ou_ents es = { .n = 0 };
	struct bt_map_entry *e;

	for (int i = 0; i < 3; i++) {
		e = ou_add(&es, c);
		ou_kstr(c, e, 0, i == 1 ? "bash" : "dd");
		ou_kint(c, e, 1, -i);
		e->agg[0] = 10 * (3 - i) + 1;
	}
	verdict = BT_MAP_TAKEN;
	/* sorted by count, print(@c, 2, 10): the last two, counts divided */
	CHECK_INT(run(c, &es, 2, 10, false), BT_MAP_TAKEN);
	CHECK_STR(seen, "@c|0\ns'bash'4,i-1=u2\ns'dd'2,i0=u3\n");
	verdict = BT_MAP_PRINT;
	CHECK_INT(run(c, &es, 0, 0, true), BT_MAP_PRINT);
	CHECK_STR(seen, "@c|1\ns'dd'2,i-2=u11\ns'bash'4,i-1=u21\ns'dd'2,i0=u31\n");
}

static void test_aggs(void)
{
	struct bt_map *s = ou_map("@s", BT_MAP_PERCPU_HASH, ou_tuple(1, ou_int(0)),
				  ou_agg(BT_AGG_SUM, 1));
	struct bt_map *a = ou_map("@a", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_AVG, 1));
	struct bt_map *st = ou_map("@st", BT_MAP_PERCPU_HASH, NULL, ou_agg(BT_AGG_STATS, 1));
	struct bt_map *h = ou_map("@h", BT_MAP_HIST_HASH, NULL, ou_agg(BT_AGG_HIST, 0));
	struct ou_ents es = { .n = 0 }, ea = { .n = 0 }, est = { .n = 0 }, eh = { .n = 0 };
	struct bt_map_entry *e;

	verdict = BT_MAP_TAKEN;
	e = ou_add(&es, s);
	ou_kint(s, e, 0, 18446744073709551615ull); /* an unsigned key */
	e->agg[0] = -7;
	CHECK_INT(run(s, &es, 0, 0, true), BT_MAP_TAKEN);
	CHECK_STR(seen, "@s|1\nu18446744073709551615=i-7\n");

	ou_add(&ea, a)->agg[0] = 100, ea.e[0].agg[1] = 3;
	CHECK_INT(run(a, &ea, 0, 2, true), BT_MAP_TAKEN);
	CHECK_STR(seen, "@a|1\ni16\n"); /* 100 / 3 / 2 */

	/* stats: never divided, as printed */
	ou_add(&est, st)->agg[0] = 100, est.e[0].agg[1] = 3;
	CHECK_INT(run(st, &est, 0, 2, true), BT_MAP_TAKEN);
	CHECK_STR(seen, "@st|1\nt'count 3, average 33, total 100'\n");

	e = ou_add(&eh, h);
	e->buckets[2] = 4; /* [1] */
	e->buckets[3] = 2; /* [2, 4) */
	CHECK_INT(run(h, &eh, 0, 0, true), BT_MAP_TAKEN);
	CHECK(strstr(seen, "@h|1\nt'[1]") == seen);
	CHECK(strstr(seen, "[2, 4)") != NULL);
}

/* plain values: strings, ints by size and sign; an empty map is visited too */
static void test_values(void)
{
	struct bt_type *i4 = ou_int(1);
	struct bt_map *v, *n;
	struct ou_ents ev = { .n = 0 }, en = { .n = 0 };
	struct bt_map_entry *e;
	int32_t neg = -5;

	i4->size = 4;
	v = ou_map("@v", BT_MAP_HASH, ou_tuple(1, i4), ou_str(8));
	e = ou_add(&ev, v);
	memcpy(e->key, &neg, sizeof(neg));
	memcpy(e->val, "abc", 3);
	n = ou_map("@n", BT_MAP_HASH, ou_tuple(1, ou_int(1)), ou_int(1));
	verdict = BT_MAP_TAKEN;
	CHECK_INT(run(v, &ev, 0, 0, false), BT_MAP_TAKEN);
	CHECK_STR(seen, "@v|0\ni-5=s'abc'3\n");
	CHECK_INT(run(n, &en, 0, 0, true), BT_MAP_TAKEN);
	CHECK_STR(seen, "@n|1\n");
	verdict = -EIO;
	CHECK_INT(run(n, &en, 0, 0, true), -EIO);
}

int main(void)
{
	test_count();
	test_aggs();
	test_values();
	ou_free_all();
	return unit_done("test_visit");
}
