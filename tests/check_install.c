/* check_install: `make install` and `make uninstall` into a DESTDIR (issue
 * 13): the tree an install gives, a changed configuration kept by a second
 * install, uninstall leaving only the configuration, the units as
 * `systemd-analyze verify` and `security --offline=true` see them. The
 * .deb is checked by `make deb-check` (tests/deb-check.sh), too slow here. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tests.h"

static char dir[4096], root[4200];

static void setup(void)
{
    test_tmpdir(dir, sizeof dir);
    snprintf(root, sizeof root, "%s/root", dir);
}

static void teardown(void)
{
    test_rmtree(dir);
}

/* make TARGET DESTDIR=root [PREFIX=PREFIX] in the top directory, in a clean
 * environment: a make check under make asan must not pass CC, SAN or
 * MAKEFLAGS on to the installed build. */
static int make(const char *target, const char *prefix, buf_t *err)
{
    char destdir[4300], pfx[256];
    snprintf(destdir, sizeof destdir, "DESTDIR=%s", root);
    snprintf(pfx, sizeof pfx, "PREFIX=%s", prefix ? prefix : "");
    char *argv[] = {"/usr/bin/env",
                    "-i",
                    "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                    "LC_ALL=C.UTF-8",
                    "/usr/bin/make",
                    "-s",
                    "-C",
                    (char *)test_top(),
                    (char *)target,
                    destdir,
                    prefix ? pfx : NULL,
                    NULL};
    buf_t out = {0};
    int rc = test_run(argv, NULL, NULL, &out, err);
    buf_free(&out);
    return rc;
}

static void install_ok(const char *prefix)
{
    buf_t err = {0};
    int rc = make("install", prefix, &err);
    ck_assert_msg(rc == 0, "make install: status %d: %s", rc, err.data);
    buf_free(&err);
}

/* A variable of systemd's pkg-config file, or FALLBACK. */
static void systemd_var(const char *name, const char *fallback, char *dst, size_t size)
{
    char var[128];
    snprintf(var, sizeof var, "--variable=%s", name);
    char *argv[] = {"/usr/bin/pkg-config", var, "systemd", NULL};
    buf_t out = {0};
    int rc = test_run(argv, NULL, NULL, &out, NULL);
    size_t n = rc == 0 ? strcspn(out.data, "\n") : 0;
    if (n == 0 || n >= size)
        snprintf(dst, size, "%s", fallback);
    else
        snprintf(dst, size, "%.*s", (int)n, out.data);
    buf_free(&out);
}

static void slurp(const char *path, buf_t *out)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s: not there", path);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    fclose(f);
    buf_append(out, "", 0); /* NUL-terminated even when empty */
}

/* ROOT/REL is a regular file with MODE; its text goes to OUT (may be NULL). */
static void installed(const char *rel, mode_t mode, buf_t *out)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    struct stat st;
    ck_assert_msg(lstat(path, &st) == 0 && S_ISREG(st.st_mode), "%s: not installed", rel);
    ck_assert_msg((st.st_mode & 07777) == mode, "%s: mode %o, not %o", rel,
                  (unsigned)(st.st_mode & 07777), (unsigned)mode);
    if (out)
        slurp(path, out);
}

/* ROOT/REL holds the same bytes as the checkout's SRC. */
static void same_as(const char *rel, const char *src)
{
    buf_t a = {0}, b = {0};
    installed(rel, 0644, &a);
    char path[4096];
    test_path(path, sizeof path, src);
    slurp(path, &b);
    ck_assert_msg(a.len == b.len && memcmp(a.data, b.data, a.len) == 0, "%s differs from %s", rel,
                  src);
    buf_free(&a), buf_free(&b);
}

/* nftw's callback: every file under ROOT (not directories), relative to
 * it, one per line, into LISTED. */
static buf_t listed;
static size_t root_len;

static int list_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)ftw;
    if (flag != FTW_D && flag != FTW_DP) {
        buf_append(&listed, path + root_len + 1, strlen(path + root_len + 1));
        buf_append(&listed, "\n", 1);
    }
    return 0;
}

