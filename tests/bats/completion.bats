#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
# Shell completion (completions/): bash functions driven through COMP_WORDS /
# COMP_CWORD, zsh through a real zsh on a pty (zpty). Options are read from
# each binary's --help here too, so an option missing from completion fails.
load helpers

TOOLS="openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch"

setup() {
	export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
	export PATH="$BUILD:$PATH"
	# shellcheck source=/dev/null
	source "$ROOT/completions/bash/bt.bash"
}

# comp WORD...: complete the last word as bash would; candidates in $reply
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_bt_complete
	reply=$(printf '%s\n' "${COMPREPLY[@]}")
}

# has WORD: $reply holds WORD as one candidate
has() {
	grep -qxF -- "$1" <<<"$reply" || { echo "no '$1' in: $(tr '\n' ' ' <<<"$reply")"; false; }
}

# the long options of binary $1, from its --help
long_opts() {
	"$1" --help | sed '/^EXAMPLES:/q' | grep -E '^ +-' | grep -oE '(^|[ ,])--[a-z][-a-z]*' |
		sed 's/^[ ,]*//' | sort -u
}

# the short options of binary $1, from its --help
short_opts() {
	"$1" --help | sed '/^EXAMPLES:/q' | grep -E '^ +-' | grep -oE '(^|, | )-[A-Za-z]+\b' |
		sed 's/^[ ,]*//' | grep -v '^--' | sort -u
}

@test "bash: every long and short option of every tool's --help completes" {
	for t in $TOOLS; do
		[ -x "$BUILD/$t" ] || continue
		comp "$BUILD/$t" --
		for o in $(long_opts "$BUILD/$t"); do
			grep -qE -- "^$o=?\$" <<<"$reply" || { echo "$t: $o not offered"; false; }
		done
		comp "$BUILD/$t" -
		for o in $(short_opts "$BUILD/$t"); do
			has "$o" || { echo "$t: $o"; false; }
		done
	done
}

@test "bash: openerr --er completes to --errno= (and --errno-numbers), its argument to errno names" {
	comp "$BUILD/openerr" --er
	[ "$reply" = $'--errno-numbers\n--errno=' ] || [ "$reply" = $'--errno=\n--errno-numbers' ]
	comp "$BUILD/openerr" -e ENOE
	[ "$reply" = "ENOENT" ]
	# bash splits --errno=EAC at '='; readline replaces only the part after it
	comp "$BUILD/openerr" --errno = EAC
	[ "$reply" = "EACCES" ]
	COMP_WORDBREAKS=' '
	comp "$BUILD/openerr" --errno=EAC
	[ "$reply" = "--errno=EACCES" ]
}

@test "bash: -p completes running pids, -n command names, -c commands" {
	sleep 30 &
	pid=$!
	comp "$BUILD/oncpu" -p "$pid"
	has "$pid"
	comp "$BUILD/offcpu" --pid "$pid"
	has "$pid"
	comp "$BUILD/offwake" -n slee
	has sleep
	kill "$pid"
	comp "$BUILD/openerr" -c slee
	has sleep
	comp "$BUILD/bt" -c slee
	has sleep
	comp "$BUILD/biolat" --disk ''
	for d in /sys/block/*; do has "${d##*/}"; done
}

@test "bash: file arguments: bt -o, --svg=, a bt script" {
	mkdir "$BATS_TEST_TMPDIR/d"
	touch "$BATS_TEST_TMPDIR/d/trace.bt" "$BATS_TEST_TMPDIR/d/out.svg"
	comp "$BUILD/bt" -o "$BATS_TEST_TMPDIR/d/tr"
	[ "$reply" = "$BATS_TEST_TMPDIR/d/trace.bt" ]
	comp "$BUILD/bt" "$BATS_TEST_TMPDIR/d/tr"
	[ "$reply" = "$BATS_TEST_TMPDIR/d/trace.bt" ]
	COMP_WORDBREAKS=' '
	comp "$BUILD/oncpu" "--svg=$BATS_TEST_TMPDIR/d/ou"
	[ "$reply" = "--svg=$BATS_TEST_TMPDIR/d/out.svg" ]
}

@test "bash: bt options from --help, -B and -f values" {
	comp "$BUILD/bt" --
	for o in $(long_opts "$BUILD/bt"); do
		grep -qE -- "^$o=?\$" <<<"$reply" || { echo "bt: $o not offered"; false; }
	done
	comp "$BUILD/bt" -
	for o in $(short_opts "$BUILD/bt"); do has "$o"; done
	comp "$BUILD/bt" -B ''
	[ "$(echo $reply)" = "line full none" ]
	comp "$BUILD/bt" -f j
	[ "$reply" = "json" ]
}

@test "bash: bt -l completes probe names from bt -l, split at ':' or not" {
	require_root
	comp "$BUILD/bt" -l tracepoint : sched : sched_sw
	has sched_switch
	has sched_swap_numa
	[ "$(wc -l <<<"$reply")" -eq 2 ]
	COMP_WORDBREAKS=' '
	comp "$BUILD/bt" -l tracepoint:sched:sched_sw
	has tracepoint:sched:sched_switch
	comp "$BUILD/bt" -l rawtracepoint:sched_swi
	has rawtracepoint:sched_switch
}

