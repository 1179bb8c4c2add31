# SPDX-License-Identifier: GPL-2.0
# Fuzzing the front end (preprocess + lex + parse + sema) with libFuzzer:
#   make fuzz FUZZ_SECONDS=N   build $(B)/fuzz/fuzz_front, seed, run N seconds
#   make fuzz-build            the harness only
# Seeds: share/scripts, tests/bad, tests/fuzz/seeds, ../shared/seed. New interesting inputs
# collect in $(B)/fuzz/corpus; a crash is written to $(B)/fuzz/crash-* and
# reproduced with `$(B)/fuzz/fuzz_front FILE` (make it a tests/bad case or a
# tests/fuzz/regress input, then fix it).
.PHONY: fuzz fuzz-build

TEST_PKGS += clang
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Wall -Wno-unused-command-line-argument \
	-Iinclude -Iengine -I$(B)/gen $(FUZZ_SAN)
FUZZ_SRC := $(filter-out engine/engine.c,$(ENGINE_SRC))
FUZZ_OBJ := $(FUZZ_SRC:%.c=$(B)/fuzz/obj/%.o)
FUZZ_SEEDS := $(wildcard share/scripts/*.bt tests/bad/*.bt tests/fuzz/seeds/*.bt ../shared/seed/*.bt tests/fuzz/regress/*)

$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC(fuzz) $<"; $(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(B)/fuzz/obj/engine/front/consts.o: $(B)/gen/consts.inc
$(B)/fuzz/obj/engine/kernel/sysnr.o: $(B)/gen/sysnr.inc

$(B)/fuzz/fuzz_front: tests/fuzz/fuzz_front.c $(FUZZ_OBJ)
	@echo "  LD(fuzz) $@"; $(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz-build: $(B)/fuzz/fuzz_front

fuzz: $(B)/fuzz/fuzz_front
	@mkdir -p $(B)/fuzz/corpus $(B)/fuzz/seeds
	@cp $(FUZZ_SEEDS) $(B)/fuzz/seeds/ 2>/dev/null || true
	@for g in tests/bad/*.gen; do n=$$(basename $$g .gen); \
		sh $$g | head -c 65536 > $(B)/fuzz/seeds/$$n.bt; done
	cd $(B)/fuzz && ./fuzz_front -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 \
		-max_len=16384 -dict=$(CURDIR)/tests/fuzz/bt.dict -print_final_stats=1 \
		-artifact_prefix=./ corpus seeds
