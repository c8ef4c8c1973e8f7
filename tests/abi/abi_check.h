/* abi_check.h: the checking macros of the C99 ABI test (they report and count, never abort). */
#ifndef LINESIDE_TESTS_ABI_CHECK_H
#define LINESIDE_TESTS_ABI_CHECK_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "lineside/lineside.h"

/** Number of failed checks so far (defined in abi_test_main.c). */
extern int abi_failures;

/** Record one failed check when got != want. */
static inline void abi_expect_size(const char *what, unsigned long got, unsigned long want) {
  if (got != want) {
    fprintf(stderr, "ABI mismatch: %s is %lu, expected %lu\n", what, got, want);
    ++abi_failures;
  }
}

/** Record one failed check when got and want differ as strings. */
static inline void abi_expect_text(const char *what, const char *got, const char *want) {
  if (strcmp(got, want) != 0) {
    fprintf(stderr, "ABI mismatch: %s is \"%s\", expected \"%s\"\n", what, got, want);
    ++abi_failures;
  }
}

/** Alignment of T in C99 (no _Alignof). */
#define ABI_ALIGNOF(T) offsetof(struct { char c; T t; }, t)

/** sizeof(T) == SZ and its alignment == AL. */
#define SIZE(T, SZ, AL)                                                                  \
  do {                                                                                   \
    abi_expect_size("sizeof(" #T ")", (unsigned long)sizeof(T), (unsigned long)(SZ));    \
    abi_expect_size("alignof(" #T ")", (unsigned long)ABI_ALIGNOF(T), (unsigned long)(AL)); \
  } while (0)

/** offsetof(T, F) == OFF and sizeof(T.F) == SZ. */
#define FIELD(T, F, OFF, SZ)                                                                   \
  do {                                                                                         \
    abi_expect_size("offsetof(" #T ", " #F ")", (unsigned long)offsetof(T, F), (unsigned long)(OFF)); \
    abi_expect_size("sizeof(" #T "." #F ")", (unsigned long)sizeof(((T *)0)->F), (unsigned long)(SZ)); \
  } while (0)

/** An integer constant's value (and that it has the width of uint32_t when W is 4). */
#define CONSTANT(C, V, W)                                                        \
  do {                                                                           \
    abi_expect_size(#C, (unsigned long)(C), (unsigned long)(V));                 \
    abi_expect_size("sizeof(" #C ")", (unsigned long)sizeof(C), (unsigned long)(W)); \
  } while (0)

/** A string constant's text. */
#define TEXT(C, V) abi_expect_text(#C, (C), (V))

void abi_check_layout(void);
void abi_check_constants(void);

#endif /* LINESIDE_TESTS_ABI_CHECK_H */
