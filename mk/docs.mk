# Man pages and shell completions (man/, completions/).
#   make man-sync   rewrite each tool page's OPTIONS from the tool's --help
#   make man-lint   mandoc -Tlint every page
# tests/bats/man.bats checks pages against --help and mandoc; completion.bats
# drives the bash functions and a real zsh (zpty).
TEST_PKGS += mandoc zsh bash-completion

.PHONY: man-sync man-lint
man-sync: all
	@for t in $(INSTALL_TOOLS); do \
		echo "  SYNC man/$$t.8"; sh man/sync-options.sh $(B)/$$t man/$$t.8 || exit 1; \
	done

man-lint:
	mandoc -Tlint man/*.[78]
