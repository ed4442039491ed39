/*
 * replay.c: a plain main for the fuzz target, so that make check runs every
 * corpus file through it (under the sanitizers in make check-asan) without
 * libFuzzer.
 *
 *   fuzz_replay DIR|FILE...
 *
 * Every regular file named, or found directly in a directory named, is
 * read whole and given to LLVMFuzzerTestOneInput.  The last line is
 * "replayed N inputs"; the exit status is 1 if a file could not be read.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static unsigned long rp_count;
static int rp_failed;

static void
replay_file(const char *path)
{
	FILE *f;
	uint8_t *buf = NULL, *nbuf;
	size_t len = 0, cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL) {
		(void) fprintf(stderr, "replay: %s: %s\n", path,
		    strerror(errno));
		rp_failed = 1;
		return;
	}
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((nbuf = realloc(buf, cap)) == NULL) {
				(void) fprintf(stderr, "replay: %s: out of "
				    "memory\n", path);
				rp_failed = 1;
				goto done;
			}
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		(void) fprintf(stderr, "replay: %s: read error\n", path);
		rp_failed = 1;
		goto done;
	}
	/* An exact-size copy, so ASan sees any read past the input. */
	if ((nbuf = malloc(len > 0 ? len : 1)) == NULL) {
		rp_failed = 1;
		goto done;
	}
	if (len > 0)
		memcpy(nbuf, buf, len);
	(void) LLVMFuzzerTestOneInput(nbuf, len);
	free(nbuf);
	rp_count++;
done:
	free(buf);
	(void) fclose(f);
}

static void
replay_path(const char *path)
{
	struct stat sb;
	struct dirent *de;
	DIR *d;
	char *sub;
	size_t n;

	if (stat(path, &sb) == -1) {
		(void) fprintf(stderr, "replay: %s: %s\n", path,
		    strerror(errno));
		rp_failed = 1;
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		replay_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		(void) fprintf(stderr, "replay: %s: %s\n", path,
		    strerror(errno));
		rp_failed = 1;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		n = strlen(path) + strlen(de->d_name) + 2;
		if ((sub = malloc(n)) == NULL) {
			rp_failed = 1;
			break;
		}
		(void) snprintf(sub, n, "%s/%s", path, de->d_name);
		/* One level only: a corpus is a flat directory. */
		if (stat(sub, &sb) == 0 && S_ISREG(sb.st_mode))
			replay_file(sub);
		free(sub);
	}
	(void) closedir(d);
}

int
main(int argc, char *argv[])
{
	int i;

	if (argc < 2) {
		(void) fprintf(stderr, "usage: fuzz_replay DIR|FILE...\n");
		return (2);
	}
	for (i = 1; i < argc; i++)
		replay_path(argv[i]);
	(void) printf("replayed %lu inputs\n", rp_count);
	return (rp_failed);
}
