// SPDX-License-Identifier: GPL-2.0
/* USDT argument specs (engine/sym/sdtarg.c): every operand kind gcc writes
 * for <sys/sdt.h>, sizes and signs, and what is refused. */
#include <errno.h>
#include <string.h>

#include "probe/probe.h"
#include "unit.h"

static int parse(const char *spec, struct bt_usdt_arg *a)
{
	return bt_sdt_arg_parse(spec, strlen(spec), NULL, 0, a);
}

static void test_kinds(void)
{
	struct bt_usdt_arg a;

	CHECK_INT(parse("-2@-88(%rsp,%rax,8)", &a), 0);
	CHECK(a.kind == BT_USDT_ARG_MEM && a.size == 2 && a.is_signed);
	CHECK(a.reg_off == 152 && a.idx_off == 80 && a.scale == 8 && a.val == -88);
	CHECK_INT(parse("4@(%rdi,%rbx)", &a), 0);
	CHECK(a.reg_off == 112 && a.idx_off == 40 && a.scale == 1 && a.val == 0 && !a.is_signed);
	CHECK_INT(parse("8@8(%rsi)", &a), 0);
	CHECK(a.kind == BT_USDT_ARG_MEM && a.reg_off == 104 && a.scale == 0 && a.val == 8);
	CHECK_INT(parse("2@%r10w", &a), 0);
	CHECK(a.kind == BT_USDT_ARG_REG && a.reg_off == 56 && a.size == 2);
	CHECK_INT(parse("%eax", &a), 0); /* no size: 8 bytes, unsigned */
	CHECK(a.kind == BT_USDT_ARG_REG && a.size == 8 && !a.is_signed);
}

static void test_constants(void)
{
	struct bt_usdt_arg a;

	/* gcc writes an unsigned char 250 as $-6: the size and sign make it 250 */
	CHECK_INT(parse("1@$-6", &a), 0);
	CHECK(a.kind == BT_USDT_ARG_CONST && a.val == 250);
	CHECK_INT(parse("4@$-294967296", &a), 0);
	CHECK(a.val == 4000000000LL);
	CHECK_INT(parse("-2@$65535", &a), 0);
	CHECK(a.val == -1);
	CHECK_INT(parse("-8@$-5000000000", &a), 0);
	CHECK(a.val == -5000000000LL);
	CHECK_INT(parse("8@$18000000000000000000", &a), 0);
	CHECK((unsigned long long)a.val == 18000000000000000000ULL);
}

static void test_refused(void)
{
	struct bt_usdt_arg a;

	CHECK_INT(parse("3@%eax", &a), -EINVAL);
	CHECK_INT(parse("4@%xmm0", &a), -EINVAL);
	CHECK_INT(parse("4@8(%rax,%rbx,3)", &a), -EINVAL);
	CHECK_INT(parse("4@8(%rax,%rip,2)", &a), -EINVAL);
	CHECK_INT(parse("8@8(%rip)", &a), -EINVAL);
	CHECK_INT(parse("8@8(%rax", &a), -EINVAL);
	CHECK_INT(parse("4@$5x", &a), -EINVAL);
	CHECK_INT(parse("sym(%rip)", &a), -EINVAL); /* a global needs the ELF */
}

int main(void)
{
	test_kinds();
	test_constants();
	test_refused();
	return unit_done("sdtarg");
}
