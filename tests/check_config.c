/* check_config: defaults, the config file, values and their errors. */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "tests.h"

/* Writes TEXT to DIR/NAME; PATH gets the file's path. */
static void write_file(const char *dir, const char *name, const char *text, char *path, size_t size)
{
    ck_assert_int_eq(bprintf(path, size, "%s/%s", dir, name), 0);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_ge(fputs(text, f), 0);
    ck_assert_int_eq(fclose(f), 0);
}

/* Reads TEXT as DIR/wx.conf into C (initialised first); returns config_read's
 * result with ERR filled. */
static int read_text(wx_config *c, const char *dir, const char *text, char *err, size_t errlen)
{
    char path[WX_PATH_MAX];
    write_file(dir, "wx.conf", text, path, sizeof path);
    config_init(c);
    err[0] = '\0';
    return config_read(c, path, err, errlen);
}

/* Asserts that TEXT fails with the error "DIR/wx.conf:LINE: WHY". */
static void read_fails(const char *text, int line, const char *why)
{
    char dir[1024], err[1024], want[2048];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    ck_assert_int_eq(read_text(&c, dir, text, err, sizeof err), -1);
    ck_assert_int_eq(bprintf(want, sizeof want, "%s/wx.conf:%d: %s", dir, line, why), 0);
    ck_assert_str_eq(err, want);
    config_free(&c);
    test_rmtree(dir);
}

static long duration(const char *s)
{
    long v = -42;
    ck_assert_msg(config_duration(s, &v) == 0, "duration '%s' refused", s);
    return v;
}

static long size(const char *s)
{
    long v = -42;
    ck_assert_msg(config_size(s, &v) == 0, "size '%s' refused", s);
    return v;
}

START_TEST(test_defaults)
{
    wx_config c;
    config_init(&c);
    ck_assert_str_eq(c.file, "");
    ck_assert_uint_eq(c.nsources, 0);
    ck_assert_ptr_null(c.sources);
    ck_assert_str_eq(c.data_dir, "/var/lib/wxstrip");
    ck_assert_str_eq(c.graph_dir, "/var/lib/wxstrip/graphs");
    ck_assert_str_eq(c.stations_file, "/var/lib/wxstrip/stations.tsv");
    ck_assert_str_eq(c.rrdcached, "");
    ck_assert_str_eq(c.timezone, "Asia/Seoul");
    ck_assert_str_eq(c.user_agent, "wxstrip/" WX_VERSION " (KMA weather strip recorder)");
    ck_assert_int_eq(c.timeout, 30);
    ck_assert_int_eq(c.max_page_bytes, 8L << 20);
    ck_assert_int_eq(c.max_strip_age, 3 * 3600);
    config_free(&c);
}
END_TEST

START_TEST(test_read_file)
{
    char dir[1024], err[1024], want[WX_PATH_MAX + 64];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    ck_assert_msg(read_text(&c, dir,
                            "# a comment\n"
                            "\n"
                            "   # indented comment\n"
                            "data_dir = data\n"
                            "graph_dir=/srv/graphs\n"
                            "  stations_file   =   reg/stations.tsv  \r\n"
                            "rrdcached = unix:/run/rrdcached.sock\n"
                            "timezone = UTC\n"
                            "timeout = 45s\n"
                            "max_page_bytes = 512k\n"
                            "user_agent = my agent/1.0 (test)\n"
                            "max_strip_age = 2h",
                            err, sizeof err) == 0,
                  "%s", err);
    bprintf(want, sizeof want, "%s/wx.conf", dir);
    ck_assert_str_eq(c.file, want);
    bprintf(want, sizeof want, "%s/data", dir);
    ck_assert_str_eq(c.data_dir, want);
    ck_assert_str_eq(c.graph_dir, "/srv/graphs");
    bprintf(want, sizeof want, "%s/reg/stations.tsv", dir);
    ck_assert_str_eq(c.stations_file, want);
    ck_assert_str_eq(c.rrdcached, "unix:/run/rrdcached.sock");
    ck_assert_str_eq(c.timezone, "UTC");
    ck_assert_int_eq(c.timeout, 45);
    ck_assert_int_eq(c.max_page_bytes, 512 * 1024);
    ck_assert_str_eq(c.user_agent, "my agent/1.0 (test)");
    ck_assert_int_eq(c.max_strip_age, 7200);
    ck_assert_uint_eq(c.nsources, 0);
    config_free(&c);
    test_rmtree(dir);
}
END_TEST

