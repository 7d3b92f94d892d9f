# highwater - build, run, test, bench, fuzz, install.
# `make run` and `make test` are all a new user needs; missing Debian
# packages are installed with apt-get when run as root (tools/deps.sh).

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
BUILD ?= build
OPT ?= -O2 -g
SAN ?=

DEB_PKGS = pkg-config libyaml-dev libcmocka-dev libsdl2-dev libsdl2-ttf-dev libpng-dev libgif-dev clang valgrind
PKGS = yaml-0.1 sdl2 SDL2_ttf libpng

CFLAGS_BASE = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CORE_SRC = $(wildcard sim/core/*.c) $(wildcard sim/trace/*.c)
IO_SRC = $(wildcard sim/io/*.c)
SCEN_SRC = $(wildcard sim/scenario/*.c)
VIEW_SRC = $(wildcard sim/view/*.c)
EXPORT_SRC = $(wildcard sim/export/*.c)
# Two executables from one set of objects (docs/architecture.md):
# highwater-view has every command and links SDL2, SDL2_ttf, libpng and giflib;
# highwater leaves out the view and the commands that draw (DRAW_APP_SRC),
# links LAUNCH_SRC in their place, which hands them to highwater-view, and
# links libyaml and libm only, so the commands that do not draw start fast.
LAUNCH_SRC = sim/app/drawexec.c
DRAW_APP_SRC = sim/app/cmd_view.c sim/app/cmd_compare.c
APP_SRC = $(filter-out $(LAUNCH_SRC),$(wildcard sim/app/*.c))
GEN_SRC = $(BUILD)/gen/driver_js.c

LIB_SRC = $(CORE_SRC) $(IO_SRC) $(SCEN_SRC) $(EXPORT_SRC)
ALL_SRC = $(LIB_SRC) $(VIEW_SRC) $(APP_SRC)

OBJDIR = $(BUILD)/obj
OBJS = $(patsubst %.c,$(OBJDIR)/%.o,$(ALL_SRC)) $(OBJDIR)/gen/driver_js.o
LIB_OBJS = $(patsubst %.c,$(OBJDIR)/%.o,$(LIB_SRC)) $(OBJDIR)/gen/driver_js.o
LEAN_OBJS = $(LIB_OBJS) $(patsubst %.c,$(OBJDIR)/%.o,$(filter-out $(DRAW_APP_SRC),$(APP_SRC)) $(LAUNCH_SRC))

DEPS_STAMP = $(BUILD)/.deps-ok
# What only the tests use: the man page is rendered, the zsh completion parsed.
TEST_DEB_PKGS = man-db zsh xvfb
TEST_DEPS_STAMP = $(BUILD)/.test-deps-ok

.PHONY: all deps run test selftest bench fuzz install dist clean bless check-golden

all: $(BUILD)/highwater $(BUILD)/highwater-view

deps: $(DEPS_STAMP)

$(DEPS_STAMP): tools/deps.sh Makefile
	@mkdir -p $(BUILD)
	@tools/deps.sh $(DEB_PKGS)
	@touch $@

# pkg-config is only asked once the packages are known to be there.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS_ALL = $(CFLAGS_BASE) $(OPT) $(SAN) $(PKG_CFLAGS) -Isim -I$(BUILD)/gen $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lgif -lm $(LDLIBS)
LDLIBS_LEAN = $(shell pkg-config --libs yaml-0.1 2>/dev/null) -lm $(LDLIBS)

# build/gen/config.h: the version (a release's VERSION file, else `git
# describe`) and the data folder under PREFIX. It is rewritten only when one
# of them changes, so `make install PREFIX=/usr` after a plain `make`
# rebuilds what uses it instead of installing a stale /usr/local path.
HW_VERSION := $(shell cat VERSION 2>/dev/null || git describe --tags --always --dirty 2>/dev/null || echo unknown)
CONFIG_H = $(BUILD)/gen/config.h

.PHONY: FORCE
$(CONFIG_H): FORCE
	@mkdir -p $(dir $@)
	@printf '#define HW_VERSION "%s"\n#define HW_DATADIR "%s"\n' '$(HW_VERSION)' '$(PREFIX)/share/highwater' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(OBJDIR)/sim/app/main.o $(OBJDIR)/sim/scenario/datadir.o: $(CONFIG_H)

$(OBJDIR)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/gen/driver_js.c: sim/export/driver.js tools/embed.sh
	@mkdir -p $(dir $@)
	@tools/embed.sh $< highwater_driver_js > $@

$(OBJDIR)/gen/driver_js.o: $(BUILD)/gen/driver_js.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

# highwater starts highwater-view for view, render, record and compare, so
# building the one builds the other (suites build only build/highwater).
$(BUILD)/highwater: $(LEAN_OBJS) | $(BUILD)/highwater-view
	@echo "  LINK    $@"
	@$(CC) $(OPT) $(SAN) -o $@ $(LEAN_OBJS) $(LDLIBS_LEAN) $(LDFLAGS)

$(BUILD)/highwater-view: $(OBJS)
	@echo "  LINK    $@"
	@$(CC) $(OPT) $(SAN) -o $@ $(OBJS) $(LDLIBS_ALL) $(LDFLAGS)

-include $(OBJS:.o=.d) $(OBJDIR)/$(LAUNCH_SRC:.c=.d)

DEFAULT_SCENARIO ?= scenarios/video-to-slow-client.yaml

# Without a display, `view --or-summary` says so in one line and prints the
# headless summary of the same scenario instead (exit 0).
run: $(BUILD)/highwater
	$(BUILD)/highwater view --or-summary $(DEFAULT_SCENARIO)

$(TEST_DEPS_STAMP): tools/deps.sh Makefile
	@mkdir -p $(BUILD)
	@tools/deps.sh $(TEST_DEB_PKGS)
	@touch $@

test: $(DEPS_STAMP) $(TEST_DEPS_STAMP) $(BUILD)/highwater unit nodes $(BUILD)/tools/scengen
	@tests/run.sh

# The pinned official Node binaries the conformance suite runs, one per
# supported major, fetched from the npm registry when missing.
NODE_MAJORS = 20 22 24 26
NODE_BINS = $(foreach m,$(NODE_MAJORS),$(BUILD)/node/$(m)/bin/node)

.PHONY: nodes
nodes: $(NODE_BINS)

$(BUILD)/node/%/bin/node: tools/node-fetch.sh
	@tools/node-fetch.sh $* $(BUILD)/node
	@touch $@

# The suites against broken stand-in binaries: passes only if each run fails.
selftest: $(DEPS_STAMP) $(BUILD)/highwater
	@tests/selftest/run.sh

bless: $(BUILD)/highwater
	$(BUILD)/highwater check --bless scenarios/*.yaml

bench: $(DEPS_STAMP)
	@tools/bench.sh

# The random scenario generator and shrinker (tests/gen/), linked with the
# reader so that `scengen --check` can load what it writes.
SCENGEN_SRC = $(wildcard tests/gen/*.c)
$(BUILD)/tools/scengen: $(SCENGEN_SRC) $(wildcard tests/gen/*.h) $(LIB_OBJS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	@$(CC) $(CFLAGS_ALL) -Itests/gen -o $@ $(SCENGEN_SRC) $(LIB_OBJS) $(LDLIBS_ALL)

# Random differential testing: N generated scenarios (from SEED on), each
# run by the model and by real Node, on all cores; see tools/difftest.sh.
N ?= 1000
SEED ?= 1
.PHONY: conformance-fuzz
conformance-fuzz: $(BUILD)/highwater $(BUILD)/tools/scengen
	@tools/difftest.sh fuzz $(N) $(SEED)

FUZZ_SECONDS ?= 60
fuzz: $(DEPS_STAMP)
	@tools/fuzz.sh $(FUZZ_SECONDS)

# PREFIX/bin/highwater finds PREFIX/share/highwater beside it (and the
# compiled-in PREFIX too), so a DESTDIR staging tree works where it is.
SHARE = $(DESTDIR)$(PREFIX)/share
install: $(BUILD)/highwater $(BUILD)/highwater-view
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/highwater $(SHARE)/man/man1 $(SHARE)/doc/highwater \
	    $(SHARE)/bash-completion/completions $(SHARE)/zsh/site-functions
	install -m 755 $(BUILD)/highwater $(BUILD)/highwater-view $(DESTDIR)$(PREFIX)/bin/
	rm -rf $(SHARE)/highwater/assets $(SHARE)/highwater/scenarios
	cp -R assets scenarios $(SHARE)/highwater/
	install -m 644 docs/highwater.1 $(SHARE)/man/man1/highwater.1
	install -m 644 tools/completion/highwater.bash $(SHARE)/bash-completion/completions/highwater
	install -m 644 tools/completion/_highwater $(SHARE)/zsh/site-functions/_highwater
	install -m 644 README.md LICENSE $(SHARE)/doc/highwater/
	cp -R docs/*.md docs/img $(SHARE)/doc/highwater/

# A release tarball: the tree at HEAD plus a VERSION file, which then takes
# the place of `git describe`.
dist:
	@mkdir -p $(BUILD)/dist/highwater-$(HW_VERSION)
	@echo '$(HW_VERSION)' > $(BUILD)/dist/highwater-$(HW_VERSION)/VERSION
	git archive --prefix=highwater-$(HW_VERSION)/ -o $(BUILD)/highwater-$(HW_VERSION).tar HEAD
	tar -rf $(BUILD)/highwater-$(HW_VERSION).tar -C $(BUILD)/dist highwater-$(HW_VERSION)/VERSION
	gzip -f $(BUILD)/highwater-$(HW_VERSION).tar
	@echo "$(BUILD)/highwater-$(HW_VERSION).tar.gz"

clean:
	rm -rf $(BUILD)

# Unit tests (cmocka): one binary per tests/unit/*.c, linked with the model,
# the scenario reader and the exporter (no SDL).
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_BINS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

.PHONY: unit
unit: $(UNIT_BINS)

# They link the testing build of the model (-DSIM_TESTING): sim_check()
# after every event and every step, aborting on the first broken invariant.
TOBJDIR = $(BUILD)/tobj
MODEL_SRC = $(wildcard sim/core/*.c)
TESTING_OBJS = $(patsubst %.c,$(TOBJDIR)/%.o,$(MODEL_SRC)) \
	$(filter-out $(patsubst %.c,$(OBJDIR)/%.o,$(MODEL_SRC)),$(LIB_OBJS))

$(TOBJDIR)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $< (SIM_TESTING)"
	@$(CC) $(CFLAGS_ALL) -DSIM_TESTING -MMD -MP -c $< -o $@

-include $(patsubst %.c,$(TOBJDIR)/%.d,$(MODEL_SRC))
# objects of a pattern chain are kept, not deleted as intermediates
.SECONDARY: $(patsubst %.c,$(TOBJDIR)/%.o,$(MODEL_SRC))

$(BUILD)/tests/%: tests/unit/%.c $(TESTING_OBJS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(CFLAGS_ALL) -DSIM_TESTING $(CMOCKA_CFLAGS) -o $@ $< $(TESTING_OBJS) $(LDLIBS_ALL) $(CMOCKA_LIBS)

# unit tests built into $(BUILD)/tests (used with BUILD=build/san)
.PHONY: unit-san
unit-san: $(UNIT_BINS)
# view modules without SDL calls, compiled into their unit tests
$(BUILD)/tests/test_palette: sim/view/palette.c sim/view/palette.h
$(BUILD)/tests/test_keymap: sim/view/keymap.c sim/view/keymap.h
$(BUILD)/tests/test_jsnames: sim/view/code.c sim/view/code.h
$(BUILD)/tests/test_script: sim/view/script.c sim/view/script.h sim/view/keymap.c sim/view/keymap.h sim/view/pointer.c sim/view/pointer.h