/* The files under ROOT, sorted, as "a\nb\n". */
static char *files_under_root(void)
{
    listed = (buf_t){0};
    root_len = strlen(root);
    nftw(root, list_one, 16, FTW_PHYS);
    buf_append(&listed, "", 0);
    /* sort the lines */
    char *lines[64];
    size_t n = 0;
    for (char *s = strtok(listed.data, "\n"); s && n < 64; s = strtok(NULL, "\n"))
        lines[n++] = s;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
            char *t = lines[j];
            lines[j] = lines[j - 1], lines[j - 1] = t;
        }
    size_t size = listed.len + 2;
    char *text = calloc(1, size);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < n; i++)
        strcat(strcat(text, lines[i]), "\n");
    buf_free(&listed);
    return text;
}

/* ABS without its leading slash. */
static const char *rel(const char *abs)
{
    return abs[0] == '/' ? abs + 1 : abs;
}

static void units_dirs(char *unitdir, size_t usize, char *sysusersdir, size_t ssize)
{
    systemd_var("systemdsystemunitdir", "/lib/systemd/system", unitdir, usize);
    systemd_var("sysusersdir", "/usr/lib/sysusers.d", sysusersdir, ssize);
}

START_TEST(test_install_tree)
{
    install_ok("/usr");
    char unitdir[1024], sysusersdir[1024];
    units_dirs(unitdir, sizeof unitdir, sysusersdir, sizeof sysusersdir);

    /* exactly these files, nothing else */
    char expect[8192];
    const char *names[] = {"etc/wxstrip.conf", "usr/bin/wxstrip", "usr/share/man/man1/wxstrip.1",
                           "usr/share/wxstrip/stations.tsv", NULL};
    char paths[3][1100];
    snprintf(paths[0], sizeof paths[0], "%s/wxstrip.service", rel(unitdir));
    snprintf(paths[1], sizeof paths[1], "%s/wxstrip.timer", rel(unitdir));
    snprintf(paths[2], sizeof paths[2], "%s/wxstrip.conf", rel(sysusersdir));
    const char *all[8];
    size_t n = 0;
    for (size_t i = 0; names[i]; i++)
        all[n++] = names[i];
    for (size_t i = 0; i < 3; i++)
        all[n++] = paths[i];
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(all[j - 1], all[j]) > 0; j--) {
            const char *t = all[j];
            all[j] = all[j - 1], all[j - 1] = t;
        }
    expect[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(strcat(expect, all[i]), "\n");
    char *got = files_under_root();
    ck_assert_str_eq(got, expect);
    free(got);

    /* the binary: the installed build, which reads /etc/wxstrip.conf */
    buf_t bin = {0};
    installed("usr/bin/wxstrip", 0755, &bin);
    const char etc[] = "/etc/wxstrip.conf";
    ck_assert_msg(memmem(bin.data, bin.len, etc, sizeof etc) != NULL,
                  "the installed binary does not read /etc/wxstrip.conf");
    char checkout[4200];
    test_path(checkout, sizeof checkout, "wxstrip.conf");
    ck_assert_msg(memmem(bin.data, bin.len, checkout, strlen(checkout) + 1) == NULL,
                  "the installed binary reads the checkout's %s", checkout);
    buf_free(&bin);
    char exe[4300];
    snprintf(exe, sizeof exe, "%s/usr/bin/wxstrip", root);
    char *argv[] = {exe, "--version", NULL};
    buf_t out = {0};
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, NULL), 0);
    ck_assert_str_eq(out.data, "wxstrip " WX_VERSION "\n");
    buf_free(&out);

    same_as("usr/share/man/man1/wxstrip.1", "man/wxstrip.1");
    same_as("usr/share/wxstrip/stations.tsv", "stations/stations.tsv");
    same_as(paths[1], "dist/wxstrip.timer");
    same_as(paths[2], "dist/wxstrip.sysusers");

    buf_t conf = {0};
    installed("etc/wxstrip.conf", 0644, &conf);
    ck_assert_ptr_nonnull(strstr(conf.data, "\nstations_file = /usr/share/wxstrip/stations.tsv\n"));
    ck_assert_ptr_null(strstr(conf.data, "@DATADIR@"));
    buf_free(&conf);

    buf_t unit = {0};
    installed(paths[0], 0644, &unit);
    ck_assert_ptr_nonnull(strstr(unit.data, "\nExecStart=/usr/bin/wxstrip poll\n"));
    ck_assert_ptr_nonnull(strstr(unit.data, "\nUser=wxstrip\n"));
    ck_assert_ptr_nonnull(strstr(unit.data, "\nStateDirectory=wxstrip\n"));
    ck_assert_ptr_null(strstr(unit.data, "@BINDIR@"));
    buf_free(&unit);

    buf_t users = {0};
    installed(paths[2], 0644, &users);
    ck_assert_msg(strstr(users.data, "\nu wxstrip - ") != NULL, "no wxstrip user in %s", paths[2]);
    buf_free(&users);
}
END_TEST

