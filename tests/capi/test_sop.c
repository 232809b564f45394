/* C ABI: versions, status texts, SOP documents, standard times, validation.
 * Compiled as C99 with -pedantic -Wall -Werror: it is also the header's C99 test. */
#include <stdlib.h>

#include "check.h"

static const char* seed_path(void) {
  const char* p = getenv("SOPKIT_SEED");
  return p ? p : "examples/sop-monev-capaian-kinerja.json";
}

static void test_version(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", SOPKIT_VERSION_MAJOR, SOPKIT_VERSION_MINOR,
           SOPKIT_VERSION_PATCH);
  CHECK(strcmp(sopkit_version(), expected) == 0);
  CHECK(sopkit_version_number() == SOPKIT_VERSION_NUMBER);
}

static void test_status_texts(void) {
  int codes[] = {SOPKIT_OK,          SOPKIT_EINVAL,      SOPKIT_EPARSE,         SOPKIT_EFORMAT,
                 SOPKIT_EIO,         SOPKIT_EVALIDATION, SOPKIT_ENOTFOUND,      SOPKIT_ERANGE,
                 SOPKIT_ENOMEM,      SOPKIT_EBUFFER,     SOPKIT_ENOTCOMPUTABLE, SOPKIT_EINTERNAL,
                 SOPKIT_EUNSUPPORTED};
  size_t i, j;
  for (i = 0; i < sizeof codes / sizeof codes[0]; ++i) {
    CHECK(strcmp(sopkit_status_str(codes[i]), "unknown status") != 0);
    for (j = 0; j < i; ++j)
      CHECK(strcmp(sopkit_status_str(codes[i]), sopkit_status_str(codes[j])) != 0);
  }
  CHECK(strcmp(sopkit_status_str(12345), "unknown status") == 0);
}

static void test_load_seed_and_read_fields(void) {
  sopkit_sop* sop = NULL;
  size_t n = 0, actors = 0;
  const char* text = NULL;
  sopkit_step_kind kind = SOPKIT_STEP_PROCESS;
  double lo = -1, hi = -1;
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK(sop != NULL);
  CHECK(strcmp(sopkit_last_error(), "") == 0);
  CHECK_OK(sopkit_sop_step_count(sop, &n));
  CHECK(n == 13);
  CHECK_OK(sopkit_sop_actor_count(sop, &actors));
  CHECK(actors == 5);
  CHECK_OK(sopkit_sop_step_text(sop, 0, SOPKIT_STEP_ID, &text));
  CHECK(strcmp(text, "1") == 0);
  CHECK_OK(sopkit_sop_step_text(sop, 0, SOPKIT_STEP_ACTOR, &text));
  CHECK(strcmp(text, "sekretaris") == 0);
  CHECK_OK(sopkit_sop_step_text(sop, 2, SOPKIT_STEP_OUTPUT, &text));
  CHECK(strcmp(text, "7 hari") == 0);
  CHECK_OK(sopkit_sop_step_text(sop, 8, SOPKIT_STEP_TIME, &text));
  CHECK(strcmp(text, "1 Minggu") == 0);
  CHECK_OK(sopkit_sop_step_text(sop, 1, SOPKIT_STEP_ACTIVITY, &text));
  CHECK(contains(text, "Triwulan"));
  CHECK_OK(sopkit_sop_step_text(sop, 1, SOPKIT_STEP_NOTE, &text));
  CHECK(strcmp(text, "-") == 0);
  CHECK_OK(sopkit_sop_step_kind(sop, 0, &kind));
  CHECK(kind == SOPKIT_STEP_START);
  CHECK_OK(sopkit_sop_step_kind(sop, 10, &kind));
  CHECK(kind == SOPKIT_STEP_DECISION);
  CHECK_OK(sopkit_sop_step_kind(sop, 12, &kind));
  CHECK(kind == SOPKIT_STEP_END);
  CHECK_OK(sopkit_sop_step_kind(sop, 11, &kind));
  CHECK(kind == SOPKIT_STEP_PROCESS);
  CHECK_OK(sopkit_sop_step_minutes(sop, 8, &lo, &hi)); /* 1 Minggu = 5 x 450 */
  CHECK(lo == 2250 && hi == 2250);
  CHECK_OK(sopkit_sop_step_minutes(sop, 5, NULL, &hi)); /* 3 Jam */
  CHECK(hi == 180);
  sopkit_sop_free(sop);
}

