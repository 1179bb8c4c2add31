// SPDX-License-Identifier: GPL-2.0
/* Type names as bpftrace prints them in messages (bt_type_str, types.h). */
#include "sema/types.h"

#include <stdio.h>
#include <string.h>

#include "builtin/builtin.h"

static const char *agg_name(enum bt_agg a)
{
	switch (a) {
	case BT_AGG_COUNT:
		return "count";
	case BT_AGG_SUM:
		return "sum";
	case BT_AGG_MIN:
		return "min";
	case BT_AGG_MAX:
		return "max";
	case BT_AGG_AVG:
		return "avg";
	case BT_AGG_STATS:
		return "stats";
	case BT_AGG_HIST:
		return "hist";
	case BT_AGG_LHIST:
		return "lhist";
	default:
		return "none";
	}
}

/* Appends to buf at *pos, truncating; keeps buf NUL-terminated. */
static void put(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos >= len)
		return;
	if (n > len - 1 - *pos)
		n = len - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

static void str(const struct bt_type *t, char *buf, size_t len, size_t *pos)
{
	char tmp[64];

	if (!t) {
		put(buf, len, pos, "none");
		return;
	}
	switch (t->kind) {
	case BT_T_INT:
		snprintf(tmp, sizeof(tmp), "%sint%u", t->is_signed ? "" : "u",
			 (t->size ? t->size : 8) * 8);
		put(buf, len, pos, tmp);
		break;
	case BT_T_STR:
		snprintf(tmp, sizeof(tmp), "string[%u]", t->size);
		put(buf, len, pos, tmp);
		break;
	case BT_T_KSTACK:
		put(buf, len, pos, "kstack");
		break;
	case BT_T_USTACK:
		put(buf, len, pos, "ustack");
		break;
	case BT_T_KSYM:
		put(buf, len, pos, "ksym");
		break;
	case BT_T_USYM:
		put(buf, len, pos, "usym");
		break;
	case BT_T_PROBE:
		put(buf, len, pos, "probe");
		break;
	case BT_T_USERNAME:
		put(buf, len, pos, "username");
		break;
	case BT_T_INET:
		put(buf, len, pos, "inet");
		break;
	case BT_T_TIMESTAMP:
		put(buf, len, pos, "timestamp");
		break;
	case BT_T_CGPATH:
		put(buf, len, pos, "cgroup_path");
		break;
	case BT_T_FN:
		put(buf, len, pos, bt_builtins[t->fn].name);
		break;
	case BT_T_BUF:
		snprintf(tmp, sizeof(tmp), "buffer[%u]", t->size >= 4 ? t->size - 4 : 0);
		put(buf, len, pos, tmp);
		break;
	case BT_T_CTX:
		put(buf, len, pos, "ctx");
		break;
	case BT_T_AGG:
		put(buf, len, pos, agg_name(t->agg));
		break;
	case BT_T_TUPLE:
		put(buf, len, pos, "(");
		for (uint32_t i = 0; i < t->count; i++) {
			if (i)
				put(buf, len, pos, ",");
			str(t->elems[i], buf, len, pos);
		}
		put(buf, len, pos, ")");
		break;
	case BT_T_PTR:
		str(t->elem, buf, len, pos);
		put(buf, len, pos, " *");
		break;
	case BT_T_ARRAY:
		str(t->elem, buf, len, pos);
		snprintf(tmp, sizeof(tmp), "[%u]", t->count);
		put(buf, len, pos, tmp);
		break;
	case BT_T_RECORD:
		if (t->name)
			put(buf, len, pos, t->name);
		else if (t->rec && t->rec->name)
			put(buf, len, pos, t->rec->name);
		else
			put(buf, len, pos, "struct");
		break;
	default:
		put(buf, len, pos, "none");
		break;
	}
}

const char *bt_type_str(const struct bt_type *t, char *buf, size_t len)
{
	size_t pos = 0;

	if (!buf || !len)
		return "";
	buf[0] = '\0';
	str(t, buf, len, &pos);
	return buf;
}
