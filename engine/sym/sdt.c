// SPDX-License-Identifier: GPL-2.0
/*
 * USDT (SystemTap SDT) notes: NT_STAPSDT notes of owner "stapsdt" in
 * .note.stapsdt, each holding the probe's pc, the .stapsdt.base address it
 * was linked against, its semaphore and "provider\0name\0args\0". A
 * prelinked file moves .stapsdt.base: pc and semaphore move with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bt/vec.h>

#include "sym/usym.h"

#define NT_STAPSDT 3

void bt_sdt_notes_free(struct bt_sdt_note *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].provider);
		free(v[i].name);
		free(v[i].args);
	}
	free(v);
}

static int add_note(struct bt_sdt_note **v, size_t *n, const char *desc, size_t len,
		    uint64_t base_now)
{
	uint64_t pc, base, sema;
	const char *prov = desc + 24, *name, *args, *end = desc + len;
	struct bt_sdt_note *nv;

	if (len < 27)
		return 0;
	memcpy(&pc, desc, 8);
	memcpy(&base, desc + 8, 8);
	memcpy(&sema, desc + 16, 8);
	name = memchr(prov, 0, end - prov);
	args = name ? memchr(name + 1, 0, end - name - 1) : NULL;
	if (!args)
		return 0;
	name++;
	args++;
	if (args >= end || !memchr(args, 0, end - args))
		args = "";
	if (base_now && base) {
		pc += base_now - base;
		if (sema)
			sema += base_now - base;
	}
	if (bt_vec_push(*v, *n))
		return -ENOMEM;
	nv = *v;
	nv[*n] = (struct bt_sdt_note){.pc = pc,
				      .sema = sema,
				      .provider = strdup(prov),
				      .name = strdup(name),
				      .args = strdup(args)};
	if (!nv[*n].provider || !nv[*n].name || !nv[*n].args) {
		(*n)++;
		return -ENOMEM;
	}
	(*n)++;
	return 0;
}

int bt_sdt_notes(const char *path, struct bt_sdt_note **v, size_t *n)
{
	Elf_Scn *scn = NULL, *notes = NULL;
	uint64_t base_now = 0;
	size_t shstrndx;
	GElf_Shdr sh;
	int fd, err = 0;
	Elf *elf;

	*v = NULL;
	*n = 0;
	elf_version(EV_CURRENT);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx)) {
		err = -ENOEXEC;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name =
			gelf_getshdr(scn, &sh) ? elf_strptr(elf, shstrndx, sh.sh_name) : NULL;

		if (!name)
			continue;
		if (!strcmp(name, ".stapsdt.base"))
			base_now = sh.sh_addr;
		else if (!strcmp(name, ".note.stapsdt") && sh.sh_type == SHT_NOTE)
			notes = scn;
	}
	if (notes) {
		Elf_Data *data = elf_getdata(notes, NULL);
		size_t off = 0, name_off, desc_off;
		GElf_Nhdr nh;

		while (!err && data && (off = gelf_getnote(data, off, &nh, &name_off, &desc_off))) {
			if (nh.n_type != NT_STAPSDT || nh.n_namesz != 8 ||
			    memcmp((const char *)data->d_buf + name_off, "stapsdt", 8))
				continue;
			err = add_note(v, n, (const char *)data->d_buf + desc_off, nh.n_descsz,
				       base_now);
		}
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	if (err) {
		bt_sdt_notes_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return err;
}
