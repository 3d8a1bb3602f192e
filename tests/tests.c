/* tests: helpers shared by the Check suites (fixtures, registry, processes). */
#include "tests.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "fileio.h"

extern char **environ;

const char *test_top(void)
{
    const char *t = getenv("WX_TOP");
    return t && *t ? t : ".";
}

const char *test_wxstrip(void)
{
    const char *w = getenv("WXSTRIP");
    return w && *w ? w : "./wxstrip";
}

void test_path(char *dst, size_t size, const char *rel)
{
    ck_assert_int_eq(bprintf(dst, size, "%s/%s", test_top(), rel), 0);
}

wx_registry *test_registry(void)
{
    char path[4096], err[512];
    test_path(path, sizeof path, "stations/stations.tsv");
    wx_registry *reg = stations_load(path, err, sizeof err);
    ck_assert_msg(reg != NULL, "registry: %s", err);
    return reg;
}

void test_read(const char *rel, buf_t *out)
{
    char path[4096], why[256];
    test_path(path, sizeof path, rel);
    ck_assert_msg(file_read(path, 64u << 20, out, why, sizeof why) == 0, "%s: %s", path, why);
}

void test_read_abs(const char *path, buf_t *out)
{
    char why[256];
    ck_assert_msg(file_read(path, 64u << 20, out, why, sizeof why) == 0, "%s: %s", path, why);
    if (!out->data)
        buf_printf(out, "%s", "");
}

/* Reads what the child writes on FDs until both close; writes STDIN_DATA. */
static void pump(int in, const char *data, int outfd, int errfd, buf_t *out, buf_t *err)
{
    size_t left = data ? strlen(data) : 0;
    if (!left && in >= 0)
        close(in), in = -1;
    struct pollfd p[3] = {{outfd, POLLIN, 0}, {errfd, POLLIN, 0}, {in, POLLOUT, 0}};
    buf_t *dst[2] = {out, err};
    while (p[0].fd >= 0 || p[1].fd >= 0) {
        if (poll(p, 3, -1) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++) {
            if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP)))
                continue;
            char chunk[8192];
            ssize_t n = read(p[i].fd, chunk, sizeof chunk);
            if (n > 0)
                buf_append(dst[i], chunk, (size_t)n);
            else
                close(p[i].fd), p[i].fd = -1;
        }
        if (p[2].fd >= 0 && (p[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write(p[2].fd, data, left);
            if (n > 0)
                data += n, left -= (size_t)n;
            if (n <= 0 || !left)
                close(p[2].fd), p[2].fd = -1;
        }
    }
    if (p[2].fd >= 0)
        close(p[2].fd);
}

