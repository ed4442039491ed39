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
#include <sys/stat.h>

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
 * the write), then fsync (not with AFA_NOSYNC: the caller syncs later);
 * on failure cut the file back to before.  0, or -1 with the cause said
 * (what names what was appended).
 */
#define	AFA_NOSYNC	0x1
int	af_append(int fd, const char *path, const uint8_t *p, size_t n,
	    off_t before, const char *what, int flags);


/* The Linux writers' default file (the illumos kernel names its own). */
#define	AF_DEFAULT_DIR		"/var/log/exacct"
#define	AF_DEFAULT_FILE		AF_DEFAULT_DIR "/proc"

/*
 * Reaching the file (acctopen.c).  Root uses
 * AFP_STRICT: the file gets every user's commands, so it must be root's
 * alone, and so must each directory on the way.
 */
#define	AFP_STRICT	0x1	/* root's rules, below */
#define	AFP_MKDIR	0x2	/* make missing directories: 0755, the */
				/* one that holds the file 0700 */

/*
 * Open the directory that holds path's last component, one component at
 * a time from "/" (an absolute path) or the working directory; *name is
 * then that last component, in path.  "." components are skipped.  With
 * AFP_STRICT no component is followed if it is a symbolic link, ".." is
 * refused, and the starting directory and each one opened must be owned
 * by uid 0 and not writable by group or others (sticky or not).  The fd,
 * or -1 with errno and with why saying which component is at fault
 * ("/tmp is writable by others; not writing as root").
 */
int	af_open_dir(const char *path, int flags, const char **name,
	    char *why, size_t whylen);

/*
 * Open path for appending (made 0600 if missing) and say in *created if
 * this open made it.  With AFP_STRICT: through af_open_dir, the last
 * component not followed if it is a symbolic link, and the file must be
 * a regular file owned by uid 0 with one link and no group or other
 * permission bits.  Without: open(2) of path, as a user always could.
 * *dirfd is the directory it is in (-1 if that cannot be opened; the
 * caller closes it) and *name its name there.  The fd, or -1 with errno
 * and why (nothing made then, unless a check of the made file failed).
 */
int	af_open_file(const char *path, int flags, int *dirfd,
	    const char **name, int *created, char *why, size_t whylen);

/*
 * 0 if the file at fd starts with an exacct header (version 1, file type
 * "exacct", as ex_read_header checks it) whose creator is "exdump" (our
 * writers) or "SunOS" (the illumos kernel), with *hdrlen (if not NULL) the
 * header's length: where its walk by member count ends, or by its size
 * field where that walk does not end cleanly; else -1 with why.
 */
int	af_check_header(int fd, uint64_t *hdrlen, char *why,
	    size_t whylen);

/*
 * A writer's hold on the file (acctopen.c), for each batch of records:
 *
 *	if (af_writer_open(&w, path, deflt, host) == -1)	... said
 *	r = af_writer_lock(&w, 1);	0, -1 (said), AF_REOPEN or AF_BUSY
 *	... af_writer_append(&w, p, n, "the sweep") ...
 *	af_writer_unlock(&w);
 *	af_writer_close(&w);
 *
 * The lock (the whole file, exclusive) checks that the file is still
 * linked (AF_REOPEN: a failed sweep removed it; open it again), that it
 * is exacct from exdump or the kernel, and mends a torn tail.  The append
 * gives an empty file its header first and the file mode 0600.
 */
#define	AF_REOPEN	1	/* removed: open it again */
#define	AF_BUSY		2	/* without waiting: another writer has it */

struct af_writer {
	const char	*aw_path;	/* for messages */
	const char	*aw_host;	/* the header's hostname, or NULL */
	int		aw_fd;
	int		aw_dfd;		/* its directory, or -1 */
	const char	*aw_name;	/* its name in aw_dfd, in aw_path */
	int		aw_created;	/* the open made it */
	int		aw_locked;
	int		aw_was_empty;	/* at the first lock; -1 before it */
	int		aw_nosync;	/* appends not synced: the caller does */
	uint64_t	aw_hdrlen;	/* the header's length */
	struct stat	aw_sb;		/* at the lock; st_size kept current */
};

/* deflt: path is the default file (AF_DEFAULT_FILE).  0, or -1 (said). */
int	af_writer_open(struct af_writer *, const char *path, int deflt,
	    const char *host);
/* wait 0: AF_BUSY rather than waiting for another writer. */
int	af_writer_lock(struct af_writer *, int wait);
/* 0, or -1 (said; the file as it was). */
int	af_writer_append(struct af_writer *, const uint8_t *p, size_t n,
	    const char *what);
void	af_writer_unlock(struct af_writer *);
/* After a failure, locked: remove a file this writer made unfilled; 1. */
int	af_writer_remove_unfilled(struct af_writer *);
void	af_writer_close(struct af_writer *);

#endif /* ACCTFILE_H */
