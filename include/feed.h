/*
 * feed.h: the inputs of -i, merged in time order.
 *
 * Every file is opened at once and read one record ahead; the next record
 * is always the earliest of the files' next records, so exit records from
 * a process-accounting file, or from another host's file, meet the sweeps
 * around them as they happened.  A record's time is its finish (a flow's
 * last seen, a sweep's start, a drop record's end); a process-accounting
 * record's is a second later, since its start, and so its finish, is cut
 * to the second: taken at that latest time, it never comes before a sweep
 * its process was in.
 */
#ifndef FEED_H
#define FEED_H

#include <stddef.h>
#include <stdint.h>

#include "records.h"

struct feed {
	const char	*fd_path;
	const char	*fd_host;	/* given with -P, or NULL */
	size_t		fd_hostlen;
	int		fd_open;	/* fd_rd holds the open file */
	int		fd_have;	/* fd_rec is its next record */
	uint64_t	fd_time;	/* fd_rec's time, for the merge */
	/*
	 * A process-accounting file is in exit order: no record of it ended
	 * before this (the latest finish so far, or a sweep's end once that
	 * sweep's own exit record was read).
	 */
	uint64_t	fd_floor;
	/*
	 * -R: the sweep the first record must be (its start), where the
	 * last run stopped; fd_bad once it was not.
	 */
	uint64_t	fd_expect;
	int		fd_bad;
	struct rec_reader fd_rd;
	struct ex_record fd_rec;
};

struct feeds {
	struct feed	*fs_f;
	int		fs_n;
};

/*
 * Open the files (hosts[i] the host of file i, or NULL); those that
 * cannot be opened are reported and left out, and a file given twice
 * (the same device and inode) is read once, and said.  0, or -1 if out
 * of memory.
 */
int	feeds_open(struct feeds *, int n, char *const paths[],
	    char *const hosts[], unsigned want, int *status);
/* The feed whose record is next (in fd_rec), or NULL at the end. */
struct feed *feeds_next(struct feeds *, int *status);
void	feeds_close(struct feeds *);
/*
 * -R: begin at off, where the first record must be the sweep starting at
 * swt (0: any record); or read nothing of the file.  0, or -1.
 */
int	feed_seek(struct feed *, uint64_t off, uint64_t swt);
void	feed_skip(struct feed *);
/* The host a record of the feed belongs to where it names none. */
const char *feed_host(const struct feed *, size_t *len);

#endif /* FEED_H */