int test_run(char *const argv[], char *const env[], const char *stdin_data, buf_t *out, buf_t *err)
{
    int pin[2], pout[2], perr[2];
    ck_assert(pipe(pin) == 0 && pipe(pout) == 0 && pipe(perr) == 0);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(pin[0], 0), dup2(pout[1], 1), dup2(perr[1], 2);
        close(pin[0]), close(pin[1]), close(pout[0]), close(pout[1]), close(perr[0]),
            close(perr[1]);
        for (size_t i = 0; env && env[i]; i++)
            putenv(env[i]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(pin[0]), close(pout[1]), close(perr[1]);
    buf_t o = {0}, e = {0};
    buf_t *po = out ? out : &o, *pe = err ? err : &e;
    pump(pin[1], stdin_data, pout[0], perr[0], po, pe);
    buf_append(po, "", 0); /* NUL-terminated even when empty */
    buf_append(pe, "", 0);
    buf_free(&o), buf_free(&e);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void test_tmpdir(char *dst, size_t size)
{
    const char *base = getenv("TMPDIR");
    ck_assert_int_eq(bprintf(dst, size, "%s/wxstrip-test-XXXXXX", base ? base : "/tmp"), 0);
    ck_assert_ptr_nonnull(mkdtemp(dst));
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

void test_rmtree(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Starts ARGV with standard output on a pipe; returns the PID and the
 * pipe's read end. */
static int spawn(char *const argv[], int *outfd)
{
    int p[2];
    ck_assert(pipe(p) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]), close(p[1]);
        execv(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    *outfd = p[0];
    return pid;
}

int test_httpd_start(const char *docroot, const char *log, int *port)
{
    char script[4096];
    test_path(script, sizeof script, "tests/httpd.py");
    char *argv[] = {"/usr/bin/python3", script, (char *)docroot, (char *)log, NULL};
    int fd, pid = spawn(argv, &fd);
    char line[32] = "";
    size_t n = 0;
    while (n + 1 < sizeof line && read(fd, line + n, 1) == 1 && line[n] != '\n')
        n++;
    close(fd);
    *port = atoi(line);
    ck_assert_msg(*port > 0, "httpd.py did not start");
    return pid;
}

int test_spawn_ready(char *const argv[])
{
    int fd, pid = spawn(argv, &fd);
    char line[16] = "";
    size_t n = 0;
    while (n + 1 < sizeof line && read(fd, line + n, 1) == 1 && line[n] != '\n')
        n++;
    line[n] = '\0';
    close(fd);
    ck_assert_msg(strcmp(line, "ready") == 0, "%s did not start", argv[1] ? argv[1] : argv[0]);
    return pid;
}

int test_rrdcached_start(const char *dir, const char *base)
{
    char sock[4200], addr[4300], pidfile[4200];
    snprintf(sock, sizeof sock, "%s/sock", dir);
    snprintf(addr, sizeof addr, "unix:%s", sock);
    snprintf(pidfile, sizeof pidfile, "%s/rrdcached.pid", dir);
    char *argv[] = {"/usr/bin/rrdcached",
                    "-g",
                    "-l",
                    addr,
                    "-p",
                    pidfile,
                    "-b",
                    (char *)base,
                    "-B",
                    "-F",
                    "-w",
                    "3600",
                    "-f",
                    "7200",
                    NULL};
    int fd, pid = spawn(argv, &fd);
    close(fd);
    for (int i = 0; i < 100 && access(sock, F_OK) != 0; i++)
        usleep(20000);
    ck_assert_msg(access(sock, F_OK) == 0, "rrdcached did not start");
    return pid;
}

int test_rrdcached_tcp_start(const char *dir, const char *base, const char *perms, int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof sa;
    ck_assert(fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
              getsockname(fd, (struct sockaddr *)&sa, &len) == 0);
    *port = ntohs(sa.sin_port);
    close(fd); /* free again for rrdcached: nothing else here binds ports */
    return test_rrdcached_tcp_restart(dir, base, perms, *port);
}

int test_rrdcached_tcp_restart(const char *dir, const char *base, const char *perms, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET,
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                             .sin_port = htons((uint16_t)port)};
    char addr[64], pidfile[4200], journal[4200];
    snprintf(addr, sizeof addr, "127.0.0.1:%d", port);
    snprintf(pidfile, sizeof pidfile, "%s/rrdcached-tcp.pid", dir);
    snprintf(journal, sizeof journal, "%s/journal", dir);
    mkdir(journal, 0755);
    char *argv[] = {"/usr/bin/rrdcached",
                    "-g",
                    "-p",
                    pidfile,
                    "-b",
                    (char *)base,
                    "-B",
                    "-R",
                    "-j",
                    journal,
                    "-F",
                    "-w",
                    "3600",
                    "-f",
                    "7200",
                    "-P",
                    (char *)perms,
                    "-l",
                    addr,
                    NULL};
    if (!perms) /* -l where -P would be */
        argv[15] = "-l", argv[16] = addr, argv[17] = NULL;
    int out, pid = spawn(argv, &out);
    close(out);
    for (int i = 0; i < 100; i++) { /* listening once a connect succeeds */
        int c = socket(AF_INET, SOCK_STREAM, 0);
        int ok = connect(c, (struct sockaddr *)&sa, sizeof sa) == 0;
        close(c);
        if (ok)
            return pid;
        usleep(20000);
    }
    ck_abort_msg("rrdcached did not listen on %s", addr);
    return pid;
}

void test_stop(int pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
}

void test_write(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "%s: %s", path, strerror(errno));
    ck_assert(fwrite(text, 1, len, f) == len);
    ck_assert_int_eq(fclose(f), 0);
}

int test_wx(const char *conf, char *const env[], const char *const *args, buf_t *out, buf_t *err)
{
    char *argv[64] = {(char *)test_wxstrip(), "-c", (char *)conf};
    size_t n = 3;
    for (; *args; args++) {
        ck_assert_msg(n < 63, "test_wx: too many arguments");
        argv[n++] = (char *)*args;
    }
    argv[n] = NULL;
    return test_run(argv, env, NULL, out, err);
}

void test_replace(buf_t *b, const char *from, const char *to)
{
    char *at = strstr(b->data, from);
    ck_assert_msg(at != NULL, "fixture lacks '%s'", from);
    buf_t out = {0};
    buf_append(&out, b->data, (size_t)(at - b->data));
    buf_puts(&out, to);
    buf_puts(&out, at + strlen(from));
    buf_free(b);
    *b = out;
}

time_t test_current_sources(const char *docroot)
{
    time_t now = time(NULL), obs = now - now % 3600 - 3600;
    struct tm tm;
    localtime_r(&obs, &tm);
    char attrs[128], date[32], path[4400];
    snprintf(attrs, sizeof attrs, "year=\"%04d\" month=\"%02d\" day=\"%02d\" hour=\"%02d\"",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour);
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y.%m.%d", &tm);
    buf_t feed = {0}, page = {0};
    test_read("tests/fixtures/demo/kma-feed.xml", &feed);
    test_read("tests/fixtures/demo/news-page.html", &page);
    test_replace(&feed, "year=\"2024\" month=\"05\" day=\"05\" hour=\"14\"", attrs);
    test_replace(&page, "2025.11.25 (화)", date);
    snprintf(path, sizeof path, "%s/feed.xml", docroot);
    test_write(path, feed.data, feed.len);
    snprintf(path, sizeof path, "%s/page.html", docroot);
    test_write(path, page.data, page.len);
    buf_free(&feed), buf_free(&page);
    return obs;
}
