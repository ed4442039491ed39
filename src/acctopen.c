/*
 * acctopen.c: the writers' hold on the accounting file (see acctfile.h):
 * reaching it safely, locking it, checking whose it is, and appending.
 *
 * Two programs append to the Linux file, the sweep (-w) and the listener
 * (-W), each through struct af_writer: open once, then for each batch
 * lock, check the header and mend the tail, append in one write, unlock.
 * The lock orders the batches, so the records are in time order in the
 * file, and a reader never sees half of one.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acctfile.h"
#include "exacct.h"
#include "exdump.h"

/*
 * Reaching the file.
 */

/* mkdir -p for the default directory: the last one private. */
static int
make_dirs(const char *dir)
{
	char p[sizeof (AF_DEFAULT_DIR)];
	size_t i;

	(void) strcpy(p, dir);
	for (i = 1; ; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, dir[i] == '\0' ? 0700 : 0755) == -1 &&
		    errno != EEXIST)
			return (-1);
		if (dir[i] == '\0')
			return (0);
		p[i] = '/';
	}
}

/*
 * As root the file gets every user's commands, so the file and every
 * directory on the way to it must be root's alone (issue 11).  A
 * directory another user can write lets that user make the name first
 * (the sticky bit of /tmp does not stop that) and keep the file, seeded
 * with forged records or open for reading later; or put a symbolic link
 * at a directory's name that aims root's append anywhere.  So, as
 * OpenSSH's StrictModes and sudo do for their files, each directory is
 * opened by name from the one before, never through a symbolic link, and
 * must be owned by root and writable by no group or other; the file must
 * be a regular file of root's with one link and no group or other
 * access.  The group bits also cover a POSIX ACL that lets another user
 * write: they show the ACL's mask.
 */

/* Whether the directory at fd, named by [name, name + n), is root's alone. */
static int
dir_safe(int fd, const char *name, int n, char *why, size_t len)
{
	struct stat sb;

	if (fstat(fd, &sb) == -1)
		(void) snprintf(why, len, "cannot stat %.*s: %s", n, name,
		    strerror(errno));
	else if (sb.st_uid != 0)
		(void) snprintf(why, len, "%.*s is owned by uid %lu, not root; "
		    "not writing as root", n, name, (unsigned long)sb.st_uid);
	else if ((sb.st_mode & S_IWOTH) != 0)
		(void) snprintf(why, len, "%.*s is writable by others; not "
		    "writing as root", n, name);
	else if ((sb.st_mode & S_IWGRP) != 0)
		(void) snprintf(why, len, "%.*s is writable by its group; not "
		    "writing as root", n, name);
	else
		return (0);
	return (-1);
}

