/* C ABI: a handle of the wrong type, a freed handle and a double free are
 * refused with SOPKIT_EINVAL and a message instead of crashing the host. */
#include <stdlib.h>

#include "check.h"

/* Reading a freed handle is exactly what AddressSanitizer reports: the checks
 * on freed handles run in builds without it. */
#if defined(__SANITIZE_ADDRESS__)
#define SOPKIT_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOPKIT_TEST_ASAN 1
#endif
#endif

static const char* seed_path(void) {
  const char* p = getenv("SOPKIT_SEED");
  return p ? p : "examples/sop-monev-capaian-kinerja.json";
}

static void test_wrong_type_is_refused_naming_both_types(void) {
  sopkit_calendar* cal = NULL;
  size_t n = 12345;
  CHECK_OK(sopkit_calendar_new_asn(&cal, 2024, 2024));
  /* A host (PHP FFI, Go) can pass any pointer where a sopkit_sop is expected. */
  CHECK_STATUS(sopkit_sop_step_count((const sopkit_sop*)(const void*)cal, &n), SOPKIT_EINVAL);
  CHECK(n == 12345);
  CHECK(contains(sopkit_last_error(), "sop is not a live sopkit_sop"));
  CHECK(contains(sopkit_last_error(), "a sopkit_calendar handle"));
  /* Freeing it as the wrong type leaves it alone: it still works. */
  sopkit_sop_free((sopkit_sop*)(void*)cal);
  {
    int working = -1;
    int64_t t = 0;
    CHECK_OK(sopkit_instant_parse("2024-04-04T09:00", &t));
    CHECK_OK(sopkit_calendar_is_working_time(cal, t, &working));
    CHECK(working == 1);
  }
  sopkit_calendar_free(cal);
}

static void test_arrays_of_handles_are_checked_too(void) {
  sopkit_sop* sop = NULL;
  sopkit_indicators* out = NULL;
  const sopkit_runs_comparison* list[1];
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  list[0] = (const sopkit_runs_comparison*)(const void*)sop;
  CHECK_STATUS(sopkit_runs_compliance(list, 1, 100.0, &out), SOPKIT_EINVAL);
  CHECK(out == NULL);
  CHECK(contains(sopkit_last_error(), "comparisons[0] is not a live sopkit_runs_comparison"));
  sopkit_sop_free(sop);
}

#ifndef SOPKIT_TEST_ASAN
static void test_freed_handle_and_double_free_are_refused(void) {
  sopkit_sop* sop = NULL;
  size_t n = 12345;
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  sopkit_sop_free(sop);
  CHECK_STATUS(sopkit_sop_step_count(sop, &n), SOPKIT_EINVAL);
  CHECK(n == 12345);
  CHECK(contains(sopkit_last_error(), "sop is not a live sopkit_sop"));
  sopkit_sop_free(sop); /* a double free must not reach the allocator (it aborts) */
  CHECK(contains(sopkit_last_error(), "not a live sopkit_sop"));
}
#endif

int main(void) {
  test_wrong_type_is_refused_naming_both_types();
  test_arrays_of_handles_are_checked_too();
#ifndef SOPKIT_TEST_ASAN
  test_freed_handle_and_double_free_are_refused();
#endif
  return check_summary();
}
