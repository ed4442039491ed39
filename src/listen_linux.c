/*
 * listen_linux.c: exdump -W, the exit listener (Linux).
 *
 * Registers for the kernel's exit notifications (taskstats) on every CPU
 * and appends one final process record for every process that exits to
 * the sweep's file, through the sweep's writer (acctopen.c): records are
 * batched (at most LS_BATCH_NS or LS_BATCH_MAX records), and each batch
 * is one write under the file's lock, cut back on error.  While a sweep
 * holds the lock the listener goes on reading the socket, and tries again
 * a little later.
 *
 * Nothing is lost silently: notifications the kernel drops (the socket's
 * queue was full) are counted by the kernel at the socket; the listener
 * reads that count, says so, and writes a drop record into the file, as
 * it does for records it could not write.  SIGHUP reopens the file (for
 * rotation); SIGTERM and SIGINT end it, after the last batch is written.
 */
#define	_GNU_SOURCE	/* recvmmsg */
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <linux/netlink.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acctfile.h"
#include "exacct.h"
#include "exdump.h"
#include "exitrec.h"
#include "listen.h"
#include "records.h"
#include "taskstats.h"

#define	LS_NS		UINT64_C(1000000000)
#define	LS_BATCH_NS	(LS_NS / 10)	/* the longest a record waits */
#define	LS_BATCH_MAX	256		/* records a write */
#define	LS_HOLD_MAX	65536		/* held while the file is busy */
#define	LS_RETRY_MS	10		/* the lock again, when busy */
#define	LS_EXPIRE_NS	(60 * LS_NS)	/* sums of processes gone unseen */
#define	LS_NMSG		64		/* messages a recvmmsg */
#define	LS_MSGSZ	4096		/* one notification: about 1.2 KB */
#define	LS_ROUNDS	16		/* recvmmsg calls before a look round */
#define	LS_SYNC_NS	(5 * LS_NS)	/* fsync at most this often */
#define	LS_BACKOFF_NS	LS_NS		/* after a failed write, then doubled */
#define	LS_BACKOFF_MAX	(60 * LS_NS)
#define	LS_LOCKWAIT_NS	(10 * LS_NS)	/* for the lock at a reopen or the end */

static volatile sig_atomic_t ls_stop, ls_hup;

static void
on_stop(int sig)
{
	(void) sig;
	ls_stop = 1;
}

static void
on_hup(int sig)
{
	(void) sig;
	ls_hup = 1;
}

struct lsn {
	const char	*ln_path;
	int		ln_deflt;
	char		ln_host[EX_HOST_MAX];
	struct af_writer ln_w;
	int		ln_open;	/* ln_w holds the file */
	int		ln_dirty;	/* appended since the last fsync */
	uint64_t	ln_synced;	/* when the last fsync was */
	int		ln_fd;		/* the netlink socket */
	uint16_t	ln_family;
	struct xr	ln_xr;
	struct ex_wbuf	ln_wb;		/* the batch */
	unsigned long	ln_nbatch;	/* process records in it */
	uint64_t	ln_first;	/* when its first record came, ns */
	uint32_t	ln_drops;	/* the socket's drop count, last read */
	uint64_t	ln_lost_ntf;	/* dropped, not yet in a drop record */
	uint64_t	ln_lost_rec;	/* not written, not yet in one */
	uint64_t	ln_lost_since;	/* when they began to be missed */
	uint64_t	ln_checked;	/* when the drop count was last read */
	uint64_t	ln_expired;	/* the last expiry */
	uint64_t	ln_retry_at;	/* no write before (after a failure) */
	uint64_t	ln_backoff;
	/* Totals, told at the end. */
	uint64_t	ln_written;	/* process records */
	uint64_t	ln_dropped;	/* notifications */
	uint64_t	ln_unwritten;	/* records */
	uint64_t	ln_foreign;	/* messages not from the kernel */
	int		ln_delayacct;
	uint64_t	ln_da_read;	/* when it was last read */
	uint64_t	ln_untold;	/* drops not yet said on stderr */
	uint64_t	ln_told;	/* when drops were last said */
	uint8_t		*ln_buf;	/* LS_NMSG x LS_MSGSZ */
};

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	(void) clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * LS_NS + (uint64_t)ts.tv_nsec);
}

