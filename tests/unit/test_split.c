/*
 * test_split.c: -S -g (the per-interval summary split by key) and -f
 * (one row per key for the range), on a file made here: one host, three
 * users, two commands, two intervals and a lost process.  The expected
 * rows were worked out by hand from the file (see make_file), and the
 * split rows of each counter add up to the unsplit -S row.
 */
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "filter.h"
#include "out.h"
#include "records.h"
#include "split.h"
#include "test.h"

const char *progname = "exdump";

static char dir[] = "/tmp/exdump-split-XXXXXX";
static int hdr;		/* run() prints the header line */

#define	NS_SEC	UINT64_C(1000000000)

static void
put_proc(struct ex_wbuf *w, int final, uint32_t pid, uint32_t uid,
    const char *cmd, uint64_t start_ms, uint64_t end_ms, uint64_t usr_ms)
{
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, 0, final ? EXD_GROUP_PROC :
	    EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_PID), pid);
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_UID), uid);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_SEC),
	    usr_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_CPU_USER_NSEC),
	    usr_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_SEC),
	    start_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_NSEC),
	    start_ms % 1000 * 1000000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_SEC),
	    end_ms / 1000);
	ex_w_uint(w, EX_TAG(EX_T_UINT64, 0, EXD_PROC_FINISH_NSEC),
	    end_ms % 1000 * 1000000);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_COMMAND), cmd);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_HOSTNAME), "h");
	ex_w_uint(w, EX_TAG(EX_T_UINT32, 0, EXD_PROC_ANCPID), 1);
	ex_w_string(w, EX_TAG(EX_T_STRING, 0, EXD_PROC_ZONENAME), "global");
	ex_w_group_end(w);
}

/* The host's user + nice + system so far at each sweep: 0, 10, 30 s. */
static void
sweep_rec(struct ex_wbuf *w, uint64_t start_ms, uint64_t n, int k)
{
	struct ex_sweep sw;

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED) | EX_BIT(EXD_SWEEP_PID) |
	    EX_BIT(EXD_SWEEP_CPU_USER) | EX_BIT(EXD_SWEEP_CPU_USER + 1) |
	    EX_BIT(EXD_SWEEP_CPU_USER + 2);
	sw.sw_cpu[SWC_USER] = (uint64_t)k * (k + 1) / 2 * 6 * NS_SEC;
	sw.sw_cpu[SWC_NICE] = (uint64_t)k * (k + 1) / 2 * 1 * NS_SEC;
	sw.sw_cpu[SWC_SYSTEM] = (uint64_t)k * (k + 1) / 2 * 3 * NS_SEC;
	memcpy(sw.sw_hostname, "h", 1);
	sw.sw_hostname_len = 1;
	sw.sw_start = start_ms * 1000000;
	sw.sw_end = (start_ms + 10) * 1000000;
	sw.sw_nrec = n;
	sw.sw_pid = 0;
	rec_encode_sweep(w, &sw);
}

/*
 * Complete sweeps of host h at 1000, 1060 and 1120 s: intervals
 * (1000, 1060] and (1060, 1120].  CPU so far at each sweep:
 *	pid 10, uid 0,    "a":  1.00, 2.00, 4.00 s  (rows 1.00, 2.00)
 *	pid 11, uid 1000, "b":  0.10, 0.30, 0.60 s  (rows 0.20, 0.30)
 *	pid 12, uid 2000, "a":  0,    0.05, 0.15 s  (rows 0.05, 0.10)
 *	pid 14, uid 1000, "a":  0.10, 0.30, gone   (row 0.20; then lost in
 *						    the second, no exit)
 * and pid 13, uid 0, "b", from 1070 to an exit at 1090 with 0.50 s: its
 * exit row in the second, read before that interval's sweep rows.
 * Unsplit -S: 4 processes, 1.45 s; then 4, one exit, one lost, 2.90 s.
 */
