// SPDX-License-Identifier: GPL-2.0
/*
 * Verifier lines (vlines.h): a small reader of what an ELF64 little-endian
 * BPF object needs to answer "which line made instruction N of program F":
 * the section headers, the symbol table, .BTF's strings and .BTF.ext's line
 * info. Every offset and length is checked against the buffer.
 *
 * .BTF.ext line info, as LLVM writes it into the object (before libbpf):
 *   u32 rec_size, then per ELF section { u32 sec_name_off (in .BTF's strings),
 *   u32 num_info, num_info records { u32 insn_off (bytes into the section),
 *   u32 file_name_off, u32 line_off, u32 line << 10 | col } }, records of a
 *   section sorted by insn_off.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/vlines.h"

#define BTF_MAGIC 0xeB9F

struct buf {
	const uint8_t *p;
	size_t len;
};

/* a slice of b, or an empty one when it does not fit */
static struct buf slice(struct buf b, uint64_t off, uint64_t len)
{
	struct buf s = {NULL, 0};
	if (off <= b.len && len <= b.len - off) {
		s.p = b.p + off;
		s.len = (size_t)len;
	}
	return s;
}

static bool u16_at(struct buf b, uint64_t off, uint16_t *v)
{
	if (off > b.len || b.len - off < 2)
		return false;
	*v = (uint16_t)(b.p[off] | b.p[off + 1] << 8);
	return true;
}

static bool u32_at(struct buf b, uint64_t off, uint32_t *v)
{
	if (off > b.len || b.len - off < 4)
		return false;
	*v = (uint32_t)b.p[off] | (uint32_t)b.p[off + 1] << 8 | (uint32_t)b.p[off + 2] << 16 |
	     (uint32_t)b.p[off + 3] << 24;
	return true;
}

static bool u64_at(struct buf b, uint64_t off, uint64_t *v)
{
	uint32_t lo, hi;
	if (!u32_at(b, off, &lo) || !u32_at(b, off + 4, &hi))
		return false;
	*v = (uint64_t)hi << 32 | lo;
	return true;
}

/* The NUL-terminated string at off in the table t, or NULL. */
static const char *str_at(struct buf t, uint64_t off)
{
	if (off >= t.len || !memchr(t.p + off, '\0', t.len - off))
		return NULL;
	return (const char *)t.p + off;
}

struct elf {
	struct buf all;
	uint64_t shoff;
	uint16_t shentsize, shnum;
	struct buf shstr;
};

/* Section i's header fields: name, type, contents; false if out of range. */
static bool section(const struct elf *e, uint32_t i, const char **name, uint32_t *type,
		    struct buf *data)
{
	uint64_t h = e->shoff + (uint64_t)i * e->shentsize, off, size;
	uint32_t nm;
	if (i >= e->shnum || !u32_at(e->all, h, &nm) || !u32_at(e->all, h + 4, type) ||
	    !u64_at(e->all, h + 0x18, &off) || !u64_at(e->all, h + 0x20, &size))
		return false;
	*name = e->shstr.p ? str_at(e->shstr, nm) : NULL;
	*data = slice(e->all, off, size);
	return *type == 8 /* SHT_NOBITS */ || data->p || !size;
}

static int elf_open(struct elf *e, const void *p, size_t len)
{
	uint16_t shstrndx;
	const char *nm;
	uint32_t type;

	memset(e, 0, sizeof(*e));
	e->all.p = p;
	e->all.len = len;
	if (len < 64 || memcmp(p, "\177ELF", 4) || e->all.p[4] != 2 /* ELFCLASS64 */ ||
	    e->all.p[5] != 1 /* little-endian */)
		return -EINVAL;
	if (!u64_at(e->all, 0x28, &e->shoff) || !u16_at(e->all, 0x3a, &e->shentsize) ||
	    !u16_at(e->all, 0x3c, &e->shnum) || !u16_at(e->all, 0x3e, &shstrndx) ||
	    e->shentsize < 64)
		return -EINVAL;
	if (!section(e, shstrndx, &nm, &type, &e->shstr) || !e->shstr.p)
		return -EINVAL;
	return 0;
}

static struct buf find_section(const struct elf *e, const char *want)
{
	struct buf none = {NULL, 0}, data;
	const char *nm;
	uint32_t type;
	for (uint32_t i = 1; i < e->shnum; i++)
		if (section(e, i, &nm, &type, &data) && nm && !strcmp(nm, want))
			return data;
	return none;
}

