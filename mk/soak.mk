# make soak: bt counting every syscall (and a churning string-keyed map) for
#   SOAK_MINUTES (default 10) beside a syscall load; RSS and fds sampled every
#   10 s must stay flat (bench/soak.py; issue 8). Writes bench/soak.md.
# make soak SOAK_MINUTES=1: a short run; its table goes to $(B)/bench/soak.md.
TEST_PKGS += python3
.PHONY: soak
SOAK_MINUTES ?= 10
SOAK_OUT := $(if $(filter 10,$(SOAK_MINUTES)),bench/soak.md,$(B)/bench/soak.md)

soak: all
	@mkdir -p $(B)/bench
	python3 bench/soak.py --bt $(B)/bt --minutes $(SOAK_MINUTES) --out $(SOAK_OUT)
