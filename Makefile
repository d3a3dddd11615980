# SPDX-License-Identifier: MIT
#
#   make            the libraries (shared and static, plain and ffi) and
#                   the examples
#   make check      the test suite (installs cmocka first if it must)
#   make install    honours DESTDIR and prefix= (default /usr/local); see
#                   ./configure --help
#   make deb        Debian packages (mk/deb.mk); make check-deb tests them
#   make clean      removes build/ and every build-*/ directory
#
# EXTRA_CFLAGS is added to every compile (CI passes -Werror).

-include config-host.mk

# /usr/local, not /usr: /usr belongs to the distribution's packages
# (Debian's liburing2 and liburing-dev); "make deb" builds packages that
# replace those properly.
prefix ?= /usr/local
libdir ?= $(prefix)/lib
libdevdir ?= $(libdir)
includedir ?= $(prefix)/include
mandir ?= $(prefix)/share/man
bindir ?= $(prefix)/bin

# The version has one source, the header that programs see
# (mk/version.sh reads it); the library's file name, soname, the .pc
# files, the packages and the tests derive from it.
VERSION := $(shell sh mk/version.sh)
VERSION_MAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME := liburing.so.$(VERSION_MAJOR)
FFI_SONAME := liburing-ffi.so.$(VERSION_MAJOR)

CC ?= cc
CXX ?= c++
# CROSS=aarch64-linux-gnu- (a toolchain prefix) builds for another
# architecture; mk/arch.mk has the targets that use it.
ifneq ($(CROSS),)
CC := $(CROSS)gcc
AR := $(CROSS)ar
endif
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra
CPPFLAGS_ALL := -D_GNU_SOURCE -Iinclude $(CPPFLAGS)
CFLAGS_ALL := $(CFLAGS) $(WARN) $(EXTRA_CFLAGS)
# Every object also writes the headers it read into a .d file (-MMD);
# -MP keeps a deleted header from breaking the build.
DEPFLAGS = -MMD -MP

# A shared library must name every library it needs: -z defs turns an
# undefined symbol into a link error.  Sanitizer runtimes are linked only
# into executables, so sanitized builds go without it.
ZDEFS := $(if $(findstring -fsanitize,$(CFLAGS) $(LDFLAGS)),,-Wl,-z,defs)

