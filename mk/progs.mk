# SPDX-License-Identifier: GPL-2.0
# User-space test programs with known data (tests/progs/*.c) for the bats suites
# that read user memory through script-defined C types (tests/bats/types.bats).
PROG_BINS := $(patsubst tests/progs/%.c,$(B)/progs/%,$(wildcard tests/progs/*.c))
all: $(PROG_BINS)
check-bats: $(PROG_BINS)
$(B)/progs/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -g -O1 -fno-omit-frame-pointer -Wall -Wextra -o $@ $<
