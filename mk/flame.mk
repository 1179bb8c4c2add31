# SPDX-License-Identifier: GPL-2.0
# Flame graphs for the stack tools (--folded, --svg): tools/flame*.c are
# linked into every tool (tool.o calls them; LINK_EXE links every .o
# prerequisite). tests/bats/flame.bats checks the SVGs with xmllint and
# renders them in headless Chromium.
FLAME_SRC := tools/flame.c tools/flame_svg.c tools/flame_js.c
FLAME_OBJ := $(FLAME_SRC:%.c=$(B)/obj/%.o)
$(foreach t,$(TOOLS),$(eval $(B)/$(t): $(FLAME_OBJ)))
TEST_PKGS += chromium

# the unit test links the flame sources itself (no tool.o, no engine)
$(B)/unit/test_flame: tests/unit/test_flame.c $(FLAME_SRC) tools/flame.h tools/tool.h
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(ALL_CFLAGS) -O1 -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) \
		-o $@ $< $(FLAME_SRC)