/* kernel.task_delayacct: 1 on, 0 off or unknown. */
static int
delayacct_on(void)
{
	char c = '0';
	int fd;

	if ((fd = open("/proc/sys/kernel/task_delayacct", O_RDONLY |
	    O_CLOEXEC)) == -1)
		return (0);
	if (read(fd, &c, 1) != 1)
		c = '0';
	(void) close(fd);
	return (c == '1');
}

/* Whether a process is still there (for the expiry of kept sums). */
static int
alive(void *arg, uint32_t tgid)
{
	(void) arg;
	return (kill((pid_t)tgid, 0) == 0 || errno != ESRCH);
}

static void
note_lost(struct lsn *ln)
{
	if (ln->ln_lost_ntf == 0 && ln->ln_lost_rec == 0)
		ln->ln_lost_since = clock_now_ns();
}

/*
 * Say on stderr what the kernel dropped, at most every 10 s (a burst
 * would otherwise give a line per read), and at the end (all).
 */
static void
tell_drops(struct lsn *ln, int all)
{
	uint64_t t = mono_ns();

	if (ln->ln_untold == 0 || (!all && t - ln->ln_told < 10 * LS_NS &&
	    ln->ln_told != 0))
		return;
	warn_file(ln->ln_path, "the kernel dropped %llu exit notification%s "
	    "(the listener's socket queue was full); counted in a drop "
	    "record", (unsigned long long)ln->ln_untold,
	    ln->ln_untold == 1 ? "" : "s");
	ln->ln_untold = 0;
	ln->ln_told = t;
}

/*
 * The socket's drop count, read again: what it grew by is counted as
 * lost exits (one notification a thread), said on stderr once a read.
 * The kernel's count is 32 bits and wraps.
 */
static void
check_drops(struct lsn *ln)
{
	uint64_t d;
	uint32_t n;

	ln->ln_checked = mono_ns();
	if (ts_drops(ln->ln_fd, &d) == -1)
		return;
	n = (uint32_t)d - ln->ln_drops;
	if (n == 0)
		return;
	ln->ln_drops = (uint32_t)d;
	note_lost(ln);
	ln->ln_lost_ntf += n;
	ln->ln_dropped += n;
	/* Kept sums may now belong to a process that ended unseen. */
	ln->ln_xr.xr_gen++;
	ln->ln_untold += n;
	tell_drops(ln, 0);
}

/* The drop record of what was lost since the last one, into w. */
static void
put_drops(struct lsn *ln, struct ex_wbuf *w)
{
	struct ex_drops d;
	size_t n = strlen(ln->ln_host);

	memset(&d, 0, sizeof (d));
	d.ed_start = ln->ln_lost_since;
	d.ed_end = clock_now_ns();
	d.ed_count = ln->ln_lost_ntf;
	d.ed_pid = (uint32_t)getpid();
	d.ed_have = EX_BIT(EXD_DROPS_START) | EX_BIT(EXD_DROPS_END) |
	    EX_BIT(EXD_DROPS_COUNT) | EX_BIT(EXD_DROPS_PID);
	if (ln->ln_lost_rec > 0) {
		d.ed_records = ln->ln_lost_rec;
		d.ed_have |= EX_BIT(EXD_DROPS_RECORDS);
	}
	if (n > 0) {
		memcpy(d.ed_hostname, ln->ln_host, n + 1);
		d.ed_hostname_len = (uint16_t)n;
		d.ed_have |= EX_BIT(EXD_DROPS_HOSTNAME);
	}
	rec_encode_drops(w, &d);
}

