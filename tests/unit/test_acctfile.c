/*
 * test_acctfile.c: the tail check and repair of acctfile.c, on files made
 * here by the project's writer, cut and spoiled at known offsets.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctfile.h"
#include "exacct.h"
#include "records.h"
#include "test.h"

const char *progname = "exdump";

static char path[] = "/tmp/exdump-acctfile-XXXXXX";
static int fd = -1;

/* The file holds exactly [p, p + n). */
static void
put(const uint8_t *p, size_t n)
{
	CHECK_INT(ftruncate(fd, 0), ==, 0);
	CHECK_INT(pwrite(fd, p, n, 0), ==, (ssize_t)n);
}

/* A header and nrec process records; each record's end in ends[]. */
static void
build(struct ex_wbuf *w, int nrec, size_t *hdrlen, size_t *ends)
{
	struct ex_proc p;
	int i;

	ex_w_init(w);
	ex_w_header(w, "exdump", "h");
	*hdrlen = w->wb_len;
	for (i = 0; i < nrec; i++) {
		memset(&p, 0, sizeof (p));
		p.ep_kind = EXK_PARTIAL;
		p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_COMMAND);
		p.ep_pid = (uint32_t)(100 + i);
		/* Lengths differ, so the ends are not evenly spaced. */
		p.ep_command_len = (uint16_t)(i % 7 + 1);
		memset(p.ep_command, 'a' + i % 26, p.ep_command_len);
		rec_encode_proc(w, &p);
		ends[i] = w->wb_len;
	}
}

int
main(void)
{
	struct ex_wbuf w;
	size_t hdr, ends[40], k;
	uint8_t junk[64];
	uint64_t size;
	int64_t r;

	if ((fd = mkstemp(path)) == -1) {
		TEST_SKIP("cannot make a temporary file");
		TEST_DONE();
	}
	build(&w, 40, &hdr, ends);
	CHECK_INT(w.wb_err, ==, 0);

	/* Whole files: the end is the end, at a constant cost. */
	put(w.wb_buf, hdr);
	CHECK_INT(af_tail(fd, hdr, hdr), ==, (int64_t)hdr);
	put(w.wb_buf, w.wb_len);
	CHECK_INT(af_tail(fd, w.wb_len, hdr), ==, (int64_t)w.wb_len);

	/* Cut anywhere inside record 30: back to the end of record 29. */
	for (k = ends[29] + 1; k < ends[30]; k++) {
		put(w.wb_buf, k);
		if (af_tail(fd, k, hdr) != (int64_t)ends[29]) {
			(void) printf("cut at %zu\n", k);
			CHECK(0);
			break;
		}
	}
	CHECK(k == ends[30]);

	/* Garbage after a whole record: cut at the record's end. */
	memset(junk, 0xa5, sizeof (junk));
	put(w.wb_buf, ends[10]);
	CHECK_INT(pwrite(fd, junk, sizeof (junk), (off_t)ends[10]), ==,
	    (ssize_t)sizeof (junk));
	CHECK_INT(af_tail(fd, ends[10] + sizeof (junk), hdr), ==,
	    (int64_t)ends[10]);

	/*
	 * A tail whose last 4 bytes look like a length leading to a record
	 * start but whose group size does not match: not taken as whole.
	 */
	put(w.wb_buf, ends[5]);
	{
		uint8_t b[4];
		uint32_t len = (uint32_t)(ends[5] + 8 - ends[4]);

		b[0] = (uint8_t)(len >> 24);
		b[1] = (uint8_t)(len >> 16);
		b[2] = (uint8_t)(len >> 8);
		b[3] = (uint8_t)len;
		memset(junk, 0, 4);
		CHECK_INT(pwrite(fd, junk, 4, (off_t)ends[5]), ==, 4);
		CHECK_INT(pwrite(fd, b, 4, (off_t)ends[5] + 4), ==, 4);
		CHECK_INT(af_tail(fd, ends[5] + 8, hdr), ==, (int64_t)ends[5]);
	}

	/* Only garbage after the header: back to the header. */
	put(w.wb_buf, hdr);
	CHECK_INT(pwrite(fd, junk, 30, (off_t)hdr), ==, 30);
	CHECK_INT(af_tail(fd, hdr + 30, hdr), ==, (int64_t)hdr);

	/* af_mend cuts the file and says the new size. */
	put(w.wb_buf, ends[20] + 17);
	size = ends[20] + 17;
	CHECK_INT(af_mend(fd, path, &size, hdr), ==, 0);
	CHECK_UINT(size, ==, ends[20]);
	CHECK_INT(lseek(fd, 0, SEEK_END), ==, (off_t)ends[20]);
	/* ...and leaves a whole file alone. */
	CHECK_INT(af_mend(fd, path, &size, hdr), ==, 0);
	CHECK_UINT(size, ==, ends[20]);

	/* A short file (under its header) is refused, not read past. */
	put(w.wb_buf, hdr - 1);
	errno = 0;
	r = af_tail(fd, hdr - 1, hdr);
	CHECK_INT(r, ==, -1);

	/*
	 * A record of 4 GB or more ends with a backskip of 0, which cannot
	 * be checked: such an end is not cut (a sparse file, 4 GB of hole).
	 */
	put(w.wb_buf, hdr);
	if (ftruncate(fd, (off_t)(hdr + (UINT64_C(1) << 32) + 8)) == 0) {
		errno = 0;
		CHECK_INT(af_tail(fd, hdr + (UINT64_C(1) << 32) + 8, hdr), ==,
		    -1);
		CHECK_INT(errno, ==, ERANGE);
		size = hdr + (UINT64_C(1) << 32) + 8;
		CHECK_INT(af_mend(fd, path, &size, hdr), ==, -1);
		CHECK_INT(lseek(fd, 0, SEEK_END), ==,
		    (off_t)(hdr + (UINT64_C(1) << 32) + 8));
	} else {
		TEST_SKIP("no 4 GB sparse file here");
	}

	/* af_append: what it appends is there, and on failure nothing. */
	put(w.wb_buf, ends[3]);
	CHECK_INT(lseek(fd, 0, SEEK_END), ==, (off_t)ends[3]);
	CHECK_INT(af_append(fd, path, w.wb_buf + ends[3], ends[4] - ends[3],
	    (off_t)ends[3], "a record", 0), ==, 0);
	CHECK_INT(af_tail(fd, ends[4], hdr), ==, (int64_t)ends[4]);
	{
		int ro = open(path, O_RDONLY);

		/* A descriptor that cannot write: the file is left alone. */
		CHECK_INT(af_append(ro, path, w.wb_buf, 10, (off_t)ends[4],
		    "a record", 0), ==, -1);
		CHECK_INT(lseek(fd, 0, SEEK_END), ==, (off_t)ends[4]);
		(void) close(ro);
	}
	ex_w_free(&w);
	(void) close(fd);
	(void) unlink(path);
	TEST_DONE();
}