/* A second install keeps a changed configuration and puts back the rest. */
START_TEST(test_reinstall_keeps_conf)
{
    install_ok("/usr");
    char conf[4400], man[4400];
    snprintf(conf, sizeof conf, "%s/etc/wxstrip.conf", root);
    snprintf(man, sizeof man, "%s/usr/share/man/man1/wxstrip.1", root);
    const char *mine = "# the admin's own\ndata_dir = /srv/wx\n";
    test_write(conf, mine, strlen(mine));
    ck_assert_int_eq(unlink(man), 0);
    install_ok("/usr");
    buf_t text = {0};
    installed("etc/wxstrip.conf", 0644, &text);
    ck_assert_str_eq(text.data, mine);
    buf_free(&text);
    same_as("usr/share/man/man1/wxstrip.1", "man/wxstrip.1");
}
END_TEST

/* Uninstall removes everything but the configuration (changed or not),
 * and the package's own directory; a second uninstall is no error. */
START_TEST(test_uninstall_leaves_conf)
{
    install_ok("/usr");
    char conf[4400], datadir[4400];
    snprintf(conf, sizeof conf, "%s/etc/wxstrip.conf", root);
    snprintf(datadir, sizeof datadir, "%s/usr/share/wxstrip", root);
    const char *mine = "# changed\n";
    test_write(conf, mine, strlen(mine));
    buf_t err = {0};
    ck_assert_msg(make("uninstall", "/usr", &err) == 0, "make uninstall: %s", err.data);
    char *left = files_under_root();
    ck_assert_str_eq(left, "etc/wxstrip.conf\n");
    free(left);
    buf_t text = {0};
    installed("etc/wxstrip.conf", 0644, &text);
    ck_assert_str_eq(text.data, mine);
    buf_free(&text);
    struct stat st;
    ck_assert_msg(stat(datadir, &st) != 0, "usr/share/wxstrip left behind");
    buf_free(&err);
    ck_assert_msg(make("uninstall", "/usr", &err) == 0, "second make uninstall: %s", err.data);
    buf_free(&err);
}
END_TEST

/* The default PREFIX, /usr/local: units and sysusers entry under
 * /usr/local/lib, where systemd reads them; uninstall as above. */
START_TEST(test_default_prefix)
{
    install_ok(NULL);
    char *got = files_under_root();
    ck_assert_str_eq(got, "etc/wxstrip.conf\n"
                          "usr/local/bin/wxstrip\n"
                          "usr/local/lib/systemd/system/wxstrip.service\n"
                          "usr/local/lib/systemd/system/wxstrip.timer\n"
                          "usr/local/lib/sysusers.d/wxstrip.conf\n"
                          "usr/local/share/man/man1/wxstrip.1\n"
                          "usr/local/share/wxstrip/stations.tsv\n");
    free(got);
    buf_t text = {0};
    installed("etc/wxstrip.conf", 0644, &text);
    ck_assert_ptr_nonnull(
        strstr(text.data, "\nstations_file = /usr/local/share/wxstrip/stations.tsv\n"));
    buf_free(&text);
    installed("usr/local/lib/systemd/system/wxstrip.service", 0644, &text);
    ck_assert_ptr_nonnull(strstr(text.data, "\nExecStart=/usr/local/bin/wxstrip poll\n"));
    buf_free(&text);
    buf_t err = {0};
    ck_assert_msg(make("uninstall", NULL, &err) == 0, "make uninstall: %s", err.data);
    buf_free(&err);
    got = files_under_root();
    ck_assert_str_eq(got, "etc/wxstrip.conf\n");
    free(got);
}
END_TEST

/* systemd-analyze verify prints nothing for the installed units. They name
 * /usr/bin/wxstrip, which is in the DESTDIR: verified as copies whose
 * ExecStart is the DESTDIR's binary (the one change), with MANPATH on the
 * DESTDIR's manual so that Documentation=man:wxstrip(1) is checked too. */
