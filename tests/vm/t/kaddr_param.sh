# SPDX-License-Identifier: GPL-2.0
# what: kaddr(str($1)): a positional parameter names the symbol (as loads.bt does), read through *
# expect: ^kallsyms jiffies [0-9a-f]{16}$
# expect: ^bt jiffies [0-9a-f]{16} 1$
# assert: [ "$(sed -n 's/^kallsyms jiffies //p' "$out")" = "$(sed -n 's/^bt jiffies \([0-9a-f]*\) 1$/\1/p' "$out")" ]
echo "kallsyms jiffies $(awk '$3 == "jiffies" { print $1 }' /proc/kallsyms)"
bt -e 'BEGIN {
	$a = kaddr(str($1));
	printf("bt %s %016lx %d\n", str($1), $a, $a == kaddr("jiffies") && *(uint64 *)$a > 0);
	exit();
}' jiffies
