# SPDX-License-Identifier: GPL-2.0
# what: bio.bt unchanged: 6.1's struct request has no rq_disk: one located error
# rc: 1
# expect: ^/seed/bio\.bt:[0-9]+:[0-9]+: error: .*rq_disk
bt /seed/bio.bt
