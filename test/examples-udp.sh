#!/bin/sh
# SPDX-License-Identifier: MIT
# io_uring-udp: a server (multishot recvmsg, buffer ring, sendmsg) echoes
# the datagrams of two clients at once (send -> recv -> link timeout);
# every echo must come back intact and the server must count them all.
. test/examples-util.inc
need_op SENDMSG
need_op LINK_TIMEOUT
need_kernel 6 0 "multishot recvmsg"

start_server "$E/io_uring-udp" -n 600
timeout $((15 * T_SLOW)) "$E/io_uring-udp" -c "$port" -n 300 > "$dir/c1" 2>&1 &
c1=$!
timeout $((15 * T_SLOW)) "$E/io_uring-udp" -c "$port" -n 300 > "$dir/c2" 2>&1 ||
	fail "client 2 exited $?: $(cat "$dir/c2")"
wait $c1 || fail "client 1 exited $?: $(cat "$dir/c1")"
for c in c1 c2; do
	out=$(cat "$dir/$c")
	[ "$out" = "300 of 300 datagrams echoed intact, 0 lost, 0 failed" ] ||
		fail "client said: $out"
done
wait_server
grep -qx "echoed 600 datagrams" "$dir/server.out" ||
	fail "server said: $(cat "$dir/server.out")"
echo "io_uring-udp: 2 clients x 300 datagrams echoed intact"
exit 0
