# SPDX-License-Identifier: GPL-2.0
# what: kmalloc.bt unchanged: 2K-4K kmallocs by comm and kernel stack, and the size lhist
# timeout: 40
# expect: ^@detail\[[^,]+, ?$
# expect: ^ +__kmalloc(_node)?\+[0-9]+$
# expect: ^\]: [0-9]+$
# expect: ^@size: *$
# expect: ^\[(2K, 3K|3K, 4K|4K, \.\.\.)\) +[0-9]+ \|@+ *\|$
bt -c 'sh -c "ps >/dev/null; nc -l -p 5000 >/dev/null & sleep 0.3; dd if=/dev/zero bs=4096 count=64 | nc 127.0.0.1 5000"' /seed/kmalloc.bt
