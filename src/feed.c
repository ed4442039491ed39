/*
 * feed.c: the inputs of -i, every file open at once and merged by time
 * (see feed.h).  Picking the earliest of n heads costs n comparisons a
 * record, which is nothing beside decoding for the few files a run has.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exdump.h"
#include "feed.h"
#include "interval.h"
#include "out.h"
#include "records.h"

#define	NSEC	UINT64_C(1000000000)

/* The feed already open on the same file as fd, or NULL. */
static const struct feed *
same_file(const struct feeds *fs, int fd)
{
	struct stat a, b;
	int i;

	if (fstat(fd, &a) == -1 || !S_ISREG(a.st_mode))
		return (NULL);
	for (i = 0; i < fs->fs_n; i++) {
		if (fstat(fs->fs_f[i].fd_rd.rr_fd, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return (&fs->fs_f[i]);
	}
	return (NULL);
}

int
feeds_open(struct feeds *fs, int n, char *const paths[], char *const hosts[],
    unsigned want, int *status)
{
	const struct feed *g;
	int i;

	fs->fs_n = 0;
	if ((fs->fs_f = calloc(n > 0 ? (size_t)n : 1,
	    sizeof (*fs->fs_f))) == NULL)
		return (-1);
	for (i = 0; i < n; i++) {
		struct feed *f = &fs->fs_f[fs->fs_n];

		if (rec_open(&f->fd_rd, paths[i]) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: cannot open %s: %s\n",
			    progname, paths[i], f->fd_rd.rr_emsg);
			if (*status < EXIT_OPEN)
				*status = EXIT_OPEN;
			continue;
		}
		if ((g = same_file(fs, f->fd_rd.rr_fd)) != NULL) {
			/* Twice the same records would count twice. */
			out_flush(out_std);
			(void) fprintf(stderr, "%s: %s is the same file as %s: "
			    "read once\n", progname, paths[i], g->fd_path);
			rec_close(&f->fd_rd);
			continue;
		}
		rec_want(&f->fd_rd, want);
		f->fd_path = paths[i];
		f->fd_host = hosts != NULL ? hosts[i] : NULL;
		f->fd_hostlen = f->fd_host != NULL ? strlen(f->fd_host) : 0;
		f->fd_open = 1;
		fs->fs_n++;
	}
	return (0);
}

/* When a record happened, for the merge. */
static uint64_t
rec_time(const struct feed *f)
{
	const struct ex_record *r = &f->fd_rec;
	uint64_t t;

	switch (r->er_type) {
	case EXR_PROC:
		t = iv_ns(r->er_u.er_proc.ep_finish_sec,
		    r->er_u.er_proc.ep_finish_nsec);
		if (f->fd_rd.rr_format == RR_PACCT)
			t = t > UINT64_MAX - NSEC ? UINT64_MAX : t + NSEC;
		return (t);
	case EXR_TASK:
		return (iv_ns(r->er_u.er_task.et_finish_sec,
		    r->er_u.er_task.et_finish_nsec));
	case EXR_SWEEP:
		return (r->er_u.er_sweep.sw_start);
	case EXR_DROPS:
		/* Its end, where it counts; none: 0, first (placed nowhere). */
		return (r->er_u.er_drops.ed_end);
	default:
		return (iv_ns(r->er_u.er_flow.ef_lseen, 0));
	}
}

/* Read the feed's next record, reporting damage on the way. */
int
feed_seek(struct feed *f, uint64_t off, uint64_t swt)
{
	if (rec_seek(&f->fd_rd, off) == -1)
		return (-1);
	f->fd_expect = swt;
	return (0);
}

void
feed_skip(struct feed *f)
{
	if (f->fd_open)
		rec_close(&f->fd_rd);
	f->fd_open = 0;
	f->fd_have = 0;
}

static void
fill(struct feed *f, int *status)
{
	int x;

	while (f->fd_open && !f->fd_have) {
		x = rec_next(&f->fd_rd, &f->fd_rec);
		if (x == EX_OK && f->fd_expect != 0) {
			/* -R: the sweep where the last run stopped. */
			const struct ex_record *r = &f->fd_rec;
			uint64_t want = f->fd_expect;

			f->fd_expect = 0;
			if (r->er_type != EXR_SWEEP ||
			    !(r->er_u.er_sweep.sw_have &
			    EX_BIT(EXD_SWEEP_START)) ||
			    r->er_u.er_sweep.sw_start != want) {
				warn_file(f->fd_path, "offset %llu is not the "
				    "sweep record where the last run stopped "
				    "(-R): not the file the state knows; give "
				    "-N to start afresh", (unsigned long long)
				    f->fd_rec.er_off);
				*status = EXIT_OPEN;
				f->fd_bad = 1;
				feed_skip(f);
				break;
			}
		}
		if (x == EX_OK) {
			f->fd_have = 1;
			f->fd_time = rec_time(f);
		} else if (x == EX_ERR) {
			warn_file(f->fd_path, "offset %llu: %s",
			    (unsigned long long)f->fd_rd.rr_eoff,
			    f->fd_rd.rr_emsg);
			*status = EXIT_DAMAGE;
		} else {
			rec_close(&f->fd_rd);
			f->fd_open = 0;
		}
	}
}

struct feed *
feeds_next(struct feeds *fs, int *status)
{
	struct feed *best = NULL;
	int i;

	for (i = 0; i < fs->fs_n; i++) {
		struct feed *f = &fs->fs_f[i];

		fill(f, status);
		if (f->fd_have && (best == NULL || f->fd_time < best->fd_time))
			best = f;
	}
	if (best != NULL)
		best->fd_have = 0;
	return (best);
}

void
feeds_close(struct feeds *fs)
{
	int i;

	for (i = 0; i < fs->fs_n; i++) {
		if (fs->fs_f[i].fd_open)
			rec_close(&fs->fs_f[i].fd_rd);
	}
	free(fs->fs_f);
	fs->fs_f = NULL;
	fs->fs_n = 0;
}

const char *
feed_host(const struct feed *f, size_t *len)
{
	if (f->fd_host != NULL) {
		*len = f->fd_hostlen;
		return (f->fd_host);
	}
	if (f->fd_rd.rr_have_host) {
		*len = f->fd_rd.rr_host_len;
		return (f->fd_rd.rr_host);
	}
	*len = 0;
	return (NULL);
}
