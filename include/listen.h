/*
 * listen.h: exdump -W, the exit listener (listen_linux.c; on illumos,
 * listen_illumos.c says the kernel writes the exit records itself).
 */
#ifndef LISTEN_H
#define LISTEN_H

/* The default receive buffer of the listener's socket, in bytes. */
#define	LISTEN_RCVBUF	(32 << 20)

/*
 * Append a final record for every process that exits to path (NULL: the
 * default file) until SIGTERM or SIGINT; SIGHUP reopens the file.
 * rcvbuf is the socket's receive buffer (0: LISTEN_RCVBUF).  An exit
 * status.
 */
int	listen_run(const char *path, int rcvbuf);

#endif /* LISTEN_H */
