# make install / uninstall (PREFIX, DESTDIR)
#   $(PREFIX)/bin/                              bt and the tools
#   $(PREFIX)/lib/bt/bt-codegen.so              the LLVM code generator (bt looks in ../lib/bt/)
#   $(PREFIX)/share/bt/scripts/, alternatives   data (bt looks in ../share/bt/, BT_DATADIR)
#   $(PREFIX)/share/man/man8/, man7/            man pages
#   $(PREFIX)/share/bash-completion/completions/   bt.bash as bt and each tool's name
#   $(PREFIX)/share/zsh/vendor-completions/_bt  zsh (bt and the tools)
# Without DESTDIR it notes each installed name that PATH also finds elsewhere
# (util-linux's irqtop(1)): scripts/path-note.sh.
BINDIR ?= $(PREFIX)/bin
BT_LIBDIR ?= $(PREFIX)/lib/bt
BT_SHAREDIR ?= $(PREFIX)/share/bt
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
INSTALL_TOOLS := $(foreach t,$(TOOLS),$(if $(wildcard tools/$(t).c),$(t)))
INSTALL_MAN8 := $(wildcard man/*.8)
INSTALL_MAN7 := $(wildcard man/*.7)

.PHONY: install uninstall
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(BT_SHAREDIR)/scripts $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(B)/bt $(TOOL_BINS) $(DESTDIR)$(BINDIR)/
	if [ -f $(B)/bt-codegen.so ]; then \
		install -d $(DESTDIR)$(BT_LIBDIR) && \
		install -m 644 $(B)/bt-codegen.so $(DESTDIR)$(BT_LIBDIR)/; \
	fi
	install -m 644 share/scripts/*.bt $(DESTDIR)$(BT_SHAREDIR)/scripts/
	install -m 644 share/alternatives $(DESTDIR)$(BT_SHAREDIR)/alternatives
	$(if $(INSTALL_MAN8),install -m 644 $(INSTALL_MAN8) $(DESTDIR)$(MANDIR)/man8/)
	$(if $(INSTALL_MAN7),install -m 644 $(INSTALL_MAN7) $(DESTDIR)$(MANDIR)/man7/)
	install -m 644 completions/bash/bt.bash $(DESTDIR)$(BASHCOMPDIR)/bt
	for t in $(INSTALL_TOOLS); do ln -sf bt $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	install -m 644 completions/zsh/_bt $(DESTDIR)$(ZSHCOMPDIR)/_bt
	$(if $(DESTDIR),,@sh scripts/path-note.sh $(BINDIR) bt $(INSTALL_TOOLS))

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bt $(foreach t,$(TOOLS),$(DESTDIR)$(BINDIR)/$(t))
	rm -rf $(DESTDIR)$(BT_SHAREDIR) $(DESTDIR)$(BT_LIBDIR)
	rm -f $(foreach m,$(INSTALL_MAN8),$(DESTDIR)$(MANDIR)/man8/$(notdir $(m))) \
		$(foreach m,$(INSTALL_MAN7),$(DESTDIR)$(MANDIR)/man7/$(notdir $(m)))
	rm -f $(DESTDIR)$(BASHCOMPDIR)/bt $(foreach t,$(TOOLS),$(DESTDIR)$(BASHCOMPDIR)/$(t))
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_bt
