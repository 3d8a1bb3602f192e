# Fuzzing with libFuzzer: run by the top Makefile's `make fuzz` as
# `$(MAKE) -f tests/fuzz.mk` from the top of the tree. Three targets:
# parse (parse_page: pages, feeds, text dumps), config (the configuration
# reader) and timearg (query's --from/--to, AT-style through librrd).
#
#   make fuzz                      build, check known crashes, fuzz each 60 s
#   make fuzz FUZZ_SECONDS=600     fuzz longer (each target)
#   make fuzz FUZZ_TARGETS=config  only some targets
#   make fuzz FUZZ_FLAGS='-jobs=2 -workers=2'   extra libFuzzer flags
#   make -f tests/fuzz.mk repro TARGET=parse FILE=path   run one input, show the trace
#
# Everything it writes goes under build/: the targets in build/fuzz/, the
# working corpora in build/fuzz-corpus/TARGET/ (seeded with copies of the
# fixtures that fit the target, and kept between runs), crash inputs in
# build/fuzz-artifacts/TARGET/. A crash there belongs in tests/fixtures/fuzz/
# as crash-<what>.bin (parse) or TARGET-crash-<what>.bin; those are run
# first on every `make fuzz` (not fuzzed from, so that one known crash does
# not stop the search for others) and any that still crashes fails the run
# too. Exit status: non-zero when anything crashed.

FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_CC ?= clang
FUZZ_TARGETS ?= parse config timearg

TOP := $(CURDIR)
FUZZ_DIR := build/fuzz
CORPUS := build/fuzz-corpus
ARTIFACTS := build/fuzz-artifacts
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
DICTS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%.dict)
KNOWN := tests/fixtures/fuzz
# the known crashes of each target
known_parse := $(wildcard $(KNOWN)/crash-*)
known_config := $(wildcard $(KNOWN)/config-crash-*)
known_timearg := $(wildcard $(KNOWN)/timearg-crash-*)

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

FUZZ_RUN_FLAGS := -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
export WX_TOP := $(TOP)
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=0

.PHONY: run build corpus known repro
.DELETE_ON_ERROR:
.SECONDARY: # the objects are no intermediates to delete

run: $(FUZZ_BINS) $(DICTS) corpus
	@status=0; \
	for t in $(FUZZ_TARGETS); do \
	    bin=$(FUZZ_DIR)/fuzz_$$t; art=$(ARTIFACTS)/$$t; mkdir -p $$art; \
	    case $$t in parse) known="$(known_parse)" ;; config) known="$(known_config)" ;; \
	                timearg) known="$(known_timearg)" ;; esac; \
	    for f in $$known; do \
	        if $$bin -runs=1 $(FUZZ_RUN_FLAGS) "$$f" >$(FUZZ_DIR)/known.log 2>&1; then \
	            echo "fuzz: $$t: known crash $$f no longer crashes"; \
	        else \
	            echo "fuzz: $$t: known crash $$f STILL CRASHES:"; \
	            grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz_[a-z]+:|.*runtime error)' \
	                $(FUZZ_DIR)/known.log | head -5 | sed 's/^/    /'; \
	            status=1; \
	        fi; \
	    done; \
	    echo "fuzz: $$t: fuzzing for $(FUZZ_SECONDS) s (corpus $(CORPUS)/$$t, artifacts $$art)"; \
	    touch $(FUZZ_DIR)/started; \
	    rc=0; $$bin -max_total_time=$(FUZZ_SECONDS) $(FUZZ_RUN_FLAGS) -artifact_prefix=$(TOP)/$$art/ \
	        -dict=$(FUZZ_DIR)/$$t.dict $(FUZZ_FLAGS) $(CORPUS)/$$t >$(FUZZ_DIR)/$$t.log 2>&1 || rc=$$?; \
	    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' $(FUZZ_DIR)/$$t.log | sed 's/^/    /'; \
	    new=$$(find $$art -type f -newer $(FUZZ_DIR)/started 2>/dev/null); \
	    if [ -n "$$new" ]; then \
	        echo "fuzz: $$t: FOUND (crash, leak, timeout or OOM; libFuzzer exit $$rc):"; \
	        echo "$$new" | sed 's/^/    /'; \
	        echo "fuzz: reproduce with: make -f tests/fuzz.mk repro TARGET=$$t FILE=<one of them>"; \
	        status=1; \
	    elif [ $$rc -ne 0 ]; then \
	        echo "fuzz: $$t: the fuzzer failed (exit $$rc) and left no artifact"; status=1; \
	    else \
	        echo "fuzz: $$t: nothing found"; \
	    fi; \
	done; \
	exit $$status

build: $(FUZZ_BINS) $(DICTS)

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/fuzz_%.o $(OBJ)
	@echo "  LINK    $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LDLIBS)

