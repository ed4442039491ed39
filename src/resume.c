/*
 * resume.c: the state of -i -R between runs (resume.h).
 *
 * The state file is text, so a person can read it and a damaged one is
 * known for what it is:
 *
 *	exdump-state 1
 *	rows OPTIONS			the options that chose the rows
 *	host NAME DONE			rows up to end DONE (ns) printed
 *	input DEV INO OFF SWT DONE SEEN NAME
 *					begin at OFF, a sweep starting at
 *					SWT; DONE 1: nothing left in it;
 *					SEEN: the bytes read of it so far
 *	end NHOSTS NINPUTS
 *
 * NAME escaped as the text report escapes (\ooo, \\).  A file without
 * its end line was cut short; any other line is refused.  Root reads and
 * writes it only through directories no one else can write.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctfile.h"
#include "exdump.h"
#include "fmt.h"
#include "resume.h"
#include "version.h"

#define	LINE_MAX_STATE	(4 * RS_NAME_MAX + 128)

struct rs_idx {
	uint64_t	ix_end;
	uint32_t	ix_host;	/* UINT32_MAX: always (a header) */
	uint32_t	ix_len;
};

/* What is wrong with the state, after its name, on stderr: -1. */
static int
say(const struct resume *rs, const char *fmt, ...)
{
	va_list ap;

	out_flush(out_std);
	(void) fprintf(stderr, "%s: %s: ", progname, rs->rs_path);
	va_start(ap, fmt);
	(void) vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void) fputc('\n', stderr);
	return (-1);
}

/* Names: the text rule's escapes, and back. */
static void
esc(char *out, size_t outlen, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 5 < outlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c > 0x20 && c < 0x7f && c != '\\') {
			out[o++] = (char)c;
		} else {
			out[o++] = '\\';
			out[o++] = (char)('0' + (c >> 6));
			out[o++] = (char)('0' + ((c >> 3) & 7));
			out[o++] = (char)('0' + (c & 7));
		}
	}
	out[o] = '\0';
}

static int
unesc(char *out, size_t outlen, const char *s, size_t *n)
{
	size_t o = 0;

	while (*s != '\0') {
		if (o + 1 >= outlen)
			return (-1);
		if (*s != '\\') {
			out[o++] = *s++;
			continue;
		}
		if (s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '7' ||
		    s[3] < '0' || s[3] > '7')
			return (-1);
		out[o++] = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
		    (s[3] - '0'));
		s += 4;
	}
	out[o] = '\0';
	*n = o;
	return (0);
}

