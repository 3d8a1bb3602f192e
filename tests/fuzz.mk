# Fuzzing the parser with libFuzzer: run by the top Makefile's `make fuzz`
# as `$(MAKE) -f tests/fuzz.mk` from the top of the tree.
#
#   make fuzz                      build, check known crashes, fuzz 60 s
#   make fuzz FUZZ_SECONDS=600     fuzz longer
#   make fuzz FUZZ_FLAGS='-jobs=2 -workers=2'   extra libFuzzer flags
#   make -f tests/fuzz.mk repro FILE=path       run one input, show the trace
#
# Everything it writes goes under build/: the target in build/fuzz/, the
# working corpus in build/fuzz-corpus/ (seeded with copies of every file
# under tests/fixtures/, and kept between runs), crash inputs in
# build/fuzz-artifacts/. A crash there belongs in tests/fixtures/fuzz/ as
# crash-<what>.bin; those are run first on every `make fuzz` (not fuzzed
# from, so that one known crash does not stop the search for others) and
# any that still crashes fails the run too. Exit status: non-zero when
# anything crashed.

FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_CC ?= clang

TOP := $(CURDIR)
FUZZ_DIR := build/fuzz
CORPUS := build/fuzz-corpus
ARTIFACTS := build/fuzz-artifacts
FUZZ_BIN := $(FUZZ_DIR)/fuzz_parse
DICT := $(FUZZ_DIR)/parse.dict
KNOWN := tests/fixtures/fuzz

# What the main Makefile compiles with (its VERSION and PKGS). Every package
# is linked dynamically and --as-needed drops those that the parser's
# objects do not use (libcurl, librrd, glib for fetch.c and store.c).
VERSION := $(or $(shell sed -n 's/^VERSION := //p' Makefile),fuzz)
PKGS := $(or $(shell sed -n 's/^PKGS := //p' Makefile),libcurl libxml-2.0 librrd)
FUZZ_CPPFLAGS := -D_GNU_SOURCE -DWX_VERSION='"$(VERSION)"' \
                 -DWX_DEFAULT_CONFIG='"$(TOP)/wxstrip.conf"' -Isrc
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c11 -pthread -g -O1 -Wall -Wextra -Wno-unused-parameter \
               $(shell pkg-config --cflags $(PKGS)) $(SAN)
FUZZ_LDLIBS := -Wl,--as-needed $(shell pkg-config --libs $(PKGS)) -lm

