#!/bin/sh
# SPDX-License-Identifier: MIT
# reg-wait: waits whose timeouts live in a registered wait region.  Each
# wait must take at least its timeout, a timeout changed by a plain store
# must take effect, and waits that CQEs end must end early.
. test/examples-util.inc
need_kernel 6 13 "registered wait regions"

out=$(timeout $((20 * T_SLOW)) "$E/reg-wait") || fail "reg-wait exited $?: $out"
printf '%s\n' "$out"

# ms LINE-PREFIX: the milliseconds reported on that line
ms() {
	printf '%s\n' "$out" | grep "^$1" |
		sed -n 's/.* \([0-9][0-9]*\) ms, .*/\1/p'
}
# expect PREFIX MIN MAX REST: the wait took MIN <= ms < MAX, ended as REST
expect() {
	t=$(ms "$1")
	[ -n "$t" ] || fail "no line for: $1"
	[ "$t" -ge "$2" ] && [ "$t" -lt "$3" ] ||
		fail "$1: $t ms, expected $2 to $3"
	printf '%s\n' "$out" | grep "^$1" | grep -q "ms, $4\$" ||
		fail "$1: expected '$4'"
}

printf '%s\n' "$out" | grep -q "^registered 64 wait slots of 64 bytes" ||
	[ "$(getconf PAGESIZE)" != 4096 ] || fail "no registration line"
expect "empty ring, slot 0 (200 ms" 200 2000 "Timer expired, 0 CQEs"
expect "empty ring, slot 0 changed to 50" 50 200 "Timer expired, 0 CQEs"
expect "30 ms timer op" 30 2000 "ok, 1 CQEs"
if printf '%s\n' "$probe" | grep -Eq '^  MIN_TIMEOUT +yes$'; then
	expect "NOP, want 4" 20 2000 "ok, 1 CQEs"
else
	echo "reg-wait: min wait not checked (no IORING_FEAT_MIN_TIMEOUT)"
fi
exit 0
