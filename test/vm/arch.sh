# SPDX-License-Identifier: MIT
# Sourced by test/vm/run.sh: the one table of what differs between the
# architectures the suite boots.  vm_arch ARCH sets, for ARCH (uname -m
# spelling):
#
#   VM_DEB_ARCH   Debian's name for it (the kernel package's architecture)
#   VM_QEMU       the system emulator
#   VM_QEMU_ARGS  machine, CPU and console device for that emulator
#   VM_CONSOLE    the kernel's name for that console
#   VM_KIMAGE     the kernel image inside the package, a pattern under /boot
#   VM_TEST_B     the build directory holding programs built for ARCH
#                 (the host's $B when ARCH is the host's)
#   VM_DISK       QEMU arguments attaching the raw image @IMG@ as a disk,
#                 and VM_DISK_DEV the device the guest sees it as (the
#                 tests' TMPDIR is an ext4 file system there, as on a host:
#                 tmpfs lacks RWF_NOWAIT and keeps pages fadvise drops)
#   VM_MODULES    kernel modules to load, in order, when the kernel has
#                 them as modules (Debian's cloud images build the disk
#                 driver and loop devices as modules); missing ones are
#                 taken to be built in
#   VM_BUSYBOX    a static busybox for ARCH (the VM's shell and tools);
#                 empty: bin/busybox from Debian's busybox-static for
#                 VM_DEB_ARCH, fetched like the kernels
#   VM_CROSS      the toolchain triplet the programs are built with when
#                 ARCH is not the host's; VM_TEST_B defaults to
#                 build-cross-VM_CROSS, where make check-cross puts them
#   VM_LIBDIRS    where the shared libraries those programs need are found,
#                 searched in order (a cross sysroot for a foreign ARCH)
#
# Returns 1 for an architecture not in the table.
vm_arch() {
	VM_TEST_B=${VM_TEST_B:-}
	case "$1" in
	x86_64)
		VM_DEB_ARCH=amd64
		VM_CROSS=
		VM_QEMU=qemu-system-x86_64
		VM_QEMU_ARGS="-cpu max"
		VM_CONSOLE=ttyS0
		VM_KIMAGE="vmlinuz-*"
		VM_LIBDIRS="/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu
			    /lib64"
		VM_BUSYBOX=/bin/busybox
		VM_DISK="-drive file=@IMG@,format=raw,if=virtio,cache=unsafe"
		VM_DISK_DEV=/dev/vda
		VM_MODULES="virtio_ring virtio virtio_pci_legacy_dev
			    virtio_pci_modern_dev virtio_pci virtio_blk loop"
		;;
	aarch64)
		VM_DEB_ARCH=arm64
		VM_CROSS=aarch64-linux-gnu
		VM_QEMU=qemu-system-aarch64
		# a CPU without pointer authentication, which TCG is slow at
		VM_QEMU_ARGS="-M virt -cpu cortex-a57"
		VM_CONSOLE=ttyAMA0
		VM_KIMAGE="vmlinuz-*"
		VM_LIBDIRS="/lib/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu
			    /usr/aarch64-linux-gnu/lib"
		VM_BUSYBOX=
		VM_DISK="-drive file=@IMG@,format=raw,if=virtio,cache=unsafe"
		VM_DISK_DEV=/dev/vda
		VM_MODULES="virtio_ring virtio virtio_pci_legacy_dev
			    virtio_pci_modern_dev virtio_pci virtio_mmio
			    virtio_blk loop"
		;;
	s390x)
		# big-endian; virtio devices sit on the channel subsystem
		VM_DEB_ARCH=s390x
		VM_CROSS=s390x-linux-gnu
		VM_QEMU=qemu-system-s390x
		VM_QEMU_ARGS="-M s390-ccw-virtio"
		VM_CONSOLE=ttysclp0
		VM_KIMAGE="vmlinuz-*"
		VM_LIBDIRS="/lib/s390x-linux-gnu /usr/lib/s390x-linux-gnu
			    /usr/s390x-linux-gnu/lib"
		VM_BUSYBOX=
		VM_DISK="-drive file=@IMG@,format=raw,if=virtio,cache=unsafe"
		VM_DISK_DEV=/dev/vda
		# ext4 is a module in Debian's s390x kernel; it asks the
		# crypto API for crc32c, which nothing would load for it
		VM_MODULES="crc32c_generic crc16 mbcache jbd2 ext4
			    virtio_blk loop"
		;;
	i686)
		# 32-bit programs on the x86-64 kernel: its compat paths
		# (iovecs, msghdrs, pointers in SQEs) under IA32 emulation
		vm_test_b=$VM_TEST_B
		vm_arch x86_64 || return 1
		VM_TEST_B=$vm_test_b
		VM_CROSS=i686-linux-gnu
		VM_LIBDIRS="/lib/i386-linux-gnu /usr/lib/i386-linux-gnu
			    /usr/i686-linux-gnu/lib"
		;;
	*)
		return 1 ;;
	esac
	# The host's own architecture runs the host's build.
	if [ -z "$VM_TEST_B" ] && [ "$1" = "$(uname -m)" ]; then
		VM_TEST_B=${B:-build}
	fi
	if [ -z "$VM_TEST_B" ] && [ -n "${VM_CROSS:-}" ]; then
		VM_TEST_B=build-cross-$VM_CROSS
	fi
	return 0
}