/* Keys a file does not name keep their defaults; a repeated key: the last wins. */
START_TEST(test_read_partial)
{
    char dir[1024], err[1024];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    ck_assert_int_eq(read_text(&c, dir, "timeout = 5\ntimeout = 7\nrrdcached =\n", err, sizeof err),
                     0);
    ck_assert_int_eq(c.timeout, 7);
    ck_assert_str_eq(c.rrdcached, "");
    ck_assert_str_eq(c.data_dir, "/var/lib/wxstrip");
    ck_assert_int_eq(c.max_page_bytes, 8L << 20);
    config_free(&c);
    test_rmtree(dir);
}
END_TEST

START_TEST(test_read_empty)
{
    char dir[1024], err[1024];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    ck_assert_int_eq(read_text(&c, dir, "", err, sizeof err), 0);
    ck_assert_int_eq(c.timeout, 30);
    ck_assert_uint_eq(c.nsources, 0);
    config_free(&c);
    test_rmtree(dir);
}
END_TEST

/* The checked-in wxstrip.conf reads, with paths from the top directory. */
START_TEST(test_read_bundled)
{
    char path[WX_PATH_MAX], err[1024], want[WX_PATH_MAX + 64];
    wx_config c;
    config_init(&c);
    test_path(path, sizeof path, "wxstrip.conf");
    ck_assert_msg(config_read(&c, path, err, sizeof err) == 0, "%s", err);
    bprintf(want, sizeof want, "%s/stations/stations.tsv", test_top());
    ck_assert_str_eq(c.stations_file, want);
    ck_assert_uint_ge(c.nsources, 1);
    ck_assert_int_eq(c.max_page_bytes, 8L << 20);
    config_free(&c);
}
END_TEST

START_TEST(test_sources)
{
    char dir[1024], err[1024], want[WX_PATH_MAX + 64];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    ck_assert_msg(read_text(&c, dir,
                            "source = https://example.com/a.xml\n"
                            "source = http://example.com/b.html euc-kr\n"
                            "source = http://example.com/c.html charset=EUC-KR\n"
                            "source = pages/d.html\n"
                            "source = /abs/e.txt   cp949\n",
                            err, sizeof err) == 0,
                  "%s", err);
    ck_assert_uint_eq(c.nsources, 5);
    ck_assert_str_eq(c.sources[0].url, "https://example.com/a.xml");
    ck_assert_str_eq(c.sources[0].charset, "");
    ck_assert_str_eq(c.sources[1].url, "http://example.com/b.html");
    ck_assert_str_eq(c.sources[1].charset, "euc-kr");
    ck_assert_str_eq(c.sources[2].url, "http://example.com/c.html");
    ck_assert_str_eq(c.sources[2].charset, "EUC-KR");
    bprintf(want, sizeof want, "%s/pages/d.html", dir);
    ck_assert_str_eq(c.sources[3].url, want);
    ck_assert_str_eq(c.sources[4].url, "/abs/e.txt");
    ck_assert_str_eq(c.sources[4].charset, "cp949");
    config_free(&c);
    ck_assert_uint_eq(c.nsources, 0);
    ck_assert_ptr_null(c.sources);
    test_rmtree(dir);
}
END_TEST

/* Many sources: the list grows and keeps every entry in order. */
START_TEST(test_many_sources)
{
    wx_config c;
    char err[256], url[64];
    config_init(&c);
    for (int i = 0; i < 50; i++) {
        bprintf(url, sizeof url, "http://example.com/%d", i);
        ck_assert_int_eq(config_set(&c, "source", url, NULL, err, sizeof err), 0);
    }
    ck_assert_uint_eq(c.nsources, 50);
    for (int i = 0; i < 50; i++) {
        bprintf(url, sizeof url, "http://example.com/%d", i);
        ck_assert_str_eq(c.sources[i].url, url);
    }
    config_free(&c);
}
END_TEST