static void
make_file(const char *path)
{
	static const uint64_t u10[] = { 1000, 2000, 4000 };
	static const uint64_t u11[] = { 100, 300, 600 };
	static const uint64_t u12[] = { 0, 50, 150 };
	static const uint64_t u14[] = { 100, 300 };
	struct ex_wbuf w;
	int fd, k;

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "h");
	for (k = 0; k < 3; k++) {
		uint64_t t = 1000000 + 60000 * (uint64_t)k;

		sweep_rec(&w, t, k < 2 ? 4 : 3, k);
		put_proc(&w, 0, 10, 0, "a", 900000, t + 5, u10[k]);
		put_proc(&w, 0, 11, 1000, "b", 900000, t + 6, u11[k]);
		put_proc(&w, 0, 12, 2000, "a", 900000, t + 7, u12[k]);
		if (k < 2)
			put_proc(&w, 0, 14, 1000, "a", 900000, t + 8, u14[k]);
		if (k == 1)
			put_proc(&w, 1, 13, 0, "b", 1070000, 1090000, 500);
	}
	CHECK_INT(w.wb_err, ==, 0);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK_INT(fd, !=, -1);
	CHECK_INT(write(fd, w.wb_buf, w.wb_len), ==, (ssize_t)w.wb_len);
	CHECK_INT(close(fd), ==, 0);
	ex_w_free(&w);
}

/* -i -S over the file, with -g keys (NULL: none), -f, -n, a format. */
static int
run(const char *file, const char *keys, int fold, int nflag, int fmt,
    const struct filt *f, char *buf, size_t len)
{
	static const char *const names[SK_N] = {
		"user", "group", "project", "zone", "command", "host"
	};
	struct opts op;
	char path[64];
	char *files[1];
	const char *p;
	int fd, status;
	size_t k;
	ssize_t r;

	memset(&op, 0, sizeof (op));
	op.op_i = 1;
	op.op_S = 1;
	op.op_H = !hdr;
	op.op_n = nflag;
	op.op_fmt = fmt;
	op.op_table = TBL_PROC;
	op.op_filt = f;
	op.op_f = fold;
	for (p = keys; p != NULL && *p != '\0'; ) {
		for (k = 0; k < SK_N; k++) {
			size_t n = strlen(names[k]);

			if (strncmp(p, names[k], n) == 0 &&
			    (p[n] == ',' || p[n] == '\0'))
				break;
		}
		if (k == SK_N)
			return (-1);
		op.op_gkey[op.op_ng++] = (unsigned char)k;
		p += strlen(names[k]);
		if (*p == ',')
			p++;
	}
	files[0] = (char *)(uintptr_t)file;
	(void) snprintf(path, sizeof (path), "%s/out", dir);
	if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600)) == -1)
		return (-1);
	out_init(out_std, fd);
	status = interval_files(1, files, NULL, &op);
	(void) out_close(out_std);
	r = pread(fd, buf, len - 1, 0);
	buf[r > 0 ? r : 0] = '\0';
	(void) close(fd);
	return (status);
}

/*
 * A text column (1-based) as hundredths (usr "1.45" is 145, "-" is 0),
 * summed over the lines whose column 2 (end) is end.
 */
static uint64_t
colsum(const char *s, const char *end, int col)
{
	uint64_t sum = 0;
	char line[1024], *fld[32], *save;
	int n;

	while (*s != '\0') {
		const char *e = strchr(s, '\n');
		size_t ll = e != NULL ? (size_t)(e - s) : strlen(s);

		if (ll >= sizeof (line))
			ll = sizeof (line) - 1;
		memcpy(line, s, ll);
		line[ll] = '\0';
		s += ll + (e != NULL);
		n = 0;
		for (fld[n] = strtok_r(line, " ", &save); fld[n] != NULL &&
		    n < 31; fld[n] = strtok_r(NULL, " ", &save))
			n++;
		if (n < col || strcmp(fld[1], end) != 0)
			continue;
		if (strchr(fld[col - 1], '.') != NULL) {
			unsigned long a = 0, b = 0;

			(void) sscanf(fld[col - 1], "%lu.%lu", &a, &b);
			sum += a * 100 + b;
		} else if (strcmp(fld[col - 1], "-") != 0) {
			sum += strtoull(fld[col - 1], NULL, 10);
		}
	}
	return (sum);
}