SRC := $(filter-out src/main.c src/cmd_%.c,$(wildcard src/*.c))
OBJ := $(SRC:src/%.c=$(FUZZ_DIR)/%.o)

FUZZ_RUN_FLAGS := -max_len=262144 -timeout=10 -rss_limit_mb=2048 \
                  -artifact_prefix=$(TOP)/$(ARTIFACTS)/ -print_final_stats=1
export WX_TOP := $(TOP)
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0

.PHONY: run build corpus known repro
.DELETE_ON_ERROR:

run: $(FUZZ_BIN) $(DICT) corpus
	@mkdir -p $(ARTIFACTS)
	@status=0; \
	for f in $(wildcard $(KNOWN)/crash-*); do \
	    if $(FUZZ_BIN) -runs=1 $(FUZZ_RUN_FLAGS) "$$f" >$(FUZZ_DIR)/known.log 2>&1; then \
	        echo "fuzz: known crash $$f no longer crashes"; \
	    else \
	        echo "fuzz: known crash $$f STILL CRASHES:"; \
	        grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_parse:|.*runtime error)' \
	            $(FUZZ_DIR)/known.log | head -5 | sed 's/^/    /'; \
	        status=1; \
	    fi; \
	done; \
	echo "fuzz: fuzzing for $(FUZZ_SECONDS) s (corpus $(CORPUS), artifacts $(ARTIFACTS))"; \
	touch $(FUZZ_DIR)/started; \
	rc=0; $(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN_FLAGS) -dict=$(DICT) \
	    $(FUZZ_FLAGS) $(CORPUS) || rc=$$?; \
	new=$$(find $(ARTIFACTS) -type f -newer $(FUZZ_DIR)/started 2>/dev/null); \
	if [ -n "$$new" ]; then \
	    echo "fuzz: FOUND (crash, leak, timeout or OOM; libFuzzer exit $$rc):"; \
	    echo "$$new" | sed 's/^/    /'; \
	    echo "fuzz: reproduce with: make -f tests/fuzz.mk repro FILE=<one of them>;" \
	         "save it as $(KNOWN)/crash-<what>.bin"; \
	    exit 1; \
	elif [ $$rc -ne 0 ]; then \
	    echo "fuzz: the fuzzer failed (exit $$rc) and left no artifact"; \
	    exit 1; \
	fi; \
	exit $$status

build: $(FUZZ_BIN) $(DICT)

$(FUZZ_BIN): $(FUZZ_DIR)/fuzz_parse.o $(OBJ)
	@echo "  LINK    $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LDLIBS)

$(FUZZ_DIR)/fuzz_parse.o: tests/fuzz_parse.c | $(FUZZ_DIR)
	@echo "  CC      $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/%.o: src/%.c | $(FUZZ_DIR)
	@echo "  CC      $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR) $(CORPUS) $(ARTIFACTS):
	@mkdir -p $@

# Copies (never links) every fixture into the corpus, named after its path;
# the known crashes are left out (they are run above instead).
corpus: | $(CORPUS)
	@find tests/fixtures -type f ! -path '$(KNOWN)/crash-*' | while IFS= read -r f; do \
	    cp -f "$$f" "$(CORPUS)/fixture-$$(echo "$${f#tests/fixtures/}" | tr '/' '_')"; \
	done

# A dictionary of the tokens that matter to the parser: station names and
# weather words (from the registry and the weather table), temperature
# marks, entities, the markup of strips and feeds, charset labels. Non-ASCII
# bytes are written as \xNN, which is what libFuzzer accepts.
DICT_TOKENS := '℃' '°C' '° C' 'º' '˚' '&\#8451;' '&\#x2103;' '&deg;' '&\#176;' \
    '기온' '온도' '기상청' '기상청 제공' '−' '－' '•' '·' '|' '(' ')' '(예)' '(기)' \
    '2024.05.05' '(일)' '14:00' '시' '분' '기준' '현재' '년' '월' '일' \
    '<li>' '</li>' '<ul class="weather_slide">' '</ul>' '<span class="iw18">' \
    '</span>' '<td>' '</td>' '<tr>' '</tr>' '<th>' '<table>' '</table>' '<img alt="' \
    '<p>' '<br>' '<div>' '</div>' '<script>' '</script>' '<style>' '</style>' \
    '<!--' '-->' '<![CDATA[' ']]>' '<?xml version="1.0" encoding="euc-kr"?>' \
    '<meta charset="euc-kr">' 'charset=utf-8' '<current xmlns="current">' \
    '<weather year="2024" month="05" day="05" hour="14">' '<local stn_id="' \
    '" icon="04" desc="' '" ta="' '">' '</local>' '</weather>' '</current>' \
    'aria-label="' 'title="' '<html>' '<body>' '<head>' '<title>' '&amp;' '&\#' \
    '-3.2' '18.6' '\x1f' '\xef\xbb\xbf' '\xff\xfe' '\xb1\xe2\xbf\xc2'

$(DICT): stations/stations.tsv src/weather.c tests/fuzz.mk | $(FUZZ_DIR)
	@{ for t in $(DICT_TOKENS); do printf '%s\n' "$$t"; done; \
	   awk -F'\t' '$$1 ~ /^[0-9]+$$/ { print $$2; print $$3; \
	       n = split($$8, a, /[,;]/); for (i = 1; i <= n; i++) if (a[i] != "") print a[i] }' \
	       stations/stations.tsv; \
	   sed -n 's/^ *{"\([^"]*\)", [0-9A-Z_]*, WX_CAT.*/\1/p' src/weather.c; \
	 } | sed 's/^ *//; s/ *$$//' | awk 'length($$0) > 0 && !seen[$$0]++' | \
	   perl -ne 'chomp; s/\\x([0-9a-f]{2})/chr(hex($$1))/ge; \
	       s/([^\x20-\x7e]|["\\])/sprintf("\\x%02X", ord($$1))/ge; print "\"$$_\"\n"' > $@

known: $(FUZZ_BIN)
	@for f in $(wildcard $(KNOWN)/*); do \
	    $(FUZZ_BIN) -runs=1 $(FUZZ_RUN_FLAGS) "$$f" >/dev/null 2>&1 \
	        && echo "ok      $$f" || echo "CRASHES $$f"; \
	done

repro: $(FUZZ_BIN)
	@test -n "$(FILE)" || { echo "usage: make -f tests/fuzz.mk repro FILE=input" >&2; exit 2; }
	$(FUZZ_BIN) -runs=1 $(FUZZ_RUN_FLAGS) $(FILE)

-include $(OBJ:.o=.d) $(FUZZ_DIR)/fuzz_parse.d