static void test_bad_arguments_leave_outputs_untouched(void) {
  sopkit_sop* sop = NULL;
  sopkit_sop* sentinel = (sopkit_sop*)&sop; /* any non-NULL value */
  sopkit_sop* out = sentinel;
  const char* text = "untouched";
  size_t n = 99;
  sopkit_step_kind kind = SOPKIT_STEP_KIND_RESERVED_;
  CHECK_STATUS(sopkit_sop_load_file(NULL, seed_path()), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "out is NULL"));
  CHECK_STATUS(sopkit_sop_load_file(&out, NULL), SOPKIT_EINVAL);
  CHECK(out == sentinel);
  CHECK_STATUS(sopkit_sop_load_json(&out, NULL, 0), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_step_count(NULL, &n), SOPKIT_EINVAL);
  CHECK(n == 99);
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_STATUS(sopkit_sop_step_count(sop, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_actor_count(sop, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_actor_count(NULL, &n), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_step_text(sop, 13, SOPKIT_STEP_ID, &text), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "past the last step"));
  CHECK(strcmp(text, "untouched") == 0);
  CHECK_STATUS(sopkit_sop_step_text(sop, 0, SOPKIT_STEP_FIELD_RESERVED_, &text), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_step_text(sop, 0, SOPKIT_STEP_ID, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_step_kind(sop, 99, &kind), SOPKIT_EINVAL);
  CHECK(kind == SOPKIT_STEP_KIND_RESERVED_);
  CHECK_STATUS(sopkit_sop_step_kind(sop, 0, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_step_minutes(sop, 99, NULL, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_step_minutes(NULL, 0, NULL, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_to_json(sop, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_save_file(sop, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_save_file(NULL, "x.json"), SOPKIT_EINVAL);
  sopkit_sop_free(sop);
  sopkit_sop_free(NULL); /* a no-op */
}

static void test_load_errors_carry_codes_and_places(void) {
  sopkit_sop* out = NULL;
  const char* broken = "{\n \"format\": \"sopkit.sop/1\",\n \"steps\": [,]}";
  const char* typed =
      "{\"format\": \"sopkit.sop/1\", \"actors\": [], \"steps\": [{\"id\": \"1\", \"time\": 5}]}";
  CHECK_STATUS(sopkit_sop_load_file(&out, "/nonexistent/sop.json"), SOPKIT_EIO);
  CHECK(contains(sopkit_last_error(), "/nonexistent/sop.json"));
  CHECK(out == NULL);
  CHECK_STATUS(sopkit_sop_load_json(&out, broken, strlen(broken)), SOPKIT_EPARSE);
  CHECK(contains(sopkit_last_error(), "<json>:3:"));
  CHECK_STATUS(sopkit_sop_load_json(&out, typed, strlen(typed)), SOPKIT_EFORMAT);
  CHECK(contains(sopkit_last_error(), "/steps/0/time"));
  CHECK(out == NULL);
  /* A length shorter than the text: only those bytes are read. */
  CHECK_STATUS(sopkit_sop_load_json(&out, typed, 10), SOPKIT_EPARSE);
}

static void test_json_round_trip_and_save(void) {
  sopkit_sop *sop = NULL, *again = NULL;
  const char *json = NULL, *json2 = NULL;
  const char* tmp = getenv("TMPDIR");
  char path[512];
  snprintf(path, sizeof path, "%s/sopkit-capi-test-%ld.json", tmp ? tmp : "/tmp", (long)rand());
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_OK(sopkit_sop_to_json(sop, &json));
  CHECK(contains(json, "\"format\": \"sopkit.sop/1\""));
  CHECK_OK(sopkit_sop_load_json(&again, json, strlen(json)));
  CHECK_OK(sopkit_sop_to_json(again, &json2));
  CHECK(strcmp(json, json2) == 0);
  sopkit_sop_free(again);
  again = NULL;
  CHECK_OK(sopkit_sop_save_file(sop, path));
  CHECK_OK(sopkit_sop_load_file(&again, path));
  CHECK_OK(sopkit_sop_to_json(again, &json2));
  CHECK(strcmp(json, json2) == 0);
  CHECK_STATUS(sopkit_sop_save_file(sop, "/nonexistent/dir/x.json"), SOPKIT_EIO);
  remove(path);
  sopkit_sop_free(again);
  sopkit_sop_free(sop);
}

static void test_durations(void) {
  double lo = 0, hi = 0;
  CHECK_OK(sopkit_duration_parse("1-3 Hari", &lo, &hi));
  CHECK(lo == 450 && hi == 1350);
  CHECK_OK(sopkit_duration_parse("1,5 jam", NULL, &hi));
  CHECK(hi == 90);
  CHECK_STATUS(sopkit_duration_parse("segera", &lo, &hi), SOPKIT_EPARSE);
  CHECK(contains(sopkit_last_error(), "'segera'"));
  CHECK(hi == 90);
  CHECK_STATUS(sopkit_duration_parse(NULL, &lo, &hi), SOPKIT_EINVAL);
}

static void test_step_without_parseable_time_is_not_computable(void) {
  const char* doc =
      "{\"format\": \"sopkit.sop/1\", \"actors\": [{\"id\": \"a\"}], \"steps\": ["
      "{\"id\": \"1\", \"actor\": \"a\", \"kind\": \"start\", \"time\": \"lama\", \"next\": \"2\"},"
      "{\"id\": \"2\", \"actor\": \"a\", \"kind\": \"end\"}]}";
  sopkit_sop* sop = NULL;
  double hi = -1;
  CHECK_OK(sopkit_sop_load_json(&sop, doc, strlen(doc)));
  CHECK_STATUS(sopkit_sop_step_minutes(sop, 0, NULL, &hi), SOPKIT_ENOTCOMPUTABLE);
  CHECK(contains(sopkit_last_error(), "'lama'"));
  CHECK_STATUS(sopkit_sop_step_minutes(sop, 1, NULL, &hi), SOPKIT_ENOTCOMPUTABLE);
  CHECK(contains(sopkit_last_error(), "no standard time"));
  CHECK(hi == -1);
  sopkit_sop_free(sop);
}

static void test_validation(void) {
  const char* doc =
      "{\"format\": \"sopkit.sop/1\", \"actors\": [{\"id\": \"a\"}], \"steps\": ["
      "{\"id\": \"1\", \"actor\": \"a\", \"kind\": \"start\", \"time\": \"1 jam\", \"next\": "
      "\"9\"},"
      "{\"id\": \"2\", \"actor\": \"a\", \"kind\": \"end\", \"time\": \"1 jam\"}]}";
  sopkit_sop* sop = NULL;
  sopkit_diagnostics* diags = NULL;
  sopkit_diagnostic d;
  size_t count = 0, errors = 0, i;
  const char* json = NULL;
  int found = 0;
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_OK(sopkit_sop_validate(sop, &diags));
  CHECK_OK(sopkit_diagnostics_count(diags, &count, &errors));
  CHECK(errors == 0 && count > 0);
  for (i = 0; i < count; ++i) {
    CHECK_OK(sopkit_diagnostics_get(diags, i, &d));
    if (strcmp(d.code, "duration_in_output") == 0) {
      found = 1;
      CHECK(d.severity == SOPKIT_SEVERITY_WARNING);
      CHECK(strcmp(d.step, "3") == 0);
      CHECK(strcmp(d.pointer, "/steps/2/output") == 0);
      CHECK(contains(d.message, "7 hari"));
    }
  }
  CHECK(found);
  CHECK_STATUS(sopkit_diagnostics_get(diags, count, &d), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_diagnostics_get(diags, 0, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_diagnostics_count(diags, NULL, NULL), SOPKIT_EINVAL);
  CHECK_OK(sopkit_diagnostics_count(diags, NULL, &errors));
  CHECK_OK(sopkit_diagnostics_to_json(diags, &json));
  CHECK(contains(json, "\"code\":\"duration_in_output\""));
  CHECK_STATUS(sopkit_diagnostics_to_json(diags, NULL), SOPKIT_EINVAL);
  sopkit_diagnostics_free(diags);
  sopkit_sop_free(sop);

  sop = NULL;
  diags = NULL;
  CHECK_OK(sopkit_sop_load_json(&sop, doc, strlen(doc)));
  CHECK_OK(sopkit_sop_validate(sop, &diags));
  CHECK_OK(sopkit_diagnostics_count(diags, &count, &errors));
  CHECK(errors >= 1);
  CHECK_OK(sopkit_diagnostics_get(diags, 0, &d));
  CHECK(d.severity == SOPKIT_SEVERITY_ERROR);
  CHECK(strcmp(d.code, "unknown_flow_target") == 0);
  CHECK_STATUS(sopkit_sop_validate(NULL, &diags), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_validate(sop, NULL), SOPKIT_EINVAL);
  sopkit_diagnostics_free(diags);
  sopkit_diagnostics_free(NULL);
  sopkit_sop_free(sop);
}

static void test_input_limit(void) {
  sopkit_sop* sop = NULL;
  CHECK(sopkit_max_input_bytes() == SOPKIT_DEFAULT_MAX_INPUT_BYTES);
  CHECK(sopkit_set_max_input_bytes(0) == SOPKIT_EINVAL);
  CHECK(sopkit_max_input_bytes() == SOPKIT_DEFAULT_MAX_INPUT_BYTES);
  CHECK_OK(sopkit_set_max_input_bytes(1000));
  CHECK(sopkit_sop_load_file(&sop, seed_path()) == SOPKIT_EIO);
  CHECK(sop == NULL);
  CHECK(contains(sopkit_last_error(), "the input is larger than the limit of 1000 bytes"));
  CHECK(sopkit_sop_load_file(&sop, "/dev/zero") == SOPKIT_EIO);
  CHECK(contains(sopkit_last_error(), "/dev/zero"));
  CHECK_OK(sopkit_set_max_input_bytes(SOPKIT_DEFAULT_MAX_INPUT_BYTES));
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  sopkit_sop_free(sop);
}

static void test_diff_of_two_documents(void) {
  sopkit_sop *a = NULL, *b = NULL;
  char* json = NULL;
  const char* text = NULL;
  CHECK_OK(sopkit_sop_load_file(&a, seed_path()));
  CHECK_OK(sopkit_sop_to_json(a, &text));
  CHECK_OK(sopkit_sop_load_json(&b, text, strlen(text)));
  CHECK_OK(sopkit_sop_diff_json(a, b, &json));
  CHECK(json != NULL && contains(json, "\"sopkit.sopdiff/1\"") &&
        contains(json, "\"changes\": []"));
  sopkit_text_free(json);
  json = NULL;
  CHECK_STATUS(sopkit_sop_diff_json(a, NULL, &json), SOPKIT_EINVAL);
  CHECK(json == NULL);
  sopkit_text_free(NULL);
  sopkit_sop_free(a);
  sopkit_sop_free(b);
}

int main(void) {
  test_version();
  test_status_texts();
  test_load_seed_and_read_fields();
  test_bad_arguments_leave_outputs_untouched();
  test_load_errors_carry_codes_and_places();
  test_json_round_trip_and_save();
  test_durations();
  test_step_without_parseable_time_is_not_computable();
  test_validation();
  test_input_limit();
  test_diff_of_two_documents();
  return check_summary();
}
