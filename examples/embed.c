/* embed.c — sopkit from a C program: the seed SOP's standard time and due
 * date on the 2024 working calendar, then the quarter's capaian kinerja.
 *
 *   cc embed.c $(pkg-config --cflags --libs sopkit) -o embed
 *   ./embed examples/sop-monev-capaian-kinerja.json examples/indicators-disdikbud-2024.csv
 */
#include <sopkit/sopkit.h>
#include <stdio.h>

/* Prints the failure and returns 1 from main. */
#define TRY(call)                                                               \
  do {                                                                          \
    int rc_ = (call);                                                           \
    if (rc_ != SOPKIT_OK) {                                                     \
      fprintf(stderr, "%s: %s\n", sopkit_status_str(rc_), sopkit_last_error()); \
      goto done;                                                                \
    }                                                                           \
  } while (0)

int main(int argc, char** argv) {
  sopkit_sop* sop = NULL;
  sopkit_analysis* analysis = NULL;
  sopkit_calendar* calendar = NULL;
  sopkit_schedule* plan = NULL;
  sopkit_indicators* data = NULL;
  sopkit_evaluation* evaluation = NULL;
  sopkit_evaluate_options options;
  sopkit_evaluation_row row;
  const char* total = NULL;
  double minutes = 0;
  int64_t start = 0, due = 0;
  char due_text[32];
  size_t rows = 0, i;
  int status = 1;

  if (argc != 3) {
    fprintf(stderr, "usage: %s SOP.json INDICATORS.csv\n", argv[0]);
    return 2;
  }
  TRY(sopkit_sop_load_file(&sop, argv[1]));
  TRY(sopkit_sop_analyze(sop, NULL, &analysis));
  TRY(sopkit_analysis_total_text(analysis, &total));
  TRY(sopkit_analysis_total_minutes(analysis, NULL, &minutes));
  printf("standard time: %s (%.0f working minutes)\n", total, minutes);

  TRY(sopkit_calendar_load_id(&calendar, "id-2024"));
  TRY(sopkit_instant_parse("2024-07-01T07:30", &start));
  TRY(sopkit_sop_schedule(sop, calendar, start, &plan));
  TRY(sopkit_schedule_due(plan, &due));
  TRY(sopkit_instant_format(due, due_text, sizeof due_text, NULL));
  printf("started 2024-07-01T07:30, due %s\n", due_text);

  TRY(sopkit_indicators_load_file(&data, argv[2]));
  TRY(sopkit_evaluate_options_init(&options));
  options.period = "2024-Q2";
  TRY(sopkit_indicators_evaluate(data, &options, &evaluation));
  TRY(sopkit_evaluation_count(evaluation, &rows));
  for (i = 0; i < rows; ++i) {
    TRY(sopkit_evaluation_row_get(evaluation, i, &row));
    if (row.reason[0] == '\0')
      printf("%-8s %s %7.2f %% %s\n", row.indicator, row.period, row.achievement, row.predicate);
    else
      printf("%-8s %s not computable (%s)\n", row.indicator, row.period, row.reason);
  }
  status = 0;
done:
  sopkit_evaluation_free(evaluation);
  sopkit_indicators_free(data);
  sopkit_schedule_free(plan);
  sopkit_calendar_free(calendar);
  sopkit_analysis_free(analysis);
  sopkit_sop_free(sop);
  return status;
}
