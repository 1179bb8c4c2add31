# SPDX-License-Identifier: GPL-2.0
# bash completion for bt and its tools (openerr oncpu offcpu offwake
# kmallocstack wqlat biolat irqtop sockwatch). Installed once per command
# name under share/bash-completion/completions/; each copy registers all.
#
# Options come from the command's own --help at completion time (cached per
# binary for the shell session), so a new option completes without editing
# this file. Arguments by metavariable: PID (lists too; TID) -> running pids, CMD / -c ->
# commands, FILE / -o / --include -> files, DIR / -I -> directories, COMM ->
# running command names. `bt -l` and the probe position of `bt -e` complete
# probe names from `bt -l`, cached in ${XDG_CACHE_HOME:-~/.cache}/bt (or
# /tmp) per kernel release, refreshed after an hour.

# The options of $1 (a bt or tool binary), one per line with the
# metavariable if it takes one: `-p PID`, `--pid PID`, `-a`, `--all`.
_bt_opts()
{
	local cmd=$1 key
	key=$(command -v -- "$cmd" 2>/dev/null) || key=$cmd
	if [[ -z ${_bt_opts_cache[$key]+set} ]]; then
		_bt_opts_cache[$key]=$("$cmd" --help 2>/dev/null | awk '
			/^EXAMPLES:/ { exit }
			!/^ *-/ { next }
			{
				sub(/^ +/, ""); sub(/  .*/, "")
				n = split($0, o, /, +/); arg = ""
				for (i = 1; i <= n; i++) {
					w = o[i]; a = ""
					if (match(w, /^--[A-Za-z0-9-]+\[?=/)) {
						a = substr(w, RLENGTH + 1); w = substr(w, 1, RLENGTH - 1)
						if (w ~ /\[$/) { w = substr(w, 1, length(w) - 1); sub(/\]$/, "", a) }
					}
					else if (split(w, t, / +/) > 1) { w = t[1]; a = t[2] }
					if (w !~ /^--?[A-Za-z]/) continue
					name[i] = w; args[i] = a; if (a != "") arg = a
				}
				for (i = 1; i <= n; i++) if (i in name) print name[i] (arg != "" ? " " arg : "")
				delete name; delete args
			}')
	fi
	printf '%s\n' "${_bt_opts_cache[$key]}"
}
declare -gA _bt_opts_cache 2>/dev/null || declare -A _bt_opts_cache

# The metavariable of option $2 of command $1, empty when it takes none.
_bt_optarg()
{
	local o a
	while read -r o a; do
		[[ $o == "$2" ]] && { printf '%s\n' "$a"; return 0; }
	done < <(_bt_opts "$1")
	return 1
}

# The probe list of the bt binary $1, cached per kernel release.
_bt_probe_list()
{
	local bt=$1 dir rel f
	dir=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
	dir=${dir:+$dir/bt}
	if [[ -z $dir ]] || ! mkdir -p "$dir" 2>/dev/null || [[ ! -w $dir ]]; then
		dir=${TMPDIR:-/tmp}/bt-$(id -u)
		mkdir -p "$dir" 2>/dev/null
	fi
	rel=$(uname -r)
	f=$dir/probes-$rel
	if [[ ! -s $f ]] || [[ -n $(find "$f" -mmin +60 2>/dev/null) ]]; then
		"$bt" -l >"$f.$$" 2>/dev/null && [[ -s $f.$$ ]] && mv -f "$f.$$" "$f"
		rm -f "$f.$$"
	fi
	[[ -s $f ]] && printf '%s\n' "$f"
}

# Sets COMPREPLY to the probes of bt binary $1 that start with $2; a
# provider alias (t:, k:, rt: ...) completes as typed.
_bt_probes()
{
	local f pre=$2 alias='' full i
	f=$(_bt_probe_list "$1") || return
	if [[ $pre == *:* ]]; then
		case ${pre%%:*} in
		t) full=tracepoint ;; rt) full=rawtracepoint ;; k) full=kprobe ;;
		kr) full=kretprobe ;; f | fentry) full=kfunc ;; fr | fexit) full=kretfunc ;;
		u) full=uprobe ;; ur) full=uretprobe ;; U) full=usdt ;; s) full=software ;; h) full=hardware ;;
		esac
		[[ -n $full ]] && { alias=${pre%%:*}; pre=$full:${pre#*:}; }
	fi
	mapfile -t COMPREPLY < <(awk -v p="$pre" 'index($0, p) == 1' "$f")
	if [[ -n $alias ]]; then
		for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$alias:${COMPREPLY[i]#*:}; done
	fi
}

# The completion word and the one before, with words joined back across
# ':' and '=' (bash splits `tracepoint:sched:x` at COMP_WORDBREAKS).
_bt_words()
{
	local i w
	_bt_w=()
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if ((${#_bt_w[@]})) && { [[ $w == :* || $w == =* ]] ||
			[[ ${_bt_w[-1]} == *: || ${_bt_w[-1]} == *= ]]; }; then
			_bt_w[-1]+=$w
		else
			_bt_w+=("$w")
		fi
	done
	_bt_cur=${_bt_w[-1]}
	_bt_prev=
	((${#_bt_w[@]} > 1)) && _bt_prev=${_bt_w[-2]}
}

# Readline replaces only the text after the last COMP_WORDBREAKS character:
# drop that prefix of $1 from every candidate (bash-completion's
# __ltrim_colon_completions, for ':' and '=').
_bt_trim()
{
	local pre=$1 i c
	[[ $pre == \'* || $pre == \"* ]] && return
	for c in : =; do
		if [[ $pre == *$c* && $COMP_WORDBREAKS == *$c* ]]; then
			local cut=${pre%"${pre##*$c}"}
			for i in "${!COMPREPLY[@]}"; do
				COMPREPLY[i]=${COMPREPLY[i]#"$cut"}
			done
			pre=${pre##*$c}
		fi
	done
}

# Completes the argument $2 (current text) of an option whose metavariable
# or name is $1.
_bt_arg()
{
	local what=$1 cur=$2
	case $what in
	PID | 'PID[,PID...]' | 'TID[,TID...]')
		mapfile -t COMPREPLY < <(compgen -W "$(ps -e -o pid= 2>/dev/null)" -- "$cur") ;;
	CMD | \'CMD\')
		mapfile -t COMPREPLY < <(compgen -c -- "$cur" | sort -u) ;;
	COMM)
		mapfile -t COMPREPLY < <(compgen -W "$(ps -e -o comm= 2>/dev/null | sort -u)" -- "$cur") ;;
	FILE | file | PATH)
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	DIR)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
	'D|S')
		mapfile -t COMPREPLY < <(compgen -W 'D S' -- "$cur") ;;
	MODE)
		mapfile -t COMPREPLY < <(compgen -W 'line full none' -- "$cur") ;;
	FORMAT)
		mapfile -t COMPREPLY < <(compgen -W 'text json' -- "$cur") ;;
	ERRNO)
		mapfile -t COMPREPLY < <(compgen -W 'EPERM ENOENT EACCES EEXIST ENOTDIR EISDIR
			ENXIO ENODEV EROFS ELOOP ENAMETOOLONG EMFILE ENFILE EBUSY ETXTBSY EINVAL
			EAGAIN ENOMEM EFAULT EOPNOTSUPP' -- "$cur") ;;
	NAME)
		mapfile -t COMPREPLY < <(compgen -W "$(ls /sys/block 2>/dev/null)" -- "$cur") ;;
	*)
		COMPREPLY=() ;;
	esac
}

_bt_complete()
{
	local cmd=${COMP_WORDS[0]} _bt_w _bt_cur _bt_prev arg opt
	COMPREPLY=()
	_bt_words
	local cur=$_bt_cur prev=$_bt_prev

	# --opt=ARG
	if [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		arg=$(_bt_optarg "$cmd" "$opt") || return 0
		_bt_arg "$arg" "${cur#*=}"
		local i
		for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$opt=${COMPREPLY[i]}; done
		_bt_trim "$cur"
		return 0
	fi

	# the argument of the previous option
	if [[ $prev == -* ]]; then
		case ${cmd##*/}:$prev in
		bt:-l)
			_bt_probes "$cmd" "$cur"
			_bt_trim "$cur"
			return 0 ;;
		bt:-e)
			# the probe position: the start of the program, after a ','
			# or after a '}' (the next probe)
			local q='' text=$cur lead='' ws head
			[[ $text == [\'\"]* ]] && { q=${text:0:1}; text=${text:1}; }
			if [[ $text == *\}* ]]; then
				lead=${text%"${text##*\}}"}
				text=${text##*\}}
				ws=${text%%[![:space:]]*}
				lead+=$ws
				text=${text#"$ws"}
			fi
			if ! [[ $text =~ [[:space:]{/] ]]; then
				head=$lead${text%"${text##*,}"}
				_bt_probes "$cmd" "${text##*,}"
				local i
				for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=$head${COMPREPLY[i]}; done
				[[ -z $q ]] && _bt_trim "$cur"
				# the program goes on after the probe: no space
				compopt -o nospace 2>/dev/null || true
			fi
			return 0 ;;
		esac
		if arg=$(_bt_optarg "$cmd" "$prev") && [[ -n $arg ]]; then
			_bt_arg "$arg" "$cur"
			_bt_trim "$cur"
			return 0
		fi
	fi

	if [[ $cur == -* ]]; then
		local o a list=()
		while read -r o a; do
			[[ $o == --* && -n $a ]] && o+='='
			list+=("$o")
		done < <(_bt_opts "$cmd")
		mapfile -t COMPREPLY < <(compgen -W "${list[*]}" -- "$cur")
		# `--pid=`: no space after, the argument follows
		if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == *= ]]; then
			compopt -o nospace 2>/dev/null || true
		fi
		return 0
	fi

	# bt: a script file; the tools take numbers
	if [[ ${cmd##*/} == bt ]]; then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		compopt -o filenames 2>/dev/null || true
	fi
	return 0
}

complete -F _bt_complete bt openerr oncpu offcpu offwake kmallocstack wqlat biolat irqtop sockwatch