/*
 * Open the file, and hold it against a second listener for as long as
 * it is open: two would write every exit twice.  (flock, apart from the
 * fcntl lock the batches take with the sweeps.)
 */
static int
open_file(struct lsn *ln)
{
	struct utsname un;

	ln->ln_host[0] = '\0';
	if (uname(&un) == 0 && strlen(un.nodename) < sizeof (ln->ln_host))
		(void) strcpy(ln->ln_host, un.nodename);
	if (af_writer_open(&ln->ln_w, ln->ln_path, ln->ln_deflt,
	    ln->ln_host) == -1)
		return (-1);
	if (flock(ln->ln_w.aw_fd, LOCK_EX | LOCK_NB) == -1) {
		warn_file(ln->ln_path, errno == EWOULDBLOCK ? "another "
		    "exdump -W writes to it; not starting a second" :
		    "cannot lock: %s", strerror(errno));
		af_writer_close(&ln->ln_w);
		return (-1);
	}
	/* Synced every LS_SYNC_NS, not in each write on the reading path. */
	ln->ln_w.aw_nosync = 1;
	ln->ln_open = 1;
	ln->ln_dirty = 0;
	ln->ln_synced = mono_ns();
	return (0);
}

static void
sync_file(struct lsn *ln)
{
	if (ln->ln_open && ln->ln_dirty && fsync(ln->ln_w.aw_fd) == -1)
		warn_file(ln->ln_path, "cannot sync: %s", strerror(errno));
	ln->ln_dirty = 0;
	ln->ln_synced = mono_ns();
}

static void
close_file(struct lsn *ln)
{
	if (ln->ln_open) {
		sync_file(ln);
		af_writer_close(&ln->ln_w);
	}
	ln->ln_open = 0;
}

/*
 * Whether the file's name leads elsewhere now (rotated, and no SIGHUP
 * came): then the name is opened again, so nothing is written into a
 * file that the next rotation compresses and removes.
 */
static int
renamed(struct lsn *ln)
{
	struct stat at, sb;

	if (ln->ln_w.aw_dfd == -1 || fstat(ln->ln_w.aw_fd, &sb) == -1)
		return (0);
	if (fstatat(ln->ln_w.aw_dfd, ln->ln_w.aw_name, &at,
	    AT_SYMLINK_NOFOLLOW) == -1)
		return (errno == ENOENT);
	return (at.st_dev != sb.st_dev || at.st_ino != sb.st_ino);
}

/*
 * Append the batch, the drop record (if anything was lost) ahead of it,
 * in one write: 0, or -1 (said).
 */
static int
write_batch(struct lsn *ln, const char *what)
{
	struct ex_wbuf dw;
	uint8_t *all;
	size_t n;
	int r = -1;

	ex_w_init(&dw);
	if (ln->ln_lost_ntf > 0 || ln->ln_lost_rec > 0)
		put_drops(ln, &dw);
	n = dw.wb_len + ln->ln_wb.wb_len;
	if (ln->ln_wb.wb_err != 0 || dw.wb_err != 0) {
		warn_file(ln->ln_path, "cannot build %s: %s", what,
		    strerror(ln->ln_wb.wb_err != 0 ? ln->ln_wb.wb_err :
		    dw.wb_err));
	} else if (dw.wb_len == 0) {
		r = af_writer_append(&ln->ln_w, ln->ln_wb.wb_buf, n, what);
	} else if ((all = malloc(n)) == NULL) {
		warn_file(ln->ln_path, "cannot build %s: %s", what,
		    strerror(ENOMEM));
	} else {
		memcpy(all, dw.wb_buf, dw.wb_len);
		if (ln->ln_wb.wb_len > 0)
			memcpy(all + dw.wb_len, ln->ln_wb.wb_buf,
			    ln->ln_wb.wb_len);
		r = af_writer_append(&ln->ln_w, all, n, what);
		free(all);
	}
	ex_w_free(&dw);
	return (r);
}

