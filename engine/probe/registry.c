// SPDX-License-Identifier: GPL-2.0
/* The provider table: one row per provider, in `bt -l` order. */
#include <string.h>

#include "probe/probe.h"

static const char *const a_tracepoint[] = {"t", NULL};
static const char *const a_rawtp[] = {"rt", NULL};
static const char *const a_kprobe[] = {"k", NULL};
static const char *const a_kretprobe[] = {"kr", NULL};
static const char *const a_kfunc[] = {"f", "fentry", NULL};
static const char *const a_kretfunc[] = {"fr", "fexit", NULL};
static const char *const a_uprobe[] = {"u", NULL};
static const char *const a_uretprobe[] = {"ur", NULL};
static const char *const a_usdt[] = {"U", NULL};
static const char *const a_interval[] = {"i", NULL};
static const char *const a_profile[] = {"p", NULL};
static const char *const a_software[] = {"s", NULL};
static const char *const a_hardware[] = {"h", NULL};
static const char *const a_iter[] = {"it", NULL};
static const char *const a_watchpoint[] = {"w", NULL};
static const char *const a_asyncwatchpoint[] = {"aw", NULL};

const struct bt_provider bt_providers[] = {
	{
		.name = "BEGIN",
		.expand = bt_expand_special,
		.few_events = true,
		.section = "raw_tp",
		.ctx = BT_CTX_NONE,
		.run_once = true,
	},
	{
		.name = "END",
		.expand = bt_expand_special,
		.few_events = true,
		.section = "raw_tp",
		.ctx = BT_CTX_NONE,
		.run_once = true,
	},
	{
		.name = "hardware",
		.expand = bt_expand_perf_event,
		.allows = BT_PA_REG,
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
		.expand = bt_expand_kprobe,
		.argn = BT_ARGN_REGS,
		.allows = BT_PA_FUNC | BT_PA_REG | BT_PA_SARG | BT_PA_OVERRIDE,
		.multi_section = "kprobe.multi",
		.multi_available = bt_kprobe_multi_available,
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
		.expand = bt_expand_kprobe,
		.allows = BT_PA_FUNC | BT_PA_REG,
		.multi_section = "kretprobe.multi",
		.multi_available = bt_kprobe_multi_available,
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
		.expand = bt_expand_kfunc,
		.args = BT_ARGS_BTF_FUNC,
		.allows = BT_PA_FUNC | BT_PA_DPATH,
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
		.expand = bt_expand_kfunc,
		.args = BT_ARGS_BTF_FUNC,
		.allows = BT_PA_FUNC | BT_PA_DPATH,
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
		.expand = bt_expand_btf_tp,
		.args = BT_ARGS_BTF_TP,
		.argn = BT_ARGN_CTX,
		.aliases = a_rawtp,
		.section = "raw_tp",
		.ctx = BT_CTX_RAW_TP,
		.have_macro = "BT_HAVE_RAWTRACEPOINT",
		.attach = bt_rawtp_attach,
		.list = bt_rawtp_list,
	},
	{
		.name = "software",
		.expand = bt_expand_perf_event,
		.allows = BT_PA_REG,
		.aliases = a_software,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.attach = bt_software_attach,
		.list = bt_software_list,
	},
	{
		.name = "tp_btf",
		.expand = bt_expand_btf_tp,
		.args = BT_ARGS_BTF_TP,
		.argn = BT_ARGN_CTX,
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
		.expand = bt_expand_tracepoint,
		.args = BT_ARGS_TP_FORMAT,
		.sysdisp = true,
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
		.expand = bt_expand_uprobe,
		.args = BT_ARGS_DEBUGINFO,
		.argn = BT_ARGN_REGS,
		.allows = BT_PA_FUNC | BT_PA_REG | BT_PA_SARG | BT_PA_UADDR,
		.user = true,
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
		.expand = bt_expand_uprobe,
		.allows = BT_PA_FUNC | BT_PA_REG | BT_PA_UADDR,
		.user = true,
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
		.expand = bt_expand_usdt,
		.argn = BT_ARGN_USDT,
		.user = true,
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
		.expand = bt_expand_period,
		.few_events = true,
		.aliases = a_interval,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.attach = bt_interval_attach,
	},
	{
		.name = "profile",
		.expand = bt_expand_period,
		.allows = BT_PA_REG,
		.aliases = a_profile,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.attach = bt_profile_attach,
	},
	/* bpftrace's, not bt's: named here for a clear error */
	{.name = "iter", .aliases = a_iter, .expand = bt_expand_unsupported},
	{
		.name = "watchpoint",
		.aliases = a_watchpoint,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.expand = bt_expand_watchpoint,
		.attach = bt_watchpoint_attach,
	},
	/* the function form only (watchfunc.c): the process is not stopped */
	{
		.name = "asyncwatchpoint",
		.aliases = a_asyncwatchpoint,
		.section = "perf_event",
		.ctx = BT_CTX_PERF,
		.cookie = true,
		.expand = bt_expand_watchpoint,
		.attach = bt_watchpoint_attach,
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
