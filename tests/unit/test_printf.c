// SPDX-License-Identifier: GPL-2.0
/* printf() records against bpftrace 0.17's output, and the conversion parser. */
#include "unit.h"

#include "output/printf.h"
#include "output_util.h"

static char *probe_names[] = { (char *)"BEGIN" };
static struct bt_prog prog = { .probe_names = probe_names, .nprobe_names = 1 };

/*
 * One printf record: kinds says each argument's type ('i' signed int, 'u'
 * unsigned int, 's' string[16], 'p' probe); the values follow as int64_t or
 * const char *.
 */
static void rec(struct ou_cap *c, const char *fmt, const char *kinds, ...)
{
	struct bt_type *ts[32];
	struct bt_fmt f = { .fmt = (char *)fmt };
	uint8_t payload[1024] = { 0 };
	size_t n = strlen(kinds);
	uint32_t off = 0;
	va_list ap;

	f.args = ou_alloc(sizeof(*f.args));
	f.args->kind = BT_T_TUPLE;
	f.args->count = (uint32_t)n;
	f.args->elems = ou_alloc(n * sizeof(*f.args->elems) + 1);
	f.args->offs = ou_alloc(n * sizeof(*f.args->offs) + 1);
	va_start(ap, kinds);
	for (size_t i = 0; i < n; i++) {
		if (kinds[i] == 's') {
			const char *s = va_arg(ap, const char *);

			ts[i] = ou_str(16);
			memcpy(payload + off, s, strlen(s));
		} else {
			int64_t v = va_arg(ap, int64_t);

			ts[i] = kinds[i] == 'p' ? ou_kind(BT_T_PROBE, 8) : ou_int(kinds[i] == 'i');
			memcpy(payload + off, &v, 8);
		}
		f.args->elems[i] = ts[i];
		f.args->offs[i] = off;
		off += ts[i]->size;
	}
	va_end(ap);
	CHECK_INT(bt_out_printf(&c->o, &f, payload, off), 0);
	free(f.compiled); /* the printer's parsed format (the program frees it) */
}

static void test_golden(void)
{
	const int64_t m1 = -1, big = INT64_MIN;
	struct ou_cap c;

	ou_open(&c, BT_FMT_TEXT, &prog);
	bt_out_attached(&c.o, 1);
	rec(&c, "a%%b %d %%\n", "i", (int64_t)5);
	rec(&c, "100%%\n", "");
	rec(&c, "%d|%ld|%lld|%hd|%hhd|%lu|%llx|%lX|%o|%5.3d|%-8s|%c|%p|%08x|%-08d|%zd|%jd|%td\n",
	    "iiiiiiiiiisiiiiiii", m1, m1, m1, (int64_t)70000, (int64_t)300, m1, m1, (int64_t)255,
	    (int64_t)8, (int64_t)7, "abc", (int64_t)0x41424344, (int64_t)4096, (int64_t)255,
	    (int64_t)5, m1, m1, m1);
	rec(&c, "%lld %llu %u\n", "uuu", big, big, big);
	rec(&c, "%d %d\n", "ii", (int64_t)4294967296, (int64_t)2147483648);
	rec(&c, "%hu %hhu %hx %hhx\n", "iiii", m1, m1, m1, m1);
	rec(&c, "%x %X %o %p|%d|%u\n", "iiiiiu", m1, m1, m1, m1, m1, (int64_t)0xffffffff);
	rec(&c, "%05s|%05c|%-5s|%.1s|%5.1s|%.0d|%.3x|%-05x|%08p|%p|%5p|\n", "sisssiiiiii", "ab",
	    (int64_t)65, "cd", "xyz", "xyz", (int64_t)0, (int64_t)5, (int64_t)10, (int64_t)4096,
	    (int64_t)0, (int64_t)1);
	rec(&c, "%s|%s|%10s|%-10s|\n", "psss", (int64_t)0, "", "ab", "cd");
	ou_exit_gap(&c);
	CHECK_STR(ou_close(&c), ou_golden("printf.txt"));
}

static void test_json(void)
{
	struct ou_cap c;

	ou_open(&c, BT_FMT_JSON, &prog);
	rec(&c, "x=%d \"q\"\t\n", "i", (int64_t)-3);
	bt_out_lost(&c.o, 7);
	bt_out_attached(&c.o, 3);
	CHECK_STR(ou_close(&c), "{\"type\": \"printf\", \"data\": \"x=-3 \\\"q\\\"\\t\\n\"}\n"
				"{\"type\": \"lost_events\", \"data\": {\"events\": 7}}\n"
				"{\"type\": \"attached_probes\", \"data\": {\"probes\": 3}}\n");
	ou_open(&c, BT_FMT_TEXT, &prog);
	bt_out_lost(&c.o, 7);
	bt_out_attached(&c.o, 3);
	CHECK_STR(ou_close(&c), "Lost 7 events\nAttaching 3 probes...\n");
}

