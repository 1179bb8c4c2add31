# SPDX-License-Identifier: GPL-2.0
# what: a kprobe wildcard whose matches partly cannot be probed (kprobe blacklist) attaches the rest and says how many; none at all is a located error
# timeout: 90
# rc: 1
# expect: ^picked [a-z_0-9]+ [a-z_0-9]+$
# expect: ^bt: warning: k:[a-z_0-9]+\*: [0-9]+ of [0-9]+ matches attached; [0-9]+ could not be: the first, kprobe:[a-z_0-9]+: 
# expect: ^ran$
# expect: ^stdin:1:1: error: k:[a-z_0-9]+\[[a-z_0-9]\]: none of its 1 matches could be attached; the first, kprobe:
bl=/sys/kernel/debug/kprobes/blacklist
aff=/sys/kernel/tracing/available_filter_functions
sed 's/.*\t//' $bl | sort -u > /tmp/bl
sed 's/ .*//' $aff | sort -u > /tmp/aff
grep -Fvxf /tmp/bl /tmp/aff > /tmp/ok
# a blacklisted but traceable function f: a prefix of it matching 2..40
# functions, some probe-able; and a pattern matching only blacklisted ones
for f in $(grep -Fxf /tmp/bl /tmp/aff); do
	p=$(echo "$f" | cut -c1-7)
	n=$(grep -c "^$p" /tmp/aff)
	good=$(grep -c "^$p" /tmp/ok)
	[ "$n" -ge 2 ] && [ "$n" -le 40 ] && [ "$good" -ge 1 ] && break
	p=
done
[ -n "$p" ] || exit 9
echo "picked $f $p"
bt -e "k:$p* { @ = count(); } interval:ms:200 { exit(); }" && echo ran
# the bracket makes a wildcard that matches f alone
pat="$(echo "$f" | sed 's/.$//')[$(echo "$f" | sed 's/.*\(.\)$/\1/')]"
bt -e "k:$pat { @ = count(); }"
