// SPDX-License-Identifier: GPL-2.0
/*
 * Options several tools share: -m/-M (a range of microseconds: offcpu,
 * offwake) and -K/-U (kernel stacks only / user stacks only, the default
 * both: oncpu, offcpu, offwake, as profile and offcputime), parsed and
 * turned into the script's defines the same way everywhere.
 */
#include <limits.h>

#include "tool.h"

bool tool_opt_range_us(int key, const char *arg, struct argp_state *state, struct tool_range_us *r)
{
	switch (key) {
	case 'm':
		r->min_us = tool_parse_long(state, arg, "-m", 0, LONG_MAX / 1000);
		return true;
	case 'M':
		r->max_us = tool_parse_long(state, arg, "-M", 0, LONG_MAX / 1000);
		return true;
	case ARGP_KEY_END:
		if (r->min_us >= 0 && r->max_us >= 0 && r->max_us < r->min_us)
			tool_usage_error(state, "-M %ld is less than -m %ld", r->max_us, r->min_us);
		return false;
	default:
		return false;
	}
}

const struct argp_option tool_stack_kind_opts[] = {
	{"kernel-stacks-only", 'K', NULL, 0, "Kernel stacks only (default: kernel and user)", 3},
	{"user-stacks-only", 'U', NULL, 0, "User stacks only (default: kernel and user)", 3},
	{0},
};

bool tool_opt_stacks(int key, struct argp_state *state, struct tool_stacks *s)
{
	if (key == 'K')
		s->kernel = true;
	else if (key == 'U')
		s->user = true;
	else
		return false;
	if (s->kernel && s->user)
		tool_usage_error(state, "-K and -U cannot be combined (the default is both)");
	return true;
}

void tool_define_range_us(struct tool_env *env, const struct tool_range_us *r)
{
	if (r->min_us >= 0)
		tool_define_int(env, "MIN_US", r->min_us);
	if (r->max_us >= 0)
		tool_define_int(env, "MAX_US", r->max_us);
}

void tool_define_stacks(struct tool_env *env, const struct tool_stacks *s)
{
	if (s->kernel || !s->user)
		tool_define_flag(env, "KERNEL_STACK");
	if (s->user || !s->kernel)
		tool_define_flag(env, "USER_STACK");
}
