#!/bin/sh
# SPDX-License-Identifier: MIT
# send-zerocopy: every send_zc gets its notification CQE, every byte
# arrives intact; copy mode gets no notifications.
. test/examples-util.inc
need_op SEND_ZC
need_kernel 6 2 "IORING_SEND_ZC_REPORT_USAGE"

check() {	# check EXPECTED-LINE ARGS...
	want=$1
	shift
	out=$(timeout $((20 * T_SLOW)) "$E/send-zerocopy" "$@") ||
		fail "send-zerocopy $* exited $?: $out"
	printf '%s\n' "$out" | grep -q "^$want" ||
		fail "send-zerocopy $* said: $out"
	printf '%s\n' "$out" | grep -qx "received $bytes bytes intact" ||
		fail "send-zerocopy $* said: $out"
	echo "$out" | head -n 1
}

bytes=16777216		# 16 MiB in 64 KiB sends
check "send_zc: $bytes bytes in .* 256 sends, 256 notifications" -m 16
bytes=1048576		# sizes that do not divide evenly: 1049 sends
check "send_zc: $bytes bytes in .* 1049 sends, 1049 notifications" \
	-m 1 -b 1000
bytes=4194304
check "send: $bytes bytes in .* 64 sends, 0 notifications" -m 4 -c
exit 0