START_TEST(test_units_verify)
{
    install_ok("/usr");
    char unitdir[1024], sysusersdir[1024];
    units_dirs(unitdir, sizeof unitdir, sysusersdir, sizeof sysusersdir);
    char path[6000], copy[4300], timer[4300];
    snprintf(path, sizeof path, "%s%s/wxstrip.service", root, unitdir);
    buf_t unit = {0};
    slurp(path, &unit);
    const char *exec = "\nExecStart=/usr/bin/wxstrip poll\n";
    char *at = strstr(unit.data, exec);
    ck_assert_msg(at != NULL, "%s: no %s", path, exec + 1);
    snprintf(copy, sizeof copy, "%s/units", dir);
    ck_assert_int_eq(mkdir(copy, 0755), 0);
    snprintf(copy, sizeof copy, "%s/units/wxstrip.service", dir);
    FILE *f = fopen(copy, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%.*s\nExecStart=%s/usr/bin/wxstrip poll\n%s", (int)(at - unit.data), unit.data,
            root, at + strlen(exec));
    fclose(f);
    buf_free(&unit);
    snprintf(path, sizeof path, "%s%s/wxstrip.timer", root, unitdir);
    buf_t t = {0};
    slurp(path, &t);
    snprintf(timer, sizeof timer, "%s/units/wxstrip.timer", dir);
    test_write(timer, t.data, t.len);
    buf_free(&t);

    char manpath[4400];
    snprintf(manpath, sizeof manpath, "MANPATH=%s/usr/share/man", root);
    char *env[] = {manpath, NULL};
    char *argv[] = {"/usr/bin/systemd-analyze", "verify", copy, timer, NULL};
    buf_t out = {0}, err = {0};
    int rc = test_run(argv, env, NULL, &out, &err);
    ck_assert_msg(rc == 0 && out.len == 0 && err.len == 0,
                  "systemd-analyze verify: status %d: %s%s", rc, out.data, err.data);
    buf_free(&out), buf_free(&err);
}
END_TEST

/* systemd-analyze security: the service's overall exposure is at most 2.0
 * ("OK"); the number is read from its closing line. */
START_TEST(test_units_security)
{
    install_ok("/usr");
    char unitdir[1024], sysusersdir[1024];
    units_dirs(unitdir, sizeof unitdir, sysusersdir, sizeof sysusersdir);
    char path[6000];
    snprintf(path, sizeof path, "%s%s/wxstrip.service", root, unitdir);
    char *argv[] = {"/usr/bin/systemd-analyze", "security", "--offline=true", path, NULL};
    buf_t out = {0}, err = {0};
    int rc = test_run(argv, NULL, NULL, &out, &err);
    ck_assert_msg(rc == 0, "systemd-analyze security: status %d: %s", rc, err.data);
    const char *tag = "Overall exposure level for wxstrip.service: ";
    char *at = strstr(out.data, tag);
    ck_assert_msg(at != NULL, "no exposure level in: %s%s", out.data, err.data);
    char *end;
    double level = strtod(at + strlen(tag), &end);
    ck_assert_msg(end != at + strlen(tag), "no number after '%s'", tag);
    if (level > 2.0) { /* the settings that count against it, as the message */
        buf_t open = {0};
        for (char *line = strtok(out.data, "\n"); line; line = strtok(NULL, "\n"))
            if (strncmp(line, "\u2717", strlen("\u2717")) == 0)
                buf_printf(&open, "%.60s\n", line);
        ck_abort_msg("exposure %.1f > 2.0; open:\n%.3000s", level, open.data ? open.data : "");
    }
    buf_free(&out), buf_free(&err);
}
END_TEST

Suite *install_suite(void)
{
    Suite *s = suite_create("install");
    TCase *tc = tcase_create("install");
    tcase_add_checked_fixture(tc, setup, teardown);
    /* the first install builds build/install from nothing */
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_install_tree);
    tcase_add_test(tc, test_reinstall_keeps_conf);
    tcase_add_test(tc, test_uninstall_leaves_conf);
    tcase_add_test(tc, test_default_prefix);
    tcase_add_test(tc, test_units_verify);
    tcase_add_test(tc, test_units_security);
    suite_add_tcase(s, tc);
    return s;
}
