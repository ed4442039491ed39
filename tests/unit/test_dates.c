/*
 * test_dates.c: the -v dates, which the dump keeps per minute, against
 * localtime and strftime called afresh for every second: across a
 * daylight-saving change, in a zone whose offset is not whole minutes,
 * and at times localtime cannot convert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "exacct.h"
#include "exdump.h"
#include "out.h"
#include "records.h"
#include "test.h"

const char *progname = "exdump";

#define	START	EX_TAG(EX_T_UINT64, 0, EXD_PROC_START_SEC)

/*
 * Dump items of the times first..first+n-1 with -v (from the last down if
 * down); the text in buf.
 */
static int down;

static void
dump_times(int64_t first, int n, char *buf, size_t len)
{
	struct ex_wbuf w;
	struct ex_src src;
	struct opts op;
	FILE *f = tmpfile();
	int i;
	size_t k;

	ex_w_init(&w);
	for (i = 0; i < n; i++)
		ex_w_uint(&w, START, (uint64_t)(first + (down ? n - 1 - i : i)));
	memset(&op, 0, sizeof (op));
	op.op_v = 1;
	op.op_n = 1;
	ex_src_open_mem(&src, w.wb_buf, w.wb_len);
	out_init(out_std, fileno(f));
	(void) dump_src(&src, "test", &op, out_std);
	(void) out_close(out_std);
	rewind(f);
	k = fread(buf, 1, len - 1, f);
	buf[k] = '\0';
	(void) fclose(f);
	ex_w_free(&w);
}

/* The same lines, each date from localtime afresh. */
static void
expect_times(int64_t first, int n, char *buf, size_t len)
{
	size_t at = 0;
	int i;

	for (i = 0; i < n; i++) {
		int64_t v = first + (down ? n - 1 - i : i);
		time_t t = (time_t)v;
		struct tm tm;
		char date[64] = "";
		int k;

		/* What a time_t cannot hold (32 bits) has no date. */
		if ((int64_t)t == v && localtime_r(&t, &tm) != NULL)
			(void) strftime(date, sizeof (date), "%D %T", &tm);
		k = snprintf(buf + at, len - at, "%6x\t%-30s\t%-15llu%s\n",
		    (unsigned)EXD_PROC_START_SEC, "start-sec",
		    (unsigned long long)(uint64_t)v, date);
		if (k < 0 || (size_t)k >= len - at)
			return;
		at += (size_t)k;
	}
}

static void
zone(const char *tz, int64_t first, int n)
{
	static char got[1 << 20], want[1 << 20];

	(void) setenv("TZ", tz, 1);
	tzset();
	dump_times(first, n, got, sizeof (got));
	expect_times(first, n, want, sizeof (want));
	if (strcmp(got, want) != 0)
		(void) printf("zone %s from %lld\n", tz, (long long)first);
	CHECK_STR(got, want);
}

int
main(void)
{
	/* New York: 2021-03-14 07:00:00 UTC clocks go forward an hour. */
	zone("America/New_York", 1615705200 - 150, 300);
	/* and back on 2021-11-07 06:00:00 UTC */
	zone("America/New_York", 1636264800 - 150, 300);
	/* Monrovia kept UTC-0:44:30 until 1972: minutes not on UTC's. */
	zone("Africa/Monrovia", 0, 200);
	zone("Africa/Monrovia", 63593070 - 100, 200);
	/* Kolkata: +5:30. */
	zone("Asia/Kolkata", 1109810700, 130);
	zone("UTC", -130, 260);
	/* Beyond what localtime converts: no date at all. */
	zone("UTC", INT64_MAX - 70, 70);
	/* The most negative times (uint64 values of 2^63 and up). */
	zone("UTC", INT64_MIN, 130);
	/*
	 * Offsets that change 30 s into a minute (a POSIX rule, any system),
	 * seen from the end of the minute back and forth: the seconds before
	 * the change must not take the offset after it.
	 */
	for (down = 0; down <= 1; down++) {
		zone("EST5EDT,M3.2.0/02:00:30,M11.1.0/02:00:30",
		    1710054000 - 90, 180);
		zone("EST5EDT,M3.2.0/02:00:30,M11.1.0/02:00:30",
		    1730613600 - 90, 180);
		zone("America/New_York", 1615705200 - 150, 300);
	}
	down = 0;
	TEST_DONE();
}
