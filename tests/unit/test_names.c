/*
 * test_names.c: project names from a file of the project(5) format, as
 * -v finds them where the system has no project database library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exdump.h"
#include "test.h"

const char *progname = "exdump";

int
main(void)
{
	char path[] = "/tmp/exdump-project-XXXXXX", buf[64];
	FILE *f;
	int fd;

	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		TEST_SKIP("cannot make a temporary file");
		TEST_DONE();
	}
	(void) fputs("# projects\n"
	    "system:0::::\n"
	    "user.root:1::::\n"
	    "wrapped:4294967298::::\n"
	    "noproject:2:::: \n"
	    "bad:x::::\n"
	    "spaced: 7::::\n"
	    "group.staff:10:staff members:::\n"
	    "a-very-long-project-name-that-does-not-fit-the-buffer:11::::\n"
	    "dup:10::::\n", f);
	(void) fclose(f);

	CHECK_INT(project_name_in(path, 0, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, "system");
	CHECK_INT(project_name_in(path, 1, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, "user.root");
	/* The first line with the id wins. */
	CHECK_INT(project_name_in(path, 10, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, "group.staff");
	/* No such project, a malformed id, an id with a space before it. */
	CHECK_INT(project_name_in(path, 5, buf, sizeof (buf)), ==, -1);
	CHECK_INT(project_name_in(path, 7, buf, sizeof (buf)), ==, -1);
	/* A name longer than the buffer is no name, never cut. */
	CHECK_INT(project_name_in(path, 11, buf, 16), ==, -1);
	CHECK_INT(project_name_in(path, 11, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, "a-very-long-project-name-that-does-not-fit-the-buffer");
	/* 2^32 + 2 is not project 2. */
	CHECK_INT(project_name_in(path, 2, buf, sizeof (buf)), ==, 0);
	CHECK_STR(buf, "noproject");
	(void) unlink(path);
	CHECK_INT(project_name_in(path, 0, buf, sizeof (buf)), ==, -1);
	TEST_DONE();
}