@test "bash: bt -e completes probes at the probe position, with aliases and after ','" {
	require_root
	comp "$BUILD/bt" -e "'tracepoint:sched:sched_sw"
	has tracepoint:sched:sched_switch
	comp "$BUILD/bt" -e "'t:sched:sched_wakeup_n"
	[ "$reply" = "t:sched:sched_wakeup_new" ]
	comp "$BUILD/bt" -e "'t:sched:sched_switch,tracepoint:sched:sched_wakeup_n"
	[ "$reply" = "t:sched:sched_switch,tracepoint:sched:sched_wakeup_new" ]
	# inside the action block: no probe names; after it, the next probe
	comp "$BUILD/bt" -e "'t:sched:sched_switch { t"
	[ -z "$reply" ]
	comp "$BUILD/bt" -e "'BEGIN { exit(); } t:sched:sched_wakeup_n"
	[ "$reply" = "BEGIN { exit(); } t:sched:sched_wakeup_new" ]
}

@test "bash: the probe list is cached per kernel release" {
	require_root
	cache="$XDG_CACHE_HOME/bt/probes-$(uname -r)"
	comp "$BUILD/bt" -l tracepoint:sched:sched_sw
	[ -s "$cache" ]
	grep -qx tracepoint:sched:sched_switch "$cache"
	# a second completion reads the cache, not bt -l
	echo 'tracepoint:docs:cached_only' >"$cache"
	COMP_WORDBREAKS=' '
	comp "$BUILD/bt" -l tracepoint:docs:
	[ "$reply" = "tracepoint:docs:cached_only" ]
	# an hour old: read again from bt -l
	touch -d '2 hours ago' "$cache"
	comp "$BUILD/bt" -l tracepoint:docs:
	[ -z "$reply" ]
	grep -qx tracepoint:sched:sched_switch "$cache"
}

# zsh: write a driver that completes a line in an interactive zsh on a pty
# and prints what zsh lists (escape sequences removed).
zsh_comp() {
	cat >"$BATS_TEST_TMPDIR/zc.zsh" <<'EOF'
zmodload zsh/zpty
zpty z "zsh -f -i"
zpty -w z "PS1='' PROMPT='' RPROMPT=''; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "LISTMAX=10000; COLUMNS=100; bindkey '^X' list-choices; echo RE''ADY"
out=
while zpty -r z line; do [[ $line == *READY* ]] && break; done
zpty -w -n z "$2"$'\C-X'
# read until the listing has come after the echoed line, then 0.5 s of quiet
out= idle=0
for i in {1..200}; do
	if zpty -rt z line; then
		out+=$line; idle=0
	else
		[[ $out == *"$2"*$'\n'* ]] && (( ++idle >= 5 )) && break
		sleep 0.1
	fi
done
print -r -- "$out"
zpty -d z
EOF
	timeout 30 zsh "$BATS_TEST_TMPDIR/zc.zsh" "$ROOT/completions/zsh" "$1" |
		tr -d '\r' | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g'
}

@test "zsh: _bt parses; bt and every tool offer every option of their --help" {
	command -v zsh >/dev/null || skip "zsh is not installed (make test-deps installs it)"
	zsh -n "$ROOT/completions/zsh/_bt"
	for t in bt $TOOLS; do
		[ -x "$BUILD/$t" ] || continue
		out=$(zsh_comp "$t -")
		for o in $(long_opts "$BUILD/$t") $(short_opts "$BUILD/$t"); do
			[[ "$out" == *"$o "* ]] || { echo "$t: no $o in: $out"; false; }
		done
	done
}

@test "zsh: tool options from --help, bt -l and -e probe names" {
	command -v zsh >/dev/null || skip "zsh is not installed (make test-deps installs it)"
	require_root
	out=$(zsh_comp 'openerr --er')
	[[ "$out" == *"--errno"*"Only this errno"* ]] || { echo "$out"; false; }
	out=$(zsh_comp 'openerr -e EACC')
	[[ "$out" == *EACCES* ]] || { echo "$out"; false; }
	out=$(zsh_comp 'bt -B ')
	[[ "$out" == *"full"*"line"*"none"* ]] || { echo "$out"; false; }
	out=$(zsh_comp 'bt -l tracepoint:sched:sched_sw')
	[[ "$out" == *sched_switch* && "$out" == *sched_swap_numa* ]] || { echo "$out"; false; }
	out=$(zsh_comp "bt -e 't:sched:sched_sw")
	[[ "$out" == *sched_switch* ]] || { echo "$out"; false; }
	out=$(zsh_comp "bt -e 'BEGIN { exit(); } t:sched:sched_sw")
	[[ "$out" == *sched_switch* ]] || { echo "$out"; false; }
	# inside the action block: no probe names
	out=$(zsh_comp "bt -e 't:sched:sched_switch { tracepoint:sched:sched_sw")
	[[ "$out" != *sched_swap_numa* ]] || { echo "$out"; false; }
}
