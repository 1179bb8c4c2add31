# SPDX-License-Identifier: GPL-2.0
# what: offwake -c 'sleep 1' (tracepoints; no kprobe mode): sleeper and waker stacks, ~1 s in us
# timeout: 40
# expect: ^@off\[sleep, $
# expect: ^ +do_nanosleep\+[0-9]+$
# expect: ^ +hrtimer_wakeup\+[0-9]+$
# assert: awk -F': ' '/\]: [0-9]+$/ && $2 > 900000 && $2 < 1500000 { ok = 1 } END { exit !ok }' "$out"
offwake -c 'sleep 1'
