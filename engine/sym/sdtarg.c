// SPDX-License-Identifier: GPL-2.0
/*
 * One USDT argument spec "SIZE@OPERAND" of an SDT note (x86-64 AT&T
 * operands, as gcc writes them for <sys/sdt.h>): "-4@%edi" (register),
 * "4@$5" (constant), "8@-16(%rbp)" (memory), "-2@-88(%rsp,%rax,8)"
 * (indexed memory), "4@sym+8(%rip)" (a global). SIZE is 1, 2, 4 or 8
 * bytes, negative when signed; a bare operand is 8 bytes unsigned.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "probe/probe.h"
#include "sym/usym.h"

/* x86-64 register names -> struct pt_regs offsets */
static const struct {
	const char *names[4];
	uint32_t off;
} regs[] = {
	{{"rax", "eax", "ax", "al"}, 80},      {{"rbx", "ebx", "bx", "bl"}, 40},
	{{"rcx", "ecx", "cx", "cl"}, 88},      {{"rdx", "edx", "dx", "dl"}, 96},
	{{"rsi", "esi", "si", "sil"}, 104},    {{"rdi", "edi", "di", "dil"}, 112},
	{{"rbp", "ebp", "bp", "bpl"}, 32},     {{"rsp", "esp", "sp", "spl"}, 152},
	{{"r8", "r8d", "r8w", "r8b"}, 72},     {{"r9", "r9d", "r9w", "r9b"}, 64},
	{{"r10", "r10d", "r10w", "r10b"}, 56}, {{"r11", "r11d", "r11w", "r11b"}, 48},
	{{"r12", "r12d", "r12w", "r12b"}, 24}, {{"r13", "r13d", "r13w", "r13b"}, 16},
	{{"r14", "r14d", "r14w", "r14b"}, 8},  {{"r15", "r15d", "r15w", "r15b"}, 0},
	{{"rip", NULL, NULL, NULL}, 128},
};

#define RIP_OFF 128

/* "%NAME" at *p (up to a ',' or ')'): its pt_regs offset; advances *p. */
static bool reg(const char **p, uint32_t *off)
{
	const char *s = *p;
	size_t len;

	if (*s != '%')
		return false;
	s++;
	len = strcspn(s, ",)");
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		for (int k = 0; k < 4 && regs[i].names[k]; k++) {
			if (strlen(regs[i].names[k]) == len && !strncmp(regs[i].names[k], s, len)) {
				*off = regs[i].off;
				*p = s + len;
				return true;
			}
		}
	}
	return false;
}

/* The value of a constant as the argument's size and sign make it: gcc
 * writes an unsigned char 250 as "1@$-6". */
static long long fit(long long v, int size, bool is_signed)
{
	unsigned int bits = (unsigned int)size * 8;
	unsigned long long u = (unsigned long long)v;

	if (bits == 64)
		return v;
	u &= (1ULL << bits) - 1;
	if (is_signed && (u >> (bits - 1)))
		u |= ~((1ULL << bits) - 1);
	return (long long)u;
}

/*
 * "SYM[+-N](%rip)", as gcc writes a global: the probe's ip is its pc plus
 * the load bias, so the global is at ip - pc + SYM + N (right in a PIE too).
 */
static int rip_sym(const char *op, const struct bt_elf *e, unsigned long long pc,
		   struct bt_usdt_arg *a)
{
	char sym[128];
	size_t n = strcspn(op, "+-(");
	long long add = 0;
	uint64_t vaddr;

	if (!e || n >= sizeof(sym) || strcmp(op + strcspn(op, "("), "(%rip)"))
		return -EINVAL;
	memcpy(sym, op, n);
	sym[n] = '\0';
	if (op[n] == '+' || op[n] == '-')
		add = strtoll(op + n, NULL, 0);
	if (!bt_elf_lookup(e, sym, &vaddr, NULL))
		return -ENOENT;
	a->kind = BT_USDT_ARG_MEM;
	a->reg_off = RIP_OFF;
	a->val = (long long)(vaddr - pc) + add;
	return 0;
}

/* "[DISP](%BASE[,%INDEX[,SCALE]])" */
static int mem(const char *op, struct bt_usdt_arg *a)
{
	char *end;

	a->kind = BT_USDT_ARG_MEM;
	a->val = 0;
	if (*op != '(') {
		a->val = strtoll(op, &end, 0);
		op = end;
	}
	if (*op++ != '(' || !reg(&op, &a->reg_off))
		return -EINVAL;
	if (*op == ',') {
		op++;
		if (!reg(&op, &a->idx_off) || a->idx_off == RIP_OFF)
			return -EINVAL;
		a->scale = 1;
		if (*op == ',') {
			a->scale = (int)strtol(op + 1, &end, 10);
			op = end;
			if (a->scale != 1 && a->scale != 2 && a->scale != 4 && a->scale != 8)
				return -EINVAL;
		}
	}
	/* (%rip) without a symbol: the displacement is from the next instruction */
	return strcmp(op, ")") || a->reg_off == RIP_OFF ? -EINVAL : 0;
}

int bt_sdt_arg_parse(const char *spec, size_t len, const struct bt_elf *e, unsigned long long pc,
		     struct bt_usdt_arg *a)
{
	char buf[128], *at, *op, *end;
	long size = 8;

	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, spec, len);
	buf[len] = '\0';
	memset(a, 0, sizeof(*a));
	at = strchr(buf, '@');
	op = buf;
	if (at) {
		size = strtol(buf, &end, 10);
		if (end != at || !size)
			return -EINVAL;
		op = at + 1;
	}
	a->is_signed = size < 0;
	a->size = (int)(size < 0 ? -size : size);
	if (a->size != 1 && a->size != 2 && a->size != 4 && a->size != 8)
		return -EINVAL;
	if (op[0] == '%') {
		const char *p = op;

		a->kind = BT_USDT_ARG_REG;
		return reg(&p, &a->reg_off) && !*p ? 0 : -EINVAL;
	}
	if (op[0] == '$') {
		a->kind = BT_USDT_ARG_CONST;
		a->val = op[1] == '-' ? strtoll(op + 1, &end, 0)
				      : (long long)strtoull(op + 1, &end, 0);
		a->val = fit(a->val, a->size, a->is_signed);
		return *end ? -EINVAL : 0;
	}
	if ((op[0] >= 'A' && op[0] <= 'Z') || (op[0] >= 'a' && op[0] <= 'z') || op[0] == '_' ||
	    op[0] == '.')
		return rip_sym(op, e, pc, a);
	return mem(op, a);
}
