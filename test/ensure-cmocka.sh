#!/bin/sh
# SPDX-License-Identifier: MIT
# The tests need cmocka.  Install Debian's libcmocka-dev when it is missing
# and we may (root with apt-get); otherwise say exactly what to install.
have_cmocka() {
	echo '#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
int main(void) { return 0; }' > /tmp/cmocka-probe.$$.c
	${CC:-cc} /tmp/cmocka-probe.$$.c -lcmocka -o /tmp/cmocka-probe.$$ \
		>/dev/null 2>&1
	ok=$?
	rm -f /tmp/cmocka-probe.$$.c /tmp/cmocka-probe.$$
	return $ok
}

have_cmocka && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "make check: the tests need cmocka, which is missing; as you" \
		"are root, installing Debian's libcmocka-dev now" \
		"(apt-get update; apt-get install libcmocka-dev)"
	apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmocka-dev \
		>/dev/null || exit 1
	have_cmocka && exit 0
fi
echo "make check: the tests need cmocka; install it with:" >&2
echo "    sudo apt-get install libcmocka-dev   (Debian, Ubuntu)" >&2
echo "    sudo dnf install libcmocka-devel     (Fedora)" >&2
exit 1
