/* check_progress: the progress line on a pseudo-terminal (openpty), and
 * nothing of it on a pipe: the module alone, then `wxstrip ingest` and
 * `wxstrip graph` with standard error on a terminal and on a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "progress.h"
#include "tests.h"

/* A terminal pair in raw mode (bytes pass as written); *SLAVE is the
 * terminal a program writes to. */
static void raw_pty(int *master, int *slave)
{
    struct termios t;
    ck_assert_int_eq(openpty(master, slave, NULL, NULL, NULL), 0);
    ck_assert_int_eq(tcgetattr(*slave, &t), 0);
    cfmakeraw(&t);
    ck_assert_int_eq(tcsetattr(*slave, TCSANOW, &t), 0);
}

/* What is waiting on FD, without blocking. */
static void drain(int fd, buf_t *out)
{
    char chunk[4096];
    ssize_t n;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    while ((n = read(fd, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)n);
    buf_append(out, "", 0);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

START_TEST(test_line_on_a_terminal)
{
    int m, s;
    raw_pty(&m, &s);
    progress p;
    progress_start(&p, s, "ingest", "files", 3);
    progress_step(&p);
    progress_step(&p);
    progress_step(&p);
    progress_end(&p);
    buf_t out = {0};
    drain(m, &out);
    /* drawn at once, then (fast steps) the last one, then the end */
    ck_assert_msg(strncmp(out.data, "\r  ingest: 0/3 files", 20) == 0, "%s", out.data);
    ck_assert_ptr_nonnull(strstr(out.data, "\r  ingest: 3/3 files\n"));
    ck_assert_int_eq(out.data[out.len - 1], '\n');
    ck_assert_uint_eq(count(out.data, "\n"), 1);
    ck_assert_ptr_null(strstr(out.data, "4/3"));
    close(m), close(s);
    buf_free(&out);
}
END_TEST

/* Thousands of quick steps draw the line a few times, not thousands. */
START_TEST(test_redrawn_at_most_every_interval)
{
    int m, s;
    raw_pty(&m, &s);
    progress p;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    progress_start(&p, s, "graph", "graphs", 5000);
    for (int i = 0; i < 5000; i++)
        progress_step(&p);
    progress_end(&p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    buf_t out = {0};
    drain(m, &out);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    size_t draws = count(out.data, "\r  graph: ");
    /* the first, the last, the end and one per interval that passed */
    ck_assert_msg(draws >= 2 && draws <= 3 + (size_t)(ms / PROGRESS_INTERVAL_MS) + 1,
                  "%zu draws in %ld ms", draws, ms);
    ck_assert_ptr_nonnull(strstr(out.data, "\r  graph: 5000/5000 graphs\n"));
    close(m), close(s);
    buf_free(&out);
}
END_TEST

static void collect(void *ctx, note_level level, const char *msg)
{
    (void)level;
    buf_printf(ctx, "[%s]", msg);
}

/* A message erases the line first; the next step draws it again. */
START_TEST(test_messages_go_above_the_line)
{
    int m, s;
    raw_pty(&m, &s);
    progress p;
    buf_t got = {0}, out = {0};
    wx_notify inner = {collect, &got};
    progress_start(&p, s, "ingest", "files", 2);
    const wx_notify *n = progress_notify(&p, &inner);
    notify(n, NOTE_ERROR, "bad %d", 1);
    drain(m, &out);
    ck_assert_str_eq(got.data, "[bad 1]");
    const char *line = "\r  ingest: 0/2 files";
    ck_assert_uint_eq(out.len, strlen(line) + 1 + (strlen(line) - 1) + 1);
    ck_assert(strncmp(out.data, line, strlen(line)) == 0);
    const char *blank = out.data + strlen(line);
    ck_assert_int_eq(blank[0], '\r');
    ck_assert_uint_eq(strspn(blank + 1, " "), strlen(line) - 1);
    ck_assert_int_eq(blank[strlen(line)], '\r');
    buf_reset(&out);
    progress_step(&p); /* drawn again at once under the message */
    drain(m, &out);
    ck_assert_str_eq(out.data, "\r  ingest: 1/2 files");
    progress_end(&p);
    close(m), close(s);
    buf_free(&got), buf_free(&out);
}
END_TEST

/* A pipe, a file, one item: not a byte. */
START_TEST(test_silent_off_a_terminal)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    progress p;
    progress_start(&p, fds[1], "ingest", "files", 10);
    for (int i = 0; i < 10; i++)
        progress_step(&p);
    progress_clear(&p);
    progress_end(&p);
    int m, s;
    raw_pty(&m, &s);
    progress_start(&p, s, "ingest", "files", 1); /* one item: no line */
    progress_step(&p);
    progress_end(&p);
    close(fds[1]), close(s);
    buf_t out = {0}, tty = {0};
    drain(fds[0], &out);
    drain(m, &tty);
    ck_assert_uint_eq(out.len, 0);
    ck_assert_uint_eq(tty.len, 0);
    close(fds[0]), close(m);
    buf_free(&out), buf_free(&tty);
}
END_TEST

/* ---- through wxstrip ---- */

static char dir[4096], conf[4200];

static void setup(void)
{
    char reg[4096], text[16384];
    test_tmpdir(dir, sizeof dir);
    test_path(reg, sizeof reg, "stations/stations.tsv");
    snprintf(conf, sizeof conf, "%s/wx.conf", dir);
    snprintf(text, sizeof text, "data_dir = data\ngraph_dir = graphs\nstations_file = %s\n", reg);
    test_write(conf, text, strlen(text));
}

static void teardown(void)
{
    test_rmtree(dir);
}

/* Runs ARGV with standard error on a new terminal (standard output to
 * /dev/null); what the terminal got goes to TTY (its line discipline turns
 * "\n" into "\r\n"). Returns the exit status. */
static int run_on_tty(char *const argv[], buf_t *tty)
{
    int m, s;
    ck_assert_int_eq(openpty(&m, &s, NULL, NULL, NULL), 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0), dup2(null, 1), dup2(s, 2);
        close(m), close(s), close(null);
        execv(argv[0], argv);
        _exit(127);
    }
    close(s);
    char chunk[4096];
    ssize_t n;
    /* EIO once every process holding the terminal (drawing workers too) ended */
    while ((n = read(m, chunk, sizeof chunk)) > 0 || (n < 0 && errno == EINTR))
        if (n > 0)
            buf_append(tty, chunk, (size_t)n);
    buf_append(tty, "", 0);
    close(m);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Three hours of 서울 and 부산 to ingest: three files. */
static void three_files(char files[3][4400])
{
    for (int h = 0; h < 3; h++) {
        char text[512];
        snprintf(text, sizeof text,
                 "<current xmlns=\"current\"><weather year=\"2024\" month=\"05\" day=\"05\" "
                 "hour=\"%02d\"><local stn_id=\"108\" icon=\"08\" desc=\"비\" ta=\"1%d.5\">서울"
                 "</local><local stn_id=\"159\" icon=\"01\" desc=\"맑음\" ta=\"2%d.0\">부산"
                 "</local></weather></current>\n",
                 10 + h, h, h);
        snprintf(files[h], 4400, "%s/h%d.xml", dir, h);
        test_write(files[h], text, strlen(text));
    }
}

START_TEST(test_ingest_progress)
{
    char f[3][4400];
    three_files(f);
    char *argv[] = {(char *)test_wxstrip(), "-c", conf, "ingest", f[0], f[1], f[2], NULL};
    buf_t tty = {0}, err = {0};
    ck_assert_int_eq(run_on_tty(argv, &tty), 0);
    ck_assert_msg(strstr(tty.data, "\r  ingest: 0/3 files") != NULL, "%s", tty.data);
    ck_assert_msg(strstr(tty.data, "\r  ingest: 3/3 files\r\nwxstrip: ingest: sources 3 ok") !=
                      NULL,
                  "%s", tty.data);
    /* on a pipe: the summary line alone, as ever (all already stored now) */
    ck_assert_int_eq(test_run(argv, NULL, NULL, NULL, &err), 0);
    ck_assert_msg(
        strncmp(err.data, "wxstrip: ingest: sources 3 ok, 0 failed; readings 6: 0 stored", 61) == 0,
        "%s", err.data);
    ck_assert_uint_eq(count(err.data, "\n"), 1);
    ck_assert_ptr_null(strchr(err.data, '\r'));
    ck_assert_ptr_null(strstr(err.data, " files"));
    buf_free(&tty), buf_free(&err);
}
END_TEST

/* A file that fails: its message on a line of its own, the line drawn on. */
START_TEST(test_ingest_messages_above_progress)
{
    char f[3][4400], missing[4400];
    three_files(f);
    snprintf(missing, sizeof missing, "%s/missing.xml", dir);
    char *argv[] = {(char *)test_wxstrip(), "-c", conf, "ingest", f[0], missing, f[2], NULL};
    buf_t tty = {0};
    ck_assert_int_eq(run_on_tty(argv, &tty), 1);
    char want[4500];
    snprintf(want, sizeof want, "\rwxstrip: %s: ", missing);
    ck_assert_msg(strstr(tty.data, want) != NULL, "no '%s' in:\n%s", want, tty.data);
    ck_assert_ptr_nonnull(strstr(tty.data, "\r  ingest: 3/3 files\r\n"));
    buf_free(&tty);
}
END_TEST

START_TEST(test_graph_progress)
{
    char f[3][4400];
    three_files(f);
    char *ingest[] = {(char *)test_wxstrip(), "-c", conf, "ingest", f[0], f[1], f[2], NULL};
    ck_assert_int_eq(test_run(ingest, NULL, NULL, NULL, NULL), 0);
    /* two stations, four periods, one scale: eight graphs */
    char *argv[] = {
        (char *)test_wxstrip(), "-c", conf, "graph", "--scale", "1", "108", "159", NULL};
    buf_t tty = {0}, out = {0}, err = {0};
    ck_assert_msg(run_on_tty(argv, &tty) == 0, "%s", tty.data);
    ck_assert_msg(strstr(tty.data, "\r  graph: 0/8 graphs") != NULL, "%s", tty.data);
    ck_assert_msg(strstr(tty.data, "\r  graph: 8/8 graphs\r\n") != NULL, "%s", tty.data);
    /* on a pipe: nothing on standard error, as ever */
    ck_assert_int_eq(test_run(argv, NULL, NULL, &out, &err), 0);
    ck_assert_str_eq(err.data, "");
    ck_assert_str_eq(out.data, "");
    buf_free(&tty), buf_free(&out), buf_free(&err);
}
END_TEST

Suite *progress_suite(void)
{
    Suite *s = suite_create("progress");
    TCase *unit = tcase_create("line");
    tcase_add_test(unit, test_line_on_a_terminal);
    tcase_add_test(unit, test_redrawn_at_most_every_interval);
    tcase_add_test(unit, test_messages_go_above_the_line);
    tcase_add_test(unit, test_silent_off_a_terminal);
    suite_add_tcase(s, unit);
    TCase *tc = tcase_create("commands");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_ingest_progress);
    tcase_add_test(tc, test_ingest_messages_above_progress);
    tcase_add_test(tc, test_graph_progress);
    suite_add_tcase(s, tc);
    return s;
}
