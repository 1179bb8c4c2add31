# SPDX-License-Identifier: GPL-2.0
# what: offwakecpu.bt unchanged with -c 'sleep 1': sleeper and waker stacks, ~1 s (in us)
# timeout: 40
# expect: ^@us\[sleep, $
# assert: awk -F': ' '/^\]: [0-9]+$/ && $2 > 900000 && $2 < 1500000 { ok = 1 } END { exit !ok }' "$out"
bt -c 'sleep 1' /seed/offwakecpu.bt