/* Numbers and strings, with random flags, widths, precisions and lengths,
 * against the C library (bt renders them itself): any two-digit step, sign,
 * padding or cut that differs shows. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral" /* the formats are the test's input */
static void test_random(void)
{
	static const char *const lens[] = { "hh", "h", "", "l", "ll", "z" };
	static char want[1 << 20];
	uint64_t x = 0x9e3779b97f4a7c15ull;
	size_t used = 0;
	struct ou_cap c;

	ou_open(&c, BT_FMT_TEXT, &prog);
	for (int i = 0; i < 4000; i++) {
		char fmt[64], *f = fmt;
		int64_t v;
		int li, bits;
		char conv = "duxXo"[i % 5];

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		v = (int64_t)(x >> (x % 64)); /* every magnitude */
		if (x & 1)
			v = -v;
		li = (int)((x >> 8) % 6);
		bits = li == 0 ? 8 : li == 1 ? 16 : li == 2 ? 32 : 64;
		*f++ = '%';
		if ((x >> 12) % 3 == 0)
			*f++ = '-';
		if ((x >> 14) % 3 == 0)
			*f++ = '0';
		if ((x >> 16) % 2)
			f += sprintf(f, "%d", (int)((x >> 20) % 26) + 1);
		if ((x >> 17) % 3 == 0)
			f += sprintf(f, ".%d", (int)((x >> 26) % 24));
		sprintf(f, "%s%c|\n", lens[li], conv);
		rec(&c, fmt, "i", v);
		ou_free_all(); /* its types */
		if (used > sizeof(want) - 256)
			continue;
		if (bits == 64) {
			used += (size_t)snprintf(want + used, 256, fmt, (long)v);
		} else if (conv == 'd') {
			int s = bits == 8 ? (signed char)v : bits == 16 ? (short)v : (int)v;
			used += (size_t)snprintf(want + used, 256, fmt, s);
		} else {
			unsigned u = bits == 8 ? (unsigned char)v : bits == 16 ? (unsigned short)v
									  : (unsigned)v;
			used += (size_t)snprintf(want + used, 256, fmt, u);
		}
	}
	for (int i = 0; i < 300; i++) {
		char fmt[32], *f = fmt, str[17] = { 0 };

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		memset(str, 'a' + (int)(x % 26), (size_t)((x >> 5) % 17));
		*f++ = '%';
		if ((x >> 12) % 2)
			*f++ = '-';
		if ((x >> 16) % 2)
			f += sprintf(f, "%d", (int)((x >> 20) % 24));
		if ((x >> 17) % 3 == 0)
			f += sprintf(f, ".%d", (int)((x >> 26) % 20));
		strcpy(f, "s|\n");
		rec(&c, fmt, "s", str);
		ou_free_all();
		used += (size_t)snprintf(want + used, 256, fmt, str);
	}
	CHECK_STR(ou_close(&c), want);
}
#pragma GCC diagnostic pop

static void test_spec(void)
{
	struct bt_printf_spec sp;

	CHECK_INT(bt_printf_count("%d %s %%d %lu %-08.3hhx %rx %i %+d %#x"), 6);
	CHECK(bt_printf_spec("%-08.3hhx", &sp) && sp.left && sp.zero && sp.width == 8 &&
	      sp.prec == 3 && sp.bits == 8 && sp.conv == 'x' && sp.len == 9);
	CHECK(!bt_printf_spec("%i", &sp));
	CHECK(!bt_printf_spec("%.x", &sp));
	CHECK(bt_printf_spec("%rh", &sp) && sp.buf && sp.conv == 'h');
	CHECK(bt_printf_spec("%-10.2rx", &sp) && sp.buf && sp.verbatim && sp.len == 8);
	CHECK(!bt_printf_spec("%lr", &sp) && !bt_printf_spec("%.r", &sp));
	CHECK_INT(bt_printf_count("%10r %d %r"), 3);
}

int main(void)
{
	test_golden();
	test_json();
	test_random();
	test_spec();
	ou_free_all();
	return unit_done("test_printf");
}
