// SPDX-License-Identifier: GPL-2.0
/* User symbols (rootless): this test's own functions, resolved through
 * /proc/self/maps and its ELF (a PIE: the load bias must be applied). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/probe.h"
#include "sym/usym.h"
#include "unit.h"

long bt_unit_global = 5;

/* One SDT note, bt_unit:probe(x in a register, a stack slot, 7, a global), as
 * <sys/sdt.h> writes it (without a semaphore). */
__attribute__((noinline)) static void sdt_site(int x)
{
	long slot = x;

	__asm__ __volatile__("990: nop\n"
			     ".pushsection .note.stapsdt,\"?\",\"note\"\n"
			     ".balign 4\n"
			     ".4byte 992f-991f, 994f-993f, 3\n"
			     "991: .asciz \"stapsdt\"\n"
			     "992: .balign 4\n"
			     "993: .8byte 990b\n"
			     ".8byte 0\n"
			     ".8byte 0\n"
			     ".asciz \"bt_unit\"\n"
			     ".asciz \"probe\"\n"
			     ".asciz \"-4@%0 8@%1 -4@%2 8@%3\"\n"
			     "994: .balign 4\n"
			     ".popsection\n"
			     :
			     : "r"(x), "m"(slot), "i"(7), "m"(bt_unit_global));
}

__attribute__((noinline)) int bt_unit_marker(int x);
__attribute__((noinline)) int bt_unit_marker(int x)
{
	__asm__ volatile("");
	return x * 2 + 1;
}

static void test_resolve(void)
{
	uintptr_t f = (uintptr_t)&bt_unit_marker;
	char buf[4200], exe[4096], want[4200];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	CHECK(n > 0);
	exe[n > 0 ? n : 0] = '\0';
	bt_usym_format(getpid(), f, false, false, buf, sizeof(buf));
	CHECK_STR(buf, "bt_unit_marker");
	bt_usym_format(getpid(), f + 5, true, false, buf, sizeof(buf));
	CHECK_STR(buf, "bt_unit_marker+5");
	bt_usym_format(getpid(), f, true, true, buf, sizeof(buf));
	snprintf(want, sizeof(want), "bt_unit_marker+0 (%s)", exe);
	CHECK_STR(buf, want);
	bt_usym_format(getpid(), 0x10, true, true, buf, sizeof(buf));
	CHECK_STR(buf, "0x10 ([unknown])");
	bt_usym_format(getpid(), 0, false, false, buf, sizeof(buf));
	CHECK_STR(buf, "0");
	CHECK(bt_usym_pid_known(getpid()));
}

static void test_elf(void)
{
	struct bt_elf *e = bt_elf_get("/proc/self/exe");
	const char **names = NULL;
	uint64_t vaddr = 0, size = 0, off = 0, back = 0;
	size_t n = 0;
	bool found = false;

	CHECK(e != NULL);
	if (!e)
		return;
	CHECK(bt_elf_lookup(e, "bt_unit_marker", &vaddr, &size));
	CHECK(size > 0);
	CHECK_STR(bt_elf_resolve(e, vaddr + 1, &off), "bt_unit_marker");
	CHECK_INT(off, 1);
	CHECK(bt_elf_resolve(e, vaddr + size, NULL) == NULL ||
	      strcmp(bt_elf_resolve(e, vaddr + size, NULL), "bt_unit_marker"));
	CHECK(bt_elf_vaddr_to_off(e, vaddr, &off));
	CHECK(bt_elf_off_to_vaddr(e, off, &back));
	CHECK_INT(back, vaddr);
	CHECK(!bt_elf_lookup(e, "no_such_symbol_here", &vaddr, NULL));
	CHECK_INT(bt_elf_funcs(e, &names, &n), 0);
	for (size_t i = 0; i < n; i++) {
		found |= !strcmp(names[i], "bt_unit_marker");
		if (i)
			CHECK(strcmp(names[i - 1], names[i]) < 0);
	}
	CHECK(found);
	free(names);
	CHECK(bt_elf_get("/proc/self/exe") == e); /* cached */
}

static void test_which(void)
{
	char *p;

	p = bt_usym_which("/x/y", 0);
	CHECK_STR(p, "/x/y");
	free(p);
	setenv("PATH", "/nonexistent:/bin", 1);
	p = bt_usym_which("sh", 0);
	CHECK_STR(p, "/bin/sh");
	free(p);
	p = bt_usym_which("no-such-binary-or-library", 0);
	CHECK(p == NULL);
	free(p);
	if (access("/etc/ld.so.cache", R_OK) == 0) {
		p = bt_usym_which("libc", 0);
		CHECK(p && strstr(p, "/libc.so."));
		free(p);
		p = bt_usym_which("c", 0);
		CHECK(p && strstr(p, "/libc.so."));
		free(p);
	}
	/* a -p process's own mapping wins: this process maps libc */
	p = bt_usym_which("libc", getpid());
	CHECK(p && strstr(p, "/libc.so."));
	free(p);
}

static void test_sdt(void)
{
	struct bt_sdt_note *v = NULL;
	struct bt_usdt_arg a;
	char why[256], exe[4096], t[4200];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t n = 0, k;

	sdt_site(1);
	exe[len > 0 ? len : 0] = '\0';
	CHECK_INT(bt_sdt_notes(exe, &v, &n), 0);
	for (k = 0; k < n && strcmp(v[k].provider, "bt_unit"); k++)
		;
	CHECK(k < n);
	if (k < n) {
		CHECK_STR(v[k].name, "probe");
		CHECK(v[k].pc != 0);
		CHECK_INT(v[k].sema, 0);
		CHECK(!strncmp(v[k].args, "-4@%", 4));
	}
	bt_sdt_notes_free(v, n);
	snprintf(t, sizeof(t), "%s:bt_unit:probe", exe);
	CHECK_INT(bt_usdt_arg(t, 0, 0, &a, why, sizeof(why)), 0);
	CHECK(a.kind == BT_USDT_ARG_REG && a.size == 4 && a.is_signed);
	CHECK_INT(bt_usdt_arg(t, 0, 1, &a, why, sizeof(why)), 0);
	CHECK(a.kind == BT_USDT_ARG_MEM && a.size == 8 && !a.is_signed && a.val != 0);
	CHECK_INT(bt_usdt_arg(t, 0, 2, &a, why, sizeof(why)), 0);
	CHECK(a.kind == BT_USDT_ARG_CONST && a.val == 7);
	CHECK_INT(bt_usdt_arg(t, 0, 3, &a, why, sizeof(why)), 0);
	CHECK(a.kind == BT_USDT_ARG_MEM && a.reg_off == 128); /* bt_unit_global(%rip) */
	CHECK_INT(bt_usdt_arg(t, 0, 4, &a, why, sizeof(why)), -ENOENT);
	CHECK_STR(why, "this probe has 4 arguments");
}

int main(void)
{
	CHECK_INT(bt_unit_marker(1), 3);
	test_resolve();
	test_elf();
	test_which();
	test_sdt();
	return unit_done("usym");
}
