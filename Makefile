# exdump: build, test, install.
#
#   make            build ./exdump
#   make check      every test; closes with "N passed, N failed"
#   make check-illumos ILLUMOS_SRC=DIR   against an illumos tree's headers
#   make bench      throughput and memory on a ~100 MB file
#   make install    PREFIX=/usr/local DESTDIR=  (STRIP= keeps the symbols)
#   make uninstall  the same PREFIX and DESTDIR: removes what install put

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c99 -Wall -Wextra -Werror -pedantic
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude
LDFLAGS ?=
LDLIBS ?=
PREFIX ?= /usr/local
MANDIR ?= $(PREFIX)/share/man
# Where the examples go: share, not etc, so that installing starts nothing
# (a file in /etc/logrotate.d would rotate at once) and uninstall never
# takes away a configuration someone copied and edited.
DATADIR ?= $(PREFIX)/share/exdump
# The installed binary is stripped; "make install STRIP=" keeps symbols.
STRIP ?= strip

OS := $(shell uname -s)
ifeq ($(OS),SunOS)
OSNAME = illumos
LDLIBS += -lproject -lsocket -lnsl
# <sys/exacct.h> pulls in kernel headers (<sys/task.h>, <sys/proc.h>) whose
# types are hidden under _POSIX_C_SOURCE unless __EXTENSIONS__ is defined.
CPPFLAGS += -D__EXTENSIONS__
else
OSNAME = linux
endif

