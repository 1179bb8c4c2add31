# SPDX-License-Identifier: GPL-2.0
# what: a kprobe wildcard skips kprobe-blacklisted functions (as bpftrace) and attaches the rest; one matching only blacklisted functions is a located error
# timeout: 90
# rc: 1
# expect: ^picked [a-z_0-9]+ [a-z_0-9]+ [0-9]+$
# expect: ^count ok$
# expect: ^ran$
# expect: ^stdin:1:1: error: k:[a-z_0-9]+\[[a-z_0-9]\]: no kernel function matches
# expect-not: warning
bl=/sys/kernel/debug/kprobes/blacklist
aff=/sys/kernel/tracing/available_filter_functions
sed 's/.*\t//' $bl | sort -u > /tmp/bl
sed 's/ .*//' $aff | sort -u > /tmp/aff
grep -Fvxf /tmp/bl /tmp/aff > /tmp/ok
# a blacklisted but traceable function f, and a prefix of it that also
# matches 1..40 probe-able functions
for f in $(grep -Fxf /tmp/bl /tmp/aff); do
	p=$(echo "$f" | cut -c1-7)
	good=$(grep -c "^$p" /tmp/ok)
	[ "$good" -ge 1 ] && [ "$good" -le 40 ] && break
	p=
done
[ -n "$p" ] || exit 9
echo "picked $f $p $good"
bt -e "k:$p* { @ = count(); } interval:ms:200 { exit(); }" > /tmp/kp_out 2>&1 && echo ran
cat /tmp/kp_out
grep -q "^Attaching $((good + 1)) probes" /tmp/kp_out && echo "count ok"
# the bracket makes a wildcard that matches f alone
pat="$(echo "$f" | sed 's/.$//')[$(echo "$f" | sed 's/.*\(.\)$/\1/')]"
bt -e "k:$pat { @ = count(); }"