/* A decimal number of the line at *p, then one space or the end. */
static int
num(char **p, uint64_t *v)
{
	char *s = *p;
	uint64_t x = 0;

	if (*s < '0' || *s > '9')
		return (-1);
	while (*s >= '0' && *s <= '9') {
		if (x > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return (-1);
		x = x * 10 + (uint64_t)(*s++ - '0');
	}
	if (*s == ' ')
		s++;
	else if (*s != '\0')
		return (-1);
	*p = s;
	*v = x;
	return (0);
}

static struct rs_host *
host_of(struct resume *rs, const char *name, size_t len, int make)
{
	size_t i;

	if (len >= sizeof (rs->rs_host[0].rh_name))
		len = sizeof (rs->rs_host[0].rh_name) - 1;
	/* Records come host by host: the last one first. */
	i = rs->rs_lasthost;
	if (i < rs->rs_nhost && rs->rs_host[i].rh_len == len &&
	    memcmp(rs->rs_host[i].rh_name, name, len) == 0)
		return (&rs->rs_host[i]);
	for (i = 0; i < rs->rs_nhost; i++) {
		if (rs->rs_host[i].rh_len == len &&
		    memcmp(rs->rs_host[i].rh_name, name, len) == 0) {
			rs->rs_lasthost = i;
			return (&rs->rs_host[i]);
		}
	}
	if (!make || rs->rs_nhost == RS_MAX_HOSTS)
		return (NULL);
	memset(&rs->rs_host[i], 0, sizeof (rs->rs_host[i]));
	memcpy(rs->rs_host[i].rh_name, name, len);
	rs->rs_host[i].rh_len = len;
	rs->rs_nhost++;
	return (&rs->rs_host[i]);
}

/*
 * The state file's directory, as the sweep's file's: root only through
 * directories no one else can write.
 */
static int
state_dir(const struct resume *rs, const char **name)
{
	char why[512];
	int dfd;

	if ((dfd = af_open_dir(rs->rs_path, geteuid() == 0 ? AFP_STRICT : 0,
	    name, why, sizeof (why))) == -1)
		(void) say(rs, "%s", why);
	return (dfd);
}

static int
parse(struct resume *rs, FILE *f)
{
	static char line[LINE_MAX_STATE];
	char name[RS_NAME_MAX], *p;
	uint64_t v[6], nh = 0, ni = 0;
	unsigned long long ln = 0;	/* the line, for the messages */
	size_t n, len;
	int seen_end = 0, seen_rows = 0, k;

	while (fgets(line, sizeof (line), f) != NULL) {
		ln++;
		n = strlen(line);
		if (n == 0 || line[n - 1] != '\n')
			return (say(rs, "line %llu: cut short or too long",
			    ln));
		line[n - 1] = '\0';
		if (seen_end)
			return (say(rs, "line %llu: after the end line", ln));
		if (ln == 1) {
			if (strncmp(line, "exdump-state ", 13) != 0)
				return (say(rs, "not an exdump state file "
				    "(line 1); give -N to start a new one"));
			p = line + 13;
			if (*p == '0' || num(&p, &v[0]) == -1 || *p != '\0')
				return (say(rs, "not an exdump state file "
				    "(line 1); give -N to start a new one"));
			if (v[0] != RS_VERSION)
				return (say(rs, "a state file of version %llu; "
				    "exdump " EXDUMP_VERSION " reads version 1 "
				    "(give -N to start afresh)",
				    (unsigned long long)v[0]));
			continue;
		}
		if (ln == 2) {
			char sig[sizeof (line)];

			if (strncmp(line, "rows ", 5) != 0 ||
			    unesc(sig, sizeof (sig), line + 5, &len) == -1)
				return (say(rs, "line %llu: not the rows line "
				    "of a state file", ln));
			if (strcmp(sig, rs->rs_sig) != 0) {
				/* Escaped: the state file's own text. */
				esc(line, sizeof (line), sig, strlen(sig));
				return (say(rs, "kept for runs of other "
				    "options (%s); give each its own state "
				    "file, or -N to start afresh", line));
			}
			seen_rows = 1;
			continue;
		}
		if (strncmp(line, "host ", 5) == 0) {
			p = strchr(line + 5, ' ');
			if (p == NULL)
				return (say(rs, "line %llu: a host line "
				    "without its end", ln));
			*p++ = '\0';
			if (unesc(name, sizeof (rs->rs_host[0].rh_name),
			    line + 5, &len) == -1 || num(&p, &v[0]) == -1 ||
			    *p != '\0')
				return (say(rs, "line %llu: not a host line",
				    ln));
			if (host_of(rs, name, len, 0) != NULL)
				return (say(rs, "line %llu: a host twice", ln));
			if (host_of(rs, name, len, 1) == NULL)
				return (say(rs, "line %llu: too many hosts",
				    ln));
			rs->rs_host[rs->rs_nhost - 1].rh_done = v[0];
			rs->rs_host[rs->rs_nhost - 1].rh_front = v[0];
			nh++;
		} else if (strncmp(line, "input ", 6) == 0) {
			struct rs_in *ri;

			p = line + 6;
			for (k = 0; k < 6; k++) {
				if (num(&p, &v[k]) == -1)
					return (say(rs, "line %llu: not an "
					    "input line", ln));
			}
			/* Begun at a sweep, or done, or from the start. */
			if (v[4] > 1 || (v[4] == 0 && v[2] > 0 && v[3] == 0) ||
			    unesc(name, sizeof (name), p, &len) == -1)
				return (say(rs, "line %llu: not an input "
				    "line", ln));
			if (rs->rs_nin == RS_MAX_INPUTS)
				return (say(rs, "line %llu: too many inputs",
				    ln));
			ri = &rs->rs_in[rs->rs_nin++];
			ri->ri_dev = v[0];
			ri->ri_ino = v[1];
			ri->ri_off = v[2];
			ri->ri_swt = v[3];
			ri->ri_done = (int)v[4];
			ri->ri_seen = v[5];
			ri->ri_used = 0;
			(void) snprintf(ri->ri_name, sizeof (ri->ri_name),
			    "%s", name);
			ni++;
		} else if (strncmp(line, "end ", 4) == 0) {
			p = line + 4;
			if (num(&p, &v[0]) == -1 || num(&p, &v[1]) == -1 ||
			    *p != '\0' || v[0] != nh || v[1] != ni)
				return (say(rs, "line %llu: the end line does "
				    "not match the lines before it", ln));
			seen_end = 1;
		} else {
			return (say(rs, "line %llu: not a line of a state "
			    "file", ln));
		}
	}
	if (ferror(f))
		return (say(rs, "%s", strerror(errno)));
	if (ln == 0)
		return (say(rs, "empty: not an exdump state file "
		    "(give -N to start a new one)"));
	if (!seen_end || !seen_rows)
		return (say(rs, "truncated: no end line after line %llu "
		    "(the state is not used; give -N to start afresh)", ln));
	return (0);
}

/* STATEFILE.lock in the state's directory, locked; 0, or -1 (said). */
static int
lock_state(struct resume *rs, int dfd, const char *name)
{
	char lock[NAME_MAX + 1];
	struct flock fl;
	struct stat sb;

	if (snprintf(lock, sizeof (lock), "%s.lock", name) >=
	    (int)sizeof (lock))
		return (say(rs, "the name is too long for its lock file"));
	if ((rs->rs_lockfd = openat(dfd, lock, O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1)
		return (say(rs, "its lock file: %s", strerror(errno)));
	if (fstat(rs->rs_lockfd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (geteuid() == 0 && sb.st_uid != 0))
		return (say(rs, "its lock file %s.lock is not root's regular "
		    "file", rs->rs_path));
	memset(&fl, 0, sizeof (fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(rs->rs_lockfd, F_SETLK, &fl) == -1) {
		int busy = errno == EACCES || errno == EAGAIN;

		return (say(rs, busy ? "another run of -R with this state "
		    "file is under way (%s.lock is locked)" :
		    "its lock file: %s", busy ? rs->rs_path :
		    strerror(errno)));
	}
	return (0);
}

int
rs_load(struct resume *rs, const char *path, int fresh, const char *sig)
{
	const char *name;
	struct stat sb;
	FILE *f;
	int dfd, fd, r;

	memset(rs, 0, sizeof (*rs));
	rs->rs_lockfd = -1;
	rs->rs_path = path;
	rs->rs_sig = sig;
	if ((rs->rs_host = calloc(RS_MAX_HOSTS, sizeof (*rs->rs_host))) ==
	    NULL)
		return (say(rs, "%s", strerror(errno)));
	if ((rs->rs_spool = tmpfile()) == NULL ||
	    (rs->rs_index = tmpfile()) == NULL ||
	    (rs->rs_out = malloc(sizeof (*rs->rs_out))) == NULL)
		return (say(rs, "a temporary file for the rows: %s",
		    strerror(errno)));
	out_init(rs->rs_out, fileno(rs->rs_spool));
	if ((dfd = state_dir(rs, &name)) == -1)
		return (-1);
	/* One run at a time: a second would print the first's rows too. */
	if (lock_state(rs, dfd, name) == -1) {
		(void) close(dfd);
		return (-1);
	}
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	(void) close(dfd);
	if (fd == -1 && errno == ENOENT && fresh)
		return (0);
	if (fd == -1 && errno == ENOENT)
		return (say(rs, "no state file (give -N to start one, "
		    "reading every file from its start)"));
	if (fd == -1 && errno == ELOOP)
		return (say(rs, "is a symbolic link: not followed"));
	if (fd == -1)
		return (say(rs, "%s", strerror(errno)));
	if (fresh) {
		(void) close(fd);
		return (0);
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		(void) close(fd);
		return (say(rs, "not a regular file"));
	}
	if (geteuid() == 0 && (sb.st_uid != 0 || (sb.st_mode & 022) != 0)) {
		(void) close(fd);
		return (say(rs, "not root's alone (owner %llu, or writable by "
		    "others); not read as root",
		    (unsigned long long)sb.st_uid));
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		(void) close(fd);
		return (say(rs, "%s", strerror(errno)));
	}
	r = parse(rs, f);
	(void) fclose(f);
	return (r);
}

int
rs_attach(struct resume *rs, struct feeds *fs)
{
	struct stat sb;
	size_t j;
	int i;

	if (fs->fs_n > RS_MAX_INPUTS) {
		out_flush(out_std);
		(void) fprintf(stderr, "%s: -R takes at most %d files\n",
		    progname, RS_MAX_INPUTS);
		return (-1);
	}
	rs->rs_nfeed = fs->fs_n;
	for (i = 0; i < fs->fs_n; i++) {
		struct feed *f = &fs->fs_f[i];
		struct rs_feed *rf = &rs->rs_feed[i];

		if (strcmp(f->fd_path, "-") == 0 ||
		    fstat(f->fd_rd.rr_fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: -R: %s is not a regular "
			    "file: where a run stopped in it cannot be kept\n",
			    progname, f->fd_path);
			return (-1);
		}
		rf->rf_dev = (uint64_t)sb.st_dev;
		rf->rf_ino = (uint64_t)sb.st_ino;
		rf->rf_size = (uint64_t)sb.st_size;
		rf->rf_read = f->fd_rd.rr_src.es_limited &&
		    f->fd_rd.rr_src.es_limit < rf->rf_size ?
		    f->fd_rd.rr_src.es_limit : rf->rf_size;
		rf->rf_host = -1;
		(void) snprintf(rf->rf_name, sizeof (rf->rf_name), "%s",
		    f->fd_path);
		for (j = 0; j < rs->rs_nin; j++) {
			struct rs_in *ri = &rs->rs_in[j];

			if (ri->ri_dev != rf->rf_dev ||
			    ri->ri_ino != rf->rf_ino)
				continue;
			ri->ri_used = 1;
			rf->rf_before = ri->ri_seen;
			if (ri->ri_done && ri->ri_off == rf->rf_size) {
				/* Read to its end, and no longer since. */
				feed_skip(f);
				rf->rf_skipped = 1;
				rf->rf_off = ri->ri_off;
				break;
			}
			if (ri->ri_done) {
				/*
				 * Grown since it was read to its end: what
				 * came after that is read, from there.
				 */
				if (ri->ri_off > rf->rf_size ||
				    feed_seek(f, ri->ri_off, 0) == -1) {
					if (feed_seek(f, 0, 0) == -1)
						return (-1);
				}
				break;
			}
			if (ri->ri_off > rf->rf_size) {
				out_flush(out_std);
				(void) fprintf(stderr, "%s: %s is shorter "
				    "(%llu bytes) than where the last run "
				    "stopped in it (%llu): not the file %s "
				    "knows; give -N to start afresh\n",
				    progname, f->fd_path,
				    (unsigned long long)rf->rf_size,
				    (unsigned long long)ri->ri_off,
				    rs->rs_path);
				return (-1);
			}
			if (feed_seek(f, ri->ri_off, ri->ri_swt) == -1) {
				out_flush(out_std);
				(void) fprintf(stderr, "%s: %s: cannot begin "
				    "at offset %llu, where the last run "
				    "stopped\n", progname, f->fd_path,
				    (unsigned long long)ri->ri_off);
				return (-1);
			}
			break;
		}
	}
	for (j = 0; j < rs->rs_nin; j++) {
		const struct rs_in *ri = &rs->rs_in[j];
		char name[4 * RS_NAME_MAX + 8];

		if (ri->ri_used || ri->ri_done)
			continue;
		/* A name from the state file: escaped, as a file's text. */
		esc(name, sizeof (name), ri->ri_name, strlen(ri->ri_name));
		out_flush(out_std);
		(void) fprintf(stderr, "%s: %s: the last run stopped in %s "
		    "(device %llu, inode %llu), which is not among the files "
		    "given: give it, under any name, or -N to start afresh\n",
		    progname, rs->rs_path, name,
		    (unsigned long long)ri->ri_dev,
		    (unsigned long long)ri->ri_ino);
		return (-1);
	}
	return (0);
}

struct out *
rs_out(struct resume *rs)
{
	return (rs->rs_out);
}

void
rs_sweep(struct resume *rs, int feed, const char *host, size_t hostlen,
    uint64_t t, uint64_t off, int whole)
{
	struct rs_host *h = host_of(rs, host, hostlen, 1);
	struct rs_ring *g;

	if (h == NULL)
		return;
	g = &h->rh_ring[h->rh_nring++ % RS_RING];
	g->rg_t = t;
	g->rg_feed = feed;
	g->rg_off = off;
	g->rg_whole = whole;
}

/*
 * Where host h's next run begins: the latest whole sweep at or before its
 * last closed interval's end (a sweep that skipped processes would leave
 * them out of the state rebuilt from it), or that end's own sweep; NULL
 * if neither is remembered.
 */
static const struct rs_ring *
checkpoint(const struct rs_host *h)
{
	const struct rs_ring *best = NULL, *end = NULL;
	unsigned j, n = h->rh_nring < RS_RING ? h->rh_nring : RS_RING;

	for (j = 0; j < n; j++) {
		const struct rs_ring *g = &h->rh_ring[j];

		if (g->rg_t == h->rh_front)
			end = g;
		if (g->rg_whole && g->rg_t <= h->rh_front &&
		    (best == NULL || g->rg_t > best->rg_t))
			best = g;
	}
	return (best != NULL ? best : end);
}

int
rs_record(struct resume *rs, int feed, const char *host, size_t hostlen,
    uint64_t t)
{
	struct rs_feed *rf = &rs->rs_feed[feed];
	struct rs_host *h;
	int k;

	if (t > rf->rf_maxt)
		rf->rf_maxt = t;
	if ((h = host_of(rs, host, hostlen, 1)) == NULL) {
		out_flush(out_std);
		(void) fprintf(stderr, "%s: -R: more than %d hosts in one "
		    "state: give each group of hosts its own state file\n",
		    progname, RS_MAX_HOSTS);
		return (-1);
	}
	if (rf->rf_host == -2)
		return (0);
	k = (int)(h - rs->rs_host);
	if (rf->rf_host == -1)
		rf->rf_host = k;
	else if (rf->rf_host != k)
		rf->rf_host = -2;
	return (0);
}

void
rs_exit(struct resume *rs, int feed, const char *host, size_t hostlen,
    uint64_t off, uint64_t finish)
{
	const struct rs_host *h = host_of(rs, host, hostlen, 0);

	if (h != NULL && off >= rs->rs_feed[feed].rf_before &&
	    finish <= h->rh_done)
		rs->rs_late++;
}

void
rs_closed(struct resume *rs, const char *host, size_t hostlen, uint64_t end)
{
	struct rs_host *h = host_of(rs, host, hostlen, 1);

	if (h != NULL && end > h->rh_front)
		h->rh_front = end;
}

/* Where the spool is: written plus buffered. */
static uint64_t
spool_pos(const struct resume *rs)
{
	off_t o = lseek(rs->rs_out->o_fd, 0, SEEK_CUR);

	return ((o < 0 ? 0 : (uint64_t)o) + rs->rs_out->o_len);
}

static void
index_put(struct resume *rs, uint64_t end, uint32_t host, uint64_t len)
{
	struct rs_idx ix;

	while (len > 0) {
		ix.ix_end = end;
		ix.ix_host = host;
		ix.ix_len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
		len -= ix.ix_len;
		if (fwrite(&ix, sizeof (ix), 1, rs->rs_index) != 1 &&
		    rs->rs_err == 0)
			rs->rs_err = errno != 0 ? errno : EIO;
	}
}

int
rs_row_begin(struct resume *rs, const char *host, size_t hostlen,
    uint64_t end)
{
	const struct rs_host *h = host_of(rs, host, hostlen, 1);
	uint64_t pos;

	if (h != NULL && end <= h->rh_done) {
		rs->rs_hidden++;
		return (0);
	}
	/* What came before the row (a header) is always printed. */
	if ((pos = spool_pos(rs)) > rs->rs_pos) {
		index_put(rs, 0, UINT32_MAX, pos - rs->rs_pos);
		rs->rs_pos = pos;
	}
	return (1);
}

void
rs_row_end(struct resume *rs, const char *host, size_t hostlen,
    uint64_t end)
{
	const struct rs_host *h = host_of(rs, host, hostlen, 1);
	uint64_t pos = spool_pos(rs);

	index_put(rs, end, h != NULL ? (uint32_t)(h - rs->rs_host) :
	    UINT32_MAX - 1, pos - rs->rs_pos);
	rs->rs_pos = pos;
}

int
rs_emit(struct resume *rs, struct out *o)
{
	static char buf[65536];
	struct rs_idx ix;
	uint64_t pos;
	size_t n, want;
	int fd = fileno(rs->rs_spool), keep;

	out_flush(rs->rs_out);
	if ((pos = spool_pos(rs)) > rs->rs_pos) {
		index_put(rs, 0, UINT32_MAX, pos - rs->rs_pos);
		rs->rs_pos = pos;
	}
	if (rs->rs_out->o_err != 0 && rs->rs_err == 0)
		rs->rs_err = rs->rs_out->o_err;
	if (rs->rs_err == 0 && (fflush(rs->rs_index) == EOF ||
	    lseek(fd, 0, SEEK_SET) == -1))
		rs->rs_err = errno;
	rewind(rs->rs_index);
	while (rs->rs_err == 0 &&
	    fread(&ix, sizeof (ix), 1, rs->rs_index) == 1) {
		/* A row of a host past the table (UINT32_MAX - 1): shown. */
		keep = ix.ix_host >= RS_MAX_HOSTS ||
		    ix.ix_end <= rs->rs_host[ix.ix_host].rh_front;
		for (want = ix.ix_len; want > 0; want -= n) {
			ssize_t r = read(fd, buf, want < sizeof (buf) ? want :
			    sizeof (buf));

			if (r <= 0) {
				rs->rs_err = r == 0 ? EIO : errno;
				break;
			}
			n = (size_t)r;
			if (keep)
				out_bytes(o, buf, n);
		}
	}
	if (rs->rs_err != 0) {
		out_flush(o);
		(void) fprintf(stderr, "%s: -R: the temporary file of the "
		    "rows: %s\n", progname, strerror(rs->rs_err));
		return (-1);
	}
	return (0);
}

/* Whether some host has had no interval closed. */
static int
unclosed(const struct resume *rs)
{
	size_t i;

	for (i = 0; i < rs->rs_nhost; i++) {
		if (rs->rs_host[i].rh_front == 0)
			return (1);
	}
	return (0);
}

/* The new state's lines for the inputs. */
static int
put_inputs(const struct resume *rs, FILE *f, uint64_t *ni)
{
	char name[4 * RS_NAME_MAX + 8];
	size_t i;
	int k;

	*ni = 0;
	for (k = 0; k < rs->rs_nfeed; k++) {
		const struct rs_feed *rf = &rs->rs_feed[k];
		uint64_t off = UINT64_MAX, swt = 0;
		int done;

		/* The earliest sweep a host's next run begins with. */
		for (i = 0; i < rs->rs_nhost; i++) {
			const struct rs_ring *g = checkpoint(&rs->rs_host[i]);

			if (g != NULL && g->rg_feed == k && g->rg_off < off) {
				off = g->rg_off;
				swt = g->rg_t;
			}
		}
		if (rf->rf_skipped) {
			done = 1;
			off = rf->rf_off;
		} else if (off != UINT64_MAX && rf->rf_host == -2 &&
		    unclosed(rs)) {
			/* Several hosts, one with no interval closed yet. */
			done = 0;
			off = 0;
			swt = 0;
		} else if (off != UINT64_MAX) {
			done = 0;
		} else if (rf->rf_host >= 0 &&
		    rs->rs_host[rf->rf_host].rh_front >= rf->rf_maxt &&
		    rs->rs_host[rf->rf_host].rh_front > 0) {
			/* All of it before its host's last closed sweep. */
			done = 1;
			off = rf->rf_read;
		} else {
			done = 0;
			off = 0;
		}
		esc(name, sizeof (name), rf->rf_name, strlen(rf->rf_name));
		if (fprintf(f, "input %llu %llu %llu %llu %d %llu %s\n",
		    (unsigned long long)rf->rf_dev,
		    (unsigned long long)rf->rf_ino, (unsigned long long)off,
		    (unsigned long long)swt, done,
		    (unsigned long long)(rf->rf_skipped ? rf->rf_off :
		    rf->rf_read), name) < 0)
			return (-1);
		(*ni)++;
	}
	/*
	 * Inputs of the state not given this time were done (else the run
	 * was refused): left out, so the state holds only what is given.
	 * Given again later, such a file is read from its start, and its
	 * rows, all of printed intervals, are left out then.
	 */
	return (0);
}

int
rs_save(struct resume *rs)
{
	char tmp[64], name[4 * 260 + 8];
	const char *base;
	uint64_t ni, nh = 0;
	size_t i;
	FILE *f;
	int dfd, fd, e;

	if ((dfd = state_dir(rs, &base)) == -1)
		return (-1);
	(void) snprintf(tmp, sizeof (tmp), ".exdump-state.%ld",
	    (long)getpid());
	(void) unlinkat(dfd, tmp, 0);
	if ((fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		e = errno;
		(void) close(dfd);
		return (say(rs, "cannot write its new state: %s",
		    strerror(e)));
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		e = errno;
		(void) close(fd);
		goto fail;
	}
	(void) fprintf(f, "exdump-state %d\n", RS_VERSION);
	esc(name, sizeof (name), rs->rs_sig, strlen(rs->rs_sig));
	(void) fprintf(f, "rows %s\n", name);
	for (i = 0; i < rs->rs_nhost; i++) {
		const struct rs_host *h = &rs->rs_host[i];

		if (h->rh_front == 0)
			continue;
		esc(name, sizeof (name), h->rh_name, h->rh_len);
		(void) fprintf(f, "host %s %llu\n", name,
		    (unsigned long long)h->rh_front);
		nh++;
	}
	if (put_inputs(rs, f, &ni) == -1)
		(void) fputs("", f);
	(void) fprintf(f, "end %llu %llu\n", (unsigned long long)nh,
	    (unsigned long long)ni);
	if (fflush(f) == EOF || ferror(f) || fsync(fileno(f)) == -1) {
		e = errno != 0 ? errno : EIO;
		(void) fclose(f);
		goto fail;
	}
	if (fclose(f) == EOF) {
		e = errno;
		goto fail;
	}
	if (renameat(dfd, tmp, dfd, base) == -1) {
		e = errno;
		goto fail;
	}
	(void) fsync(dfd);
	(void) close(dfd);
	return (0);
fail:
	(void) unlinkat(dfd, tmp, 0);
	(void) close(dfd);
	return (say(rs, "cannot write its new state: %s", strerror(e)));
}

void
rs_free(struct resume *rs)
{
	if (rs->rs_spool != NULL)
		(void) fclose(rs->rs_spool);
	if (rs->rs_index != NULL)
		(void) fclose(rs->rs_index);
	free(rs->rs_out);
	free(rs->rs_host);
	if (rs->rs_lockfd != -1)
		(void) close(rs->rs_lockfd);
	rs->rs_lockfd = -1;
	rs->rs_spool = rs->rs_index = NULL;
	rs->rs_out = NULL;
	rs->rs_host = NULL;
}
