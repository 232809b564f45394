/* C ABI: run logs of the seed SOP measured against the mutu baku on the 2024
 * calendar; failures leave outputs untouched. */
#include <math.h>
#include <stdlib.h>

#include "check.h"

static const char* seed_path(void) {
  const char* p = getenv("SOPKIT_SEED");
  return p ? p : "examples/sop-monev-capaian-kinerja.json";
}

static char example_log[1024];

static const char* log_path(void) {
  const char* dir = getenv("SOPKIT_SOURCE_DIR");
  snprintf(example_log, sizeof example_log, "%s/examples/runs-monev-capaian-kinerja.csv",
           dir ? dir : ".");
  return example_log;
}

static void test_the_example_log(void) {
  sopkit_sop* sop = NULL;
  sopkit_runs* runs = NULL;
  sopkit_calendar* cal = NULL;
  sopkit_runs_comparison* c = NULL;
  sopkit_runs_summary s;
  sopkit_run_result r;
  sopkit_indicators* set = NULL;
  size_t nruns = 0, nevents = 0, ninds = 0, ncells = 0;
  const char* json = NULL;
  int64_t worked[64];
  int64_t delay[64];
  uint8_t verdict[64];
  size_t i, late = 0;
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_OK(sopkit_runs_load_file(&runs, sop, log_path()));
  sopkit_sop_free(sop); /* the run log keeps its own reference */
  CHECK_OK(sopkit_runs_counts(runs, &nruns, &nevents));
  CHECK(nruns == 4);
  CHECK(nevents == 13 + 13 + 15 + 13); /* the rework run repeats 10 and 11 */
  CHECK_OK(sopkit_calendar_load_id(&cal, "id-2024"));
  CHECK_OK(sopkit_runs_compare(runs, cal, &c));
  CHECK_OK(sopkit_runs_comparison_summary(c, &s));
  CHECK(s.runs == 4 && s.runs_complete == 4);
  CHECK(s.steps_judged == 54);
  CHECK(s.bottleneck_count >= 1);
  CHECK(s.steps_on_time_percent == 100.0 * (double)s.steps_on_time / 54.0);

  CHECK_OK(sopkit_runs_comparison_run(c, 0, &r));
  CHECK(strcmp(r.case_id, "2024-TW2") == 0);
  CHECK(r.complete == 1 && r.on_time == 1 && r.delay_minutes == 0);
  CHECK(isnan(r.evaluation_percent)); /* no evaluation form recorded */
  CHECK_OK(sopkit_runs_comparison_run(c, 1, &r));
  CHECK(r.on_time == 0 && r.delay_minutes > 0);
  CHECK_OK(sopkit_runs_comparison_run(c, 2, &r));
  CHECK(r.rework_rounds == 1);
  CHECK_OK(sopkit_runs_comparison_run(c, 3, &r));
  CHECK(r.out_of_order == 1);

  /* Bulk figures agree with the summary. */
  CHECK_OK(sopkit_runs_comparison_executions(c, worked, delay, verdict, nevents));
  for (i = 0; i < nevents; ++i) late += verdict[i] == SOPKIT_VERDICT_LATE;
  CHECK(late == s.steps_judged - s.steps_on_time);
  CHECK(worked[0] == 15); /* step 1: 08:00-08:15 */
  CHECK_STATUS(sopkit_runs_comparison_executions(c, NULL, NULL, NULL, nevents + 1), SOPKIT_EINVAL);

  CHECK_OK(sopkit_runs_comparison_to_json(c, &json));
  CHECK(contains(json, "\"format\": \"sopkit.runs-comparison/1\""));
  CHECK_OK(sopkit_runs_to_json(runs, &json));
  CHECK(contains(json, "\"format\": \"sopkit.runs/1\""));

  {
    const sopkit_runs_comparison* list[1];
    list[0] = c;
    CHECK_OK(sopkit_runs_compliance(list, 1, 100.0, &set));
    CHECK_OK(sopkit_indicators_counts(set, &ninds, NULL, &ncells));
    CHECK(ninds == 4);      /* WAKTU and SELESAI, per SOP and per unit */
    CHECK(ncells == 4 * 3); /* 2024-Q3, 2024-Q4, 2024 */
    sopkit_indicators_free(set);
    set = NULL;
    CHECK_STATUS(sopkit_runs_compliance(list, 1, -1.0, &set), SOPKIT_EINVAL);
    CHECK(set == NULL);
  }
  CHECK_STATUS(sopkit_runs_comparison_run(c, 4, &r), SOPKIT_EINVAL);
  sopkit_runs_comparison_free(c);
  sopkit_runs_free(runs);
  sopkit_calendar_free(cal);
}

static void test_bad_logs_leave_the_output_untouched(void) {
  sopkit_sop* sop = NULL;
  sopkit_runs* runs = (sopkit_runs*)&runs; /* a sentinel that must survive */
  const char* unknown = "case,step,start,end\nA,99,2024-07-01T08:00,2024-07-01T09:00\n";
  const char* backwards = "case,step,start,end\nA,1,2024-07-01T09:00,2024-07-01T08:00\n";
  CHECK_OK(sopkit_sop_load_file(&sop, seed_path()));
  CHECK_STATUS(sopkit_runs_load_csv(&runs, sop, unknown, strlen(unknown)), SOPKIT_EFORMAT);
  CHECK(runs == (sopkit_runs*)&runs);
  CHECK(contains(sopkit_last_error(), "<csv>:2:2"));
  CHECK(contains(sopkit_last_error(), "unknown step '99'"));
  CHECK_STATUS(sopkit_runs_load_csv(&runs, sop, backwards, strlen(backwards)), SOPKIT_EFORMAT);
  CHECK(contains(sopkit_last_error(), "<csv>:2:4"));
  CHECK_STATUS(sopkit_runs_load_csv(&runs, sop, "", 0), SOPKIT_EFORMAT);
  CHECK_STATUS(sopkit_runs_load_json(&runs, sop, "{", 1), SOPKIT_EPARSE);
  CHECK_STATUS(sopkit_runs_load_file(&runs, sop, "/nonexistent/log.csv"), SOPKIT_EIO);
  CHECK_STATUS(sopkit_runs_load_csv(&runs, NULL, unknown, strlen(unknown)), SOPKIT_EINVAL);
  CHECK(runs == (sopkit_runs*)&runs);
  sopkit_runs_free(NULL);
  sopkit_runs_comparison_free(NULL);
  sopkit_sop_free(sop);
}

int main(void) {
  test_the_example_log();
  test_bad_logs_leave_the_output_untouched();
  return check_summary();
}
