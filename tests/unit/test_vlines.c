// SPDX-License-Identifier: GPL-2.0
/* vlines: instruction -> line:col from an object's .BTF.ext line info (an ELF
 * built here by hand), and the last instruction of a verifier log. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "runtime/vlines.h"

static uint8_t elf[4096];
static size_t elf_len;

static size_t put(const void *p, size_t n)
{
	size_t at = (elf_len + 7) & ~(size_t)7;
	memcpy(elf + at, p, n);
	elf_len = at + n;
	return at;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4); /* the test runs on little-endian machines, as BPF objects are */
}

struct sec {
	const char *name;
	uint32_t type, link;
	size_t off, size;
};

/* Section "tp/a" holds f0 (insns 0-3) and f1 (insns 4-7); line info:
 * f0: insn 0 line 1 col 0, insn 1 line 2 col 5; f1: insn 0 line 3 col 0,
 * insn 2 line 4 col 1023. num_info is the 4 records unless bad_num. */
static void build(uint32_t bad_num)
{
	static const char btf_strs[] = "\0tp/a\0bt.bt";
	static const char strtab[] = "\0f0\0f1";
	static const char shstrtab[] = "\0tp/a\0.BTF\0.BTF.ext\0.symtab\0.strtab\0.shstrtab";
	uint8_t text[64] = { 0 }, btf[24 + sizeof(btf_strs)] = { 0 }, ext[32 + 12 + 4 * 16] = { 0 };
	uint8_t sym[3 * 24] = { 0 }, ehdr[64] = { 0 }, sh[64];
	const uint32_t recs[4][2] = { { 0, 1 << 10 }, { 8, 2 << 10 | 5 },
				      { 32, 3 << 10 }, { 48, 4 << 10 | 1023 } };
	struct sec s[7] = {
		{ "", 0, 0, 0, 0 },
		{ "tp/a", 1, 0, 0, 0 },
		{ ".BTF", 1, 0, 0, 0 },
		{ ".BTF.ext", 1, 0, 0, 0 },
		{ ".symtab", 2, 5, 0, 0 },
		{ ".strtab", 3, 0, 0, 0 },
		{ ".shstrtab", 3, 0, 0, 0 },
	};

	memset(elf, 0, sizeof(elf));
	elf_len = 64;
	/* .BTF: header, no types, strings */
	btf[0] = 0x9f, btf[1] = 0xeb, btf[2] = 1;
	put32(btf + 4, 24);
	put32(btf + 20, sizeof(btf_strs));
	memcpy(btf + 24, btf_strs, sizeof(btf_strs));
	/* .BTF.ext: header (32 bytes), line info at 0 */
	ext[0] = 0x9f, ext[1] = 0xeb, ext[2] = 1;
	put32(ext + 4, 32);
	put32(ext + 16, 0);
	put32(ext + 20, 12 + 4 * 16);
	put32(ext + 32, 16);
	put32(ext + 36, 1); /* "tp/a" */
	put32(ext + 40, bad_num ? bad_num : 4);
	for (int i = 0; i < 4; i++) {
		put32(ext + 44 + i * 16, recs[i][0]);
		put32(ext + 44 + i * 16 + 4, 6); /* "bt.bt" */
		put32(ext + 44 + i * 16 + 12, recs[i][1]);
	}
	/* .symtab: null, f0 at 0, f1 at 32, both FUNC in section 1 */
	for (int i = 1; i < 3; i++) {
		put32(sym + i * 24, i == 1 ? 1 : 4);
		sym[i * 24 + 4] = 0x12; /* GLOBAL FUNC */
		sym[i * 24 + 6] = 1;
		sym[i * 24 + 8] = i == 1 ? 0 : 32;
	}
	s[1].off = put(text, sizeof(text)), s[1].size = sizeof(text);
	s[2].off = put(btf, sizeof(btf)), s[2].size = sizeof(btf);
	s[3].off = put(ext, sizeof(ext)), s[3].size = sizeof(ext);
	s[4].off = put(sym, sizeof(sym)), s[4].size = sizeof(sym);
	s[5].off = put(strtab, sizeof(strtab)), s[5].size = sizeof(strtab);
	s[6].off = put(shstrtab, sizeof(shstrtab)), s[6].size = sizeof(shstrtab);
	size_t shoff = (elf_len + 7) & ~(size_t)7;
	for (int i = 0; i < 7; i++) {
		memset(sh, 0, sizeof(sh));
		const char *nm = memmem(shstrtab, sizeof(shstrtab), s[i].name, strlen(s[i].name) + 1);
		put32(sh, i ? (uint32_t)(nm - shstrtab) : 0);
		put32(sh + 4, s[i].type);
		put32(sh + 0x18, (uint32_t)s[i].off);
		put32(sh + 0x20, (uint32_t)s[i].size);
		put32(sh + 0x28, s[i].link);
		put(sh, sizeof(sh));
	}
	memcpy(ehdr, "\177ELF\2\1\1", 7);
	put32(ehdr + 0x28, (uint32_t)shoff);
	ehdr[0x3a] = 64;
	ehdr[0x3c] = 7;
	ehdr[0x3e] = 6;
	memcpy(elf, ehdr, sizeof(ehdr));
}