START_TEST(test_source_errors)
{
    wx_config c;
    char err[256], url[WX_PATH_MAX + 200];
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "source", "", NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "a source needs a URL or a file");
    /* a URL just too long is refused, not cut with its tail taken as a charset */
    memset(url, 'a', sizeof url);
    memcpy(url, "http://", 7);
    url[WX_PATH_MAX + 3] = '\0';
    ck_assert_int_eq(config_set(&c, "source", url, NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "source too long");
    /* a long word after a URL is the rest of a URL with a space in it */
    ck_assert_int_eq(config_set(&c, "source", "http://a/ abcdefghijklmnopqrstuvwxyz0123456789",
                                NULL, err, sizeof err),
                     -1);
    ck_assert_str_eq(err, "'http://a/ abcdefghijklmnopqrstuvwxyz0123456789' is not a URL and a "
                          "charset: a URL cannot contain white space (write it as %20)");
    ck_assert_int_eq(config_set(&c, "source", "pages/a.html abcdefghijklmnopqrstuvwxyz0123456789",
                                NULL, err, sizeof err),
                     -1);
    ck_assert_str_eq(err, "unknown charset 'abcdefghijklmnopqrstuvwxyz0123456789' (iconv cannot "
                          "read it)");
    /* half a URL is never stored with the other half taken for its charset */
    ck_assert_int_eq(
        config_set(&c, "source", "https://news.example.com/a page.html", NULL, err, sizeof err),
        -1);
    ck_assert_str_eq(err, "'https://news.example.com/a page.html' is not a URL and a charset: a "
                          "URL cannot contain white space (write it as %20)");
    ck_assert_int_eq(config_set(&c, "source", "pages/a.html klingon", NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "unknown charset 'klingon' (iconv cannot read it)");
    ck_assert_int_eq(config_set(&c, "source", "http://a/ charset=nope", NULL, err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "not a URL and a charset"));
    /* known ones, under the names pages use */
    ck_assert_int_eq(config_set(&c, "source", "http://a/ ks_c_5601-1987", NULL, err, sizeof err),
                     0);
    ck_assert_int_eq(config_set(&c, "source", "http://b/ windows-1252", NULL, err, sizeof err), 0);
    ck_assert_uint_eq(c.nsources, 2);
    config_free(&c);
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "source", "http://a/ euc-kr extra", NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "unexpected 'extra' after the source's charset");
    ck_assert_uint_eq(c.nsources, 0);
    config_free(&c);
}
END_TEST

/* An unknown or empty zone would make every time UTC, nine hours off,
 * without a word: refused with the line; absent, the default is checked. */
START_TEST(test_timezone)
{
    read_fails("data_dir = d\ntimezone = Asia/Soeul\n", 2,
               "timezone 'Asia/Soeul' is not in the zoneinfo database (/usr/share/zoneinfo); "
               "for Korea: Asia/Seoul");
    read_fails("timezone =\n", 1,
               "timezone '' is not in the zoneinfo database (/usr/share/zoneinfo); "
               "for Korea: Asia/Seoul");
    read_fails("timezone = ../../../etc/passwd\n", 1,
               "timezone '../../../etc/passwd' is not in the zoneinfo database "
               "(/usr/share/zoneinfo); for Korea: Asia/Seoul");
    read_fails("timezone = /etc/localtime\n", 1,
               "timezone '/etc/localtime' is not in the zoneinfo database "
               "(/usr/share/zoneinfo); for Korea: Asia/Seoul");
    wx_config c;
    char err[512];
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "timezone", "UTC", NULL, err, sizeof err), 0);
    ck_assert_int_eq(config_set(&c, "timezone", "Asia/Tokyo", NULL, err, sizeof err), 0);
    ck_assert_str_eq(c.timezone, "Asia/Tokyo");
    ck_assert_int_eq(config_check(&c, err, sizeof err), 0);
    snprintf(c.timezone, sizeof c.timezone, "Nowhere/Atall"); /* as if tzdata were missing */
    ck_assert_int_eq(config_check(&c, err, sizeof err), -1);
    ck_assert_str_eq(err, "timezone 'Nowhere/Atall' is not in the zoneinfo database "
                          "(/usr/share/zoneinfo): install tzdata");
    config_free(&c);
}
END_TEST

