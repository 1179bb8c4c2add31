# make bench: bt against the Debian bpftrace, side by side in one run (bench/bench.py);
#   prints one table of ratios + absolute figures and writes bench/results.md.
# make bench QUICK=1: a short smoke run (< ~60 s, skips the slow bpftrace cases);
#   its table goes to $(B)/bench/results.md, leaving bench/results.md alone.
# make bench FULL=1: also times bpftrace on the 1000-statement compile (~389 s).
TEST_PKGS += bpftrace python3
.PHONY: bench
BENCH_QUICK := $(filter-out 0 no,$(QUICK))
BENCH_FULL := $(filter-out 0 no,$(FULL))
BENCH_OUT := $(if $(BENCH_QUICK),$(B)/bench/results.md,bench/results.md)

$(B)/bench/wloop: bench/wloop.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) -std=c11 -D_GNU_SOURCE -O2 $(WARN) -o $@ $<

bench: all $(B)/bench/wloop
	@command -v bpftrace >/dev/null 2>&1 || $(MAKE) --no-print-directory test-deps
	python3 bench/bench.py --bt $(B)/bt --wloop $(B)/bench/wloop --out $(BENCH_OUT) \
		$(if $(BENCH_QUICK),--quick) $(if $(BENCH_FULL),--full)
