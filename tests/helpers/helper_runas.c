/*
 * helper_runas: run a command under another user and group, without
 * root's supplementary groups, keeping the pid (it execs).
 *
 *	helper_runas UID GID COMMAND [ARG ...]
 */
#if defined(__linux__)
#define	_DEFAULT_SOURCE		/* setgroups() */
#endif
#include <sys/types.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	uid_t uid;
	gid_t gid;

	if (argc < 4) {
		(void) fprintf(stderr,
		    "usage: helper_runas UID GID COMMAND [ARG ...]\n");
		return (2);
	}
	uid = (uid_t)strtoul(argv[1], NULL, 10);
	gid = (gid_t)strtoul(argv[2], NULL, 10);
	/* Groups first: after setuid() we may no longer change them. */
	if (setgroups(0, NULL) == -1 || setgid(gid) == -1 ||
	    setuid(uid) == -1) {
		perror("helper_runas");
		return (1);
	}
	(void) execvp(argv[3], argv + 3);
	perror(argv[3]);
	return (127);
}