/* A web server serves graph_dir: data_dir (RRD files, sources.state) may
 * not be it or lie inside it; graph_dir inside data_dir is the packaged
 * layout and stays. */
START_TEST(test_dirs_apart)
{
    static const struct {
        const char *data, *graphs, *why;
    } cases[] = {
        {"/srv/wx", "/srv/wx", "the same as"},
        {"/srv/wx/", "/srv/wx", "the same as"},
        {"/srv/wx/data", "/srv/wx", "inside"},
        {"/srv/wx/data", "/srv/wx/", "inside"},
        {"/var/lib/wxstrip", "/var/lib/wxstrip/graphs", NULL},
        {"/srv/wxdata", "/srv/wx", NULL},
        {"/srv/a", "/srv/b", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wx_config c;
        char err[512] = "", want[512];
        config_init(&c);
        snprintf(c.data_dir, sizeof c.data_dir, "%s", cases[i].data);
        snprintf(c.graph_dir, sizeof c.graph_dir, "%s", cases[i].graphs);
        int rc = config_check(&c, err, sizeof err);
        if (!cases[i].why) {
            ck_assert_msg(rc == 0, "%s in %s: %s", cases[i].data, cases[i].graphs, err);
            continue;
        }
        snprintf(want, sizeof want,
                 "data_dir %s is %s graph_dir %s, which a web server serves: give them "
                 "directories of their own",
                 cases[i].data, cases[i].why, cases[i].graphs);
        ck_assert_int_eq(rc, -1);
        ck_assert_str_eq(err, want);
    }
}
END_TEST

START_TEST(test_durations)
{
    ck_assert_int_eq(duration("90"), 90);
    ck_assert_int_eq(duration("90s"), 90);
    ck_assert_int_eq(duration("5m"), 300);
    ck_assert_int_eq(duration("5min"), 300);
    ck_assert_int_eq(duration("3h"), 10800);
    ck_assert_int_eq(duration("3H"), 10800);
    ck_assert_int_eq(duration("1d"), 86400);
    ck_assert_int_eq(duration("0"), 0);
    ck_assert_int_eq(duration("10 m"), 600);
}
END_TEST

START_TEST(test_bad_durations)
{
    static const char *const bad[] = {"",
                                      "s",
                                      "x",
                                      "-5",
                                      "5x",
                                      "1.5h",
                                      "5ms",
                                      "h5",
                                      "5 m x",
                                      "99999999999999999999",
                                      "9223372036854775807d"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long v = 17;
        ck_assert_msg(config_duration(bad[i], &v) == -1, "'%s' accepted", bad[i]);
        ck_assert_int_eq(v, 17);
    }
}
END_TEST

START_TEST(test_sizes)
{
    ck_assert_int_eq(size("1048576"), 1048576);
    ck_assert_int_eq(size("512k"), 512 * 1024);
    ck_assert_int_eq(size("512K"), 512 * 1024);
    ck_assert_int_eq(size("512kb"), 512 * 1024);
    ck_assert_int_eq(size("8M"), 8L << 20);
    ck_assert_int_eq(size("8 MB"), 8L << 20);
    ck_assert_int_eq(size("1G"), 1L << 30);
    ck_assert_int_eq(size("100b"), 100);
}
END_TEST

START_TEST(test_bad_sizes)
{
    static const char *const bad[] = {"",     "M",    "8T", "-1",
                                      "1.5M", "8MiB", "k8", "9223372036854775807G"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        long v = 17;
        ck_assert_msg(config_size(bad[i], &v) == -1, "'%s' accepted", bad[i]);
        ck_assert_int_eq(v, 17);
    }
}
END_TEST

START_TEST(test_error_unknown_key)
{
    read_fails("# c\ntimeout = 30\ncolour = blue\n", 3, "unknown key 'colour'");
    read_fails("Timeout = 30\n", 1, "unknown key 'Timeout'");
}
END_TEST

START_TEST(test_error_missing_equals)
{
    read_fails("\n\ntimeout 30\n", 3, "expected 'key = value'");
}
END_TEST

START_TEST(test_error_bad_value)
{
    read_fails("timeout = 5x\n", 1,
               "bad value '5x' for timeout (seconds, or a number with s, m, h or d)");
    read_fails("data_dir = x\nmax_page_bytes = lots\n", 2,
               "bad value 'lots' for max_page_bytes (bytes, or a number with k, M or G)");
}
END_TEST

START_TEST(test_error_out_of_range)
{
    read_fails("timeout = 2h\n", 1, "timeout 2h is out of range (1 to 3600 seconds)");
    read_fails("timeout = 0\n", 1, "timeout 0 is out of range (1 to 3600 seconds)");
    read_fails("max_page_bytes = 10\n", 1,
               "max_page_bytes 10 is out of range (1024 to 1073741824 bytes)");
    read_fails("max_page_bytes = 2G\n", 1,
               "max_page_bytes 2G is out of range (1024 to 1073741824 bytes)");
    read_fails("max_strip_age = 30s\n", 1,
               "max_strip_age 30s is out of range (60 to 2678400 seconds)");
}
END_TEST

START_TEST(test_error_empty_path)
{
    read_fails("stations_file =\n", 1, "stations_file needs a path");
    read_fails("source =\n", 1, "a source needs a URL or a file");
}
END_TEST

/* A bad value leaves the field as it was. */
START_TEST(test_error_keeps_value)
{
    char dir[1024], err[1024];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    ck_assert_int_eq(read_text(&c, dir, "timeout = 10\ntimeout = 99h\n", err, sizeof err), -1);
    ck_assert_int_eq(c.timeout, 10);
    config_free(&c);
    test_rmtree(dir);
}
END_TEST

START_TEST(test_missing_file)
{
    char dir[1024], path[1200], err[2048];
    wx_config c;
    test_tmpdir(dir, sizeof dir);
    bprintf(path, sizeof path, "%s/nope.conf", dir);
    config_init(&c);
    ck_assert_int_eq(config_read(&c, path, err, sizeof err), -1);
    ck_assert_msg(strncmp(err, "cannot read config ", 19) == 0 && strstr(err, path), "%s", err);
    config_free(&c);
    test_rmtree(dir);
}
END_TEST

START_TEST(test_set_paths)
{
    wx_config c;
    char err[256];
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "data_dir", "rel/data", NULL, err, sizeof err), 0);
    ck_assert_str_eq(c.data_dir, "rel/data");
    ck_assert_int_eq(config_set(&c, "data_dir", "rel/data", "/etc/wx", err, sizeof err), 0);
    ck_assert_str_eq(c.data_dir, "/etc/wx/rel/data");
    ck_assert_int_eq(config_set(&c, "graph_dir", "g", "/etc/", err, sizeof err), 0);
    ck_assert_str_eq(c.graph_dir, "/etc/g");
    ck_assert_int_eq(config_set(&c, "graph_dir", "g", "/", err, sizeof err), 0);
    ck_assert_str_eq(c.graph_dir, "/g");
    ck_assert_int_eq(config_set(&c, "stations_file", "/abs/s.tsv", "/etc", err, sizeof err), 0);
    ck_assert_str_eq(c.stations_file, "/abs/s.tsv");
    ck_assert_int_eq(config_set(&c, "source", "http://x/y", "/etc", err, sizeof err), 0);
    ck_assert_str_eq(c.sources[0].url, "http://x/y");
    ck_assert_int_eq(config_set(&c, "source", "p.html euc-kr", "/etc", err, sizeof err), 0);
    ck_assert_str_eq(c.sources[1].url, "/etc/p.html");
    ck_assert_str_eq(c.sources[1].charset, "euc-kr");
    config_free(&c);
}
END_TEST