/* The batch is given up: counted, and told in the next drop record. */
static void
give_up(struct lsn *ln)
{
	note_lost(ln);
	ln->ln_lost_rec += ln->ln_nbatch;
	ln->ln_unwritten += ln->ln_nbatch;
	ex_w_reset(&ln->ln_wb);
	ln->ln_nbatch = 0;
}

/*
 * Write the batch: 0 (written, or given up after a failed write: counted),
 * 1 (the file is busy: later), -1 (the file cannot be written to any
 * more: said).  The lock is tried without waiting, again every 10 ms for
 * up to wait_ns.
 */
static int
flush(struct lsn *ln, uint64_t wait_ns)
{
	struct timespec ten = { 0, 10000000 };
	char what[64];
	uint64_t until = mono_ns() + wait_ns;
	int r, tries = 0;

	if (ln->ln_wb.wb_len == 0 && ln->ln_lost_ntf == 0 &&
	    ln->ln_lost_rec == 0)
		return (0);
	if (ln->ln_open && renamed(ln))
		close_file(ln);
	for (;;) {
		if (!ln->ln_open && open_file(ln) == -1)
			return (-1);
		r = af_writer_lock(&ln->ln_w, 0);
		if (r == AF_BUSY) {
			if (mono_ns() >= until)
				return (1);
			(void) nanosleep(&ten, NULL);
			continue;
		}
		if (r != AF_REOPEN)
			break;
		/* Removed by a sweep that failed: a new file. */
		close_file(ln);
		if (++tries == 8) {
			warn_file(ln->ln_path, "was removed each time the "
			    "listener opened it; not writing");
			return (-1);
		}
	}
	if (r == -1) {
		af_writer_unlock(&ln->ln_w);
		return (-1);
	}
	(void) snprintf(what, sizeof (what), "%lu exit records",
	    ln->ln_nbatch);
	r = write_batch(ln, what);
	af_writer_unlock(&ln->ln_w);
	if (r == 0) {
		ln->ln_written += ln->ln_nbatch;
		ln->ln_lost_ntf = ln->ln_lost_rec = 0;
		ln->ln_backoff = 0;
		ln->ln_dirty = 1;
		ex_w_reset(&ln->ln_wb);
		ln->ln_nbatch = 0;
	} else {
		/*
		 * Said by the writer (a full file system, say): counted, and
		 * not tried again before a pause that doubles, up to a
		 * minute, so a failing disk costs neither CPU nor a flood of
		 * messages.
		 */
		give_up(ln);
		ln->ln_backoff = ln->ln_backoff == 0 ? LS_BACKOFF_NS :
		    ln->ln_backoff >= LS_BACKOFF_MAX / 2 ? LS_BACKOFF_MAX :
		    ln->ln_backoff * 2;
		ln->ln_retry_at = mono_ns() + ln->ln_backoff;
	}
	return (0);
}

/* One message: a final record into the batch when it ends a process. */
static void
take(struct lsn *ln, const uint8_t *p, size_t n, uint64_t now)
{
	struct ts_msg m;
	struct ex_proc rec;
	size_t i, used;
	int x, err;

	for (i = 0; n - i >= 16; i += used) {
		x = ts_parse(p + i, n - i, ln->ln_family, &m, &err, &used);
		if (x == -1) {
			ln->ln_xr.xr_st.xs_bad++;
			return;
		}
		if (x != TSM_STATS)
			continue;
		if (xr_add(&ln->ln_xr, &m, now, ln->ln_delayacct, &rec) == 1) {
			if (ln->ln_nbatch == 0)
				ln->ln_first = mono_ns();
			rec_encode_proc(&ln->ln_wb, &rec);
			ln->ln_nbatch++;
		}
	}
}

/*
 * Read what the socket holds, without waiting, for at most LS_ROUNDS
 * reads (then the main loop looks at the signals and the batch): 0, or
 * -1 (said) on an error other than a full queue.
 */
