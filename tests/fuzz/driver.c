// SPDX-License-Identifier: MIT
/*
 * tests/fuzz/driver.c - a plain main() that replays inputs through a
 * fuzz harness's LLVMFuzzerTestOneInput, without libFuzzer.
 *
 * Each argument is a file, or a directory whose regular files are
 * replayed in sorted name order (not recursively; dot files skipped).
 * Prints "replayed N inputs" and exits 0 (1 if a file could not be read
 * or there was no input at all); a harness that finds a bug
 * aborts, so the process dies with the harness's report on stderr.
 * This is what CTest runs over tests/fuzz/corpus/NAME/, and what AFL++
 * (afl-clang-fast without -fsanitize=fuzzer) can drive file by file.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Inputs larger than this are a mistake in the corpus, not an input. */
#define MAX_INPUT (16u << 20)

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			uint8_t *nb;

			cap = cap ? cap * 2 : 4096;
			if (cap > MAX_INPUT) {
				fprintf(stderr, "%s: larger than %u bytes\n",
					path, MAX_INPUT);
				goto fail;
			}
			nb = realloc(buf, cap);
			if (!nb) {
				fprintf(stderr, "%s: out of memory\n", path);
				goto fail;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		goto fail;
	}
	fclose(f);
	/* A private copy of exactly @len bytes so ASan sees overreads. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact) {
			free(buf);
			fprintf(stderr, "%s: out of memory\n", path);
			return -1;
		}
		if (len)
			memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	return 0;
fail:
	fclose(f);
	free(buf);
	return -1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay the regular files of @dir in sorted order; -1 on error. */
static int replay_dir(const char *dir, unsigned long *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nn;

			cap = cap ? cap * 2 : 64;
			nn = realloc(names, cap * sizeof(*names));
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(d);
	if (rc)
		fprintf(stderr, "%s: out of memory\n", dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = malloc(len);
		struct stat st;

		if (!rc && !path)
			rc = -1;
		if (!rc) {
			snprintf(path, len, "%s/%s", dir, names[i]);
			if (stat(path, &st) != 0) {
				perror(path);
				rc = -1;
			} else if (S_ISREG(st.st_mode)) {
				if (replay_file(path) != 0)
					rc = -1;
				else
					(*count)++;
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long count = 0;
	int i, rc = 0;
	/* The harness may point stdout elsewhere: report on the original. */
	int out_fd = dup(1);
	FILE *out = out_fd >= 0 ? fdopen(out_fd, "w") : NULL;

	if (!out)
		out = stdout;
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			rc = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (replay_dir(argv[i], &count) != 0)
				rc = 1;
		} else if (replay_file(argv[i]) != 0) {
			rc = 1;
		} else {
			count++;
		}
	}
	fprintf(out, "replayed %lu inputs\n", count);
	fflush(out);
	if (!count) {
		fprintf(stderr, "%s: no inputs found\n", argv[0]);
		rc = 1;
	}
	return rc;
}
