#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Man pages (man/): mandoc -Tlint is clean, and each binary's OPTIONS match
# its --help as it is now: every option (names, metavariable, help text)
# of --help is in the page, and the page documents no option --help lacks.
load helpers

PAGES="bt openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch"

setup() {
	command -v mandoc >/dev/null || skip "mandoc is not installed (make test-deps installs it)"
}

# help_opts BIN: one line per option entry of BIN --help (up to EXAMPLES):
# NAMES US ARG US HELP (US: the \037 unit separator), names space-separated,
# HELP joined across lines.
help_opts() {
	"$1" --help | awk '
		/^EXAMPLES:/ { exit }
		function flush() { if (names != "") printf "%s\037%s\037%s\n", names, arg, help; names = "" }
		/^ *-/ {
			flush()
			line = $0; sub(/^ +/, "", line)
			help = ""
			if (match(line, /  +/)) { help = substr(line, RSTART + RLENGTH); line = substr(line, 1, RSTART - 1) }
			else if (match(line, /^--?[A-Za-z][-A-Za-z0-9]* [^ ]+ /)) {
				# `--include FILE add an ...`: one space before the help
				help = substr(line, RLENGTH + 1); line = substr(line, 1, RLENGTH - 1)
			}
			n = split(line, o, /, +/); arg = ""
			for (i = 1; i <= n; i++) {
				w = o[i]
				if (match(w, /^--[A-Za-z0-9-]+\[?=/)) {
					arg = substr(w, RLENGTH + 1); w = substr(w, 1, RLENGTH - 1)
					sub(/\[$/, "", w); sub(/\]$/, "", arg)
				} else if (split(w, t, / +/) > 1) { w = t[1]; arg = t[2] }
				if (w ~ /^--?[A-Za-z]/) names = names (names == "" ? "" : " ") w
			}
			next
		}
		/^      +[^ -]/ && names != "" { l = $0; sub(/^ +/, "", l); help = help (help == "" ? "" : " ") l; next }
		{ flush() }
		END { flush() }'
}

# man_section PAGE NAME: the roff source of section NAME of PAGE
man_section() {
	awk -v s="$2" '/^\.SH / { on = ($0 == ".SH " s) ; next } on' "$1"
}

# tag_lines PAGE: the roff lines after .TP in OPTIONS, as plain text
tag_lines() {
	man_section "$1" OPTIONS | awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }' |
		sed -E 's/^\.[A-Z]+ //; s/\\f[BIRP]//g; s/\\-/-/g; s/"//g; s/\\&//g' |
		awk '{ $1 = $1; print }' | sed -E 's/ , /, /g; s/ = /=/g; s/ =/=/g; s/= /=/g'
}

# options_text PAGE: OPTIONS as rendered, on one line, single spaces, lower case
options_text() {
	mandoc -Tascii -O width=1000 "$1" | sed 's/.\x08//g' |
		awk '/^[A-Z]/ { on = ($0 == "OPTIONS") ; next } on' | tr -s ' \n\t' ' ' |
		tr '[:upper:]' '[:lower:]'
}

norm() {
	tr -s ' \t' ' ' <<<"$1" | sed 's/^ //; s/ $//' | tr '[:upper:]' '[:lower:]'
}

