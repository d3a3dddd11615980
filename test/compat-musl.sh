#!/bin/sh
# SPDX-License-Identifier: MIT
#
# musl: the library builds with musl-gcc (warnings are errors), and
# programs linked statically against that liburing.a and musl run and
# pass.  The cmocka suite cannot come along (there is no musl build of
# cmocka), so the programs are the self-contained ones of test/compat/prog
# (NOP round trips, file I/O, timeouts, sockets, probes, registered buffers
# and files, multishot and linked requests) and test/compat/sample.c.
#
# musl-gcc sees only musl's headers; the kernel's UAPI headers (linux/,
# asm/, asm-generic/) are put beside them through a directory of links, as
# distributions' musl cross toolchains do.
#
# Exit 0 pass, 1 failure, 77 when musl-gcc or the kernel headers are
# missing (Debian: apt-get install musl-tools linux-libc-dev).
MUSL_CC=${MUSL_CC:-musl-gcc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v "$MUSL_CC" >/dev/null 2>&1; then
	echo "SKIP: $MUSL_CC not installed (Debian: musl-tools)"
	exit 77
fi

# The kernel's UAPI headers, as the system compiler finds them.
kdir=$(echo '#include <linux/types.h>' | ${CC:-cc} -E -M - 2>/dev/null |
       tr ' \\' '\n\n' | sed -n 's|/linux/types\.h$||p' | head -n 1)
adir=$(echo '#include <asm/types.h>' | ${CC:-cc} -E -M - 2>/dev/null |
       tr ' \\' '\n\n' | sed -n 's|/asm/types\.h$||p' | head -n 1)
if [ -z "$kdir" ] || [ -z "$adir" ]; then
	echo "SKIP: no kernel UAPI headers found (Debian: linux-libc-dev)"
	exit 77
fi
mkdir "$tmp/kinc"
ln -s "$kdir/linux" "$tmp/kinc/linux"
ln -s "$kdir/asm-generic" "$tmp/kinc/asm-generic"
ln -s "$adir/asm" "$tmp/kinc/asm"
KINC="-isystem $tmp/kinc"

# The library, in a build tree of its own.  The outer make's variables
# (CC=clang, say) must not leak in through MAKEFLAGS.
echo "== building liburing with $MUSL_CC"
if ! MAKEFLAGS= MAKELEVEL= make -s B="$tmp/musl" CC="$MUSL_CC" \
	CPPFLAGS="$KINC" EXTRA_CFLAGS=-Werror \
	"$tmp/musl/liburing.a" "$tmp/musl/liburing.so.$(sh mk/version.sh)" \
	> "$tmp/log" 2>&1; then
	echo "FAIL: liburing does not build with $MUSL_CC:"
	sed 's/^/    /' "$tmp/log"
	exit 1
fi
echo "ok   liburing.a and liburing.so.$(sh mk/version.sh) built with $MUSL_CC"

pass=1 fail=0 skip=0
for src in test/compat/prog/*.c test/compat/sample.c; do
	p=$(basename "$src" .c)
	exe="$tmp/$p"
	# shellcheck disable=SC2086
	if ! "$MUSL_CC" -static -O2 -Wall -Wextra -Werror -Iinclude $KINC \
		-o "$exe" "$src" "$tmp/musl/liburing.a" > "$tmp/log" 2>&1
	then
		echo "FAIL $p: does not build with $MUSL_CC -static:"
		sed 's/^/    /' "$tmp/log"
		fail=$((fail + 1))
		continue
	fi
	# static: no program interpreter, no shared libraries at all
	if LC_ALL=C readelf -l "$exe" | grep -q INTERP ||
	   LC_ALL=C readelf -d "$exe" | grep -q NEEDED; then
		echo "FAIL $p: not a static executable"
		fail=$((fail + 1))
		continue
	fi
	"$exe" > "$tmp/run" 2>&1
	rc=$?
	case $rc in
	0)	echo "ok   $p (static, musl)"
		pass=$((pass + 1)) ;;
	77)	echo "SKIP $p: $(cat "$tmp/run")"
		skip=$((skip + 1)) ;;
	*)	echo "FAIL $p (exit $rc):"
		sed 's/^/    /' "$tmp/run"
		fail=$((fail + 1)) ;;
	esac
done

echo "musl: $pass passed, $fail failed, $skip skipped (the library build" \
     "counts as one)"
[ $fail -ne 0 ] && exit 1
[ $pass -le 1 ] && exit 77
exit 0