static void
test_split(const char *path)
{
	static char buf[16384], whole[8192];
	struct filt ft;
	const struct passwd *pw;
	char want[512];
	const char *ends[] = { "1060.000", "1120.000" };
	/* nproc exits lost usr, in the rows without and with -g keys */
	static const int base[] = { 5, 6, 7, 8 };
	int i, j;

	make_file(path);

	/* The unsplit rows, as the comment at make_file has them. */
	CHECK_INT(run(path, NULL, 0, 1, FMT_TEXT, NULL, whole,
	    sizeof (whole)), ==, 0);
	CHECK_STR(whole,
	    "1000.000 1060.000 60.000 h 4 0 0 1.45 - - - - - - - - "
	    "10.00 0.145\n"
	    "1060.000 1120.000 60.000 h 4 1 1 2.90 - - - - - - - - "
	    "20.00 0.145\n");

	/*
	 * -g user (-n: numbers): in the order met; the exit row of 13
	 * (uid 0) came before the second interval's sweep rows.  uid 0:
	 * 1.00, then 0.50 + 2.00 in two, one exit; uid 1000: 0.20 + 0.20
	 * in two, then 0.30; uid 2000: 0.05, then 0.10.  The lost process
	 * has its own row, with no key.
	 */
	CHECK_INT(run(path, "user", 0, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1060.000 60.000 h 0 1 0 - 1.00 - - - - - - - - "
	    "10.00 0.100\n"
	    "1000.000 1060.000 60.000 h 1000 2 0 - 0.40 - - - - - - - - "
	    "10.00 0.040\n"
	    "1000.000 1060.000 60.000 h 2000 1 0 - 0.05 - - - - - - - - "
	    "10.00 0.005\n"
	    "1060.000 1120.000 60.000 h 0 2 1 - 2.50 - - - - - - - - "
	    "20.00 0.125\n"
	    "1060.000 1120.000 60.000 h 1000 1 0 - 0.30 - - - - - - - - "
	    "20.00 0.015\n"
	    "1060.000 1120.000 60.000 h 2000 1 0 - 0.10 - - - - - - - - "
	    "20.00 0.005\n"
	    "1060.000 1120.000 60.000 h - 0 0 1 - - - - - - - - - 20.00 -\n");
	/* The sum property: nproc, exits, lost and usr of each interval. */
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 4; j++)
			CHECK_INT(colsum(buf, ends[i], base[j] + 1), ==,
			    colsum(whole, ends[i], base[j]));
	}

	/* -g user,command: one row per pair. */
	CHECK_INT(run(path, "user,command", 0, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1060.000 60.000 h 0 a 1 0 - 1.00 - - - - - - - - "
	    "10.00 0.100\n"
	    "1000.000 1060.000 60.000 h 1000 b 1 0 - 0.20 - - - - - - - "
	    "- 10.00 0.020\n"
	    "1000.000 1060.000 60.000 h 2000 a 1 0 - 0.05 - - - - - - - "
	    "- 10.00 0.005\n"
	    "1000.000 1060.000 60.000 h 1000 a 1 0 - 0.20 - - - - - - - "
	    "- 10.00 0.020\n"
	    "1060.000 1120.000 60.000 h 0 b 1 1 - 0.50 - - - - - - - - "
	    "20.00 0.025\n"
	    "1060.000 1120.000 60.000 h 0 a 1 0 - 2.00 - - - - - - - - "
	    "20.00 0.100\n"
	    "1060.000 1120.000 60.000 h 1000 b 1 0 - 0.30 - - - - - - - "
	    "- 20.00 0.015\n"
	    "1060.000 1120.000 60.000 h 2000 a 1 0 - 0.10 - - - - - - - "
	    "- 20.00 0.005\n"
	    "1060.000 1120.000 60.000 h - - 0 0 1 - - - - - - - - - 20.00 -\n");
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 4; j++)
			CHECK_INT(colsum(buf, ends[i], base[j] + 2), ==,
			    colsum(whole, ends[i], base[j]));
	}

	/*
	 * -f: the range, 1000 to 1120, one row per key; no host (-g has
	 * none), no host CPU.  uid 0: 1.00 + 2.50 = 3.50 in 1 + 2, one
	 * exit; 1000: 0.40 + 0.30; 2000: 0.05 + 0.10; the lost one.
	 * nproc counts a process once in each interval it used CPU in.
	 */
	CHECK_INT(run(path, "user", 1, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1120.000 120.000 - 0 3 1 - 3.50 - - - - - - - - - -\n"
	    "1000.000 1120.000 120.000 - 1000 3 0 - 0.70 - - - - - - - - - -\n"
	    "1000.000 1120.000 120.000 - 2000 2 0 - 0.15 - - - - - - - - - -\n"
	    "1000.000 1120.000 120.000 - - 0 0 1 - - - - - - - - - - -\n");
	/* The fold adds up to both unsplit rows: 8 processes, 4.35 s. */
	CHECK_INT(colsum(buf, "1120.000", 6), ==, 8);
	CHECK_INT(colsum(buf, "1120.000", 7), ==, 1);
	CHECK_INT(colsum(buf, "1120.000", 8), ==, 1);
	CHECK_INT(colsum(buf, "1120.000", 9), ==, 435);
	/* With host: the host's rows. */
	CHECK_INT(run(path, "command,host", 1, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1120.000 120.000 h a 5 0 - 3.35 - - - - - - - - - -\n"
	    "1000.000 1120.000 120.000 h b 3 1 - 1.00 - - - - - - - - - -\n"
	    "1000.000 1120.000 120.000 h - 0 0 1 - - - - - - - - - - -\n");
	/* -f with -e 1090: the first interval alone. */
	filt_init(&ft);
	ft.f_any = 1;
	ft.f_have_e = 1;
	ft.f_e = UINT64_C(1090000000000);
	CHECK_INT(run(path, "command", 1, 1, FMT_TEXT, &ft, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1060.000 60.000 - a 3 0 - 1.25 - - - - - - - - - -\n"
	    "1000.000 1060.000 60.000 - b 1 0 - 0.20 - - - - - - - - - -\n");

	/*
	 * -g zone: every process is in "global"; -g group,project: the
	 * records have neither item, so both are "-" (not the lost row:
	 * that one has the lost count and no usage).
	 */
	CHECK_INT(run(path, "zone", 1, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1120.000 120.000 - global 8 1 - 4.35 - - - - - - "
	    "- - - -\n"
	    "1000.000 1120.000 120.000 - - 0 0 1 - - - - - - - - - - -\n");
	CHECK_INT(run(path, "group,project", 1, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1120.000 120.000 - - - 8 1 - 4.35 - - - - - - - - - -\n"
	    "1000.000 1120.000 120.000 - - - 0 0 1 - - - - - - - - - - -\n");

	/*
	 * -u 1000 -g command: the rows of uid 1000's processes, 11 ("b")
	 * and 14 ("a"), then 11 alone; the lost row stays the host's.
	 * They add up to -S -u 1000: 2 processes, 0.40 s; 1, 0.30 s.
	 */
	filt_init(&ft);
	ft.f_any = 1;
	ft.f_have_uid = 1;
	ft.f_uid = 1000;
	CHECK_INT(run(path, NULL, 0, 1, FMT_TEXT, &ft, whole,
	    sizeof (whole)), ==, 0);
	CHECK_STR(whole,
	    "1000.000 1060.000 60.000 h 2 0 0 0.40 - - - - - - - - "
	    "10.00 0.040\n"
	    "1060.000 1120.000 60.000 h 1 0 1 0.30 - - - - - - - - "
	    "20.00 0.015\n");
	CHECK_INT(run(path, "command", 0, 1, FMT_TEXT, &ft, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000 1060.000 60.000 h b 1 0 - 0.20 - - - - - - - - "
	    "10.00 0.020\n"
	    "1000.000 1060.000 60.000 h a 1 0 - 0.20 - - - - - - - - "
	    "10.00 0.020\n"
	    "1060.000 1120.000 60.000 h b 1 0 - 0.30 - - - - - - - - "
	    "20.00 0.015\n"
	    "1060.000 1120.000 60.000 h - 0 0 1 - - - - - - - - - "
	    "20.00 -\n");
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 4; j++)
			CHECK_INT(colsum(buf, ends[i], base[j] + 1), ==,
			    colsum(whole, ends[i], base[j]));
	}

	/* Without -n: names, as this system has them (uid 0 is root). */
	CHECK_INT(run(path, "user", 1, 0, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	pw = getpwuid(0);
	(void) snprintf(want, sizeof (want), "1000.000 1120.000 120.000 - %s "
	    "3 1 - 3.50 - - - - - - - - - -\n", pw != NULL ?
	    pw->pw_name : "0");
	CHECK_INT(strncmp(buf, want, strlen(want)), ==, 0);

	/* The header: the keys after host, share for capture. */
	hdr = 1;
	CHECK_INT(run(path, "user,host,command", 0, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(strtok(buf, "\n"), "start end len host user command nproc "
	    "exits lost usr sys majf minf rwKB vcxK icxK sigK sycK hostcpu "
	    "share");
	CHECK_INT(run(path, "zone", 0, 1, FMT_CSV, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(strtok(buf, "\n"), "start,end,len,host,zone,nproc,"
	    "exits,lost,usr,sys,majf,minf,rwKB,vcxK,icxK,sigK,sycK,hostcpu,"
	    "share\r");
	hdr = 0;

	/* CSV and JSON: the same rows, at full precision. */
	CHECK_INT(run(path, "user,command", 1, 1, FMT_CSV, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(buf,
	    "1000.000000000,1120.000000000,120.000000000,,0,a,2,0,,"
	    "3.000000000,,,,,,,,,,\r\n"
	    "1000.000000000,1120.000000000,120.000000000,,1000,b,2,0,,"
	    "0.500000000,,,,,,,,,,\r\n"
	    "1000.000000000,1120.000000000,120.000000000,,2000,a,2,0,,"
	    "0.150000000,,,,,,,,,,\r\n"
	    "1000.000000000,1120.000000000,120.000000000,,1000,a,1,0,,"
	    "0.200000000,,,,,,,,,,\r\n"
	    "1000.000000000,1120.000000000,120.000000000,,0,b,1,1,,"
	    "0.500000000,,,,,,,,,,\r\n"
	    "1000.000000000,1120.000000000,120.000000000,,,,0,0,1,,,,,,,,,,,"
	    "\r\n");
	CHECK_INT(run(path, "user", 0, 1, FMT_JSON, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_STR(strtok(buf, "\n"),
	    "{\"type\":\"summary\",\"end_ns\":1060000000000,"
	    "\"start_ns\":1000000000000,\"len_ns\":60000000000,"
	    "\"host\":\"h\",\"user\":\"0\",\"usr_ns\":1000000000,"
	    "\"nproc\":1,\"exits\":0,\"hostcpu_ns\":10000000000,"
	    "\"share\":0.100}");
	CHECK_INT(run(path, "user", 1, 1, FMT_JSON, NULL, buf,
	    sizeof (buf)), ==, 0);
	CHECK_INT(strstr(buf, "{\"type\":\"summary\",\"end_ns\":1120000000000,"
	    "\"start_ns\":1000000000000,\"len_ns\":120000000000,"
	    "\"nproc\":0,\"exits\":0,\"lost\":1}\n") != NULL, ==, 1);
}

/*
 * 4100 users in one interval, each a process with 0.01 s: 4032 keys fit
 * (SPLIT_MAX - SPLIT_RESERVE), the other 68 are one (other) row, 0.68 s.
 */
static void
test_full(const char *path)
{
	static char buf[1 << 20];
	struct ex_wbuf w;
	char want[256];
	const char *last, *p;
	int fd, k, n;
	uint32_t i;

	ex_w_init(&w);
	ex_w_header(&w, "exdump", "h");
	for (k = 0; k < 2; k++) {
		uint64_t t = 1000000 + 60000 * (uint64_t)k;

		sweep_rec(&w, t, 4100, k);
		for (i = 0; i < 4100; i++)
			put_proc(&w, 0, 100 + i, 5000 + i, "a", 900000, t + 5,
			    (uint64_t)k * 10);
	}
	CHECK_INT(w.wb_err, ==, 0);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK_INT(fd, !=, -1);
	CHECK_INT(write(fd, w.wb_buf, w.wb_len), ==, (ssize_t)w.wb_len);
	CHECK_INT(close(fd), ==, 0);
	ex_w_free(&w);
	CHECK_INT(run(path, "user", 0, 1, FMT_TEXT, NULL, buf,
	    sizeof (buf)), ==, 0);
	for (n = 0, p = buf, last = buf; *p != '\0'; p++) {
		if (*p == '\n' && p[1] != '\0') {
			n++;
			last = p + 1;
		}
	}
	CHECK_INT(n + 1, ==, SPLIT_MAX - SPLIT_RESERVE + 1);
	CHECK_INT(strncmp(buf, "1000.000 1060.000 60.000 h 5000 1 0 - 0.01 ",
	    43), ==, 0);
	(void) snprintf(want, sizeof (want), "1000.000 1060.000 60.000 h "
	    "(other) 68 0 - 0.68 - - - - - - - - 10.00 0.068\n");
	CHECK_STR(last, want);
	CHECK_INT(colsum(buf, "1060.000", 6), ==, 4100);
	CHECK_INT(colsum(buf, "1060.000", 9), ==, 4100);
}

int
main(void)
{
	char path[64];

	if (mkdtemp(dir) == NULL) {
		TEST_SKIP("cannot make a temporary directory");
		TEST_DONE();
	}
	(void) snprintf(path, sizeof (path), "%s/f", dir);
	test_split(path);
	test_full(path);
	(void) unlink(path);
	(void) snprintf(path, sizeof (path), "%s/out", dir);
	(void) unlink(path);
	(void) rmdir(dir);
	TEST_DONE();
}
