# SPDX-License-Identifier: GPL-2.0
# what: kaddr("jiffies") from kallsyms (KALLSYMS_ALL); kaddr("kallsyms_num_syms"), absent from kallsyms, from /boot/System.map
# expect: ^kallsyms jiffies [0-9a-f]{16}$
# expect: ^map kallsyms_num_syms [0-9a-f]{16}$
# expect-not: ^kallsyms has kallsyms_num_syms
# assert: [ "$(sed -n 's/^kallsyms jiffies //p' "$out")" = "$(sed -n 's/^bt jiffies //p' "$out")" ]
# assert: [ "$(sed -n 's/^map kallsyms_num_syms //p' "$out")" = "$(sed -n 's/^bt kallsyms_num_syms at //p' "$out")" ]
# assert: awk '/^bt kallsyms_num_syms = / { n = $4 } /^kallsyms lines / { k = $3 } END { exit !(n > 50000 && n <= k && k - n < n / 50) }' "$out"
[ -s /boot/System.map-$(uname -r) ] || { echo "SKIP: no System.map in the initramfs (the -dbg package could not be fetched)"; exit 0; }
echo "kallsyms jiffies $(awk '$3 == "jiffies" { print $1 }' /proc/kallsyms)"
echo "kallsyms lines $(grep -vc '\]$' /proc/kallsyms)"
grep -wq kallsyms_num_syms /proc/kallsyms && echo "kallsyms has kallsyms_num_syms: the fallback is not tested"
echo "map kallsyms_num_syms $(awk '$3 == "kallsyms_num_syms" { print $1 }' /boot/System.map-$(uname -r))"
bt -e 'BEGIN {
	printf("bt jiffies %016lx\n", kaddr("jiffies"));
	printf("bt kallsyms_num_syms at %016lx\n", kaddr("kallsyms_num_syms"));
	printf("bt kallsyms_num_syms = %u\n", *(uint32 *)kaddr("kallsyms_num_syms"));
	exit();
}'
