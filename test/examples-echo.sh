#!/bin/sh
# SPDX-License-Identifier: MIT
# echo-server: multishot accept, multishot recv with a buffer ring.  Three
# clients, two at once: many small round trips, a few 1 MiB messages
# (more than all the server's buffers together), and a single one.  Each
# client checks every echoed byte; the server must count exactly the
# bytes sent and exit after the three connections have closed.
. test/examples-util.inc
need_op SEND
need_op RECV
need_kernel 6 0 "multishot recv"

limit=$((15 * T_SLOW))
start_server "$E/echo-server" -n 3
timeout $limit "$E/echo-server" -c "$port" -r 2000 -s 64 > "$dir/c1" 2>&1 &
c1=$!
timeout $limit "$E/echo-server" -c "$port" -r 10 -s 1048576 > "$dir/c2" 2>&1 ||
	fail "client 2 exited $?: $(cat "$dir/c2")"
wait $c1 || fail "client 1 exited $?: $(cat "$dir/c1")"
timeout $limit "$E/echo-server" -c "$port" -r 1 -s 7 > "$dir/c3" 2>&1 ||
	fail "client 3 exited $?: $(cat "$dir/c3")"
grep -q "^2000 round trips of 64 bytes: min [0-9.]* avg" "$dir/c1" ||
	fail "client 1 said: $(cat "$dir/c1")"
grep -q "^10 round trips of 1048576 bytes:" "$dir/c2" ||
	fail "client 2 said: $(cat "$dir/c2")"
wait_server
# 2000 * 64 + 10 * 1048576 + 7
grep -qx "served 3 connections, echoed 10613767 bytes" "$dir/server.out" ||
	fail "server said: $(cat "$dir/server.out")"
cat "$dir/c1"
exit 0
