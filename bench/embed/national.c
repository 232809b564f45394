/* national.c — the national evaluation as a government app runs it through
 * the C ABI (bench/compare_national.py, job "capi"): load the indicator file,
 * evaluate one period, take the result as JSON or CSV and write it to a file.
 *
 *   national DATA PERIOD json|csv OUT [THREADS]
 *
 * THREADS is the threads of the load and of the evaluation
 * (sopkit_indicators_load_options, sopkit_evaluate_options; default 1).
 * Prints the seconds of each call as one JSON object on stdout.
 */
#define _POSIX_C_SOURCE 199309L
#include <sopkit/sopkit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int fail(const char* what) {
  fprintf(stderr, "national: %s: %s\n", what, sopkit_last_error());
  return 1;
}

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    fprintf(stderr, "usage: national DATA PERIOD json|csv OUT [THREADS]\n");
    return 2;
  }
  const int json = strcmp(argv[3], "json") == 0;
  const unsigned threads = argc == 6 ? (unsigned)strtoul(argv[5], NULL, 10) : 1;
  const double t0 = now();
  sopkit_indicators_load_options load;
  sopkit_indicators_load_options_init(&load);
  load.threads = threads;
  sopkit_indicators* set = NULL;
  if (sopkit_indicators_load_file_with_options(&set, argv[1], &load) != SOPKIT_OK)
    return fail("load");
  const double t1 = now();
  sopkit_evaluate_options opts;
  sopkit_evaluate_options_init(&opts);
  opts.period = argv[2];
  opts.threads = threads;
  sopkit_evaluation* ev = NULL;
  if (sopkit_indicators_evaluate(set, &opts, &ev) != SOPKIT_OK) return fail("evaluate");
  const double t2 = now();
  const char* text = NULL;
  const int status =
      json ? sopkit_evaluation_to_json(ev, &text) : sopkit_evaluation_to_csv(ev, &text);
  if (status != SOPKIT_OK) return fail("output");
  const double t3 = now();
  FILE* out = fopen(argv[4], "wb");
  if (!out || fwrite(text, 1, strlen(text), out) != strlen(text) || fclose(out) != 0) {
    fprintf(stderr, "national: cannot write %s\n", argv[4]);
    return 1;
  }
  const double t4 = now();
  sopkit_evaluation_free(ev);
  sopkit_indicators_free(set);
  printf("{\"load\": %.4f, \"evaluate\": %.4f, \"output\": %.4f, \"write\": %.4f}\n", t1 - t0,
         t2 - t1, t3 - t2, t4 - t3);
  return 0;
}
