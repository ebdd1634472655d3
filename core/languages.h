/*
 * languages.h — ISO 639-1 codes and their autonyms (languages.c), for validating the languages
 * of listings and calls and for showing them.
 */
#ifndef LANGUAGES_H
#define LANGUAGES_H

#include <stddef.h>

struct language_name {
    const char *code; /* "lt" */
    const char *name; /* "Lietuvių" */
};

/* The autonym of an ISO 639-1 code, or NULL when the code is not one. */
const char *language_name(const char *code);
/* The table in code order, for choices. */
size_t language_count(void);
const struct language_name *language_at(size_t i);

#endif