START_TEST(test_set_values)
{
    wx_config c;
    char err[256];
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "timeout", "2m", NULL, err, sizeof err), 0);
    ck_assert_int_eq(c.timeout, 120);
    ck_assert_int_eq(config_set(&c, "max_page_bytes", "1M", NULL, err, sizeof err), 0);
    ck_assert_int_eq(c.max_page_bytes, 1L << 20);
    ck_assert_int_eq(config_set(&c, "max_strip_age", "1d", NULL, err, sizeof err), 0);
    ck_assert_int_eq(c.max_strip_age, 86400);
    ck_assert_int_eq(config_set(&c, "timezone", "Europe/Paris", NULL, err, sizeof err), 0);
    ck_assert_str_eq(c.timezone, "Europe/Paris");
    ck_assert_int_eq(config_set(&c, "rrdcached", "localhost:42217", "/etc", err, sizeof err), 0);
    ck_assert_str_eq(c.rrdcached, "localhost:42217"); /* an address, not a path */
    config_free(&c);
}
END_TEST

START_TEST(test_set_errors)
{
    wx_config c;
    char err[256], longval[400];
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "no_such_key", "1", NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "unknown key 'no_such_key'");
    ck_assert_int_eq(config_set(&c, "timeout", "soon", NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "bad value 'soon' for timeout (seconds, or a number with s, m, h or d)");
    ck_assert_int_eq(config_set(&c, "timeout", "3601", NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "timeout 3601 is out of range (1 to 3600 seconds)");
    ck_assert_int_eq(c.timeout, 30);
    memset(longval, 'x', sizeof longval - 1);
    longval[sizeof longval - 1] = '\0';
    ck_assert_int_eq(config_set(&c, "user_agent", longval, NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "user_agent is too long");
    ck_assert_int_eq(config_set(&c, "timezone", longval, NULL, err, sizeof err), -1);
    ck_assert_str_eq(err, "timezone is too long");
    config_free(&c);
}
END_TEST

START_TEST(test_set_limits)
{
    wx_config c;
    char err[256];
    config_init(&c);
    ck_assert_int_eq(config_set(&c, "timeout", "1", NULL, err, sizeof err), 0);
    ck_assert_int_eq(config_set(&c, "timeout", "1h", NULL, err, sizeof err), 0);
    ck_assert_int_eq(c.timeout, 3600);
    ck_assert_int_eq(config_set(&c, "max_page_bytes", "1k", NULL, err, sizeof err), 0);
    ck_assert_int_eq(c.max_page_bytes, 1024);
    ck_assert_int_eq(config_set(&c, "max_page_bytes", "1023", NULL, err, sizeof err), -1);
    ck_assert_int_eq(config_set(&c, "max_strip_age", "31d", NULL, err, sizeof err), 0);
    ck_assert_int_eq(config_set(&c, "max_strip_age", "32d", NULL, err, sizeof err), -1);
    ck_assert_int_eq(c.max_strip_age, 31 * 86400);
    config_free(&c);
}
END_TEST

Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *t = tcase_create("file");
    tcase_add_test(t, test_defaults);
    tcase_add_test(t, test_read_file);
    tcase_add_test(t, test_read_partial);
    tcase_add_test(t, test_read_empty);
    tcase_add_test(t, test_read_bundled);
    tcase_add_test(t, test_sources);
    tcase_add_test(t, test_many_sources);
    tcase_add_test(t, test_source_errors);
    tcase_add_test(t, test_timezone);
    tcase_add_test(t, test_dirs_apart);
    suite_add_tcase(s, t);
    t = tcase_create("values");
    tcase_add_test(t, test_durations);
    tcase_add_test(t, test_bad_durations);
    tcase_add_test(t, test_sizes);
    tcase_add_test(t, test_bad_sizes);
    suite_add_tcase(s, t);
    t = tcase_create("errors");
    tcase_add_test(t, test_error_unknown_key);
    tcase_add_test(t, test_error_missing_equals);
    tcase_add_test(t, test_error_bad_value);
    tcase_add_test(t, test_error_out_of_range);
    tcase_add_test(t, test_error_empty_path);
    tcase_add_test(t, test_error_keeps_value);
    tcase_add_test(t, test_missing_file);
    suite_add_tcase(s, t);
    t = tcase_create("set");
    tcase_add_test(t, test_set_paths);
    tcase_add_test(t, test_set_values);
    tcase_add_test(t, test_set_errors);
    tcase_add_test(t, test_set_limits);
    suite_add_tcase(s, t);
    return s;
}
