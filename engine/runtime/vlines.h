/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Verifier lines: which script line and column an instruction of a BPF ELF
 * object came from, read from the object's .BTF.ext line info (codegen writes
 * it when bt_prog.line_info is set). load.c uses it to locate a verifier
 * rejection at the statement.
 */
#ifndef BT_VLINES_H
#define BT_VLINES_H

#include <stddef.h>
#include <stdint.h>

/*
 * Where instruction insn (0-based, as the verifier counts) of the program
 * whose ELF function symbol is func came from: *line and *col as written in
 * the line info (col 0: unknown). Returns 0, -ENOENT (no such function, or no
 * line info covers it) or -EINVAL (a malformed object).
 */
int bt_vline_find(const void *elf, size_t len, const char *func, uint32_t insn, uint32_t *line,
		  uint32_t *col);

/*
 * The instruction a verifier log ends at: the index N of its last "N: (op) ..."
 * line before "processed ...". Returns it, or -1 when the log has none.
 */
long bt_vline_last_insn(const char *log);

#endif
