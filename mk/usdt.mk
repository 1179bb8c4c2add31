# SPDX-License-Identifier: GPL-2.0
# usdt.bats' targets, from <sys/sdt.h> (systemtap-sdt-dev): a program with
# USDT probes of every operand kind and size, two providers, a probe at two
# sites, a semaphore, and a probe in a shared library it is linked with
# (found next to it: rpath $ORIGIN). See tests/bats/usdt/prog.c.
TEST_PKGS += systemtap-sdt-dev
USDT_T := $(B)/tests/usdt

all: $(USDT_T)/usdt_prog

$(USDT_T)/libusdt_lib.so: tests/bats/usdt/lib.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -fPIC -shared -o $@ $<

$(USDT_T)/usdt_prog: tests/bats/usdt/prog.c tests/bats/usdt/guarded.c $(USDT_T)/libusdt_lib.so
	$(CC) -O2 -o $@ tests/bats/usdt/prog.c tests/bats/usdt/guarded.c \
		-L$(USDT_T) -lusdt_lib '-Wl,-rpath,$$ORIGIN'