static int
drain(struct lsn *ln)
{
	struct mmsghdr mm[LS_NMSG];
	struct iovec iov[LS_NMSG];
	struct sockaddr_nl from[LS_NMSG];
	uint64_t now;
	int i, r, round;

	for (round = 0; round < LS_ROUNDS; round++) {
		memset(mm, 0, sizeof (mm));
		for (i = 0; i < LS_NMSG; i++) {
			iov[i].iov_base = ln->ln_buf + (size_t)i * LS_MSGSZ;
			iov[i].iov_len = LS_MSGSZ;
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
			mm[i].msg_hdr.msg_name = &from[i];
			mm[i].msg_hdr.msg_namelen = sizeof (from[i]);
		}
		r = recvmmsg(ln->ln_fd, mm, LS_NMSG, MSG_DONTWAIT, NULL);
		if (r == -1) {
			if (errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR)
				return (0);
			if (errno == ENOBUFS) {
				/* Overrun: the kernel counted what it dropped. */
				check_drops(ln);
				continue;
			}
			warn_file(ln->ln_path, "cannot read the kernel's exit "
			    "notifications: %s", strerror(errno));
			return (-1);
		}
		now = clock_now_ns();
		for (i = 0; i < r; i++) {
			/* Only the kernel's (the socket is connected to it). */
			if (mm[i].msg_hdr.msg_namelen < sizeof (from[i]) ||
			    from[i].nl_pid != 0) {
				ln->ln_foreign++;
				continue;
			}
			if (mm[i].msg_hdr.msg_flags & MSG_TRUNC) {
				ln->ln_xr.xr_st.xs_bad++;
				continue;
			}
			take(ln, ln->ln_buf + (size_t)i * LS_MSGSZ,
			    mm[i].msg_len, now);
		}
		if (ln->ln_nbatch >= LS_BATCH_MAX || r < LS_NMSG)
			return (0);
	}
	return (0);
}

/*
 * The listener's own final record, as it stops: it is a process like
 * any other, swept while it ran, and without this record the interval
 * it stops in would count it lost.  From a query on a socket of its own
 * (the registered one would have to set aside the notifications that
 * come meanwhile), as if its last thread had ended now.
 */
static void
put_self(struct lsn *ln)
{
	struct ts_msg m;
	struct ex_proc rec;
	char why[256];
	uint16_t fam;
	int fd;

	if ((fd = ts_open(0, &fam, why, sizeof (why))) == -1)
		return;
	memset(&m, 0, sizeof (m));
	if (ts_query(fd, fam, (uint32_t)getpid(), 0, &m.tm_stats) == 0) {
		m.tm_pid = (uint32_t)getpid();
		m.tm_stats.ts_flag |= TS_AGROUP;
		m.tm_stats.ts_exitcode = 0;
		if (xr_add(&ln->ln_xr, &m, clock_now_ns(), ln->ln_delayacct,
		    &rec) == 1) {
			if (ln->ln_nbatch == 0)
				ln->ln_first = mono_ns();
			rec_encode_proc(&ln->ln_wb, &rec);
			ln->ln_nbatch++;
		}
	}
	(void) close(fd);
}

/* Why registration was refused, in words a user can act on. */
static const char *
refusal(int e)
{
	switch (e) {
	case EPERM:
	case EACCES:
		return ("registering for exit notifications needs "
		    "CAP_NET_ADMIN in the initial user namespace (run it as "
		    "root, outside a container)");
	case EINVAL:
		return ("the kernel refuses exit notifications outside its "
		    "initial user and PID namespaces (a container?)");
	default:
		return (strerror(e));
	}
}

/* A start that failed leaves no empty file it made behind. */
static void
unmake(struct lsn *ln)
{
	if (af_writer_lock(&ln->ln_w, 1) == 0)
		(void) af_writer_remove_unfilled(&ln->ln_w);
	af_writer_unlock(&ln->ln_w);
}

