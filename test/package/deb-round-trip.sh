#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The Debian packages of "make deb", installed over Debian's own liburing2
# and liburing-dev and taken off again, in a throw-away root: a mount
# namespace in which /usr, /etc and /var are overlays on tmpfs.  dpkg,
# ldconfig and the man-db triggers write into the overlays only, so the
# machine, and every test running beside this one against the system's
# liburing, never sees our packages.  The check, in order:
#
#   1. a program built now against Debian's headers and liburing.so.2
#      runs before anything is installed;
#   2. dpkg -i of our liburing2, liburing-dev and liburing-tools replaces
#      Debian's packages; the program now loads our liburing.so.2 and
#      runs; every installed program that needs liburing.so.2 (qemu, say)
#      resolves all its symbols against ours (LD_BIND_NOW); pkg-config,
#      the headers and io_uring-probe are ours;
#   3. dpkg -i of Debian's .debs (from apt's cache, else apt-get
#      download) restores Debian's: the versions, the library the
#      program loads, dpkg --verify, and none of our files left behind;
#   4. outside the namespace, nothing changed.
#
# Needs root (mount namespaces), dpkg and Debian's liburing2 installed;
# skips (77) otherwise.  Run by "make check-deb", after make deb; it lives
# outside test/*.sh so that make check, which runs those, never runs it.
DEB_B=${DEB_B:-build/deb}
fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root for a mount namespace"
for t in dpkg dpkg-query unshare mount cc; do
	command -v $t >/dev/null 2>&1 || skip "no $t"
done
old=$(dpkg-query -W -f '${Version}' liburing2 2>/dev/null)
oldd=$(dpkg-query -W -f '${Version}' liburing-dev 2>/dev/null)
[ -n "$old" ] || skip "Debian's liburing2 is not installed"
[ "$old" = "$oldd" ] || skip "liburing2 $old and liburing-dev $oldd differ"
arch=$(dpkg --print-architecture)
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
ver=$(sh mk/version.sh)
for p in liburing2 liburing-dev liburing-tools; do
	set -- "$DEB_B"/${p}_*_"$arch".deb
	[ -f "$1" ] || fail "no $p package in $DEB_B (make deb)"
done
# one line each: they go into the inner script below
ours=$(echo $(ls "$DEB_B"/liburing2_*_"$arch".deb \
	"$DEB_B"/liburing-dev_*_"$arch".deb \
	"$DEB_B"/liburing-tools_*_"$arch".deb))
newver=$(dpkg-deb -f "$DEB_B"/liburing2_*_"$arch".deb Version)

tmp=$(mktemp -d)
trap 'umount "$tmp/ov" 2>/dev/null; rm -rf "$tmp"' EXIT

# Debian's packages, to restore them
deb_of() {
	f=/var/cache/apt/archives/$1_$(echo "$old" | sed 's/:/%3a/')_$arch.deb
	if [ -f "$f" ]; then
		cp "$f" "$tmp/debian/"
	else
		(cd "$tmp/debian" && apt-get download -q "$1=$old" \
			> /dev/null 2>&1)
	fi
	ls "$tmp/debian/$1_"*.deb 2>/dev/null
}
mkdir "$tmp/debian"
theirs=$(echo $(deb_of liburing2) $(deb_of liburing-dev))
[ "$(echo $theirs | wc -w)" = 2 ] ||
	skip "Debian's liburing $old .debs neither cached nor downloadable"

# 1. a program built against Debian's liburing (system headers only)
cat > "$tmp/old.c" <<'PROG'
#include <stdio.h>
#include <string.h>
#include <liburing.h>

/* Runs a NOP, then prints the liburing.so.2 it was loaded with. */
int main(void)
{
	struct io_uring_cqe *cqe;
	struct io_uring ring;
	char line[512], *p = NULL;
	FILE *f;

	if (io_uring_queue_init(4, &ring, 0) < 0)
		return 77;
	io_uring_prep_nop(io_uring_get_sqe(&ring));
	if (io_uring_submit_and_wait(&ring, 1) != 1 ||
	    io_uring_peek_cqe(&ring, &cqe) || cqe->res != 0)
		return 1;
	io_uring_queue_exit(&ring);
	f = fopen("/proc/self/maps", "r");
	while (f && fgets(line, sizeof(line), f))
		if ((p = strstr(line, "/liburing.so")))
			break;
	if (!p)
		return 1;
	printf("%s", strchr(line, '/'));
	return 0;
}
PROG
env -u CPATH -u C_INCLUDE_PATH cc -o "$tmp/old" "$tmp/old.c" -luring ||
	fail "no program builds against Debian's liburing $old"
before=$("$tmp/old")
case $? in
0)	;;
77)	skip "io_uring unavailable here" ;;
*)	fail "the program fails on Debian's liburing $old" ;;
esac
state() {
	dpkg-query -W liburing2 liburing-dev liburing-tools 2>/dev/null
	md5sum /var/lib/dpkg/status "/usr/lib/$ma/liburing.so.2" \
		/etc/ld.so.cache 2>/dev/null
	ls -l "/usr/lib/$ma" | grep liburing
}
state > "$tmp/state.before"

