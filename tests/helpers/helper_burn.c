/*
 * helper_burn: a child for the sweep tests that burns a known amount of
 * CPU, says so, then sleeps until it is killed.
 *
 *	helper_burn MS READYFILE
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	volatile unsigned long spin = 0;
	clock_t want;
	int fd;

	if (argc != 3) {
		(void) fprintf(stderr, "usage: helper_burn MS READYFILE\n");
		return (2);
	}
	want = (clock_t)(strtol(argv[1], NULL, 10) * (CLOCKS_PER_SEC / 1000));
	/* clock() is this process's CPU time: spin until it is reached. */
	while (clock() < want)
		spin++;
	if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1 ||
	    write(fd, "ready\n", 6) != 6 || close(fd) == -1) {
		perror(argv[2]);
		return (1);
	}
	for (;;)
		(void) pause();
}