$(FUZZ_DIR)/fuzz_%.o: tests/fuzz_%.c | $(FUZZ_DIR)
	@echo "  CC      $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/%.o: src/%.c | $(FUZZ_DIR)
	@echo "  CC      $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR) $(CORPUS) $(ARTIFACTS):
	@mkdir -p $@

# Seeds: copies (never links). parse: every fixture, named after its path
# (the known crashes left out: they are run above instead); config: the
# configurations in the tree; timearg: the forms README documents.
TIMEARG_SEEDS := '2024-05-05T14:00\n2024-05-05T15:30' '2024-05-05 14:00:30+09:00\n2024-05-05T06:00Z' \
    '2024-05-04\n2024-05-05' 'today\ntoday' 'yesterday\nnow' '-1d' 'now-2h' \
    'midnight yesterday\nmidnight' 'end-6h\n2024-05-06' '2024-05-05T12:00\nstart+1d' \
    'noon yesterday\nteatime' '-2weeks\n-1week' 'jan 1\nfeb 1' '1714885200\n1714888800'
corpus: | $(CORPUS)
	@mkdir -p $(CORPUS)/parse $(CORPUS)/config $(CORPUS)/timearg
	@find tests/fixtures -type f ! -path '$(KNOWN)/*crash-*' | while IFS= read -r f; do \
	    cp -f "$$f" "$(CORPUS)/parse/fixture-$$(echo "$${f#tests/fixtures/}" | tr '/' '_')"; \
	done
	@for f in wxstrip.conf dist/wxstrip.conf.in $$(find tests -name '*.conf' 2>/dev/null); do \
	    cp -f "$$f" "$(CORPUS)/config/seed-$$(echo "$$f" | tr '/' '_')"; \
	done
	@i=0; for s in $(TIMEARG_SEEDS); do i=$$((i + 1)); \
	    printf '%b' "$$s" > $(CORPUS)/timearg/seed-$$i; done

$(FUZZ_DIR)/config.dict: src/config.c tests/fuzz.mk | $(FUZZ_DIR)
	@{ sed -n 's/^    {"\([a-z_]*\)", KEY_.*/\1/p; s/.*CAT_COLOR("\([a-z]*\)".*/color_\1/p' src/config.c; \
	   for t in ' = ' '#' 'http://' 'https://' 'charset=' 'euc-kr' 'utf-8' '90s' '5m' '3h' '1d' \
	            '8M' '512k' '1G' 'both' '#d33a2c' 'Asia/Seoul' 'UTC' 'unix:/run/x.sock' '/' '..'; do \
	       printf '%s\n' "$$t"; done; } | awk '!seen[$$0]++ { gsub(/"/, "\\\""); print "\"" $$0 "\"" }' > $@

$(FUZZ_DIR)/timearg.dict: tests/fuzz.mk | $(FUZZ_DIR)
	@for t in now today yesterday tomorrow midnight noon teatime start end epoch \
	        second seconds sec s minute minutes min m hour hours h day days d week weeks w \
	        month months year years jan feb dec monday sunday am pm 'T' 'Z' '+09:00' '-05' \
	        ':' '-' '+' '.' '/' ' ' '2024-05-05' '14:00' '1714885200'; do \
	    printf '"%s"\n' "$$t"; done > $@

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

$(FUZZ_DIR)/parse.dict: stations/stations.tsv src/weather.c tests/fuzz.mk | $(FUZZ_DIR)
	@{ for t in $(DICT_TOKENS); do printf '%s\n' "$$t"; done; \
	   awk -F'\t' '$$1 ~ /^[0-9]+$$/ { print $$2; print $$3; \
	       n = split($$8, a, /[,;]/); for (i = 1; i <= n; i++) if (a[i] != "") print a[i] }' \
	       stations/stations.tsv; \
	   sed -n 's/^ *{"\([^"]*\)", [0-9A-Z_]*, WX_CAT.*/\1/p' src/weather.c; \
	 } | sed 's/^ *//; s/ *$$//' | awk 'length($$0) > 0 && !seen[$$0]++' | \
	   perl -ne 'chomp; s/\\x([0-9a-f]{2})/chr(hex($$1))/ge; \
	       s/([^\x20-\x7e]|["\\])/sprintf("\\x%02X", ord($$1))/ge; print "\"$$_\"\n"' > $@

TARGET ?= parse
known: $(FUZZ_BINS)
	@for f in $(known_parse); do \
	    $(FUZZ_DIR)/fuzz_parse -runs=1 $(FUZZ_RUN_FLAGS) "$$f" >/dev/null 2>&1 \
	        && echo "ok      $$f" || echo "CRASHES $$f"; \
	done

repro: $(FUZZ_DIR)/fuzz_$(TARGET)
	@test -n "$(FILE)" || { echo "usage: make -f tests/fuzz.mk repro TARGET=t FILE=input" >&2; exit 2; }
	$(FUZZ_DIR)/fuzz_$(TARGET) -runs=1 $(FUZZ_RUN_FLAGS) $(FILE)

-include $(OBJ:.o=.d) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%.d)
