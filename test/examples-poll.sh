#!/bin/sh
# SPDX-License-Identifier: MIT
# poll-bench: both runs must see every event; one-shot poll needs an SQE
# per event, multishot poll one per fd.
. test/examples-util.inc
need_op POLL_ADD
need_kernel 5 13 "multishot poll"

out=$(timeout $((20 * T_SLOW)) "$E/poll-bench" -n 8 -r 2000) ||
	fail "poll-bench exited $?: $out"
printf '%s\n' "$out"
n='[0-9.]+ ms: [0-9]+ ns/event'
printf '%s\n' "$out" | grep -Eq "^poll_add +16000 events in $n, 16000 SQEs\$" ||
	fail "poll_add line is wrong"
printf '%s\n' "$out" | grep -Eq "^multishot +16000 events in $n, 8 SQEs\$" ||
	fail "multishot line is wrong"
exit 0
