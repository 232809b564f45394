/* C ABI: analysis of the seed SOP and its schedule on the 2024 calendar. */
#include <stdlib.h>

#include "check.h"

static const char* seed_path(void) {
  const char* p = getenv("SOPKIT_SEED");
  return p ? p : "examples/sop-monev-capaian-kinerja.json";
}

static void test_analysis_of_the_seed(void) {
  sopkit_sop* sop = NULL;
  sopkit_analysis* a = NULL;
  sopkit_analysis_options opts;
  sopkit_step_timing timing;
  double lo = 0, hi = 0;
  const char *text = NULL, *json = NULL, *id = NULL;
  size_t n = 0;
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_OK(sopkit_sop_analyze(sop, NULL, &a));
  CHECK_OK(sopkit_analysis_total_minutes(a, &lo, &hi));
  CHECK(hi == 14160 && lo == 14160); /* 31 x 450 + 180 + 30 */
  CHECK_OK(sopkit_analysis_total_text(a, &text));
  CHECK(strcmp(text, "31 hari 3 jam 30 menit") == 0);
  CHECK_OK(sopkit_analysis_path_length(a, &n));
  CHECK(n == 13);
  CHECK_OK(sopkit_analysis_path_step(a, 12, &id));
  CHECK(strcmp(id, "13") == 0);
  CHECK_STATUS(sopkit_analysis_path_step(a, 13, &id), SOPKIT_EINVAL);
  CHECK_OK(sopkit_analysis_step_timing(a, 1, &timing));
  CHECK(strcmp(timing.id, "2") == 0);
  CHECK(timing.earliest_start == 15 && timing.earliest_finish == 915); /* after 15 Menit, 2 hari */
  CHECK(timing.slack == 0 && timing.critical);
  CHECK_STATUS(sopkit_analysis_step_timing(a, 99, &timing), SOPKIT_EINVAL);
  CHECK_OK(sopkit_analysis_to_json(a, &json));
  CHECK(contains(json, "\"working_minutes\":14160"));
  CHECK(contains(json, "duration_in_output"));
  sopkit_analysis_free(a);
  a = NULL;

  /* Options: a 480-minute day and two rework rounds. */
  CHECK_OK(sopkit_analysis_options_init(&opts));
  opts.minutes_per_day = 480;
  opts.rework_rounds = 2;
  CHECK_OK(sopkit_sop_analyze(sop, &opts, &a));
  CHECK_OK(sopkit_analysis_total_minutes(a, NULL, &hi));
  CHECK(hi == 31 * 480 + 210);
  sopkit_analysis_free(a);
  a = NULL;
  opts.minutes_per_day = 0;
  CHECK_STATUS(sopkit_sop_analyze(sop, &opts, &a), SOPKIT_EINVAL);
  /* Longer than a day: refused, and the message names the field (fuzzing
   * found latest starts before earliest starts with such a day). */
  opts.minutes_per_day = 4e252;
  CHECK_STATUS(sopkit_sop_analyze(sop, &opts, &a), SOPKIT_EINVAL);
  CHECK(strstr(sopkit_last_error(), "minutes_per_day") != NULL);
  opts.minutes_per_day = 450;
  opts.days_per_week = 8;
  CHECK_STATUS(sopkit_sop_analyze(sop, &opts, &a), SOPKIT_EINVAL);
  CHECK(strstr(sopkit_last_error(), "days_per_week") != NULL);
  opts.days_per_week = 5;
  opts.version = 99;
  CHECK_STATUS(sopkit_sop_analyze(sop, &opts, &a), SOPKIT_EINVAL);
  CHECK(a == NULL);
  CHECK_STATUS(sopkit_analysis_options_init(NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_analyze(NULL, NULL, &a), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_analyze(sop, NULL, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_analysis_total_minutes(NULL, &lo, &hi), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_analysis_total_text(NULL, &text), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_analysis_path_length(NULL, &n), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_analysis_to_json(NULL, &json), SOPKIT_EINVAL);
  sopkit_analysis_free(NULL);
  sopkit_sop_free(sop);
}

static void test_cycle_without_decision_is_a_validation_error(void) {
  const char* doc =
      "{\"format\": \"sopkit.sop/1\", \"actors\": [{\"id\": \"a\"}], \"steps\": ["
      "{\"id\": \"1\", \"actor\": \"a\", \"kind\": \"start\", \"time\": \"1 jam\", \"next\": "
      "\"2\"},"
      "{\"id\": \"2\", \"actor\": \"a\", \"time\": \"1 jam\", \"next\": [\"1\", \"3\"]},"
      "{\"id\": \"3\", \"actor\": \"a\", \"kind\": \"end\", \"time\": \"1 jam\"}]}";
  sopkit_sop* sop = NULL;
  sopkit_analysis* a = NULL;
  sopkit_analysis_options opts;
  sopkit_step_timing timing;
  CHECK_OK(sopkit_sop_load_json(&sop, doc, strlen(doc)));
  CHECK_STATUS(sopkit_sop_analyze(sop, NULL, &a), SOPKIT_EVALIDATION);
  CHECK(a == NULL);
  CHECK_OK(sopkit_analysis_options_init(&opts));
  opts.lenient = 1;
  CHECK_OK(sopkit_sop_analyze(sop, &opts, &a));
  CHECK_STATUS(sopkit_analysis_step_timing(a, 0, &timing), SOPKIT_ENOTCOMPUTABLE);
  sopkit_analysis_free(a);
  sopkit_sop_free(sop);
}

static void test_schedule_on_the_2024_calendar(void) {
  sopkit_sop* sop = NULL;
  sopkit_calendar* cal = NULL;
  sopkit_schedule* plan = NULL;
  int64_t start = 0, due = 0, s0 = 0, e0 = 0;
  size_t n = 0;
  const char *id = NULL, *json = NULL;
  char buf[20];
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_OK(sopkit_calendar_load_id(&cal, "id-2024"));
  CHECK_OK(sopkit_instant_parse("2024-04-05T08:00", &start));
  CHECK_OK(sopkit_sop_schedule(sop, cal, start, &plan));
  CHECK_OK(sopkit_schedule_due(plan, &due));
  CHECK_OK(sopkit_instant_format(due, buf, sizeof buf, NULL));
  CHECK(strcmp(buf, "2024-06-04T11:30") == 0);
  CHECK_OK(sopkit_schedule_step_count(plan, &n));
  CHECK(n == 13);
  CHECK_OK(sopkit_schedule_step(plan, 0, &id, &s0, &e0));
  CHECK(strcmp(id, "1") == 0 && s0 == start && e0 == start + 15);
  CHECK_OK(sopkit_schedule_step(plan, 1, NULL, &s0, NULL));
  CHECK(s0 == start + 15);
  CHECK_STATUS(sopkit_schedule_step(plan, 13, &id, NULL, NULL), SOPKIT_EINVAL);
  CHECK_OK(sopkit_schedule_to_json(plan, &json));
  CHECK(contains(json, "2024-06-04T11:30"));
  CHECK_STATUS(sopkit_schedule_due(NULL, &due), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_schedule_step_count(plan, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_schedule_to_json(plan, NULL), SOPKIT_EINVAL);
  sopkit_schedule_free(plan);
  plan = NULL;
  /* Late in the year the run leaves the 2024 data: refused, not guessed. */
  CHECK_OK(sopkit_instant_parse("2024-12-02T08:00", &start));
  CHECK_STATUS(sopkit_sop_schedule(sop, cal, start, &plan), SOPKIT_ERANGE);
  CHECK(plan == NULL);
  CHECK_STATUS(sopkit_sop_schedule(sop, NULL, start, &plan), SOPKIT_EINVAL);
  sopkit_schedule_free(NULL);
  sopkit_calendar_free(cal);
  sopkit_sop_free(sop);
}

int main(void) {
  test_analysis_of_the_seed();
  test_cycle_without_decision_is_a_validation_error();
  test_schedule_on_the_2024_calendar();
  return check_summary();
}
