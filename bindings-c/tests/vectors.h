/* Reads the shared vectors (tests/vectors/README.md): every *.jsonl file of a folder, found at run time and
 * sorted by name, three non-blank lines per vector — "# description", request, exact response. */
#ifndef WUYE_TEST_VECTORS_H
#define WUYE_TEST_VECTORS_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *file;        /* file name, e.g. "protocol.jsonl" */
    long line;         /* line of the description */
    char *description; /* without the leading "# " */
    char *request;
    char *response;
} vector;

typedef struct {
    vector *items;
    size_t count;
    int files;
    int malformed; /* files whose lines do not come in threes */
} vector_set;

static inline int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline int is_blank(const char *line) {
    for (; *line; line++) {
        if (*line != ' ' && *line != '\t' && *line != '\r' && *line != '\n') return 0;
    }
    return 1;
}

/* Drops a trailing "\n" or "\r\n", like Rust's str::lines. */
static inline void chomp(char *line, ssize_t *len) {
    if (*len > 0 && line[*len - 1] == '\n') line[--*len] = '\0';
    if (*len > 0 && line[*len - 1] == '\r') line[--*len] = '\0';
}

static inline char *copy_of(const char *s) {
    size_t n = strlen(s) + 1;
    char *out = malloc(n);
    if (out) memcpy(out, s, n);
    return out;
}

static inline void push_vector(vector_set *set, const char *file, long line, char *lines[3]) {
    vector *grown = realloc(set->items, (set->count + 1) * sizeof *grown);
    if (!grown) {
        perror("realloc");
        exit(2);
    }
    set->items = grown;
    vector *v = &set->items[set->count++];
    v->file = copy_of(file);
    v->line = line;
    v->description = copy_of(strncmp(lines[0], "# ", 2) == 0 ? lines[0] + 2 : lines[0]);
    v->request = copy_of(lines[1]);
    v->response = copy_of(lines[2]);
}

static inline void read_vector_file(vector_set *set, const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        set->malformed++;
        return;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long number = 0, first = 0;
    char *group[3] = {NULL, NULL, NULL};
    int have = 0;
    while ((len = getline(&line, &cap, f)) != -1) {
        number++;
        chomp(line, &len);
        if (is_blank(line)) continue;
        if (have == 0) {
            first = number;
            if (strncmp(line, "# ", 2) != 0) {
                fprintf(stderr, "%s:%ld: a vector starts with a `# description` line\n", path, number);
                set->malformed++;
            }
        }
        group[have++] = copy_of(line);
        if (have == 3) {
            push_vector(set, name, first, group);
            for (int i = 0; i < 3; i++) free(group[i]);
            have = 0;
        }
    }
    if (have != 0) {
        fprintf(stderr, "%s: vectors come in three lines\n", path);
        set->malformed++;
        for (int i = 0; i < have; i++) free(group[i]);
    }
    free(line);
    fclose(f);
    set->files++;
}

/* Loads every *.jsonl file in `dir`. */
static inline vector_set load_vectors(const char *dir) {
    vector_set set = {NULL, 0, 0, 0};
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        set.malformed++;
        return set;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 6 && strcmp(e->d_name + len - 6, ".jsonl") == 0) {
            char **grown = realloc(names, (n + 1) * sizeof *grown);
            if (!grown) {
                perror("realloc");
                exit(2);
            }
            names = grown;
            names[n++] = copy_of(e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        read_vector_file(&set, dir, names[i]);
        free(names[i]);
    }
    free(names);
    return set;
}

static inline void free_vectors(vector_set *set) {
    for (size_t i = 0; i < set->count; i++) {
        free(set->items[i].file);
        free(set->items[i].description);
        free(set->items[i].request);
        free(set->items[i].response);
    }
    free(set->items);
    set->items = NULL;
    set->count = 0;
}

#endif
