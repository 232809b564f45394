/* check.h — a tiny C99 test harness for the C ABI suites.
 *
 * CHECK(cond) records a failure with its line and goes on; CHECK_STATUS(call,
 * expected) also prints sopkit_last_error(). main() ends with check_summary(),
 * which prints "N passed, N failed" and returns the exit code. */
#ifndef SOPKIT_TEST_CHECK_H
#define SOPKIT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "sopkit/sopkit.h"

static int check_passed = 0;
static int check_failed = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      ++check_passed;                                                          \
    } else {                                                                   \
      ++check_failed;                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                          \
  } while (0)

#define CHECK_STATUS(call, expected)                                                         \
  do {                                                                                       \
    int got_ = (call);                                                                       \
    if (got_ == (expected)) {                                                                \
      ++check_passed;                                                                        \
    } else {                                                                                 \
      ++check_failed;                                                                        \
      fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d; last error: %s\n", __FILE__, \
              __LINE__, #call, got_, sopkit_status_str(got_), (int)(expected),               \
              sopkit_last_error());                                                          \
    }                                                                                        \
  } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, SOPKIT_OK)

/* True when `haystack` contains `needle`. */
static int contains(const char* haystack, const char* needle) {
  return haystack != NULL && needle != NULL && strstr(haystack, needle) != NULL;
}

static int check_summary(void) {
  printf("%d passed, %d failed\n", check_passed, check_failed);
  return check_failed == 0 ? 0 : 1;
}

#endif
