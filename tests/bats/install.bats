#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# make install / uninstall (mk/install.mk) into a DESTDIR: the tree, that
# the installed bt finds its data and code generator there, that the
# completions load the standard way, and that uninstall removes every file.
load helpers

TOOLS="openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch"

setup_file() {
	export DEST="$BATS_FILE_TMPDIR/dest"
	make -C "$ROOT" -s B="$BUILD" install DESTDIR="$DEST" PREFIX=/usr \
		>"$BATS_FILE_TMPDIR/install.log" 2>&1 || { cat "$BATS_FILE_TMPDIR/install.log"; return 1; }
}

@test "install: binaries, code generator, scripts, alternatives, man pages, completions" {
	U="$DEST/usr"
	for b in bt $TOOLS; do
		[ -x "$U/bin/$b" ] || { echo "no $U/bin/$b"; false; }
		[ -f "$U/share/man/man8/$b.8" ] || { echo "no man8/$b.8"; false; }
		[ -e "$U/share/bash-completion/completions/$b" ] || { echo "no bash completion $b"; false; }
	done
	for t in $TOOLS; do
		cmp "$ROOT/share/scripts/$t.bt" "$U/share/bt/scripts/$t.bt"
	done
	cmp "$ROOT/share/alternatives" "$U/share/bt/alternatives"
	cmp "$ROOT/man/bt-language.7" "$U/share/man/man7/bt-language.7"
	cmp "$ROOT/completions/bash/bt.bash" "$U/share/bash-completion/completions/bt"
	cmp "$ROOT/completions/zsh/_bt" "$U/share/zsh/vendor-completions/_bt"
	[ -f "$U/lib/bt/bt-codegen.so" ]
	# nothing else: binaries, .so, scripts, alternatives, pages, bash, zsh
	scripts=$(ls "$ROOT"/share/scripts/*.bt | wc -l)
	pages=$(ls "$ROOT"/man/*.[78] | wc -l)
	n=$(find "$DEST" -type f -o -type l | wc -l)
	[ "$n" -eq $((10 + 1 + scripts + 1 + pages + 10 + 1)) ] || { find "$DEST"; false; }
}

@test "installed bt reads share/bt/alternatives beside it" {
	require_root
	unset BT_DATADIR
	alt="$DEST/usr/share/bt/alternatives"
	run --separate-stderr "$DEST/usr/bin/bt" --dry-run -e 'kprobe:do_sys_openat2 {}'
	[ "$status" -eq 1 ]
	[ "$(first_err)" = "stdin:1:1: error: kprobe:do_sys_openat2: this kernel has no kprobes (CONFIG_KPROBES); tracepoint:syscalls:sys_exit_openat gives the return value (openerr does this)" ]
	# the installed file is the one read: change it
	cp "$alt" "$BATS_TEST_TMPDIR/alt"
	printf 'do_sys_openat2\tthe installed copy says hello\n' >"$alt"
	run --separate-stderr "$DEST/usr/bin/bt" --dry-run -e 'kprobe:do_sys_openat2 {}'
	cp "$BATS_TEST_TMPDIR/alt" "$alt"
	[ "$status" -eq 1 ]
	[[ "$(first_err)" == *"(CONFIG_KPROBES); the installed copy says hello" ]]
}

@test "installed bt loads lib/bt/bt-codegen.so and runs a script" {
	require_root
	so="$DEST/usr/lib/bt/bt-codegen.so"
	run --separate-stderr "$DEST/usr/bin/bt" --no-cache -e 'BEGIN { printf("installed\n"); exit(); }'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'Attaching 1 probe...\ninstalled')" ]
	mv "$so" "$so.off"
	run --separate-stderr "$DEST/usr/bin/bt" --no-cache -e 'BEGIN { exit(); }'
	mv "$so.off" "$so"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"cannot find the code generator bt-codegen.so"* ]]
}

@test "installed tool runs its embedded script" {
	require_root
	export LC_ALL=C # no locale files opened (and failing) by cat
	run --separate-stderr "$DEST/usr/bin/openerr" -x -c 'cat /nonexistent-bt-install'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Attaching 8 probes..." ]
	[ "${lines[1]}" = "PID     COMM             ERR     PATH" ]
	[[ "${lines[2]}" =~ ^[0-9]+\ +cat\ {14}ENOENT\ \ /nonexistent-bt-install$ ]]
}

@test "installed man pages render; bash-completion and zsh load the completions" {
	command -v mandoc >/dev/null || skip "mandoc is not installed (make test-deps installs it)"
	mandoc -Tascii "$DEST/usr/share/man/man8/openerr.8" | sed 's/.\x08//g' | grep -qx OPTIONS
	if [ -f /usr/share/bash-completion/bash_completion ]; then
		# bash-completion's loader finds completions/<command> in XDG_DATA_DIRS
		out=$(XDG_DATA_DIRS="$DEST/usr/share" bash -c '
			source /usr/share/bash-completion/bash_completion
			__load_completion openerr && complete -p openerr')
		[[ "$out" == *"-F _bt_complete"*openerr* ]] || { echo "$out"; false; }
	fi
	if command -v zsh >/dev/null; then
		out=$(zsh -f -c "fpath=($DEST/usr/share/zsh/vendor-completions \$fpath)
			autoload -U compinit; compinit -u -D; print \$_comps[bt] \$_comps[openerr] \$_comps[sockwatch]")
		[ "$out" = "_bt _bt _bt" ]
	fi
}

@test "uninstall removes every installed file" {
	make -C "$ROOT" -s B="$BUILD" uninstall DESTDIR="$DEST" PREFIX=/usr
	left=$(find "$DEST" -type f -o -type l)
	[ -z "$left" ] || { echo "$left"; false; }
}

# install_nodest PATHDIRS...: make install PREFIX=$T/usr without DESTDIR,
# PATH = the given directories then /usr/bin:/bin; prints the notes
install_nodest() {
	local p
	p=$(IFS=:; echo "$*"):/usr/bin:/bin
	PATH="$p" make -C "$ROOT" -s B="$BUILD" install PREFIX="$T/usr" 2>&1 | grep '^note:' | grep -v ' /usr/bin/\| /bin/'
}

@test "install without DESTDIR notes a tool name PATH also finds elsewhere, whichever comes first" {
	T=$BATS_TEST_TMPDIR
	mkdir -p "$T/other"
	printf '#!/bin/sh\n' >"$T/other/irqtop"
	chmod +x "$T/other/irqtop"
	run install_nodest "$T/other" "$T/usr/bin"
	[ "$output" = "note: irqtop: $T/other/irqtop comes first in PATH, before $T/usr/bin/irqtop (bt); run bt's as $T/usr/bin/irqtop" ]
	run install_nodest "$T/usr/bin" "$T/other"
	[ "$output" = "note: irqtop: $T/usr/bin/irqtop (bt) comes first in PATH; $T/other/irqtop is another program of the same name" ]
	# no other irqtop: no note (notes naming /usr/bin or /bin are left out above)
	rm "$T/other/irqtop"
	run install_nodest "$T/usr/bin" "$T/other"
	[ -z "$output" ]
	# with DESTDIR (a package build) no note
	printf '#!/bin/sh\n' >"$T/other/oncpu"
	chmod +x "$T/other/oncpu"
	out=$(PATH="$T/other:/usr/bin:/bin" make -C "$ROOT" -s B="$BUILD" install DESTDIR="$T/d" PREFIX=/usr 2>&1)
	[[ "$out" != *note:* ]] || { echo "$out"; false; }
}

@test "make and make install call no apt-get; make deps installs no test package" {
	for t in all install; do
		out=$(make -C "$ROOT" -n B="$BUILD" $t DESTDIR="$BATS_TEST_TMPDIR/d" 2>&1)
		[[ "$out" != *apt-get* ]] || { echo "$t: $out"; false; }
	done
	pkgs=$(make -C "$ROOT" -s pkgs)
	build=" $(sed -n 's/^build and run (make deps): //p' <<<"$pkgs") "
	tests=" $(sed -n 's/^tests only (make test-deps, make check): //p' <<<"$pkgs") "
	# the recipe make deps would run (make -n: nothing installed), as words
	deps=" $(make -C "$ROOT" -n -s deps | tr -s ' ;' '\n\n' | sort -u | tr '\n' ' ') "
	tdeps=" $(make -C "$ROOT" -n -s test-deps | tr -s ' ;' '\n\n' | sort -u | tr '\n' ' ') "
	[[ "$deps" == *" apt-get "* ]]
	# the packages issue 19 names as test ones, and the whole test list
	for p in bats bats-assert bats-support libxml2-utils chromium qemu-system-x86 prometheus \
		bpftrace clang $tests; do
		[[ "$tests" == *" $p "* ]] || { echo "$p is not a test package"; false; }
		[[ "$deps" != *" $p "* ]] || { echo "make deps installs $p"; false; }
		[[ "$tdeps" == *" $p "* ]] || { echo "make test-deps lacks $p"; false; }
	done
	for p in libmicrohttpd-dev libdw-dev llvm-19-dev libbpf-dev $build; do
		[[ "$build" == *" $p "* ]] || { echo "$p is not a build package"; false; }
		[[ "$deps" == *" $p "* ]] || { echo "make deps lacks $p"; false; }
		[[ "$tdeps" == *" $p "* ]] || { echo "make test-deps lacks $p"; false; }
	done
	# make check installs the test packages first (its prerequisite)
	grep -qE '^check: test-deps$' "$ROOT/Makefile"
	grep -qE '^demo: deps$' "$ROOT/Makefile"
}