static void check_at(const char *func, uint32_t insn, int want_err, uint32_t want_line,
		     uint32_t want_col)
{
	uint32_t line = 0, col = 0;
	CHECK_INT(bt_vline_find(elf, elf_len, func, insn, &line, &col), want_err);
	if (!want_err) {
		CHECK_INT(line, want_line);
		CHECK_INT(col, want_col);
	}
}

static void test_find(void)
{
	build(0);
	check_at("f0", 0, 0, 1, 0);
	check_at("f0", 1, 0, 2, 5);
	check_at("f0", 3, 0, 2, 5);
	check_at("f1", 0, 0, 3, 0);
	check_at("f1", 1, 0, 3, 0);
	check_at("f1", 2, 0, 4, 1023);
	check_at("f1", 9, 0, 4, 1023);
	check_at("f2", 0, -ENOENT, 0, 0);
}

static void test_malformed(void)
{
	uint32_t line, col;
	bool sane = true;
	build(0);
	/* cut anywhere: never a read past the end (ASan), never a wrong answer */
	for (size_t n = 0; n < elf_len; n++) {
		uint8_t *cut = malloc(n ? n : 1);
		memcpy(cut, elf, n);
		int err = bt_vline_find(cut, n, "f0", 1, &line, &col);
		sane &= err == -EINVAL || err == -ENOENT || (err == 0 && line == 2 && col == 5);
		free(cut);
	}
	CHECK(sane);
	build(0x10000000);
	check_at("f0", 1, -EINVAL, 0, 0);
	elf[4] = 1; /* ELFCLASS32 */
	check_at("f0", 1, -EINVAL, 0, 0);
}

static void test_last_insn(void)
{
	CHECK_INT(bt_vline_last_insn("0: R1=ctx() R10=fp0\n0: (05) goto pc-1\n0: (05) goto pc-1\n"
				     "infinite loop detected at insn 0\ncur state: R1=ctx()\n"
				     "processed 9 insns (limit 1000000)\n"),
		  0);
	CHECK_INT(bt_vline_last_insn("func#0 @0\n0: R1=ctx() R10=fp0\n0: (b7) r6 = 0\n"
				     "1: R6_w=0\n1: (bf) r1 = r10\n; @x = 1\n"
				     "12: (85) call bpf_map_lookup_elem#1\nR1 type=fp expected=map_ptr\n"
				     "processed 13 insns\n40: (05) goto pc-1\n"),
		  12);
	CHECK_INT(bt_vline_last_insn("processed 0 insns\n"), -1);
	CHECK_INT(bt_vline_last_insn(""), -1);
	CHECK_INT(bt_vline_last_insn("7: (05) goto pc-1"), 7);
}

int main(void)
{
	test_find();
	test_malformed();
	test_last_insn();
	return unit_done("vlines");
}
