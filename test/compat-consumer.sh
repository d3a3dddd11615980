#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Downstream builds: `make install DESTDIR=<stage> prefix=/usr`, then the
# project in test/compat/consumer builds and runs against the staged
# install the ways distributions build consumers:
#
#   pkg-config --cflags --libs liburing          dynamic, liburing.so.2
#   pkg-config --cflags --libs liburing-ffi      dynamic, liburing-ffi.so.2
#   pkg-config --static ... liburing             static, liburing.a
#   pkg-config --static ... liburing-ffi         static, liburing-ffi.a
#   CMake pkg_check_modules(... IMPORTED_TARGET liburing)
#   Meson dependency('liburing')
#
# pkg-config sees only the staged .pc files (PKG_CONFIG_LIBDIR) and maps
# their /usr paths into the stage (PKG_CONFIG_SYSROOT_DIR), so the system's
# own liburing (2.3 on Debian 12) cannot stand in; the consumer program
# also refuses to build or run against any liburing but 2.15.
#
# Exit 0 when all pass, 1 on a failure, 77 when none failed but some could
# not be tried because a tool is missing (pkg-config, cmake, meson+ninja).
B=${B:-build}
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
src=$(pwd)/test/compat/consumer
pass=0 fail=0 skip=0

ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() {
	echo "FAIL $1"
	[ -n "$2" ] && [ -f "$2" ] && sed 's/^/    /' "$2" | tail -n 30
	fail=$((fail + 1))
}
missing() { echo "SKIP $1: $2 not installed"; skip=$((skip + 1)); }

if ! make -s install B="$B" DESTDIR="$root" prefix=/usr libdir=/usr/lib \
	> "$tmp/log" 2>&1; then
	bad "make install DESTDIR=..." "$tmp/log"
	exit 1
fi
LIB="$root/usr/lib"
for f in include/liburing.h lib/liburing.so.2 lib/liburing.so \
	 lib/liburing.a lib/liburing-ffi.so.2 lib/liburing-ffi.so \
	 lib/liburing-ffi.a lib/pkgconfig/liburing.pc \
	 lib/pkgconfig/liburing-ffi.pc; do
	if [ ! -e "$root/usr/$f" ]; then
		bad "make install left no /usr/$f"
		exit 1
	fi
done
ok "make install DESTDIR=... (headers, libraries, links, .pc files)"

export PKG_CONFIG_LIBDIR="$LIB/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
unset PKG_CONFIG_PATH

# Runs a consumer against the stage and checks which shared object
# answered: $1 name, $2 executable, $3 soname expected ("" = static).
run() {
	name=$1 exe=$2 soname=$3
	if [ -n "$soname" ]; then
		got=$(LD_LIBRARY_PATH="$LIB" ldd "$exe" | sed -n \
		      "s/^[[:space:]]*$soname => \([^ ]*\).*/\1/p")
		if [ "$(readlink -f "$got")" != \
		     "$(readlink -f "$LIB/$soname")" ]; then
			bad "$name: $soname resolves to '$got', not the stage"
			return
		fi
	elif LC_ALL=C readelf -d "$exe" | grep -q 'NEEDED.*liburing'; then
		bad "$name: linked against a shared liburing"
		return
	fi
	LD_LIBRARY_PATH="$LIB" "$exe" > "$tmp/run" 2>&1
	case $? in
	0)	ok "$name: $(cat "$tmp/run")" ;;
	77)	echo "SKIP $name: $(cat "$tmp/run")"; skip=$((skip + 1)) ;;
	*)	bad "$name: the program failed" "$tmp/run" ;;
	esac
}

if command -v pkg-config >/dev/null 2>&1; then
	v=$(pkg-config --modversion liburing)
	want=$(sh mk/version.sh)
	[ "$v" = "$want" ] || bad "pkg-config finds liburing $v, not $want"

	# shellcheck disable=SC2046
	if "$CC" -o "$tmp/pc" "$src/consumer.c" \
		$(pkg-config --cflags --libs liburing) > "$tmp/log" 2>&1
	then
		run "pkg-config liburing" "$tmp/pc" liburing.so.2
	else
		bad "pkg-config liburing: build" "$tmp/log"
	fi

	# shellcheck disable=SC2046
	if "$CC" -o "$tmp/ffi" \
		"$src/consumer-ffi.c" "$src/consumer-ffi-ring.c" \
		$(pkg-config --cflags --libs liburing-ffi) > "$tmp/log" 2>&1
	then
		# the helpers must come from the library, at their nodes
		n=0
		for f in io_uring_prep_nop io_uring_cqe_seen io_uring_wait_cqe
		do
			LC_ALL=C readelf --dyn-syms -W "$tmp/ffi" |
				grep -q " UND $f@LIBURING_2\.4 " && n=$((n + 1))
		done
		if [ $n -ne 3 ]; then
			bad "pkg-config liburing-ffi: helpers not imported" \
			    "from liburing-ffi at LIBURING_2.4"
		else
			run "pkg-config liburing-ffi" "$tmp/ffi" \
				liburing-ffi.so.2
		fi
	else
		bad "pkg-config liburing-ffi: build" "$tmp/log"
	fi

	# shellcheck disable=SC2046
	if "$CC" -static -o "$tmp/static" "$src/consumer.c" \
		$(pkg-config --cflags liburing) \
		$(pkg-config --static --libs liburing) > "$tmp/log" 2>&1
	then
		run "pkg-config --static liburing (liburing.a)" "$tmp/static" ""
	else
		bad "pkg-config --static liburing: build" "$tmp/log"
	fi

	# shellcheck disable=SC2046
	if "$CC" -static -o "$tmp/ffi-static" \
		"$src/consumer-ffi.c" "$src/consumer-ffi-ring.c" \
		$(pkg-config --cflags liburing-ffi) \
		$(pkg-config --static --libs liburing-ffi) > "$tmp/log" 2>&1
	then
		run "pkg-config --static liburing-ffi (liburing-ffi.a)" \
			"$tmp/ffi-static" ""
	else
		bad "pkg-config --static liburing-ffi: build" "$tmp/log"
	fi
else
	missing "pkg-config consumers" pkg-config
fi

if ! command -v cmake >/dev/null 2>&1; then
	missing "CMake consumer" cmake
elif ! command -v pkg-config >/dev/null 2>&1; then
	missing "CMake consumer" pkg-config
elif cmake -S "$src" -B "$tmp/cmake" -DCMAKE_C_COMPILER="$CC" \
		> "$tmp/log" 2>&1 &&
     cmake --build "$tmp/cmake" >> "$tmp/log" 2>&1; then
	run "CMake pkg_check_modules(IMPORTED_TARGET liburing)" \
		"$tmp/cmake/consumer" liburing.so.2
else
	bad "CMake consumer: configure or build" "$tmp/log"
fi

if ! command -v meson >/dev/null 2>&1; then
	missing "Meson consumer" meson
elif ! command -v ninja >/dev/null 2>&1; then
	missing "Meson consumer" ninja
elif CC="$CC" meson setup "$tmp/meson" "$src" > "$tmp/log" 2>&1 &&
     meson compile -C "$tmp/meson" >> "$tmp/log" 2>&1; then
	run "Meson dependency('liburing')" "$tmp/meson/consumer" \
		liburing.so.2
else
	bad "Meson consumer: setup or build" "$tmp/log"
fi

echo "downstream builds: $pass passed, $fail failed, $skip skipped"
[ $fail -ne 0 ] && exit 1
[ $skip -ne 0 ] && exit 77
exit 0
