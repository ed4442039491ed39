/*
 * acctfile.h: appending to an accounting file so that it is never torn.
 *
 * Whoever appends (the Linux sweep; any writer of whole records) holds
 * the file's exclusive lock, checks the tail first, and appends a batch
 * of whole records in one write with the signals that could kill it
 * there held off, cutting the file back if the write fails.
 */
#ifndef ACCTFILE_H
#define ACCTFILE_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

/* How far back the repair looks for the last whole record. */
#define	AF_REPAIR_MAX	(64u << 20)

/*
 * The end of the last whole record of the exacct file fd of size bytes,
 * whose header is hdrlen bytes: size itself if the last object's trailing
 * size leads back to a group that ends exactly at the end (a constant
 * cost), else found by going back from the end, at most AF_REPAIR_MAX
 * bytes (hdrlen if nothing after the header is whole).  -1 (errno EILSEQ)
 * if none is found there; -1 with errno on a read error.
 */
int64_t	af_tail(int fd, uint64_t size, uint64_t hdrlen);

/*
 * Check the tail of the locked file fd (path for messages) of *size
 * bytes, header hdrlen bytes, and cut a torn tail back to the last whole
 * record, saying so (offset and bytes cut); *size is then the new size.
 * 0, or -1 (said) if the tail cannot be mended.
 */
int	af_mend(int fd, const char *path, uint64_t *size, uint64_t hdrlen);

/*
 * Append [p, p + n) to fd, whose size is before, in one go with SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGPIPE, SIGXCPU held
 * and SIGXFSZ ignored (a file-size limit is then EFBIG, not death in
 * the write), then fsync; on failure cut the file back to before.  0, or
 * -1 with the cause said (what names what was appended).
 */
int	af_append(int fd, const char *path, const uint8_t *p, size_t n,
	    off_t before, const char *what);

#endif /* ACCTFILE_H */
