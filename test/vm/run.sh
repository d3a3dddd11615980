#!/bin/sh
# SPDX-License-Identifier: MIT
#
# test/vm/run.sh ARCH PACKAGE...: boots each Debian kernel PACKAGE for
# ARCH in QEMU and runs the test suite inside, with test/run.sh, as
# `make check` does on the host.  Prints one line per kernel:
#
#   kernel 6.1.0-57-cloud-amd64: tests: N passed, 0 failed, M skipped
#
# and exits non-zero if any kernel had a failure, a hang (the VM did not
# finish within VM_TIMEOUT seconds) or could not be booted.
#
# What differs between architectures is in test/vm/arch.sh; the list of
# kernels is test/vm/kernels (mk/vm.mk reads it).  Packages are fetched
# with apt-get download and kept in $B/vm/cache/DEBIAN-ARCH; each kernel's
# serial console log is $B/vm/ARCH/PACKAGE.log.
#
# Inside the VM each program gets T_TIMEOUT seconds (VM_T_TIMEOUT,
# default 300: no KVM, everything is emulated; the whole suite takes about
# two minutes on x86_64, so the soak tests keep their full counts).
# T_SLOW=VM_T_SLOW (default 5) stretches the test scripts' hang guards,
# sized for real hardware, by that factor; nothing's counts are reduced.
# VM_SMP and VM_MEM size the VM; T_SKIP and T_TEST pass through.
# VM_TESTS, a list of names (smoke queue examples.sh), boots with only
# those programs and scripts.
set -u
B=${B:-build}
VM_TIMEOUT=${VM_TIMEOUT:-1200}
VM_T_TIMEOUT=${VM_T_TIMEOUT:-300}
VM_T_SLOW=${VM_T_SLOW:-5}
VM_SMP=${VM_SMP:-2}
VM_MEM=${VM_MEM:-2G}

# The scripts that exercise the kernel with nothing but sh, busybox and
# the programs we built; the others check compilers, packaging and pages,
# which the host's `make check` covers whatever the kernel.
VM_SCRIPTS="examples.sh examples-echo.sh examples-link-cp.sh
examples-poll.sh examples-probe.sh examples-reg-wait.sh
examples-send-zc.sh examples-udp.sh"

