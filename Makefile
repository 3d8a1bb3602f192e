# wxstrip: GNU make. `make` builds ./wxstrip; `make check` runs every test;
# `make demo` runs the main job on the bundled samples; `make install`
# installs it (PREFIX, DESTDIR); see README.
VERSION := 0.1.0
PKGS := libcurl libxml-2.0 librrd glib-2.0 jansson
BUILD ?= build
CC ?= cc

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wno-format-nonliteral -Wvla
CPPFLAGS += -D_GNU_SOURCE -DWX_VERSION='"$(VERSION)"' \
            -DWX_DEFAULT_CONFIG='"$(CURDIR)/wxstrip.conf"'
CFLAGS ?= -O2 -g
SAN ?=
ALL_CFLAGS = -std=c11 -pthread $(WARN) $(shell pkg-config --cflags $(PKGS)) $(CFLAGS) $(SAN)
# librrd is linked statically: only its data functions come in, and a poll
# does not load cairo, pango and the forty libraries behind them (startup
# cost; see README). Drawing loads librrd.so in its own processes.
LDLIBS = $(shell pkg-config --libs libcurl libxml-2.0 jansson) \
         -Wl,-Bstatic -lrrd -ldbi -Wl,-Bdynamic $(shell pkg-config --libs glib-2.0) -lm
CHECK_LIBS = $(shell pkg-config --libs check)

