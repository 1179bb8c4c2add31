# SPDX-License-Identifier: GPL-2.0
# bt: kernel tracing tools for SREs, one engine.
#   make            build build/bt, the tools and build/libbt.a
#   make deps       install the missing Debian packages to build and run (apt-get, as root)
#   make test-deps  deps + the packages only the tests need
#   make pkgs       print both lists
#   make demo       deps + build + trace a few seconds of real events
#   make check      test-deps + every test: unit tests under ASan/UBSan, then bats
#   make check-unit the fast rootless subset
#   make install PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
DESTDIR ?=
LLVM_CONFIG ?= $(shell command -v llvm-config-19 2>/dev/null || echo llvm-config)
CC ?= gcc
SANITIZE ?= address,undefined

B ?= build
export BT_BUILD = $(abspath $(B))
WARN := -Wall -Wextra -Werror -Wmissing-prototypes -Wstrict-prototypes -Wshadow \
	-Wwrite-strings -Wvla -Wformat=2 -Wundef
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O2 $(WARN) -Iinclude -Iengine -I$(B)/gen
LLVM_INC := $(shell $(LLVM_CONFIG) --includedir 2>/dev/null)
LLVM_LIBDIR := $(shell $(LLVM_CONFIG) --libdir 2>/dev/null)
CFLAGS ?=
ALL_CFLAGS = $(BASE_CFLAGS) -isystem $(LLVM_INC) $(CFLAGS)
LDLIBS := -lbpf -lelf -lz -ldl -lm
# the code generator: a shared object dlopen'ed on a compile-cache miss. With
# LLVM's static libraries (llvm-19-dev has them) it holds only the BPF target
# and the passes, garbage-collected: loading it skips libLLVM.so's 8 MB of
# relocations (~30 MB less peak RSS on a miss). LLVM_SHARED=1, or no static
# libraries, links libLLVM.so instead.
LLVM_STATIC_LIBS := $(if $(LLVM_SHARED),,$(shell $(LLVM_CONFIG) --link-static --libs bpf passes 2>/dev/null))
ifneq ($(LLVM_STATIC_LIBS),)
CG_LDLIBS := -Wl,--gc-sections -Wl,--exclude-libs,ALL -L$(LLVM_LIBDIR) $(LLVM_STATIC_LIBS) \
	-lz -lzstd -lstdc++ -lm -ldl -lrt -lbpf
else
CG_LDLIBS := -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR) -lLLVM -lbpf
endif

CG_SRC := $(sort $(wildcard engine/codegen/*.c engine/codegen/builtin/*.c))
CG_OBJ := $(CG_SRC:%.c=$(B)/pic/%.o)
SKIP_SRC ?=
ENGINE_SRC := $(filter-out $(CG_SRC) $(SKIP_SRC),$(sort $(wildcard engine/*.c engine/*/*.c)))
ENGINE_OBJ := $(ENGINE_SRC:%.c=$(B)/obj/%.o)
ASAN_OBJ := $(ENGINE_SRC:%.c=$(B)/asan/%.o)
TOOLS := openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch
TOOL_BINS := $(foreach t,$(TOOLS),$(if $(wildcard tools/$(t).c),$(B)/$(t)))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(B)/unit/%)
SCRIPT_HDRS := $(patsubst share/scripts/%.bt,$(B)/gen/%.bt.h,$(wildcard share/scripts/*.bt))

# Debian packages: DEB_PKGS to build and run, TEST_PKGS only for the tests
# (make check, bench); each mk/*.mk adds to both.
DEB_PKGS := gcc make pkg-config llvm-19-dev libbpf-dev libelf-dev zlib1g-dev libzstd-dev
TEST_PKGS := clang-format bats bats-assert bats-support bpftool libxml2-utils python3

.DEFAULT_GOAL := all
.PHONY: all deps test-deps pkgs demo demo-run check check-all check-unit check-bats install uninstall clean format
.PHONY: check-format
all: $(B)/bt $(TOOL_BINS) $(B)/bt-codegen.so

# apt_install PKGS: apt-get install those of PKGS not installed yet
define apt_install
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

deps:
	$(call apt_install,$(sort $(DEB_PKGS)))

test-deps:
	$(call apt_install,$(sort $(DEB_PKGS) $(TEST_PKGS)))

pkgs:
	@echo "build and run (make deps): $(sort $(DEB_PKGS))"
	@echo "tests only (make test-deps, make check): $(sort $(TEST_PKGS))"

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -fPIC -MMD -MP -c -o $@ $<

$(B)/bt-codegen.so: $(CG_OBJ) Makefile
	$(CC) -shared -o $@ $(CG_OBJ) $(CG_LDLIBS)

$(B)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -O1 -fno-omit-frame-pointer -fsanitize=$(SANITIZE) \
		-fno-sanitize-recover=$(SANITIZE) -MMD -MP -c -o $@ $<

$(B)/libbt.a: $(ENGINE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libbt-asan.a: $(ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/gen/%.bt.h: share/scripts/%.bt
	@mkdir -p $(dir $@)
	@{ echo "/* generated from $< */"; \
	   echo "static const char $(subst -,_,$*)_bt[] = {"; \
	   od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo "0x00 };"; } > $@

$(B)/obj/tools/%.o: tools/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# each tool main includes its embedded script (make cannot infer this on a clean tree)
$(foreach t,$(TOOLS),$(eval $(B)/obj/tools/$(t).o: $(B)/gen/$(t).bt.h))

# executables export the engine (whole archive, -rdynamic) for bt-codegen.so
LINK_EXE = $(CC) -rdynamic -o $@ $(filter %.o,$^) -Wl,--whole-archive $(B)/libbt.a \
	-Wl,--no-whole-archive $(LDLIBS)

$(B)/bt: $(B)/obj/tools/bt.o $(B)/libbt.a
	$(LINK_EXE)

$(B)/%: $(B)/obj/tools/%.o $(B)/obj/tools/tool.o $(B)/obj/tools/tool_opts.o $(B)/obj/tools/tool_scope.o $(B)/libbt.a
	$(LINK_EXE)

$(B)/unit/%: tests/unit/%.c $(B)/libbt-asan.a
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) \
		-o $@ $< $(B)/libbt-asan.a $(LDLIBS)

# bt_run() twice in one process: bt-codegen.so takes the engine from the
# executable, as from bt (whole archive, -rdynamic)
$(B)/unit/test_run_twice: tests/unit/test_run_twice.c $(B)/libbt-asan.a $(B)/bt-codegen.so
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) \
		-rdynamic -o $@ $< -Wl,--whole-archive $(B)/libbt-asan.a -Wl,--no-whole-archive $(LDLIBS)

check-unit: $(UNIT_BINS)
	@tests/run-unit.sh $(UNIT_BINS)

check-bats: all
	@tests/run-bats.sh

# packages first, then a fresh make: LLVM's paths are read when the Makefile is parsed
check: test-deps
	@$(MAKE) --no-print-directory check-all

check-all: all $(UNIT_BINS)
	@tests/check.sh $(UNIT_BINS)

demo: deps
	@$(MAKE) --no-print-directory demo-run

demo-run: all
	@echo '# openerr: which opens fail and why (cat of a missing /proc file)'
	$(B)/openerr -c 'cat /proc/1/mapss'
	@echo '# bt: the 10 busiest processes by syscalls, over 3 seconds'
	$(B)/bt -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); } interval:s:3 { print(@, 10); clear(@); exit(); }'
	@echo '# bt: workqueue run time by work function (workqueue_execute_start/end tracepoints), for 5 seconds'
	$(B)/bt -e 't:workqueue:workqueue_execute_start { @start[tid] = nsecs; @f[tid] = args->function; } t:workqueue:workqueue_execute_end /@start[tid]/ { @us[ksym(@f[tid])] = stats((nsecs - @start[tid]) / 1000); delete(@start[tid]); delete(@f[tid]); } interval:s:5 { print(@us); clear(@start); clear(@f); clear(@us); exit(); }'

# the C sources clang-format owns (.clang-format); tests are not formatted
FORMAT_SRC := $(sort $(wildcard engine/*.[ch] engine/*/*.[ch] tools/*.[ch] include/bt/*.h))

format:
	clang-format -i $(FORMAT_SRC)

# run by `make check` (tests/lint/suite.sh)
check-format:
	clang-format --dry-run -Werror $(FORMAT_SRC)

clean:
	rm -rf $(B)

.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# Integer macros (AF_INET, O_CREAT, ...) from the UAPI/libc headers, for engine/front/consts.c.
$(B)/gen/consts.inc: scripts/gen-consts.sh
	@mkdir -p $(dir $@)
	CC="$(CC)" sh scripts/gen-consts.sh $@
$(B)/obj/engine/front/consts.o $(B)/asan/engine/front/consts.o: $(B)/gen/consts.inc

# Feature makefiles (install, fuzz, bench, vm, ...): each may add targets, DEB_PKGS and TEST_PKGS.
-include $(sort $(wildcard mk/*.mk))
# Syscall numbers for the sys_enter/sys_exit dispatch (engine/kernel/sysnr.c).
$(B)/gen/sysnr.inc: scripts/gen-sysnr.sh
	@mkdir -p $(dir $@)
	CC="$(CC)" sh scripts/gen-sysnr.sh $@
$(B)/obj/engine/kernel/sysnr.o $(B)/asan/engine/kernel/sysnr.o: $(B)/gen/sysnr.inc
