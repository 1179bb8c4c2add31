#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# First contact (issue 19): the README in reading order, man pages and
# --help without internal words, and each tool page complete: OUTPUT,
# ENVIRONMENT (the switches its script makes the engine read), FILES,
# three examples, the bcc peer. make deps vs test packages: install.bats.
load helpers

TOOLS="openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch"
# tool:bcc peer
PEERS="openerr:opensnoop oncpu:profile offcpu:offcputime offwake:offwaketime
	kmallocstack:memleak wqlat:wqlat biolat:biolatency irqtop:hardirqs sockwatch:tcprtt"

# section PAGE NAME: the roff source of section NAME of PAGE
section() {
	awk -v s="$2" '/^\.SH / { t = substr($0, 5); gsub(/"/, "", t); on = (t == s); next } on' "$1"
}

# env_needed TOOL: the variables the engine reads for TOOL's script
env_needed() {
	local bt="$ROOT/share/scripts/$1.bt"
	echo XDG_CACHE_HOME BT_NO_CACHE BT_CODEGEN BPFTRACE_MAP_KEYS_MAX BT_MAP_KEYS_MAX BT_DUMP_IR
	grep -q 'str(' "$bt" && echo BPFTRACE_STRLEN BT_STRLEN
	grep -q 'syscalls:' "$bt" && echo BT_SYSDISP BT_NO_TASK_CACHE
	grep -q 'kaddr(' "$bt" && echo BT_SYSTEM_MAP
	grep -q 'comm ==' "$bt" && echo BT_NO_TASK_BTF
	grep -q 'kprobe:' "$bt" && echo BT_DATADIR
	true
}

@test "no man page, --help or --script speaks of the seed" {
	run grep -il seed "$ROOT"/man/*.[78]
	[ "$status" -eq 1 ] || { echo "$output"; false; }
	for b in bt $TOOLS; do
		[ -x "$BUILD/$b" ] || { echo "no $BUILD/$b (make)"; false; }
		help=$("$BUILD/$b" --help)
		[ -n "$help" ]
		run grep -i seed <<<"$help"
		[ "$status" -eq 1 ] || { echo "$b --help: $output"; false; }
	done
	# nor the scripts that --script prints and make install installs
	for t in $TOOLS; do
		script=$("$BUILD/$t" --script)
		[ -n "$script" ]
		run grep -i seed <<<"$script"
		[ "$status" -eq 1 ] || { echo "$t --script: $output"; false; }
	done
}

@test "every tool page: OUTPUT, ENVIRONMENT, FILES with ~/.cache/bt, three EXAMPLES, the bcc peer" {
	for p in $PEERS; do
		t=${p%%:*} peer=${p#*:}
		page="$ROOT/man/$t.8"
		for s in OUTPUT ENVIRONMENT FILES; do
			[ -n "$(section "$page" "$s")" ] || { echo "$t.8: no $s"; false; }
		done
		section "$page" FILES | grep -qx '\.I ~/\.cache/bt/' || { echo "$t.8: FILES lacks ~/.cache/bt"; false; }
		n=$(section "$page" EXAMPLES | grep -c '^\.EX$')
		[ "$n" -ge 3 ] || { echo "$t.8: $n examples"; false; }
		# each example is a command line and what it printed
		[ "$(section "$page" EXAMPLES | grep -A1 '^\.EX$' | grep -c "^# $t ")" -eq "$n" ] ||
			{ echo "$t.8: an example does not start with '# $t '"; false; }
		section "$page" "SEE ALSO" | grep -qxE "\\.BR $peer \\(8\\),?" || { echo "$t.8: SEE ALSO lacks $peer(8)"; false; }
	done
	# the README names the same peers
	for p in $PEERS; do
		grep -qE "^\\| \`${p#*:}[ \`].*\\| \`${p%%:*}\`" "$ROOT/README.md" ||
			{ echo "README: no ${p#*:} -> ${p%%:*}"; false; }
	done
}

@test "each tool page's ENVIRONMENT names the switches its script makes the engine read, and no other" {
	# the switches engine/settings.c reads, and what else is read with getenv
	read_by_engine=" $({ grep -oE '"(BT|BPFTRACE)_[A-Z_]+"' "$ROOT/engine/settings.c"
		cat "$ROOT"/engine/*.c "$ROOT"/engine/*/*.c | grep -oE 'getenv\("[A-Z_]+"\)'; } |
		cut -d'"' -f2 | sort -u | tr '\n' ' ') "
	for t in $TOOLS; do
		env=$(section "$ROOT/man/$t.8" ENVIRONMENT)
		for v in $(env_needed "$t"); do
			grep -qE "^\\.B[R]? ([^ ]+ \", \" )?$v( |\$)" <<<"$env" || { echo "$t.8 ENVIRONMENT lacks $v"; false; }
		done
		for v in $(grep -oE '\b(BT|BPFTRACE)_[A-Z_]+' <<<"$env" | sort -u); do
			[[ "$read_by_engine" == *" $v "* ]] || { echo "$t.8 names $v, which nothing reads"; false; }
		done
	done
	# the derivation sees the script's features
	[[ " $(env_needed openerr | tr '\n' ' ') " == *" BT_SYSDISP "* ]]
	[[ " $(env_needed wqlat | tr '\n' ' ') " == *" BT_SYSTEM_MAP "* ]]
	[[ " $(env_needed biolat | tr '\n' ' ') " != *" BT_STRLEN "* ]]
}