# The programs of other packages that load liburing.so.2.
users=$(echo $(for p in $(apt-cache rdepends --installed liburing2 2>/dev/null |
		    sed -n 's/^  //p' | sort -u); do
		dpkg -L "$p" 2>/dev/null
	done | grep -E '/(s?bin|libexec)/' | sort -u | while read -r f; do
		[ -f "$f" ] && [ -x "$f" ] &&
		readelf -d "$f" 2>/dev/null | grep -q 'NEEDED.*liburing\.so\.2' &&
		echo "$f"
	done))

cat > "$tmp/inner.sh" <<INNER
set -u
tmp=$tmp
fail() { echo "FAIL: \$*"; exit 1; }
mkdir -p \$tmp/ov
mount -t tmpfs tmpfs \$tmp/ov || exit 77
for d in usr etc var; do
	mkdir \$tmp/ov/\$d-up \$tmp/ov/\$d-work
	mount -t overlay overlay -o lowerdir=/\$d,upperdir=\$tmp/ov/\$d-up,workdir=\$tmp/ov/\$d-work /\$d ||
		exit 77
done
lib() { readlink -f /usr/lib/$ma/liburing.so.2; }

# 2. ours over Debian's
dpkg -i $ours > \$tmp/dpkg-ours.log 2>&1 ||
	{ cat \$tmp/dpkg-ours.log; fail "dpkg -i of our packages failed"; }
echo "installed:  \$(dpkg-query -W -f '\${Package} \${Version}, ' liburing2 liburing-dev liburing-tools)"
[ "\$(dpkg-query -W -f '\${Version}' liburing2)" = "$newver" ] ||
	fail "liburing2 is not ours after dpkg -i"
[ "\$(dpkg-query -W -f '\${Version}' liburing-dev)" = "$newver" ] ||
	fail "liburing-dev is not ours after dpkg -i"
[ "\$(lib)" = /usr/lib/$ma/liburing.so.$ver ] ||
	fail "liburing.so.2 is \$(lib)"
got=\$($tmp/old) || fail "the program built against $old fails on ours"
[ "\$(readlink -f "\$got")" = /usr/lib/$ma/liburing.so.$ver ] ||
	fail "the program loaded \$got"
echo "old program (built against $old) runs on: \$(readlink -f "\$got")"
n=0
for u in $users; do
	LD_BIND_NOW=1 "\$u" --version > /dev/null 2>\$tmp/u.err ||
		fail "\$u fails on ours: \$(cat \$tmp/u.err)"
	ldd "\$u" | grep -q "liburing.so.2 => .*liburing.so.2" ||
		fail "\$u does not load liburing.so.2"
	n=\$((n + 1))
done
echo "installed programs that need liburing.so.2: \$n, each starts on ours with every symbol bound (LD_BIND_NOW)"
[ "\$(pkg-config --modversion liburing)" = $ver ] ||
	fail "pkg-config says \$(pkg-config --modversion liburing)"
cc -o \$tmp/new \$tmp/old.c \$(pkg-config --cflags --libs liburing) ||
	fail "a program does not build against our installed headers"
\$tmp/new > /dev/null || fail "a program built against ours fails"
/usr/bin/io_uring-probe --version || fail "io_uring-probe --version"
man -w io_uring_free_buf_ring > /dev/null 2>&1 ||
	fail "man finds no io_uring_free_buf_ring"

# 3. Debian's back
dpkg -r liburing-tools > \$tmp/dpkg-back.log 2>&1 &&
dpkg -i $theirs >> \$tmp/dpkg-back.log 2>&1 ||
	{ cat \$tmp/dpkg-back.log; fail "restoring Debian's packages failed"; }
echo "restored:   \$(dpkg-query -W -f '\${Package} \${Version}, ' liburing2 liburing-dev)"
[ "\$(dpkg-query -W -f '\${Version}' liburing2)" = "$old" ] &&
[ "\$(dpkg-query -W -f '\${Version}' liburing-dev)" = "$old" ] ||
	fail "Debian's $old not back"
got=\$($tmp/old) || fail "the program fails on Debian's $old again"
[ "\$(readlink -f "\$got")" = "$(readlink -f "$before")" ] ||
	fail "the program now loads \$got"
echo "old program runs on: \$(readlink -f "\$got")"
out=\$(dpkg --verify liburing2 liburing-dev 2>&1)
[ -z "\$out" ] || fail "dpkg --verify: \$out"
left=\$(ls /usr/lib/$ma/liburing*.so.$ver /usr/lib/$ma/liburing-ffi* \
	/usr/bin/io_uring-probe 2>/dev/null)
[ -z "\$left" ] || fail "left behind: \$left"
exit 0
INNER

echo "before:     liburing2 $old, liburing-dev $old; old program runs on $(readlink -f "$before")"
unshare --mount --propagation private sh "$tmp/inner.sh"
rc=$?
[ $rc -eq 77 ] && skip "no overlay mounts in a mount namespace here"
state > "$tmp/state.after"
cmp -s "$tmp/state.before" "$tmp/state.after" ||
	{ diff "$tmp/state.before" "$tmp/state.after"; fail "the machine changed"; }
[ $rc -eq 0 ] || exit 1
echo "package round trip: ours $newver replaced Debian's $old and Debian's came back; the machine is as it was"
exit 0
