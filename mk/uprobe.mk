# SPDX-License-Identifier: GPL-2.0
# uprobe/usdt: function parameters from DWARF (engine/sym/dwarf.c) need libdw.
DEB_PKGS += libdw-dev
LDLIBS += -ldw

# uprobe.bats' DWARF target: char, int, pointer and struct-pointer parameters,
# a struct with an array, a string, a nested struct (tests/bats/uprobe/dwarf.c).
all: $(B)/tests/uprobe/dwarf_prog

$(B)/tests/uprobe/dwarf_prog: tests/bats/uprobe/dwarf.c
	@mkdir -p $(dir $@)
	$(CC) -g -O0 -o $@ $<
