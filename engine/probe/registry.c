// SPDX-License-Identifier: GPL-2.0
/* The provider table: one row per provider, in `bt -l` order. */
#include <string.h>

#include "probe/probe.h"

static const char *const a_tracepoint[] = { "t", NULL };
static const char *const a_rawtp[] = { "rt", NULL };
static const char *const a_kprobe[] = { "k", NULL };
static const char *const a_kretprobe[] = { "kr", NULL };
static const char *const a_kfunc[] = { "f", "fentry", NULL };
static const char *const a_kretfunc[] = { "fr", "fexit", NULL };
static const char *const a_uprobe[] = { "u", NULL };
static const char *const a_uretprobe[] = { "ur", NULL };
static const char *const a_usdt[] = { "U", NULL };
static const char *const a_interval[] = { "i", NULL };
static const char *const a_profile[] = { "p", NULL };
static const char *const a_software[] = { "s", NULL };
static const char *const a_hardware[] = { "h", NULL };

const struct bt_provider bt_providers[] = {
	{
		.name = "BEGIN",
		.section = "raw_tp",
		.ctx = BT_CTX_NONE,
		.run_once = true,
	},
	{
		.name = "END",
		.section = "raw_tp",
		.ctx = BT_CTX_NONE,
		.run_once = true,
	},
	{
		.name = "hardware",
		.aliases = a_hardware,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.have_macro = "BT_HAVE_HARDWARE",
		.attach = bt_hardware_attach,
		.available = bt_hardware_available,
		.list = bt_hardware_list,
	},
	{
		.name = "kprobe",
		.aliases = a_kprobe,
		.section = "kprobe",
		.ctx = BT_CTX_PT_REGS,
		.cookie = true,
		.have_macro = "BT_HAVE_KPROBE",
		.attach = bt_kprobe_attach,
		.available = bt_kprobe_available,
		.list = bt_kprobe_list,
	},
	{
		.name = "kretprobe",
		.aliases = a_kretprobe,
		.section = "kretprobe",
		.ctx = BT_CTX_PT_REGS,
		.cookie = true,
		.is_return = true,
		.have_macro = "BT_HAVE_KRETPROBE",
		.attach = bt_kretprobe_attach,
		.available = bt_kprobe_available,
	},
	{
		.name = "kfunc",
		.aliases = a_kfunc,
		.section = "fentry",
		.ctx = BT_CTX_BTF,
		.per_target = true,
		.have_macro = "BT_HAVE_KFUNC",
		.attach = bt_btf_trace_attach,
		.available = bt_kfunc_available,
		.list = bt_kfunc_list,
	},
	{
		.name = "kretfunc",
		.aliases = a_kretfunc,
		.section = "fexit",
		.ctx = BT_CTX_BTF,
		.per_target = true,
		.is_return = true,
		.have_macro = "BT_HAVE_KRETFUNC",
		.attach = bt_btf_trace_attach,
		.available = bt_kfunc_available,
		.list = bt_kretfunc_list,
	},
	{
		.name = "rawtracepoint",
		.aliases = a_rawtp,
		.section = "raw_tp",
		.ctx = BT_CTX_RAW_TP,
		.have_macro = "BT_HAVE_RAWTRACEPOINT",
		.attach = bt_rawtp_attach,
		.list = bt_rawtp_list,
	},
	{
		.name = "software",
		.aliases = a_software,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.attach = bt_software_attach,
		.list = bt_software_list,
	},
	{
		.name = "tp_btf",
		.section = "tp_btf",
		.ctx = BT_CTX_BTF,
		.per_target = true,
		.have_macro = "BT_HAVE_TP_BTF",
		.attach = bt_btf_trace_attach,
		.available = bt_tpbtf_available,
		.list = bt_tpbtf_list,
	},
	{
		.name = "tracepoint",
		.aliases = a_tracepoint,
		.section = "tracepoint",
		.ctx = BT_CTX_TRACEPOINT,
		.cookie = true,
		.have_macro = "BT_HAVE_TRACEPOINT",
		.attach = bt_tracepoint_attach,
		.available = bt_tracepoint_available,
		.list = bt_tracepoint_list,
	},
	{
		.name = "uprobe",
		.aliases = a_uprobe,
		.section = "uprobe",
		.ctx = BT_CTX_PT_REGS,
		.cookie = true,
		.have_macro = "BT_HAVE_UPROBE",
		.attach = bt_uprobe_attach,
		.available = bt_uprobe_available,
		.list = bt_uprobe_list,
	},
	{
		.name = "uretprobe",
		.aliases = a_uretprobe,
		.section = "uretprobe",
		.ctx = BT_CTX_PT_REGS,
		.cookie = true,
		.is_return = true,
		.have_macro = "BT_HAVE_URETPROBE",
		.attach = bt_uretprobe_attach,
		.available = bt_uprobe_available,
		.list = bt_uretprobe_list,
	},
	{
		/* a uprobe at each site of the probe (engine/probe/usdt.c) */
		.name = "usdt",
		.aliases = a_usdt,
		.section = "uprobe",
		.ctx = BT_CTX_PT_REGS,
		.cookie = true,
		.have_macro = "BT_HAVE_USDT",
		.attach = bt_usdt_attach,
		.available = bt_uprobe_available,
		.list = bt_usdt_list,
	},
	{
		.name = "interval",
		.aliases = a_interval,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.attach = bt_interval_attach,
	},
	{
		.name = "profile",
		.aliases = a_profile,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.attach = bt_profile_attach,
	},
};

const size_t bt_nproviders = sizeof(bt_providers) / sizeof(bt_providers[0]);

const struct bt_provider *bt_provider_find(const char *name_or_alias)
{
	const char *const *a;
	size_t i;

	for (i = 0; i < bt_nproviders; i++) {
		const struct bt_provider *p = &bt_providers[i];

		if (!strcmp(p->name, name_or_alias))
			return p;
		for (a = p->aliases; a && *a; a++) {
			if (!strcmp(*a, name_or_alias))
				return p;
		}
	}
	return NULL;
}