static int
setup(struct lsn *ln, int rcvbuf)
{
	struct sigaction sa;
	char why[256];
	uint64_t d;

	memset(&sa, 0, sizeof (sa));
	(void) sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: poll() returns EINTR and the flags are seen. */
	sa.sa_handler = on_stop;
	(void) sigaction(SIGTERM, &sa, NULL);
	(void) sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	(void) sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	(void) sigaction(SIGPIPE, &sa, NULL);

	/* The file first: a refused file costs no registration. */
	if (open_file(ln) == -1)
		return (-1);
	if (af_writer_lock(&ln->ln_w, 1) != 0) {
		af_writer_unlock(&ln->ln_w);
		return (-1);
	}
	af_writer_unlock(&ln->ln_w);
	if ((ln->ln_fd = ts_open(rcvbuf, &ln->ln_family, why,
	    sizeof (why))) == -1) {
		warn_file("taskstats", "%s", why);
		unmake(ln);
		return (-1);
	}
	if (ts_drops(ln->ln_fd, &d) == 0)
		ln->ln_drops = (uint32_t)d;
	if (ts_register(ln->ln_fd, ln->ln_family) == -1) {
		warn_file("taskstats", "%s", refusal(errno));
		unmake(ln);
		return (-1);
	}
	return (0);
}

/* The poll timeout: until the batch is due, or a second. */
static int
wait_ms(const struct lsn *ln, uint64_t t)
{
	uint64_t due;

	if (ln->ln_nbatch == 0 && ln->ln_lost_ntf == 0 &&
	    ln->ln_lost_rec == 0)
		return (1000);
	due = ln->ln_first + LS_BATCH_NS;
	if (ln->ln_nbatch >= LS_BATCH_MAX)
		due = t;
	if (due < ln->ln_retry_at)
		due = ln->ln_retry_at;
	if (due <= t)
		return (0);
	return (due - t >= 1000 * UINT64_C(1000000) ? 1000 :
	    (int)((due - t) / 1000000) + 1);
}

/* One turn of the loop after poll: 0, or -1 (stop: the file is gone). */
static int
turn(struct lsn *ln)
{
	uint64_t t = mono_ns();
	int r;

	if (t - ln->ln_checked >= LS_BATCH_NS)
		check_drops(ln);
	if (t - ln->ln_expired >= LS_EXPIRE_NS) {
		(void) xr_expire(&ln->ln_xr, alive, NULL);
		ln->ln_expired = t;
	}
	if (t - ln->ln_da_read >= LS_NS) {
		/* Switched on or off by the administrator: seen within 1 s. */
		ln->ln_delayacct = delayacct_on();
		ln->ln_da_read = t;
	}
	if (ln->ln_nbatch == 0 && (ln->ln_lost_ntf > 0 ||
	    ln->ln_lost_rec > 0) && ln->ln_first + LS_BATCH_NS > t)
		ln->ln_first = t - LS_BATCH_NS;	/* a drop record alone */
	if ((ln->ln_nbatch > 0 || ln->ln_lost_ntf > 0 ||
	    ln->ln_lost_rec > 0) && t >= ln->ln_retry_at &&
	    (ln->ln_nbatch >= LS_BATCH_MAX ||
	    t - ln->ln_first >= LS_BATCH_NS)) {
		if ((r = flush(ln, 0)) == -1)
			return (-1);
		if (r == 1 && ln->ln_nbatch >= LS_HOLD_MAX) {
			/* Held past reason (a sweep that never ends). */
			warn_file(ln->ln_path, "locked by another writer while "
			    "%lu exit records waited; not written",
			    ln->ln_nbatch);
			give_up(ln);
		} else if (r == 1) {
			/* A sweep has the file: read on, try again later. */
			ln->ln_retry_at = t + LS_RETRY_MS * UINT64_C(1000000);
		}
	}
	if (ln->ln_dirty && t - ln->ln_synced >= LS_SYNC_NS)
		sync_file(ln);
	return (0);
}

