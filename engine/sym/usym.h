/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-space symbols: ELF symbol tables (engine/sym/usym.c, libelf: .symtab
 * and .dynsym of the file and of its separate debug file, found by build id
 * or .gnu_debuglink as bcc finds it) and process mappings
 * (engine/sym/umaps.c: /proc/PID/maps, cached per pid). Everything is cached
 * for the life of the process and never freed by callers; the functions are
 * safe to call from several threads.
 */
#ifndef BT_USYM_H
#define BT_USYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct bt_elf;

/* The symbol tables of an ELF file, loaded once per path (and inode).
 * NULL when the file cannot be read as ELF (errno set). */
struct bt_elf *bt_elf_get(const char *path);
/* ET_DYN (shared object or PIE): addresses in it move by a load bias. */
bool bt_elf_is_dyn(const struct bt_elf *e);
/* The symbol containing file virtual address vaddr (bcc's rule: the nearest
 * symbol at or below vaddr whose [start, start + size) holds it), or NULL. */
const char *bt_elf_resolve(const struct bt_elf *e, uint64_t vaddr, uint64_t *off);
/* Address and size of a symbol by exact name (functions and objects). */
bool bt_elf_lookup(const struct bt_elf *e, const char *name, uint64_t *vaddr, uint64_t *size);
/* Function names (STT_FUNC, STT_GNU_IFUNC, defined), sorted, unique: *names
 * points into e (do not free the strings); the array is malloc'd. */
int bt_elf_funcs(const struct bt_elf *e, const char ***names, size_t *n);
/* The virtual address of file offset off (through its PT_LOAD segment);
 * false when no segment maps it. */
bool bt_elf_off_to_vaddr(const struct bt_elf *e, uint64_t off, uint64_t *vaddr);
/* The file offset of virtual address vaddr (what the kernel's uprobes take). */
bool bt_elf_vaddr_to_off(const struct bt_elf *e, uint64_t vaddr, uint64_t *off);

/*
 * addr in process pid as bpftrace's resolve_usym() prints it: the symbol
 * name (with "+OFF" when offset), then " (MODULE)" when module; unresolved:
 * "0x..." (or "0" for 0), then " ([unknown])" when module. Returns the
 * length written (snprintf-like) into buf.
 */
int bt_usym_format(pid_t pid, uint64_t addr, bool offset, bool module, char *buf, size_t len);
/* The function a uprobe probe name ("uprobe:BIN:FUNC[+OFF]", "uretprobe:BIN:0xADDR")
 * fires in: FUNC, or the symbol at ADDR. False when there is none. */
bool bt_usym_probe_func(const char *probe_name, char *buf, size_t len);
/* Keeps pid's mappings so that its stacks resolve even if it exits before
 * they are printed (bpftrace 0.17 prints raw addresses then): read now for a
 * running process (-p); for a -c child that has not exec'd yet (it still runs
 * bt's image), polled by a thread until it exits (engine/sym/umaps.c). */
void bt_usym_snapshot(pid_t pid);
/* Whether pid's mappings could be read (the process existed when first asked). */
bool bt_usym_pid_known(pid_t pid);

/* Absolute path of a uprobe binary or library named without '/': a -p
 * process's mapping ("libc" -> its libc.so.6), PATH, then /etc/ld.so.cache
 * ("libc" or "c" -> libc.so.N). Returns malloc'd path or NULL. */
char *bt_usym_which(const char *name, pid_t pid);
/* Internal to sym/: a mapping of pid whose file is "NAME.so*" or "libNAME.so*"
 * (malloc'd path or NULL), and that file-name test. */
char *bt_usym_pid_lib(const char *name, pid_t pid);
bool bt_usym_lib_match(const char *base, const char *name);

/* path as process pid sees it: "/proc/PID/root/PATH" for an absolute path
 * and pid > 0, else path (engine/sym/upid.c). malloc'd, NULL without memory. */
char *bt_upid_path(pid_t pid, const char *path);
/* pid's executable, then (libs) each other file it maps executable, as
 * bt_upid_path() names them. Returns 0 or -errno (-ESRCH: no such process;
 * -ENOENT: it has no executable, a kernel thread or a zombie; -EACCES: not
 * ours to read); free with bt_strv_free(). */
int bt_upid_files(pid_t pid, bool libs, char ***paths, size_t *n);

/* The separate debug file of path (build id, then .gnu_debuglink), into out. */
bool bt_elf_debug_path(const char *path, char *out, size_t len);

/* A function parameter from DWARF (engine/sym/dwarf.c). */
enum bt_dw_kind { BT_DW_OTHER, BT_DW_INT, BT_DW_PTR };
struct bt_dwparam {
	char *name;
	char *type; /* as bpftrace -lv prints it: "char**" */
	enum bt_dw_kind kind;
	int size; /* INT: 1, 2, 4, 8 */
	bool is_signed;
	bool char_ptr; /* PTR to a 1-byte integer: str() reads it */
};
/* The parameters of func as path's DWARF (or its debug file's) describes
 * them. Returns 0, -ENODATA without DWARF, -ENOENT when func is not in it;
 * free *v with bt_dwarf_params_free(). */
int bt_dwarf_params(const char *path, const char *func, struct bt_dwparam **v, size_t *n);
void bt_dwarf_params_free(struct bt_dwparam *v, size_t n);

/* One USDT probe site (engine/sym/sdt.c): pc and semaphore (0: none) as
 * virtual addresses, "provider", "name" and the argument specs
 * ("8@%rbx -4@112(%rsp)"). */
struct bt_sdt_note {
	uint64_t pc, sema;
	char *provider, *name, *args;
};

/* The SDT notes of an ELF file, in file order. Returns 0 (none is fine) or
 * -errno; free *v with bt_sdt_notes_free(). */
int bt_sdt_notes(const char *path, struct bt_sdt_note **v, size_t *n);
void bt_sdt_notes_free(struct bt_sdt_note *v, size_t n);

#endif