int
af_open_dir(const char *path, int flags, const char **namep, char *why,
    size_t len)
{
	char comp[NAME_MAX + 1], cwd[PATH_MAX], start[PATH_MAX + 32];
	size_t i, j, k, n;
	int dfd, fd, e, strict = (flags & AFP_STRICT) != 0, of;
	struct stat sb;

	/* The one directory not reached by a name of the path. */
	if (path[0] == '/') {
		(void) strcpy(start, "/");
	} else if (strict) {
		(void) snprintf(start, sizeof (start), "the working directory "
		    "(%s)", getcwd(cwd, sizeof (cwd)) != NULL ? cwd : ".");
	} else {
		(void) strcpy(start, ".");
	}
	if ((dfd = open(path[0] == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		e = errno;
		(void) snprintf(why, len, "cannot open %s: %s", start,
		    strerror(e));
		errno = e;
		return (-1);
	}
	if (strict && dir_safe(dfd, start, (int)strlen(start), why,
	    len) == -1)
		goto refused;
	of = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (strict ? O_NOFOLLOW : 0);
	for (i = 0; ; i = j) {
		while (path[i] == '/')
			i++;
		for (j = i; path[j] != '\0' && path[j] != '/'; j++)
			;
		if (path[j] == '\0')
			break;			/* [i, j) is the file's name */
		n = j - i;
		/* "." is the directory already open: nothing to look up. */
		if (n == 1 && path[i] == '.')
			continue;
		/*
		 * ".." would lead back out of a directory just checked, to
		 * one reached by some other way: refused rather than
		 * resolved, which also keeps the path the same one that the
		 * shell and the file's readers see.
		 */
		if (strict && n == 2 && path[i] == '.' && path[i + 1] == '.') {
			(void) snprintf(why, len, "\"..\" in the path is "
			    "refused as root; name the file without it");
			errno = EPERM;
			goto fail;
		}
		if (n > NAME_MAX) {
			(void) snprintf(why, len, "cannot open %.*s: %s",
			    (int)j, path, strerror(ENAMETOOLONG));
			errno = ENAMETOOLONG;
			goto fail;
		}
		memcpy(comp, path + i, n);
		comp[n] = '\0';
		if ((fd = openat(dfd, comp, of)) == -1 && errno == ENOENT &&
		    (flags & AFP_MKDIR) != 0) {
			/* The last directory holds the file: private. */
			for (k = j; path[k] == '/'; k++)
				;
			if (mkdirat(dfd, comp, strchr(path + k, '/') == NULL ?
			    0700 : 0755) == -1 && errno != EEXIST) {
				e = errno;
				(void) snprintf(why, len, "cannot create "
				    "%.*s: %s", (int)j, path, strerror(e));
				errno = e;
				goto fail;
			}
			fd = openat(dfd, comp, of);
		}
		if (fd == -1) {
			e = errno;
			if (strict && (e == ELOOP || e == ENOTDIR) &&
			    fstatat(dfd, comp, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(sb.st_mode))
				(void) snprintf(why, len, "%.*s is a symbolic "
				    "link; not following it as root", (int)j,
				    path);
			else
				(void) snprintf(why, len, "cannot open "
				    "%.*s: %s", (int)j, path, strerror(e));
			errno = e;
			goto fail;
		}
		(void) close(dfd);
		dfd = fd;
		if (strict && dir_safe(dfd, path, (int)j, why, len) == -1)
			goto refused;
	}
	*namep = path + i;
	if (strict && strcmp(*namep, "..") == 0) {
		(void) snprintf(why, len, "\"..\" in the path is refused as "
		    "root; name the file without it");
		errno = EPERM;
		goto fail;
	}
	return (dfd);
refused:
	errno = EPERM;
fail:
	e = errno;
	(void) close(dfd);
	errno = e;
	return (-1);
}

/*
 * Open name in dfd; *created says if this open made it.  Made with
 * O_EXCL first, to know; a name removed between the two opens (by a
 * sweep that failed, say) is tried again, then opened as open(2) would.
 */
static int
open_new(int dfd, const char *name, int of, int *created)
{
	int fd, k;

	for (k = 0; k < 4; k++) {
		fd = openat(dfd, name, of | O_CREAT | O_EXCL, 0600);
		if (fd != -1) {
			*created = 1;
			return (fd);
		}
		if (errno != EEXIST)
			return (-1);
		if ((fd = openat(dfd, name, of)) != -1 || errno != ENOENT)
			return (fd);
	}
	/* Not made by us (as far as we know): a dangling link, followed. */
	return (openat(dfd, name, of | O_CREAT, 0600));
}

int
af_open_file(const char *path, int flags, int *dfdp, const char **namep,
    int *created, char *why, size_t len)
{
	struct stat sb;
	const char *name;
	int dfd = -1, fd, e, of = O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC;
	char dwhy[PATH_MAX + 160];

	*dfdp = -1;
	*namep = path;
	*created = 0;
	if ((flags & AFP_STRICT) != 0) {
		if ((dfd = af_open_dir(path, flags, &name, why, len)) == -1)
			return (-1);
		if (name[0] == '\0') {
			(void) snprintf(why, len, "names a directory, not a "
			    "file; not writing");
			errno = EISDIR;
			goto fail;
		}
		/*
		 * Looked at before the open: as root, opening a device or a
		 * FIFO for writing can itself do something.
		 */
		if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISREG(sb.st_mode)) {
			errno = S_ISLNK(sb.st_mode) ? ELOOP : EINVAL;
			goto bad_type;
		}
		fd = open_new(dfd, name, of | O_NOFOLLOW, created);
	} else {
		/*
		 * A user's own file, opened as it always was (a symbolic
		 * link is followed).  Its directory is only for removing a
		 * file this writer made and could not fill: if it cannot be
		 * opened, such a file stays.
		 */
		fd = open_new(AT_FDCWD, path, of, created);
		dfd = af_open_dir(path, flags & ~AFP_MKDIR, &name, dwhy,
		    sizeof (dwhy));
	}
	if (fd == -1) {
		if ((flags & AFP_STRICT) != 0 && errno == ELOOP)
			goto bad_type;
		e = errno;
		(void) snprintf(why, len, "cannot open for appending: %s",
		    strerror(e));
		errno = e;
		goto fail;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		(void) close(fd);
		errno = EINVAL;
		goto bad_type;
	}
	if ((flags & AFP_STRICT) != 0) {
		if (sb.st_uid != 0)
			(void) snprintf(why, len, "is owned by uid %lu, not "
			    "root; not writing as root",
			    (unsigned long)sb.st_uid);
		else if (sb.st_nlink != 1)
			(void) snprintf(why, len, "has %lu hard links, not 1; "
			    "not writing as root", (unsigned long)sb.st_nlink);
		else if ((sb.st_mode & 077) != 0)
			(void) snprintf(why, len, "has mode %04o, open to its "
			    "group or others; not writing as root",
			    (unsigned)(sb.st_mode & 07777));
		else
			goto good;
		(void) close(fd);
		errno = EPERM;
		goto fail;
	}
good:
	if (dfd != -1)
		*namep = name;
	*dfdp = dfd;
	return (fd);
bad_type:
	e = errno;
	if (e == ELOOP)
		(void) snprintf(why, len, "is a symbolic link; not writing "
		    "through it as root");
	else
		(void) snprintf(why, len, "is not a regular file; not writing");
	errno = e;
fail:
	e = errno;
	if (dfd != -1)
		(void) close(dfd);
	errno = e;
	return (-1);
}

/* The most of a file's start read for its header (ours: under 400). */
#define	AF_HDRMAX	4096

/* A string item is want, as libexacct reads it (up to a NUL). */
static int
item_is(const struct ex_obj *ob, const char *want)
{
	size_t n = strlen(want);

	return (ob->eo_data != NULL && ob->eo_dlen >= n &&
	    memcmp(ob->eo_data, want, n) == 0 &&
	    (ob->eo_dlen == n || ob->eo_data[n] == '\0'));
}

int
af_check_header(int fd, uint64_t *hdrlen, char *why, size_t len)
{
	uint8_t buf[AF_HDRMAX];
	char shown[33];
	struct ex_src src;
	struct ex_stream st;
	struct ex_obj ob;
	ssize_t n;
	uint32_t i, nobjs;
	size_t k;
	int r = 0;

	while ((n = pread(fd, buf, sizeof (buf), 0)) == -1 && errno == EINTR)
		;
	if (n == -1) {
		(void) snprintf(why, len, "cannot read its header: %s",
		    strerror(errno));
		return (-1);
	}
	ex_src_open_mem(&src, buf, (size_t)n);
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	if (ex_read_header(&st, NULL, why, len) == -1)
		return (-1);
	/*
	 * ex_read_header says there is a creator, not whose: walk the
	 * header's items again.  Only exdump's sweep and the illumos kernel
	 * write these files; any other creator is a file some other program
	 * (or person) made, not one to add root's records to.
	 */
	ex_stream_init(&st, &src, 0, UINT64_MAX);
	nobjs = ex_next(&st, &ob) == EX_OK ? ob.eo_nobjs : 0;
	for (i = 0; i < nobjs && r == 0; i++) {
		if (ex_next(&st, &ob) != EX_OK)
			break;		/* ex_read_header read them */
		if (ob.eo_tag != EX_TAG(EX_T_STRING, 0, EXD_CREATOR) ||
		    item_is(&ob, "exdump") || item_is(&ob, "SunOS"))
			continue;
		for (k = 0; k < sizeof (shown) - 1 && k < ob.eo_dlen &&
		    ob.eo_data != NULL && ob.eo_data[k] != '\0'; k++)
			shown[k] = ob.eo_data[k] >= 0x20 &&
			    ob.eo_data[k] < 0x7f ? (char)ob.eo_data[k] : '?';
		shown[k] = '\0';
		(void) snprintf(why, len, "its header's creator is \"%s\", "
		    "not exdump or the kernel (SunOS)", shown);
		r = -1;
	}
	/* All its members read, one group deep: its backskip ends it. */
	if (r == 0 && hdrlen != NULL)
		*hdrlen = i == nobjs && st.st_depth == 1 ? st.st_pos + 4 :
		    ex_be64(buf + 4) + 16;
	ex_src_close(&src);
	return (r);
}

/*
 * The writer.
 */

int
af_writer_open(struct af_writer *w, const char *path, int deflt,
    const char *host)
{
	char why[PATH_MAX + 160];
	int root = geteuid() == 0;

	w->aw_path = path;
	w->aw_dfd = -1;
	w->aw_name = NULL;
	w->aw_created = 0;
	w->aw_locked = 0;
	w->aw_was_empty = -1;
	w->aw_nosync = 0;
	w->aw_hdrlen = 0;
	w->aw_host = host;
	/* As root the walk makes the default directory, checking its way. */
	if (deflt && !root && make_dirs(AF_DEFAULT_DIR) == -1) {
		warn_file(AF_DEFAULT_DIR, "cannot create the directory: %s (the "
		    "default file needs root; name a FILE)", strerror(errno));
		return (w->aw_fd = -1);
	}
	w->aw_fd = af_open_file(path, root ? AFP_STRICT | (deflt ? AFP_MKDIR :
	    0) : 0, &w->aw_dfd, &w->aw_name, &w->aw_created, why,
	    sizeof (why));
	if (w->aw_fd == -1)
		warn_file(path, "%s%s", why, deflt && !root ?
		    " (the default file needs root; name a FILE)" : "");
	return (w->aw_fd == -1 ? -1 : 0);
}

/*
 * A file that is not empty must be exacct, from exdump or the kernel.
 * Checked as soon as the lock is held, before anything is gathered: a
 * refused file costs no sweep.
 */
static int
check_header(struct af_writer *w)
{
	char why[256];

	if (af_check_header(w->aw_fd, &w->aw_hdrlen, why,
	    sizeof (why)) == -1) {
		warn_file(w->aw_path, "%s; not appending to it", why);
		return (-1);
	}
	return (0);
}

int
af_writer_lock(struct af_writer *w, int wait)
{
	struct flock fl;
	uint64_t size;
	int r;

	memset(&fl, 0, sizeof (fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	while ((r = fcntl(w->aw_fd, wait ? F_SETLKW : F_SETLK, &fl)) == -1 &&
	    errno == EINTR && wait)
		;
	if (r == -1 && !wait && (errno == EAGAIN || errno == EACCES ||
	    errno == EINTR))
		return (AF_BUSY);
	/* The size only now: another writer may have written the header. */
	if (r == -1 || fstat(w->aw_fd, &w->aw_sb) == -1) {
		warn_file(w->aw_path, "cannot lock: %s", strerror(errno));
		return (-1);
	}
	w->aw_locked = 1;
	/*
	 * Removed while this writer waited for the lock, by a sweep that
	 * made it and could not fill it: records appended now would go with
	 * it.
	 */
	if (w->aw_sb.st_nlink == 0) {
		af_writer_unlock(w);
		return (AF_REOPEN);
	}
	if (w->aw_was_empty == -1)
		w->aw_was_empty = w->aw_sb.st_size == 0;
	if (w->aw_sb.st_size == 0)
		return (0);
	if (check_header(w) == -1)
		return (-1);
	/*
	 * A torn record at the end (a writer killed in its write) would hide
	 * the records appended after it: cut it off first.
	 */
	size = (uint64_t)w->aw_sb.st_size;
	if (w->aw_hdrlen > size) {
		warn_file(w->aw_path, "its header is damaged; not appending "
		    "to it");
		return (-1);
	}
	if (af_mend(w->aw_fd, w->aw_path, &size, w->aw_hdrlen) == -1)
		return (-1);
	w->aw_sb.st_size = (off_t)size;
	return (0);
}

/* The header this writer gives an empty file. */
static void
make_header(const struct af_writer *w, struct ex_wbuf *hdr)
{
	ex_w_init(hdr);
	ex_w_header(hdr, "exdump", w->aw_host != NULL && w->aw_host[0] !=
	    '\0' ? w->aw_host : NULL);
}

int
af_writer_append(struct af_writer *w, const uint8_t *p, size_t n,
    const char *what)
{
	struct ex_wbuf hdr;
	int r;

	if (w->aw_sb.st_size == 0) {
		/*
		 * A new accounting file shows every user's commands: private,
		 * even if it was made empty beforehand with a looser mode.
		 */
		if ((w->aw_sb.st_mode & 077) != 0 && fchmod(w->aw_fd,
		    0600) == -1) {
			warn_file(w->aw_path, "cannot make it private (mode "
			    "0600): %s", strerror(errno));
			return (-1);
		}
		make_header(w, &hdr);
		r = hdr.wb_err != 0 ? (errno = hdr.wb_err, -1) : 0;
		if (r == 0)
			r = af_append(w->aw_fd, w->aw_path, hdr.wb_buf,
			    hdr.wb_len, 0, "the header", 0);
		else
			warn_file(w->aw_path, "cannot build the header: %s",
			    strerror(errno));
		if (r == 0)
			w->aw_sb.st_size = (off_t)hdr.wb_len;
		ex_w_free(&hdr);
		if (r == -1)
			return (-1);
	}
	if (af_append(w->aw_fd, w->aw_path, p, n, w->aw_sb.st_size,
	    what, w->aw_nosync ? AFA_NOSYNC : 0) == -1)
		return (-1);
	w->aw_sb.st_size += (off_t)n;
	return (0);
}

void
af_writer_unlock(struct af_writer *w)
{
	struct flock fl;

	if (!w->aw_locked)
		return;
	memset(&fl, 0, sizeof (fl));
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	(void) fcntl(w->aw_fd, F_SETLK, &fl);
	w->aw_locked = 0;
}

/*
 * After a failed append, the lock still held: a file that this writer
 * made, or found empty and gave its header, and that holds nothing or
 * only that header (the append was cut back) is removed, so that a
 * failure (a full disk) leaves no file behind that looks like a sweep's.
 * By the same directory fd, and only while the name still leads to this
 * file: in root's directories no one else can change that; in a user's
 * the check keeps another file put at the name since.  Never if the lock
 * was not had: another writer may be writing the file.
 */
int
af_writer_remove_unfilled(struct af_writer *w)
{
	uint8_t buf[1024];
	struct ex_wbuf hdr;
	struct stat sb, at;
	int ours;

	if (w->aw_dfd == -1 || !w->aw_locked || w->aw_was_empty == -1 ||
	    (!w->aw_created && !w->aw_was_empty) ||
	    fstat(w->aw_fd, &sb) == -1)
		return (0);
	if (sb.st_size == 0) {
		/* Found empty and left so: as it was, not ours to remove. */
		ours = w->aw_created;
	} else {
		/* The header af_writer_append gives a new file. */
		make_header(w, &hdr);
		ours = hdr.wb_err == 0 && hdr.wb_len <= sizeof (buf) &&
		    sb.st_size == (off_t)hdr.wb_len &&
		    pread(w->aw_fd, buf, hdr.wb_len, 0) ==
		    (ssize_t)hdr.wb_len &&
		    memcmp(buf, hdr.wb_buf, hdr.wb_len) == 0;
		ex_w_free(&hdr);
	}
	if (!ours || fstatat(w->aw_dfd, w->aw_name, &at,
	    AT_SYMLINK_NOFOLLOW) == -1 || at.st_dev != sb.st_dev ||
	    at.st_ino != sb.st_ino)
		return (0);
	if (unlinkat(w->aw_dfd, w->aw_name, 0) == -1) {
		warn_file(w->aw_path, "cannot remove it, which holds no "
		    "records: %s", strerror(errno));
		return (0);
	}
	warn_file(w->aw_path, "removed it: this writer made it (or found it "
	    "empty) and could not write its records");
	return (1);
}

void
af_writer_close(struct af_writer *w)
{
	af_writer_unlock(w);
	if (w->aw_fd != -1)
		(void) close(w->aw_fd);
	if (w->aw_dfd != -1)
		(void) close(w->aw_dfd);
	w->aw_fd = w->aw_dfd = -1;
}