# Every src/*.c but the other OS's files.
OS_SRCS = $(wildcard src/*_$(OSNAME).c)
COMMON_SRCS = $(filter-out src/%_linux.c src/%_illumos.c,$(wildcard src/*.c))
SRCS = $(COMMON_SRCS) $(OS_SRCS)
LIB_SRCS = $(filter-out src/main.c,$(SRCS))
OBJDIR ?= build
OBJS = $(SRCS:src/%.c=$(OBJDIR)/%.o)
LIB_OBJS = $(LIB_SRCS:src/%.c=$(OBJDIR)/%.o)
HDRS = $(wildcard include/*.h)

UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(OBJDIR)/%)
# Small programs the shell tests start (children with known usage).
HELPER_SRCS = $(wildcard tests/helpers/helper_*.c)
HELPER_BINS = $(HELPER_SRCS:tests/helpers/%.c=$(OBJDIR)/%)

BIN ?= exdump

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(OBJDIR)/%.o: src/%.c $(HDRS)
	@mkdir -p $(OBJDIR)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(OBJDIR)/libexdump.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

$(OBJDIR)/test_%: tests/unit/test_%.c tests/unit/test.h $(OBJDIR)/libexdump.a $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -Itests/unit -o $@ $< $(OBJDIR)/libexdump.a $(LDFLAGS) $(LDLIBS)

# Test helpers.  acct_on (Linux only) switches process accounting on and
# off for the root-only kernel test of the pacct decoder.
ifeq ($(OSNAME),linux)
TEST_HELPERS += $(OBJDIR)/acct_on
endif

$(OBJDIR)/acct_on: tests/helpers/acct_on.c
	@mkdir -p $(OBJDIR)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $@ tests/helpers/acct_on.c $(LDFLAGS)

$(OBJDIR)/helper_%: tests/helpers/helper_%.c
	@mkdir -p $(OBJDIR)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -pthread -o $@ $< $(LDFLAGS) $(LDLIBS)

# The fleet's files for the database loaders' test and benchmark: written
# with the project's own encoder.
$(OBJDIR)/helper_fleet: tests/helpers/helper_fleet.c $(OBJDIR)/libexdump.a $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libexdump.a $(LDFLAGS) $(LDLIBS)

$(OBJDIR)/fuzz_replay: tests/fuzz/fuzz_exacct.c tests/fuzz/replay.c $(OBJDIR)/libexdump.a $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(CPPFLAGS) -o $@ tests/fuzz/fuzz_exacct.c tests/fuzz/replay.c $(OBJDIR)/libexdump.a $(LDFLAGS) $(LDLIBS)

# libFuzzer build of the same target (clang only): make fuzz
fuzz: $(HDRS)
	@mkdir -p $(OBJDIR)/fuzz-new
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) -o $(OBJDIR)/fuzz_exacct tests/fuzz/fuzz_exacct.c $(LIB_SRCS) $(LDLIBS)
	$(OBJDIR)/fuzz_exacct -max_total_time=60 -close_fd_mask=3 \
	    -artifact_prefix=$(OBJDIR)/ $(OBJDIR)/fuzz-new tests/fuzz/corpus

check: $(BIN) $(UNIT_BINS) $(HELPER_BINS) $(OBJDIR)/fuzz_replay $(TEST_HELPERS)
	@EXDUMP="$(CURDIR)/$(BIN)" sh tests/run.sh "$(OBJDIR)" $(UNIT_BINS)

# The same tests under AddressSanitizer and UndefinedBehaviorSanitizer.
# The binary goes to build-asan/exdump, so ./exdump is left alone.
check-asan:
	$(MAKE) OBJDIR=build-asan BIN=build-asan/exdump CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

# Syntax-check the illumos build's files and the tests against an illumos
# tree's headers (DIR is its usr/src): make check-illumos ILLUMOS_SRC=DIR
check-illumos:
	@sh tests/check_illumos.sh "$(ILLUMOS_SRC)" "$(OBJDIR)"

bench: exdump $(OBJDIR)/helper_exits $(OBJDIR)/helper_fleet
	@OBJDIR=$(OBJDIR) sh bench/bench.sh

# What install puts where; uninstall removes exactly these.
INSTALLED = $(DESTDIR)$(PREFIX)/bin/exdump \
	$(DESTDIR)$(MANDIR)/man1/exdump.1 \
	$(DESTDIR)$(DATADIR)/logrotate.d/exdump \
	$(DESTDIR)$(DATADIR)/systemd/exdump-listen.service \
	$(DESTDIR)$(DATADIR)/openrc/exdump-listen \
	$(DB_INSTALLED)
# The database schemas, loaders and example queries (see FLEET in the
# manual).
DB_FILES = postgresql/exdump.sql postgresql/exdump-load-pg \
	postgresql/queries.sql clickhouse/exdump.sql clickhouse/exdump-load-ch \
	clickhouse/queries.sql
DB_INSTALLED = $(DB_FILES:%=$(DESTDIR)$(DATADIR)/%)
# The service files name where the binary and they were installed.
SUBST = sed -e 's|@BINDIR@|$(PREFIX)/bin|g' -e 's|@DATADIR@|$(DATADIR)|g'
# The loaders run the installed binary unless $$EXDUMP says otherwise
# (cron's PATH may not have it).
LOADER_SUBST = sed -e 's|^exdump=$${EXDUMP:-exdump}$$|exdump=$${EXDUMP:-$(PREFIX)/bin/exdump}|'

install: $(BIN)
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)/logrotate.d $(DESTDIR)$(DATADIR)/systemd \
	    $(DESTDIR)$(DATADIR)/openrc
	cp $(BIN) $(DESTDIR)$(PREFIX)/bin/exdump
	$(if $(STRIP),$(STRIP) $(DESTDIR)$(PREFIX)/bin/exdump)
	chmod 755 $(DESTDIR)$(PREFIX)/bin/exdump
	cp man/exdump.1 $(DESTDIR)$(MANDIR)/man1/exdump.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/exdump.1
	cp contrib/logrotate.d/exdump $(DESTDIR)$(DATADIR)/logrotate.d/exdump
	chmod 644 $(DESTDIR)$(DATADIR)/logrotate.d/exdump
	$(SUBST) contrib/systemd/exdump-listen.service.in \
	    >$(DESTDIR)$(DATADIR)/systemd/exdump-listen.service
	chmod 644 $(DESTDIR)$(DATADIR)/systemd/exdump-listen.service
	$(SUBST) contrib/openrc/exdump-listen.in \
	    >$(DESTDIR)$(DATADIR)/openrc/exdump-listen
	chmod 755 $(DESTDIR)$(DATADIR)/openrc/exdump-listen
	mkdir -p $(DESTDIR)$(DATADIR)/postgresql $(DESTDIR)$(DATADIR)/clickhouse
	for f in $(DB_FILES); do \
		case $$f in \
		*-load-*) $(LOADER_SUBST) contrib/$$f \
		    >$(DESTDIR)$(DATADIR)/$$f && \
		    chmod 755 $(DESTDIR)$(DATADIR)/$$f || exit 1 ;; \
		*) cp contrib/$$f $(DESTDIR)$(DATADIR)/$$f && \
		    chmod 644 $(DESTDIR)$(DATADIR)/$$f || exit 1 ;; \
		esac; \
	done

# The shared directories (bin, man1) stay; exdump's own go if empty.
uninstall:
	rm -f $(INSTALLED)
	rmdir $(DESTDIR)$(DATADIR)/logrotate.d $(DESTDIR)$(DATADIR)/systemd \
	    $(DESTDIR)$(DATADIR)/openrc $(DESTDIR)$(DATADIR)/postgresql \
	    $(DESTDIR)$(DATADIR)/clickhouse $(DESTDIR)$(DATADIR) 2>/dev/null || true

clean:
	rm -rf build build-asan exdump

.PHONY: all check check-asan check-illumos bench install uninstall clean \
	fuzz