@test "irqtop(8) explains util-linux irqtop(1) and how the two differ" {
	command -v mandoc >/dev/null || skip "mandoc is not installed (make test-deps installs it)"
	text=$(mandoc -Tascii -O width=1000 "$ROOT/man/irqtop.8" | sed 's/.\x08//g' |
		awk '/^[A-Z]/ { on = ($0 == "DESCRIPTION"); next } on')
	[[ "$text" == *"util-linux has an irqtop(1)"* ]] || { echo "$text"; false; }
	[[ "$text" == *"/proc/interrupts"* ]]
	[[ "$text" == *"make install prints a note when both are there"* ]]
	section "$ROOT/man/irqtop.8" "SEE ALSO" | grep -qx '\.BR irqtop (1)'
}

@test "README: the first 60 lines hold the install steps and the whole symptom table" {
	head=$(head -n 60 "$ROOT/README.md")
	for c in "make deps" "make" "make install" "make check"; do
		grep -qE "^    $c +# " <<<"$head" || { echo "no '$c' step"; false; }
	done
	grep -qx '## Install and requirements' <<<"$head"
	for w in BTF CAP_BPF CAP_PERFMON bt-codegen.so libbpf1 '~/.cache/bt' '$PREFIX/bin/' '$PREFIX/lib/bt/'; do
		grep -qF -- "$w" <<<"$head" || { echo "install lacks $w"; false; }
	done
	grep -qx '## Which tool for which symptom' <<<"$head"
	grep -qx '| symptom | run | what it tells you |' <<<"$head"
	for t in $TOOLS bt; do
		grep -qE "^\\| [^|]+ \\| \`$t " <<<"$head" || { echo "symptom table lacks $t"; false; }
	done
	# the table ends within the 60 lines
	last=$(grep -n '^| anything else |' "$ROOT/README.md" | cut -d: -f1)
	[ -n "$last" ]
	[ "$last" -lt 60 ]
	[ -z "$(sed -n "$((last + 1))p" "$ROOT/README.md")" ]
}

@test "README: sections in reading order, install before internals" {
	order=$(grep -nE '^## ' "$ROOT/README.md" | cut -d: -f2-)
	want="## Install and requirements
## Which tool for which symptom
## Coming from bcc or bpftrace
## Using bt
## Gallery
## How it stays fast
## Tests
## Layout"
	[ "$order" = "$want" ] || { echo "$order"; false; }
	[ "$(sed -n 1p "$ROOT/README.md")" = "# bt — kernel tracing tools for SREs, one engine" ]
	# what bt is: three lines between the title and the first section
	[ "$(sed -n '2,/^## /p' "$ROOT/README.md" | grep -c .)" -eq 4 ]
}
