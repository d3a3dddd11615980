/* SPDX-License-Identifier: MIT */
#ifndef TEST_NET_UTIL_H
#define TEST_NET_UTIL_H

/*
 * Fixtures shared by the ops-net-*.c tests: loopback sockets, socket
 * options and ports, and a blocking read checked against the pattern.
 */
#include <fcntl.h>
#include <poll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <linux/sockios.h>
#include "ops-util.h"

static inline int udp_socket(struct sockaddr_in *addr)
{
	socklen_t len = sizeof(*addr);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *) addr, sizeof(*addr)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *) addr, &len), 0);
	return fd;
}

static inline int sockopt(int fd, int level, int name)
{
	socklen_t len = sizeof(int);
	int val = -1;

	assert_int_equal(getsockopt(fd, level, name, &val, &len), 0);
	return val;
}

static inline unsigned short port_of(int fd, int peer)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	if (peer)
		assert_int_equal(getpeername(fd, (struct sockaddr *) &sin,
					     &len), 0);
	else
		assert_int_equal(getsockname(fd, (struct sockaddr *) &sin,
					     &len), 0);
	return ntohs(sin.sin_port);
}

/* Reads exactly len bytes (blocking) and checks them against the pattern. */
static inline void recv_pattern(int fd, size_t len, size_t off, unsigned seed)
{
	unsigned char *buf = malloc(len);
	size_t done = 0;

	assert_non_null(buf);
	while (done < len) {
		ssize_t n = recv(fd, buf + done, len - done, 0);

		assert_true(n > 0);
		done += (size_t) n;
	}
	assert_true(t_check_pattern_at(buf, len, off, seed));
	free(buf);
}

#endif