SRC := $(wildcard src/*.c)
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:src/%.c=$(BUILD)/%.o)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := tests/tests.c $(wildcard tests/check_*.c)
TEST_OBJ := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)

PROG := $(if $(filter build,$(BUILD)),wxstrip,$(BUILD)/wxstrip)
TEST_RUN := $(BUILD)/tests/run

.PHONY: all check test asan clang demo deps deps-test fuzz bench bench-tools soak clean format format-check install install-build uninstall deb deb-check

all: $(PROG)

V ?= 0
Q := $(if $(filter 1,$(V)),,@)

$(PROG): $(OBJ)
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/tests
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) -Isrc $(ALL_CFLAGS) $(shell pkg-config --cflags check) -MMD -MP -c -o $@ $<

$(TEST_RUN): $(TEST_OBJ) $(LIB_OBJ)
	@echo "  LINK    $@"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

$(BUILD) $(BUILD)/tests:
	$(Q)mkdir -p $@

deps:
	@scripts/deps.sh

# Installs only what building and testing need, when something is missing.
deps-test:
	@scripts/deps.sh build run test

# Each suite's time limit times TIMEOUT_X (check's CK_TIMEOUT_MULTIPLIER):
# under the sanitizers everything runs several times slower.
TIMEOUT_X ?= 1
test: $(PROG) $(TEST_RUN)
	CK_TIMEOUT_MULTIPLIER=$(TIMEOUT_X) WXSTRIP=$(CURDIR)/$(PROG) WX_TOP=$(CURDIR) $(TEST_RUN)

# What CI runs (.ci/run is README's test command, `make check`): the format
# check and the suite, a clang build of everything (-Werror), the suite
# again under AddressSanitizer and UBSan, and the Debian package built and
# checked (deb-check). `make test` is the suite alone.
check: deps-test
	@$(MAKE) --no-print-directory format-check test
	@$(MAKE) --no-print-directory clang
	@$(MAKE) --no-print-directory asan
	@$(MAKE) --no-print-directory deb-check

asan: deps-test
	@$(MAKE) --no-print-directory BUILD=build/asan CC=clang CFLAGS='-O1 -g' TIMEOUT_X=5 \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' test

# The program and the test runner built by clang, warnings as errors.
clang: deps-test
	@$(MAKE) --no-print-directory BUILD=build/clang CC=clang all build/clang/tests/run

demo: deps-test
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh

fuzz:
	@scripts/deps.sh build fuzz
	@$(MAKE) --no-print-directory -f tests/fuzz.mk

# Every benchmark in turn, each ending with its result line; the status is
# non-zero when one did not work (a missed target is not a failure).
bench:
	@scripts/deps.sh build bench
	@$(MAKE) --no-print-directory all bench-tools
	@rc=0; for b in parse poll scale graph query; do \
	    echo "  BENCH   tests/bench/$$b.sh"; tests/bench/$$b.sh || rc=1; \
	done; echo "  SOAK    tests/bench/soak.py"; \
	/usr/bin/python3 tests/bench/soak.py $(CURDIR)/$(PROG) $(CURDIR) build/bench/soak || rc=1; \
	exit $$rc

# A thousand polls in a row with the clock walked through 40 days: RSS
# flat, every reading stored once and read back by rrdtool (README,
# "Reliability"). Part of `make bench`; not of `make check`.
soak: deps-test
	@$(MAKE) --no-print-directory all
	@/usr/bin/python3 tests/bench/soak.py $(CURDIR)/$(PROG) $(CURDIR) build/bench/soak

# What the poll benchmark measures beside wxstrip: the floor its libraries
# set (tests/bench/floor-*.c).
BENCH_TOOLS := $(BUILD)/bench/floor-libs $(BUILD)/bench/floor-rrd $(BUILD)/bench/floor-fetch
bench-tools: $(BENCH_TOOLS)

$(BUILD)/bench/floor-fetch: tests/bench/floor-fetch.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/bench/floor-libs: tests/bench/floor-libs.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< -Wl,--no-as-needed $(LDLIBS)

$(BUILD)/bench/floor-rrd: tests/bench/floor-rrd.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS)

# Installing (README, "Installing"): DESTDIR is put before every path;
# PREFIX, BINDIR, MANDIR, DATADIR, SYSCONFDIR, UNITDIR and SYSUSERSDIR can
# be set. With PREFIX=/usr the units and the sysusers entry go where
# systemd's pkg-config file says (Debian 12: /lib/systemd/system and
# /usr/lib/sysusers.d); with another PREFIX under PREFIX/lib, which systemd
# reads for /usr/local (another prefix needs UNITDIR=/etc/systemd/system).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man/man1
DATADIR ?= $(PREFIX)/share/wxstrip
SYSCONFDIR ?= /etc
ifeq ($(PREFIX),/usr)
UNITDIR ?= $(or $(shell pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null),/lib/systemd/system)
SYSUSERSDIR ?= $(or $(shell pkg-config --variable=sysusersdir systemd 2>/dev/null),/usr/lib/sysusers.d)
else
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
endif
UNITDIR := $(UNITDIR)
SYSUSERSDIR := $(SYSUSERSDIR)
INSTALL_BUILD := build/install
INSTALLED = $(DESTDIR)$(BINDIR)/wxstrip $(DESTDIR)$(MANDIR)/wxstrip.1 \
    $(DESTDIR)$(DATADIR)/stations.tsv $(DESTDIR)$(UNITDIR)/wxstrip.service \
    $(DESTDIR)$(UNITDIR)/wxstrip.timer $(DESTDIR)$(SYSUSERSDIR)/wxstrip.conf

# An installed wxstrip reads $(SYSCONFDIR)/wxstrip.conf: built apart from
# the checkout's binary, which reads the checkout's wxstrip.conf, with the
# caller's CPPFLAGS, CFLAGS and LDFLAGS (dpkg-buildflags), under a lock:
# installs at once (make check runs some) share build/install.
INSTALL_CPPFLAGS = $(filter-out -D_GNU_SOURCE -DWX_VERSION=% -DWX_DEFAULT_CONFIG=%,$(CPPFLAGS)) \
    -D_GNU_SOURCE -DWX_VERSION='"$(VERSION)"' -DWX_DEFAULT_CONFIG='"$(SYSCONFDIR)/wxstrip.conf"'
install-build:
	@mkdir -p $(INSTALL_BUILD)
	@flock $(INSTALL_BUILD)/.lock $(MAKE) --no-print-directory BUILD=$(INSTALL_BUILD) \
	    CPPFLAGS="$(subst ",\",$(INSTALL_CPPFLAGS))" $(if $(LDFLAGS),LDLIBS="$(LDFLAGS) $(LDLIBS)") all

# An existing $(SYSCONFDIR)/wxstrip.conf is kept.
install: install-build
	flock $(INSTALL_BUILD)/.lock install -D -m 755 $(INSTALL_BUILD)/wxstrip $(DESTDIR)$(BINDIR)/wxstrip
	install -D -m 644 man/wxstrip.1 $(DESTDIR)$(MANDIR)/wxstrip.1
	install -D -m 644 stations/stations.tsv $(DESTDIR)$(DATADIR)/stations.tsv
	test -e $(DESTDIR)$(SYSCONFDIR)/wxstrip.conf || { mkdir -p $(DESTDIR)$(SYSCONFDIR) && \
	    sed 's|@DATADIR@|$(DATADIR)|' dist/wxstrip.conf.in > $(DESTDIR)$(SYSCONFDIR)/wxstrip.conf && \
	    chmod 644 $(DESTDIR)$(SYSCONFDIR)/wxstrip.conf; }
	mkdir -p $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|' dist/wxstrip.service > $(DESTDIR)$(UNITDIR)/wxstrip.service
	chmod 644 $(DESTDIR)$(UNITDIR)/wxstrip.service
	install -m 644 dist/wxstrip.timer $(DESTDIR)$(UNITDIR)/wxstrip.timer
	install -D -m 644 dist/wxstrip.sysusers $(DESTDIR)$(SYSUSERSDIR)/wxstrip.conf

# Removes what install put in place but $(SYSCONFDIR)/wxstrip.conf (and the
# poll's data, /var/lib/wxstrip); shared directories stay.
uninstall:
	rm -f $(INSTALLED)
	! test -d $(DESTDIR)$(DATADIR) || rmdir --ignore-fail-on-non-empty $(DESTDIR)$(DATADIR)

# The Debian package (debian/), built from a copy of the tree under
# build/deb/src; the .deb, .buildinfo and .changes end in build/deb.
DEB_VERSION = $(shell dpkg-parsechangelog -l debian/changelog -S Version)
DEB_SRC = build/deb/src/wxstrip-$(VERSION)
DEB_TREE := Makefile README src man stations/stations.tsv dist debian

deb:
	@scripts/deps.sh build deb
	@case "$(DEB_VERSION)" in $(VERSION)-*) ;; *) \
	    echo "deb: debian/changelog is at $(DEB_VERSION), the Makefile at $(VERSION)" >&2; exit 1;; esac
	rm -rf build/deb
	mkdir -p $(DEB_SRC)
	tar -cf - $(DEB_TREE) | tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && dpkg-buildpackage -us -uc -b
	mv build/deb/src/*.deb build/deb/src/*.buildinfo build/deb/src/*.changes build/deb/

# make deb, then lintian (no error) and the package's layout and scripts.
deb-check: deb
	@tests/deb-check.sh build/deb/wxstrip_$(DEB_VERSION)_$(shell dpkg --print-architecture).deb

FORMAT_FILES = src/*.c src/*.h tests/*.c tests/*.h tests/bench/*.c

format:
	clang-format -i $(FORMAT_FILES)

# Every C file as .clang-format lays it out (part of `make check`).
format-check:
	@clang-format --dry-run --Werror $(FORMAT_FILES) || \
	    { echo "format-check: run 'make format' (clang-format) and commit the result" >&2; exit 1; }

clean:
	rm -rf build wxstrip

-include $(OBJ:.o=.d) $(TEST_OBJ:.o=.d)
