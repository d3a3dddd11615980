# SPDX-License-Identifier: MIT
#
#   make            the libraries (shared and static, plain and ffi) and
#                   the examples
#   make check      the test suite (installs cmocka first if it must)
#   make install    honours DESTDIR and prefix=; see ./configure --help
#
# EXTRA_CFLAGS is added to every compile (CI passes -Werror).

-include config-host.mk

prefix ?= /usr
libdir ?= $(prefix)/lib
libdevdir ?= $(libdir)
includedir ?= $(prefix)/include
mandir ?= $(prefix)/share/man
bindir ?= $(prefix)/bin

VERSION := 2.15
SONAME := liburing.so.2
FFI_SONAME := liburing-ffi.so.2

CC ?= cc
CXX ?= c++
CFLAGS ?= -O2 -g
WARN := -Wall -Wextra
CPPFLAGS_ALL := -D_GNU_SOURCE -Iinclude $(CPPFLAGS)
CFLAGS_ALL := $(CFLAGS) $(WARN) $(EXTRA_CFLAGS)

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

$(B)/src/%.o: src/%.c $(HEADERS) $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) -Isrc $(CFLAGS_ALL) -fPIC -c -o $@ $<

$(B)/liburing.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/liburing-ffi.a: $(LIB_OBJS) $(FFI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/liburing.so.$(VERSION): $(LIB_OBJS) src/liburing.map
	$(CC) $(CFLAGS_ALL) -shared -Wl,--version-script=src/liburing.map \
		-Wl,-soname=$(SONAME) -o $@ $(LIB_OBJS) $(LDFLAGS)
	ln -sf liburing.so.$(VERSION) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/liburing.so

$(B)/liburing-ffi.so.$(VERSION): $(LIB_OBJS) $(FFI_OBJ) src/liburing-ffi.map
	$(CC) $(CFLAGS_ALL) -shared \
		-Wl,--version-script=src/liburing-ffi.map \
		-Wl,-soname=$(FFI_SONAME) -o $@ $(LIB_OBJS) $(FFI_OBJ) \
		$(LDFLAGS)
	ln -sf liburing-ffi.so.$(VERSION) $(B)/$(FFI_SONAME)
	ln -sf $(FFI_SONAME) $(B)/liburing-ffi.so

# $(call pc,NAME,OUT): NAME.pc for the current prefix and directories.
pc = sed -e 's|@prefix@|$(prefix)|' -e 's|@libdir@|$(libdevdir)|' \
	 -e 's|@includedir@|$(includedir)|' -e 's|@version@|$(VERSION)|' \
	 -e 's|@name@|$(1)|' -e 's|@lib@|$(1:lib%=%)|' liburing.pc.in > $(2)

$(B)/%.pc: liburing.pc.in Makefile
	@mkdir -p $(@D)
	$(call pc,$*,$@)

$(B)/examples/%: examples/%.c $(B)/liburing.so.$(VERSION) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(LINK_URING)

# ---- tests ---------------------------------------------------------------

# helpers.c: fixtures; harness.c: what every test process does first.
TEST_LIB_SRCS := test/helpers.c test/harness.c
TEST_LIB_OBJS := $(TEST_LIB_SRCS:test/%.c=$(B)/test/%.o)
TEST_SRCS := $(filter-out $(TEST_LIB_SRCS),$(wildcard test/*.c))
TESTS := $(TEST_SRCS:test/%.c=$(B)/test/%)
TEST_CFLAGS := $(CFLAGS_ALL) -Itest
TEST_HEADERS := $(wildcard test/*.h)

$(B)/test/%.o: test/%.c $(TEST_HEADERS) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(TEST_CFLAGS) -c -o $@ $<

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
		$(TEST_HEADERS) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(TEST_CFLAGS) -o $@ $< $(TEST_LIB_OBJS) \
		$(TEST_LINK) -lcmocka -lpthread

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
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(mandir)/man1
	$(INSTALL) -m 755 $(B)/examples/io_uring-probe $(DESTDIR)$(bindir)/
	$(INSTALL) -m 644 examples/io_uring-probe.1 $(DESTDIR)$(mandir)/man1/
	@for s in 2 3 7; do \
		set -- man/*.$$s; [ -e "$$1" ] || continue; \
		$(INSTALL) -d $(DESTDIR)$(mandir)/man$$s; \
		$(INSTALL) -m 644 "$$@" $(DESTDIR)$(mandir)/man$$s/; \
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
	rm -f $(DESTDIR)$(bindir)/io_uring-probe \
	      $(DESTDIR)$(mandir)/man1/io_uring-probe.1
	@for s in 2 3 7; do \
		for f in man/*.$$s; do [ -e "$$f" ] || continue; \
			rm -f $(DESTDIR)$(mandir)/man$$s/$${f#man/}; done; \
	done

clean:
	rm -rf $(B)

distclean: clean
	rm -f config-host.mk

.PHONY: all check test-progs install uninstall clean distclean
.SECONDARY:
