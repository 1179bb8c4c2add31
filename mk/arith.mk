# SPDX-License-Identifier: GPL-2.0
# lang_arith.bats' uprobe target: known data (an array of structs, a 64-bit word,
# narrow ints) handed to noinline functions, for pointer arithmetic and integer
# widths on user memory. Non-PIE, so that its addresses fit in 32 bits.
all: $(B)/tests/arith_target

$(B)/tests/arith_target: tests/bats/arith/target.c
	@mkdir -p $(dir $@)
	$(CC) -g -O0 -no-pie -o $@ $<