@test "every page: mandoc -Tlint is clean" {
	for p in man/*.[0-9]; do
		out=$(cd "$ROOT" && mandoc -Tlint "$p" 2>&1) || true
		[ -z "$out" ] || { echo "$out"; false; }
	done
	[ -f "$ROOT/man/bt-language.7" ]
}

@test "every binary has a page with NAME SYNOPSIS DESCRIPTION OPTIONS EXAMPLES SEE ALSO" {
	for t in $PAGES; do
		page="$ROOT/man/$t.8"
		[ -f "$page" ] || { echo "no $page"; false; }
		for s in NAME SYNOPSIS DESCRIPTION OPTIONS EXAMPLES "SEE ALSO"; do
			grep -qxE "\\.SH \"?$s\"?" "$page" || { echo "$t.8: no .SH $s"; false; }
		done
	done
	for t in openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch; do
		for s in "ATTACH POINTS" OVERHEAD; do
			grep -qxE "\\.SH \"?$s\"?" "$ROOT/man/$t.8" || { echo "$t.8: no .SH $s"; false; }
		done
	done
}

# check_page BIN PAGE: prints each way PAGE's OPTIONS differ from BIN --help
check_page() {
	local tags text names arg help n line a h
	tags=$(tag_lines "$2")
	text=$(options_text "$2")
	while IFS=$'\037' read -r names arg help; do
		for n in $names; do
			line=$(grep -E -- "(^|, )$n([ =,]|\$)" <<<"$tags" | head -n 1)
			if [ -z "$line" ]; then
				echo "${2##*/}: OPTIONS lacks $n"
				continue
			fi
			a=$(tr -d "'[]" <<<"$arg")
			a=${a%%=*}
			if [ -n "$a" ] && [[ "$(tr -d "'[]" <<<"$line")" != *"$a"* ]]; then
				echo "${2##*/}: $n: '$line' lacks the argument $arg"
			fi
		done
		h=$(norm "$help")
		h=${h%.}
		if [ -n "$h" ] && [[ "$text" != *"$h"* ]]; then
			echo "${2##*/}: $names: help text not in OPTIONS: $help"
		fi
	done < <(help_opts "$1")
}

@test "every option of every --help is in its page's OPTIONS: names, argument, help text" {
	out=
	for t in $PAGES; do
		[ -x "$BUILD/$t" ] || continue
		out+=$(check_page "$BUILD/$t" "$ROOT/man/$t.8")
	done
	[ -z "$out" ] || { echo "$out"; echo "(tool pages: make man-sync)"; false; }
}

@test "no page documents an option its --help lacks" {
	fail=0
	for t in $PAGES; do
		bin="$BUILD/$t"
		[ -x "$bin" ] || continue
		known=" $(help_opts "$bin" | cut -d $'\037' -f1 | tr '\n' ' ') "
		for o in $(tag_lines "$ROOT/man/$t.8" | grep -oE -- '(^|[ ,])--?[A-Za-z][-A-Za-z0-9]*' |
			sed 's/^[ ,]*//'); do
			[[ "$known" == *" $o "* ]] || { echo "$t.8 documents $o, --help has not"; fail=1; }
		done
	done
	[ "$fail" -eq 0 ]
}

@test "the check sees drift: a page without --errno, a changed help text" {
	page="$BATS_TEST_TMPDIR/openerr.8"
	# drop the --errno entry, change the text of --summary
	awk '/^\.TP/ { getline l; if (l ~ /ERRNO/) { getline; next } print; print l; next } 1' \
		"$ROOT/man/openerr.8" | sed 's/^Count failures by errno/Count errors by errno/' >"$page"
	out=$(check_page "$BUILD/openerr" "$page")
	[[ "$out" == *"openerr.8: OPTIONS lacks -e"* ]] || { echo "$out"; false; }
	[[ "$out" == *"openerr.8: OPTIONS lacks --errno"* ]]
	[[ "$out" == *"openerr.8: -e --errno: help text not in OPTIONS"* ]]
	[[ "$out" == *"openerr.8: -s --summary: help text not in OPTIONS"* ]]
	[ "$(wc -l <<<"$out")" -eq 4 ]
	[ -z "$(check_page "$BUILD/openerr" "$ROOT/man/openerr.8")" ]
}

@test "bt-language.7 lists every builtin, function and probe type bt knows" {
	page="$ROOT/man/bt-language.7"
	text=$(mandoc -Tascii -O width=1000 "$page" | sed 's/.\x08//g')
	# builtins and functions from their rows, providers from the registry
	local def="$ROOT/engine/builtin/builtins.def" n
	n=$(grep -cE '^BT_(VARN?|FUNCP?)\(' "$def")
	[ "$n" -gt 60 ] || { echo "only $n rows in $def"; false; }
	for w in $(grep -oE '^BT_VARN?\([A-Z_]+, "[a-z_0-9]+"' "$def" | cut -d'"' -f2); do
		grep -qw -- "$w" <<<"$text" || grep -qw -- "${w}0" <<<"$text" ||
			{ echo "builtin $w missing"; false; }
	done
	for w in $(grep -oE '^BT_FUNCP?\([A-Z_]+, "[a-z_0-9]+"' "$def" | cut -d'"' -f2); do
		grep -qE -- "(^|[^a-z_])$w\(" <<<"$text" || { echo "function $w() missing"; false; }
	done
	for w in $(grep -oE '\.name = "[A-Za-z_]+"' "$ROOT/engine/probe/registry.c" | cut -d'"' -f2); do
		grep -qw -- "$w" <<<"$text" || { echo "probe type $w missing"; false; }
	done
}

@test "bt.8 ENVIRONMENT names every variable the engine and bt read" {
	env=$(man_section "$ROOT/man/bt.8" ENVIRONMENT)
	# getenv("X") anywhere, and every switch name engine/settings.c reads
	for v in $( { cat "$ROOT"/engine/*.c "$ROOT"/engine/*/*.c "$ROOT/tools/bt.c" |
		grep -oE 'getenv\("[A-Z_]+"\)' | cut -d'"' -f2
		grep -oE '"(BT|BPFTRACE)_[A-Z_]+"' "$ROOT/engine/settings.c" | tr -d '"'; } | sort -u); do
		[ "$v" = PATH ] && continue
		grep -qE -- "(^|[ .])$v([ ,]|\$)" <<<"$env" || { echo "bt.8 ENVIRONMENT lacks $v"; false; }
	done
}

@test "only engine/settings.c reads a BT_* or BPFTRACE_* switch" {
	# elsewhere getenv reads PATH, HOME and XDG_* only
	run --separate-stderr grep -rnE 'getenv\(' "$ROOT/engine" "$ROOT/tools"
	[ "$status" -eq 0 ]
	other=$(printf '%s\n' "$output" | grep -v '/engine/settings\.c:' |
		grep -vE 'getenv\("(PATH|HOME|XDG_[A-Z_]+)"\)' || true)
	[ "$other" = "" ] || { echo "$other"; false; }
}
