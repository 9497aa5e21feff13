// Vectorscan cost of a pattern set, driven by Benchmarks/pattern-cost.py.
//   pattern-cost compile PATTERNS DB   one pattern a line ("<flags> <pattern>"), serialized to DB
//   pattern-cost scan DB FILE          scans FILE in 4 MiB blocks, no callback
//   pattern-cost scan-each LIST FILE   the same for each DB named in LIST (one path a line), each
//                                      scan dumped as its own callgrind part
// Compiling is slow under valgrind, so it runs natively; `scan` runs under
// `valgrind --tool=callgrind --collect-atstart=no` and collects only the hs_scan calls, so the
// "Collected" figure is Vectorscan's scan cost alone, repeatable on a loaded machine.
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

static char *read_all(const char *path, size_t *length) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(2); }
    fseek(file, 0, SEEK_END); *length = (size_t)ftell(file); fseek(file, 0, SEEK_SET);
    char *data = malloc(*length + 1);
    if (fread(data, 1, *length, file) != *length) { perror(path); exit(2); }
    fclose(file);
    return data;
}

static int compile(const char *listPath, const char *dbPath) {
    FILE *list = fopen(listPath, "r");
    if (!list) { perror(listPath); return 2; }
    size_t capacity = 4096, count = 0;
    char **patterns = malloc(capacity * sizeof *patterns);
    unsigned *flags = malloc(capacity * sizeof *flags), *ids = malloc(capacity * sizeof *ids);
    char *line = NULL; size_t size = 0; ssize_t got;
    while ((got = getline(&line, &size, list)) > 0 && count < capacity) {
        if (line[got - 1] == '\n') line[got - 1] = 0;
        char *space = strchr(line, ' ');
        if (!space) continue;
        *space = 0;
        flags[count] = (unsigned)atoi(line);
        patterns[count] = strdup(space + 1);
        ids[count] = (unsigned)count;
        count++;
    }
    hs_database_t *db; hs_compile_error_t *error;
    if (hs_compile_multi((const char *const *)patterns, flags, ids, (unsigned)count, HS_MODE_BLOCK, NULL, &db, &error) != HS_SUCCESS) {
        fprintf(stderr, "expression %d: %s\n", error->expression, error->message);
        return 1;
    }
    char *bytes; size_t length;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) return 2;
    FILE *out = fopen(dbPath, "wb");
    if (!out || fwrite(bytes, 1, length, out) != length) { perror(dbPath); return 2; }
    fclose(out);
    return 0;
}

static int scan(const char *dbPath, const char *data, size_t length, int dumpEach) {
    size_t dbLength;
    char *bytes = read_all(dbPath, &dbLength);
    hs_database_t *db = NULL;
    hs_scratch_t *scratch = NULL;
    if (hs_deserialize_database(bytes, dbLength, &db) != HS_SUCCESS || hs_alloc_scratch(db, &scratch) != HS_SUCCESS) return 2;
    const size_t block = 4u << 20;
    if (dumpEach) CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
    for (size_t offset = 0; offset < length; offset += block) {
        size_t n = length - offset < block ? length - offset : block;
        hs_scan(db, data + offset, (unsigned)n, 0, scratch, NULL, NULL);
    }
    CALLGRIND_TOGGLE_COLLECT;
    if (dumpEach) CALLGRIND_DUMP_STATS_AT(dbPath);
    hs_free_scratch(scratch);
    hs_free_database(db);
    free(bytes);
    return 0;
}

static int scan_each(const char *listPath, const char *data, size_t length) {
    FILE *list = fopen(listPath, "r");
    if (!list) { perror(listPath); return 2; }
    char *line = NULL; size_t size = 0; ssize_t got;
    while ((got = getline(&line, &size, list)) > 0) {
        if (line[got - 1] == '\n') line[got - 1] = 0;
        if (*line && scan(line, data, length, 1) != 0) return 2;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "compile") == 0) return compile(argv[2], argv[3]);
    if (argc == 4 && (strcmp(argv[1], "scan") == 0 || strcmp(argv[1], "scan-each") == 0)) {
        size_t length;
        char *data = read_all(argv[3], &length);
        return argv[1][4] ? scan_each(argv[2], data, length) : scan(argv[2], data, length, 0);
    }
    fprintf(stderr, "usage: pattern-cost compile PATTERNS DB | scan DB FILE\n");
    return 2;
}