B := build
LIB_SRCS := $(filter-out src/ffi.c,$(wildcard src/*.c))
LIB_OBJS := $(LIB_SRCS:src/%.c=$(B)/src/%.o)
FFI_OBJ := $(B)/src/ffi.o
HEADERS := $(wildcard include/*.h include/liburing/*.h \
		      include/liburing/io_uring/*.h)

LIBS := $(B)/liburing.a $(B)/liburing.so.$(VERSION) \
	$(B)/liburing-ffi.a $(B)/liburing-ffi.so.$(VERSION)
PCS := $(B)/liburing.pc $(B)/liburing-ffi.pc

EXAMPLE_SRCS := $(wildcard examples/*.c)
EXAMPLES := $(EXAMPLE_SRCS:examples/%.c=$(B)/examples/%)

# Programs link against the freshly built shared library, exactly as
# users' programs do, so a symbol missing from the version script fails
# at link time.
LINK_URING := -L$(B) -luring -Wl,-rpath,$(abspath $(B))

all: $(LIBS) $(PCS) $(EXAMPLES)

# Each area (benchmarks, sanitizers, fuzzing, compatibility) keeps its
# targets in a makefile of its own.
-include mk/*.mk

# ---- settings ------------------------------------------------------------
#
# $(FLAGS_FILE) holds the compiler (and its version) and every flag the
# objects were built with.  It is rewritten only when they differ, so
# "make CC=clang", "make EXTRA_CFLAGS=-Werror" or a new ./configure
# rebuilds everything, and a plain "make" after that rebuilds nothing.
FLAGS_FILE := $(B)/.build-flags
FLAGS_NOW := $(CC) $(shell $(CC) --version 2>/dev/null | head -n 1) | \
	$(CPPFLAGS_ALL) | $(CFLAGS_ALL) | $(LDFLAGS) | $(ZDEFS)
quote = '$(subst ','\'',$(1))'

$(FLAGS_FILE): FORCE
	@mkdir -p $(@D)
	@printf '%s\n' $(call quote,$(FLAGS_NOW)) | cmp -s - $@ || \
		printf '%s\n' $(call quote,$(FLAGS_NOW)) > $@

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# ---- library -------------------------------------------------------------

$(B)/src/%.o: src/%.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) -Isrc $(CFLAGS_ALL) $(DEPFLAGS) -fPIC \
		-c -o $@ $<

$(B)/liburing.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/liburing-ffi.a: $(LIB_OBJS) $(FFI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/liburing.so.$(VERSION): $(LIB_OBJS) src/liburing.map $(FLAGS_FILE)
	$(CC) $(CFLAGS_ALL) -shared -Wl,--version-script=src/liburing.map \
		-Wl,-soname=$(SONAME) $(ZDEFS) -o $@ $(LIB_OBJS) $(LDFLAGS)
	ln -sf liburing.so.$(VERSION) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/liburing.so

$(B)/liburing-ffi.so.$(VERSION): $(LIB_OBJS) $(FFI_OBJ) src/liburing-ffi.map \
		$(FLAGS_FILE)
	$(CC) $(CFLAGS_ALL) -shared \
		-Wl,--version-script=src/liburing-ffi.map \
		-Wl,-soname=$(FFI_SONAME) $(ZDEFS) -o $@ $(LIB_OBJS) \
		$(FFI_OBJ) $(LDFLAGS)
	ln -sf liburing-ffi.so.$(VERSION) $(B)/$(FFI_SONAME)
	ln -sf $(FFI_SONAME) $(B)/liburing-ffi.so

# $(call pc,NAME,OUT): NAME.pc for the current prefix and directories.
pc = sed -e 's|@prefix@|$(prefix)|' -e 's|@libdir@|$(libdevdir)|' \
	 -e 's|@includedir@|$(includedir)|' -e 's|@version@|$(VERSION)|' \
	 -e 's|@name@|$(1)|' -e 's|@lib@|$(1:lib%=%)|' liburing.pc.in > $(2)

$(B)/%.pc: liburing.pc.in Makefile include/liburing/io_uring_version.h
	@mkdir -p $(@D)
	$(call pc,$*,$@)

# ---- examples ------------------------------------------------------------

$(B)/examples/%: examples/%.c $(B)/liburing.so.$(VERSION) $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< \
		$(LINK_URING) $(LDFLAGS)

# ---- tests ---------------------------------------------------------------

# helpers.c: fixtures; harness.c: what every test process does first.
TEST_LIB_SRCS := test/helpers.c test/harness.c
TEST_LIB_OBJS := $(TEST_LIB_SRCS:test/%.c=$(B)/test/%.o)
TEST_SRCS := $(filter-out $(TEST_LIB_SRCS),$(wildcard test/*.c))
TESTS := $(TEST_SRCS:test/%.c=$(B)/test/%)
TEST_CFLAGS := $(CFLAGS_ALL) -Itest
# where a target has no packaged cmocka, mk/arch.mk points this at one
CMOCKA_LIBS ?= -lcmocka

$(B)/test/%.o: test/%.c $(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(TEST_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# harness.c checks that every test process maps this library and no other.
$(B)/test/harness.o: TEST_CFLAGS += -DT_LIB_DIR='"$(abspath $(B))"' \
	-DT_LIB_NAME='"liburing.so.$(VERSION)"'

# Every process of a test must load the library under test, also a child
# exec'd with a bare environment and a build tree copied into a VM: the
# run path is relative to the program ($ORIGIN/..), and is a DT_RPATH,
# which the dynamic linker searches before LD_LIBRARY_PATH (a RUNPATH
# comes after it).  harness.c checks the outcome.
TEST_LINK := -L$(B) -luring -Wl,--disable-new-dtags -Wl,-rpath,'$$ORIGIN/..'

$(B)/test/%: test/%.c $(TEST_LIB_OBJS) $(B)/liburing.so.$(VERSION) \
		$(FLAGS_FILE)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(TEST_CFLAGS) $(DEPFLAGS) -o $@ $< \
		$(TEST_LIB_OBJS) $(TEST_LINK) $(CMOCKA_LIBS) -lpthread $(LDFLAGS)

TEST_SCRIPTS := $(filter-out test/run.sh test/ensure-cmocka.sh, \
			   $(wildcard test/*.sh))

# test/run.sh runs what this list names, not whatever lies in $(B)/test;
# the scripts first, as they take longest.
test-progs: all $(TESTS)
	@printf '%s\n' $(TEST_SCRIPTS) $(TESTS) > $(B)/test/run-list

# make check T=ops-net       the programs named (or matching), and their
#                            families (ops-net-*)
# make check T_TEST='*zc*'   only the cmocka tests whose names match
# make check T_JOBS=1        one program at a time (default: all CPUs)
check:
	@sh test/ensure-cmocka.sh
	@$(MAKE) --no-print-directory test-progs
	@B=$(B) CC="$(CC)" CXX="$(CXX)" T="$(T)" T_TEST="$(T_TEST)" \
		T_JOBS="$(T_JOBS)" sh test/run.sh

# ---- install -------------------------------------------------------------

INSTALL := install
MAN_DIRS := $(notdir $(wildcard man/man*))
# The development links (liburing.so) are relative when they sit beside
# the library, so that they also resolve inside a DESTDIR staging tree.
DEVLINK = $(if $(filter $(libdir),$(libdevdir)),,$(libdir)/)

install: all
	$(INSTALL) -d $(DESTDIR)$(includedir)/liburing/io_uring \
		$(DESTDIR)$(libdir) $(DESTDIR)$(libdevdir) \
		$(DESTDIR)$(libdevdir)/pkgconfig
	$(INSTALL) -m 644 include/liburing.h $(DESTDIR)$(includedir)/
	$(INSTALL) -m 644 include/liburing/*.h \
		$(DESTDIR)$(includedir)/liburing/
	$(INSTALL) -m 644 include/liburing/io_uring/*.h \
		$(DESTDIR)$(includedir)/liburing/io_uring/
	$(INSTALL) -m 755 $(B)/liburing.so.$(VERSION) \
		$(B)/liburing-ffi.so.$(VERSION) $(DESTDIR)$(libdir)/
	ln -sf liburing.so.$(VERSION) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf liburing-ffi.so.$(VERSION) $(DESTDIR)$(libdir)/$(FFI_SONAME)
	ln -sf $(DEVLINK)$(SONAME) $(DESTDIR)$(libdevdir)/liburing.so
	ln -sf $(DEVLINK)$(FFI_SONAME) $(DESTDIR)$(libdevdir)/liburing-ffi.so
	$(INSTALL) -m 644 $(B)/liburing.a $(B)/liburing-ffi.a \
		$(DESTDIR)$(libdevdir)/
	@# written now, so that prefix= on this command line is honoured
	$(call pc,liburing,$(DESTDIR)$(libdevdir)/pkgconfig/liburing.pc)
	$(call pc,liburing-ffi,$(DESTDIR)$(libdevdir)/pkgconfig/liburing-ffi.pc)
	$(INSTALL) -d $(DESTDIR)$(bindir)
	$(INSTALL) -m 755 $(B)/examples/io_uring-probe $(DESTDIR)$(bindir)/
	@# alias pages are symbolic links, and stay links
	@for d in $(MAN_DIRS); do \
		echo "install man/$$d -> $(DESTDIR)$(mandir)/$$d"; \
		$(INSTALL) -d $(DESTDIR)$(mandir)/$$d || exit 1; \
		for f in man/$$d/*; do \
			t=$(DESTDIR)$(mandir)/$$d/$${f##*/}; \
			if [ -L "$$f" ]; then \
				ln -sf "$$(readlink "$$f")" "$$t"; \
			else \
				$(INSTALL) -m 644 "$$f" "$$t"; \
			fi || exit 1; \
		done; \
	done

uninstall:
	rm -f $(DESTDIR)$(includedir)/liburing.h
	rm -rf $(DESTDIR)$(includedir)/liburing
	rm -f $(DESTDIR)$(libdir)/liburing.so.$(VERSION) \
	      $(DESTDIR)$(libdir)/liburing-ffi.so.$(VERSION) \
	      $(DESTDIR)$(libdir)/$(SONAME) $(DESTDIR)$(libdir)/$(FFI_SONAME) \
	      $(DESTDIR)$(libdevdir)/liburing.so \
	      $(DESTDIR)$(libdevdir)/liburing-ffi.so \
	      $(DESTDIR)$(libdevdir)/liburing.a \
	      $(DESTDIR)$(libdevdir)/liburing-ffi.a \
	      $(DESTDIR)$(libdevdir)/pkgconfig/liburing.pc \
	      $(DESTDIR)$(libdevdir)/pkgconfig/liburing-ffi.pc
	rm -f $(DESTDIR)$(bindir)/io_uring-probe
	@for d in $(MAN_DIRS); do \
		for f in man/$$d/*; do \
			rm -f $(DESTDIR)$(mandir)/$$d/$${f##*/}; \
		done; \
	done

# Every build directory: build/, and the build-*/ of the sanitizer,
# valgrind, fuzzing, analysis, cross and VM targets.
clean:
	rm -rf $(B) build build-*/

distclean: clean
	rm -f config-host.mk

.PHONY: all check test-progs install uninstall clean distclean FORCE
.SECONDARY:
