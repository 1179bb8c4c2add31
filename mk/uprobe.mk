# SPDX-License-Identifier: GPL-2.0
# uprobe/usdt: function parameters from DWARF (engine/sym/dwarf.c) need libdw.
DEB_PKGS += libdw-dev
LDLIBS += -ldw
