#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# sync-options.sh BIN PAGE: rewrite the OPTIONS section of the man page PAGE
# from `BIN --help` (argp format: the tools), so the page lists exactly the
# options, arguments and help texts of the binary. The rest of the page is
# hand-written. `make man-sync` runs it for every tool; tests/bats/man.bats
# fails when a page and its binary drift apart.
set -eu
bin=$1
page=$2
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.opts"' EXIT

"$bin" --help | awk '
function esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	return s
}
function text(s) {
	s = esc(s)
	if (s ~ /^[.\047]/)
		s = "\\&" s
	return s
}
function flush() {
	if (tag == "")
		return
	print ".TP"
	print tag
	if (help != "") {
		if (help !~ /\.$/)
			help = help "."
		print text(help)
	}
	tag = ""; help = ""
}
BEGIN { print ".SH OPTIONS" }
/^EXAMPLES:/ || /^Mandatory or optional/ { flush(); exit }
/^ [A-Z].*:$/ {
	# an argp group header: " Common options:"
	flush()
	blank = 0
	h = $0; sub(/^ /, "", h); sub(/:$/, "", h)
	print ".SS " text(h)
	next
}
/^  +-/ {
	flush()
	if (blank && nopt)
		print ".SS Help and version"
	blank = 0
	nopt++
	line = $0; sub(/^ +/, "", line)
	help = ""
	if (match(line, /  +/)) {
		help = substr(line, RSTART + RLENGTH)
		line = substr(line, 1, RSTART - 1)
	}
	n = split(line, o, /, +/)
	tag = ""
	for (i = 1; i <= n; i++) {
		w = o[i]; a = ""; eq = ""
		if (match(w, /^--[A-Za-z0-9-]+\[?=/)) {
			eq = substr(w, RLENGTH, 1) == "[" ? "[=" : "="
			a = substr(w, RLENGTH + 1); w = substr(w, 1, RLENGTH - 1)
			sub(/\[$/, "", w); sub(/=$/, "", w)
			if (eq == "[=") sub(/\]$/, "", a)
		}
		if (w == "-?")
			continue
		part = "\\fB" esc(w) "\\fR"
		if (a != "")
			part = part (eq == "[=" ? "[=" : "=") "\\fI" esc(a) "\\fR" (eq == "[=" ? "]" : "")
		tag = tag (tag == "" ? "" : ", ") part
	}
	if (tag == "") { help = ""; next }
	tag = ".TP\n" tag
	sub(/^\.TP\n/, "", tag)
	next
}
/^      +[^ ]/ && tag != "" {
	l = $0; sub(/^ +/, "", l)
	help = help " " l
	next
}
/^$/ { flush(); blank = 1 }
END { flush() }
' >"$tmp.opts"

awk -v opts="$tmp.opts" '
/^\.SH / {
	if (skip) skip = 0
	if ($0 == ".SH OPTIONS") {
		while ((getline l < opts) > 0) print l
		skip = 1
		next
	}
}
!skip
' "$page" >"$tmp"
cat "$tmp" >"$page"