/* The function symbol func: its section's name and its offset there. */
static int find_func(const struct elf *e, const char *func, const char **sec, uint64_t *value)
{
	struct buf symtab = {NULL, 0}, strtab, data;
	uint32_t type, link = 0, name_off;
	const char *nm;
	uint16_t shndx;

	for (uint32_t i = 1; i < e->shnum && !symtab.p; i++)
		if (section(e, i, &nm, &type, &data) && type == 2 /* SHT_SYMTAB */) {
			symtab = data;
			if (!u32_at(e->all, e->shoff + (uint64_t)i * e->shentsize + 0x28, &link))
				return -EINVAL;
		}
	if (!symtab.p || !section(e, link, &nm, &type, &strtab) || !strtab.p)
		return -ENOENT;
	for (uint64_t off = 24; off + 24 <= symtab.len; off += 24) {
		if (!u32_at(symtab, off, &name_off) ||
		    (symtab.p[off + 4] & 0xf) != 2 /* STT_FUNC */)
			continue;
		nm = str_at(strtab, name_off);
		if (!nm || strcmp(nm, func) || !u16_at(symtab, off + 6, &shndx) ||
		    !u64_at(symtab, off + 8, value))
			continue;
		if (!section(e, shndx, sec, &type, &data) || !*sec)
			return -EINVAL;
		return 0;
	}
	return -ENOENT;
}

/* .BTF's string table. */
static int btf_strings(struct buf btf, struct buf *strs)
{
	uint16_t magic;
	uint32_t hdr_len, str_off, str_len;
	if (!u16_at(btf, 0, &magic) || magic != BTF_MAGIC || !u32_at(btf, 4, &hdr_len) ||
	    !u32_at(btf, 16, &str_off) || !u32_at(btf, 20, &str_len))
		return -EINVAL;
	*strs = slice(btf, (uint64_t)hdr_len + str_off, str_len);
	return strs->p ? 0 : -EINVAL;
}

int bt_vline_find(const void *elf, size_t len, const char *func, uint32_t insn, uint32_t *line,
		  uint32_t *col)
{
	struct buf btf, ext, strs, li;
	uint32_t hdr_len, li_off, li_len, rec_size, name_off, n = 0, at, lc;
	uint64_t value, target, off;
	const char *sec, *nm;
	uint16_t magic;
	bool found = false;
	struct elf e;
	int err;

	err = elf_open(&e, elf, len);
	if (!err)
		err = find_func(&e, func, &sec, &value);
	if (err)
		return err;
	btf = find_section(&e, ".BTF");
	ext = find_section(&e, ".BTF.ext");
	if (!btf.p || !ext.p)
		return -ENOENT;
	if (btf_strings(btf, &strs) || !u16_at(ext, 0, &magic) || magic != BTF_MAGIC ||
	    !u32_at(ext, 4, &hdr_len) || !u32_at(ext, 16, &li_off) || !u32_at(ext, 20, &li_len))
		return -EINVAL;
	li = slice(ext, (uint64_t)hdr_len + li_off, li_len);
	if (!li_len)
		return -ENOENT;
	if (!li.p || !u32_at(li, 0, &rec_size) || rec_size < 16)
		return -EINVAL;
	target = value + (uint64_t)insn * 8;
	for (off = 4; off < li.len; off += 8 + (uint64_t)n * rec_size) {
		if (!u32_at(li, off, &name_off) || !u32_at(li, off + 4, &n) ||
		    (uint64_t)n * rec_size > li.len - off - 8)
			return -EINVAL;
		nm = str_at(strs, name_off);
		if (!nm || strcmp(nm, sec))
			continue;
		/* the last record at or before the instruction, within the function */
		for (uint32_t k = 0; k < n; k++) {
			uint64_t r = off + 8 + (uint64_t)k * rec_size;
			if (!u32_at(li, r, &at) || !u32_at(li, r + 12, &lc))
				return -EINVAL;
			if (at < value || at > target)
				continue;
			*line = lc >> 10;
			*col = lc & 0x3ff;
			found = true;
		}
	}
	return found ? 0 : -ENOENT;
}

long bt_vline_last_insn(const char *log)
{
	const char *line = log, *end, *q;
	long insn = -1;
	char *num_end;

	for (; line && *line; line = *end ? end + 1 : NULL) {
		end = strchrnul(line, '\n');
		if (!strncmp(line, "processed ", 10))
			break;
		if (*line < '0' || *line > '9')
			continue;
		long v = strtol(line, &num_end, 10);
		q = num_end;
		if (q < end && !strncmp(q, ": (", 3))
			insn = v;
	}
	return insn;
}