if [ $# -lt 2 ]; then
	echo "usage: $0 ARCH PACKAGE..." >&2
	exit 2
fi
arch=$1
shift

. test/vm/arch.sh
if ! vm_arch "$arch"; then
	echo "test/vm: no entry for architecture $arch in test/vm/arch.sh" >&2
	exit 2
fi
if [ -z "$VM_TEST_B" ] || [ ! -x "$VM_TEST_B/test/smoke" ]; then
	echo "test/vm: no test programs built for $arch" \
	     "(VM_TEST_B=${VM_TEST_B:-unset})" >&2
	exit 2
fi
for tool in "$VM_QEMU" readelf cpio dpkg-deb apt-get mkfs.ext4; do
	command -v "$tool" >/dev/null 2>&1 && continue
	echo "test/vm: $tool not found" >&2
	exit 2
done

# by Debian's name: i686 boots the x86_64 kernels, so they share the cache
cache=$B/vm/cache/$VM_DEB_ARCH
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

# fetch PACKAGE: prints the path of its .deb, downloading it once.
fetch() {
	for deb in "$cache/$1"_*.deb; do
		[ -f "$deb" ] && { echo "$deb"; return 0; }
	done
	spec=$1
	[ "$VM_DEB_ARCH" = "$(dpkg --print-architecture)" ] ||
		spec=$1:$VM_DEB_ARCH
	(cd "$cache" && apt-get download -q "$spec" >&2) || return 1
	for deb in "$cache/$1"_*.deb; do
		[ -f "$deb" ] && { echo "$deb"; return 0; }
	done
	return 1
}

# A foreign architecture's busybox: its busybox-static package, unpacked
# once beside the .deb (it cannot be installed beside the host's).
if [ -z "$VM_BUSYBOX" ]; then
	VM_BUSYBOX=$cache/busybox
	if [ ! -x "$VM_BUSYBOX" ]; then
		deb=$(fetch busybox-static) &&
			dpkg-deb --fsys-tarfile "$deb" |
			tar -xO ./bin/busybox > "$VM_BUSYBOX.tmp" &&
			chmod +x "$VM_BUSYBOX.tmp" &&
			mv "$VM_BUSYBOX.tmp" "$VM_BUSYBOX"
	fi
fi
[ -x "$VM_BUSYBOX" ] || { echo "test/vm: no $VM_BUSYBOX" >&2; exit 2; }

# needed ELF: the sonames ELF asks for, and its interpreter.
needed() {
	readelf -d "$1" 2>/dev/null |
		sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p'
	readelf -l "$1" 2>/dev/null |
		sed -n 's/.*program interpreter: \(.*\)\]$/\1/p'
}

# add_libs ROOT: copies into ROOT/lib every shared library the ELF files
# under ROOT need (and those they need), from VM_LIBDIRS; an interpreter
# goes to its own absolute path, where the kernel looks for it.
add_libs() {
	mkdir -p "$1/lib"
	todo=$(find "$1" -type f -exec sh -c \
		'for f; do head -c 4 "$f" | grep -q ELF && echo "$f"; done' \
		sh {} +)
	while [ -n "$todo" ]; do
		next=
		for f in $todo; do
			for n in $(needed "$f"); do
				case "$n" in
				/*) dst=$1$n; src=$n; base=${n##*/} ;;
				*) dst=$1/lib/$n; base=$n; src= ;;
				esac
				[ -e "$dst" ] && continue
				[ -e "$1/t/build/$n" ] && continue
				for d in $VM_LIBDIRS; do
					[ -z "$src" ] || break
					[ -e "$d/$base" ] && src=$d/$base
				done
				if [ -z "$src" ] || [ ! -e "$src" ]; then
					echo "test/vm: $n (for $f) not in" \
					     "$VM_LIBDIRS" >&2
					return 1
				fi
				mkdir -p "${dst%/*}"
				cp -L "$src" "$dst"
				next="$next $dst"
			done
		done
		todo=$next
	done
}

# chosen NAME: whether the test NAME goes into the VM (VM_TESTS).
chosen() {
	[ -z "${VM_TESTS:-}" ] && return 0
	for c in $VM_TESTS; do
		[ "$c" = "$1" ] && return 0
	done
	return 1
}

# add_modules ROOT: VM_MODULES, from the kernel package extracted in
# $dir/pkg, into ROOT/modules, numbered in load order and uncompressed.
add_modules() {
	mkdir -p "$1/modules"
	i=10
	for m in $VM_MODULES; do
		f=$(find "$dir/pkg/lib/modules" -name "$m.ko*" | head -n 1)
		[ -n "$f" ] || continue
		case "$f" in
		*.xz)	xz -dc "$f" ;;
		*.zst)	zstd -qdc "$f" ;;
		*.gz)	gzip -dc "$f" ;;
		*)	cat "$f" ;;
		esac > "$1/modules/$i-$m.ko" || return 1
		i=$((i + 1))
	done
}