int
listen_run(const char *path, int rcvbuf)
{
	struct lsn *ln;
	struct pollfd pf;
	int status = EXIT_OK, r;

	if ((ln = calloc(1, sizeof (*ln))) == NULL ||
	    (ln->ln_buf = malloc((size_t)LS_NMSG * LS_MSGSZ)) == NULL ||
	    xr_init(&ln->ln_xr, ln->ln_host) == -1) {
		warn_file(path != NULL ? path : AF_DEFAULT_FILE, "out of memory");
		if (ln != NULL)
			free(ln->ln_buf);
		free(ln);
		return (EXIT_OPEN);
	}
	ln->ln_deflt = path == NULL;
	ln->ln_path = path != NULL ? path : AF_DEFAULT_FILE;
	ln->ln_fd = -1;
	ex_w_init(&ln->ln_wb);
	if (setup(ln, rcvbuf > 0 ? rcvbuf : LISTEN_RCVBUF) == -1) {
		status = EXIT_OPEN;
		goto out;
	}
	ln->ln_delayacct = delayacct_on();
	ln->ln_expired = ln->ln_checked = ln->ln_da_read = mono_ns();
	while (!ls_stop) {
		if (ls_hup) {
			/* Rotation: this batch to the old file, then the new. */
			ls_hup = 0;
			if (drain(ln) == -1 || flush(ln, LS_LOCKWAIT_NS) == -1) {
				status = EXIT_OPEN;
				break;
			}
			close_file(ln);
			if (open_file(ln) == -1) {
				status = EXIT_OPEN;
				break;
			}
		}
		pf.fd = ln->ln_fd;
		pf.events = POLLIN;
		pf.revents = 0;
		if ((r = poll(&pf, 1, wait_ms(ln, mono_ns()))) == -1 &&
		    errno != EINTR) {
			warn_file(ln->ln_path, "cannot wait for the kernel: %s",
			    strerror(errno));
			status = EXIT_OPEN;
			break;
		}
		if ((r > 0 && drain(ln) == -1) || turn(ln) == -1) {
			status = EXIT_OPEN;
			break;
		}
	}
	if (status == EXIT_OK) {
		/* The exits up to the signal, then the last batch. */
		(void) drain(ln);
		check_drops(ln);
		tell_drops(ln, 1);
		put_self(ln);
		ln->ln_retry_at = 0;
		r = flush(ln, LS_LOCKWAIT_NS);
		if (r == -1)
			status = EXIT_OPEN;
		else if (r == 1) {
			warn_file(ln->ln_path, "locked by another writer for "
			    "10 s; %lu exit records not written",
			    ln->ln_nbatch);
			give_up(ln);
		}
	}
	if (ln->ln_nbatch > 0) {
		/* Stopped by a file it cannot write to: these are lost. */
		warn_file(ln->ln_path, "%lu exit records not written",
		    ln->ln_nbatch);
		give_up(ln);
	}
	(void) fprintf(stderr, "%s: %s: listened: %llu exit records written, "
	    "%llu notifications dropped by the kernel, %llu records not "
	    "written, %llu threads not summed, %llu messages unreadable, "
	    "%llu sums of processes that ended unseen\n", progname,
	    ln->ln_path, (unsigned long long)ln->ln_written,
	    (unsigned long long)ln->ln_dropped,
	    (unsigned long long)ln->ln_unwritten,
	    (unsigned long long)ln->ln_xr.xr_st.xs_unsummed,
	    (unsigned long long)(ln->ln_xr.xr_st.xs_bad + ln->ln_foreign),
	    (unsigned long long)ln->ln_xr.xr_st.xs_stale);
	if (ln->ln_unwritten > 0 && status == EXIT_OK)
		status = EXIT_OPEN;
out:
	if (ln->ln_fd != -1)
		(void) close(ln->ln_fd);
	close_file(ln);
	ex_w_free(&ln->ln_wb);
	xr_free(&ln->ln_xr);
	free(ln->ln_buf);
	free(ln);
	return (status);
}
