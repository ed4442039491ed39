/*
 * gen_procs.c: write an exacct file of N partial process records, each of
 * a different process, for the interval report's memory benchmark: every
 * one stays live in the interval engine to the end.
 *
 *	gen_procs N FILE
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "exacct.h"
#include "records.h"

#define	U32(id)	EX_TAG(EX_T_UINT32, 0, (id))
#define	U64(id)	EX_TAG(EX_T_UINT64, 0, (id))

int
main(int argc, char *argv[])
{
	struct ex_wbuf w;
	unsigned long i, n;
	int fd;

	if (argc != 3 || (n = strtoul(argv[1], NULL, 10)) == 0) {
		(void) fprintf(stderr, "usage: gen_procs N FILE\n");
		return (2);
	}
	if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1) {
		perror(argv[2]);
		return (1);
	}
	ex_w_init(&w);
	ex_w_header(&w, "exdump", "bench");
	for (i = 0; i < n; i++) {
		ex_w_group_begin(&w, EX_TAG(EX_T_GROUP, 0,
		    EXD_GROUP_PROC_PARTIAL));
		ex_w_uint(&w, U32(EXD_PROC_PID), i + 1);
		ex_w_uint(&w, U32(EXD_PROC_UID), i % 1000);
		ex_w_uint(&w, U64(EXD_PROC_START_SEC), 1700000000 + i / 100);
		ex_w_uint(&w, U64(EXD_PROC_START_NSEC), i % 1000000000);
		ex_w_uint(&w, U64(EXD_PROC_FINISH_SEC), 1800000000);
		ex_w_uint(&w, U64(EXD_PROC_FINISH_NSEC), 0);
		ex_w_uint(&w, U64(EXD_PROC_CPU_USER_SEC), i % 7);
		ex_w_uint(&w, U64(EXD_PROC_CPU_USER_NSEC), i % 999999999);
		ex_w_uint(&w, U64(EXD_PROC_FAULTS_MINOR), i);
		ex_w_uint(&w, U64(EXD_PROC_CHARS_RDWR), i * 3);
		ex_w_string(&w, EX_TAG(EX_T_STRING, 0, EXD_PROC_COMMAND),
		    "bench");
		ex_w_group_end(&w);
		if (w.wb_len > (1 << 20) || i + 1 == n) {
			if (w.wb_err != 0 ||
			    write(fd, w.wb_buf, w.wb_len) != (ssize_t)w.wb_len) {
				perror(argv[2]);
				return (1);
			}
			ex_w_reset(&w);
		}
	}
	ex_w_free(&w);
	return (close(fd) == 0 ? 0 : 1);
}