# mkroot ROOT: the initramfs tree.
mkroot() {
	root=$1
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/t/build" \
		 "$root/t/test"
	cp "$VM_BUSYBOX" "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"
	cp test/vm/init "$root/init"
	{
		echo 'root:x:0:0:root:/root:/bin/sh'
		echo 'nobody:x:65534:65534:nobody:/:/bin/false'
	} > "$root/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
	# the programs and libraries, in the layout test/run.sh expects
	mkdir -p "$root/t/build/test"
	cp -a "$VM_TEST_B/examples" "$root/t/build/"
	cp -a "$VM_TEST_B"/liburing*.so* "$root/t/build/"
	# test/run.sh runs what run-list names: the scripts, then the
	# programs (those make test-progs listed, when it lists them)
	list=$root/t/build/test/run-list
	: > "$list"
	cp test/run.sh test/examples-util.inc "$root/t/test/"
	for s in $VM_SCRIPTS; do
		chosen "$s" || continue
		cp "test/$s" "$root/t/test/"
		echo "test/$s" >> "$list"
	done
	if [ -f "$VM_TEST_B/test/run-list" ]; then
		progs=$(sed -n '/\.sh$/!s|.*/||p' "$VM_TEST_B/test/run-list")
	else
		progs=$(cd "$VM_TEST_B/test" && ls)
	fi
	for t in $progs; do
		f=$VM_TEST_B/test/$t
		case "$t" in *.o|run-list) continue ;; esac
		[ -f "$f" ] && [ -x "$f" ] && chosen "$t" || continue
		cp "$f" "$root/t/build/test/"
		echo "build/test/$t" >> "$list"
	done
	cat > "$root/t/vm.env" <<-END
	export B=build
	export LD_LIBRARY_PATH=/t/build:/lib
	export T_TIMEOUT=$VM_T_TIMEOUT
	export T_SLOW=$VM_T_SLOW
	export T_SKIP='${T_SKIP:-}'
	export T_TEST='${T_TEST:-}'
	VM_DISK_DEV=$VM_DISK_DEV
	END
	add_libs "$root" && add_modules "$root"
}

status=0
summary=
for pkg; do
	dir=$B/vm/$arch/$pkg
	log=$B/vm/$arch/$pkg.log
	mkdir -p "$dir"
	if ! deb=$(fetch "$pkg"); then
		line="kernel $pkg: cannot fetch the package (apt-get update?)"
		echo "$line"
		summary="$summary$line
"
		status=1
		continue
	fi
	rm -rf "$dir/pkg"
	mkdir -p "$dir/pkg"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$dir/pkg" ./boot ./lib/modules
	rm -f "$dir/disk.img"
	kimg=
	for k in "$dir"/pkg/boot/$VM_KIMAGE; do
		[ -f "$k" ] && kimg=$k
	done
	if [ -z "$kimg" ]; then
		echo "test/vm: no /boot/$VM_KIMAGE in $deb" >&2
		exit 2
	fi
	mkroot "$dir/root" || exit 2
	(cd "$dir/root" && find . | cpio -o -H newc --quiet) \
		> "$dir/initrd" || exit 2

	# the tests' scratch file system, fresh for each boot
	rm -f "$dir/disk.img"
	truncate -s 1G "$dir/disk.img" &&
		mkfs.ext4 -q -F "$dir/disk.img" || exit 2
	disk=$(echo "$VM_DISK" | sed "s|@IMG@|$dir/disk.img|")

	echo "=== $arch $pkg: booting (log: $log)"
	t0=$(date +%s)
	timeout -k 10 "$VM_TIMEOUT" "$VM_QEMU" $VM_QEMU_ARGS \
		-smp "$VM_SMP" -m "$VM_MEM" -nographic -monitor none \
		-no-reboot -kernel "$kimg" -initrd "$dir/initrd" $disk \
		-append "console=$VM_CONSOLE panic=-1 quiet" \
		< /dev/null 2>&1 | tr -d '\r' > "$log"
	t1=$(date +%s)

	kver=$(sed -n "s/.*@@vm kernel //p" "$log")
	rc=$(sed -n "s/.*@@vm rc //p" "$log")
	tests=$(grep '^tests: [0-9]* passed' "$log" | tail -n 1)
	failed=$(grep '^failed: ' "$log" | tail -n 1)
	if [ -z "$rc" ]; then
		line="kernel ${kver:-$pkg}: hung or crashed, no result in"
		line="$line ${VM_TIMEOUT}s"
		status=1
		# the last lines say where it stopped
		tail -n 20 "$log"
	else
		line="kernel $kver: $tests"
		[ "$rc" -eq 0 ] || status=1
	fi
	[ -n "$failed" ] && line="$line
  $failed"
	line="$line
  ($((t1 - t0)) s, $arch, $pkg)"
	echo "$line"
	summary="$summary$line
"
done

echo "=== check-kernels ($arch):"
printf '%s' "$summary"
exit $status
