# make install / uninstall (PREFIX, DESTDIR)
.PHONY: install uninstall
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/bt/scripts
	install -m 755 $(B)/bt $(TOOL_BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 share/scripts/*.bt $(DESTDIR)$(PREFIX)/share/bt/scripts/ 2>/dev/null || true

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/bt $(foreach t,$(TOOLS),$(DESTDIR)$(PREFIX)/bin/$(t))
	rm -rf $(DESTDIR)$(PREFIX)/share/bt

