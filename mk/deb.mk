# SPDX-License-Identifier: MIT
#
# Debian packages, built with Debian's own tools (dpkg-buildpackage,
# debhelper) and shaped like Debian's: liburing2 (the shared libraries)
# and liburing-dev (headers, static libraries, pkg-config files, man
# pages), plus liburing-tools (io_uring-probe, which Debian does not
# ship).  Installing them with dpkg -i replaces Debian's liburing2 and
# liburing-dev; installing Debian's again restores those.
#
#   make deb        the packages, into $(DEB_B)/
#   make check-deb  builds them, then test/package/deb-round-trip.sh
#                   installs them in a throw-away root (a mount namespace
#                   with overlays on /usr, /etc and /var), runs a program
#                   built against Debian's liburing 2.3 on them, and
#                   restores Debian's; the machine itself never sees the
#                   packages.  Needs root.
#
# The packaging lives in packaging/debian; the version and the changelog
# are written from mk/version.sh into a copy of the tree, so the tree
# itself is never touched by the package build.

DEB_B := $(B)/deb
DEB_VERSION := $(VERSION)+cleanroom
DEB_SRC := $(DEB_B)/liburing-$(DEB_VERSION)

deb:
	rm -rf $(DEB_B)
	mkdir -p $(DEB_SRC)
	tar -cf - --exclude=./.git --exclude='./build*' \
		--exclude=./config-host.mk . | tar -xf - -C $(DEB_SRC)
	cp -R packaging/debian $(DEB_SRC)/debian
	sed -e 's|@version@|$(DEB_VERSION)|' -e "s|@date@|$$(date -R)|" \
		packaging/debian/changelog.in > $(DEB_SRC)/debian/changelog
	{ cat packaging/debian/copyright.in; sed 's/^$$/./; s/^/ /' LICENSE; } \
		> $(DEB_SRC)/debian/copyright
	rm -f $(DEB_SRC)/debian/changelog.in $(DEB_SRC)/debian/copyright.in
	cd $(DEB_SRC) && dpkg-buildpackage -b -us -uc > ../build.log 2>&1 || \
		{ tail -n 40 ../build.log; exit 1; }
	@ls $(DEB_B)/*.deb

check-deb: deb
	@DEB_B=$(DEB_B) DEB_VERSION=$(DEB_VERSION) sh test/package/deb-round-trip.sh

.PHONY: deb check-deb
