/* C ABI: raw bulk kernels, indicator sets from arrays and files, evaluations. */
#define _GNU_SOURCE /* dlvsym: the options' init as programs built against version 1 bind it */
#include <dlfcn.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "check.h"

/* The last error is exactly `expected`. */
#define CHECK_MESSAGE(expected)                                                   \
  do {                                                                            \
    if (strcmp(sopkit_last_error(), (expected)) == 0) {                           \
      ++check_passed;                                                             \
    } else {                                                                      \
      ++check_failed;                                                             \
      fprintf(stderr, "%s:%d: last error\n  %s\nnot\n  %s\n", __FILE__, __LINE__, \
              sopkit_last_error(), (expected));                                   \
    }                                                                             \
  } while (0)

static int near(double a, double b) {
  return fabs(a - b) < 1e-9;
}

static void test_evaluate_cells(void) {
  /* positive 80/100 = 80 (Tinggi, band 4); negative (2x10-9)/10 = 110 (band 5);
   * T = 0 not computable; blank realisation not computable; R = 0 reported -> 0 %. */
  const double target[] = {100, 10, 0, 50, 50};
  const double real[] = {80, 9, 5, NAN, 0};
  const uint8_t pol[] = {SOPKIT_POLARITY_POSITIVE, SOPKIT_POLARITY_NEGATIVE,
                         SOPKIT_POLARITY_POSITIVE, SOPKIT_POLARITY_POSITIVE,
                         SOPKIT_POLARITY_POSITIVE};
  double ach[5];
  uint8_t band[5];
  CHECK_OK(sopkit_evaluate_cells(target, real, pol, 5, ach, band));
  CHECK(near(ach[0], 80) && band[0] == 4);
  CHECK(near(ach[1], 110) && band[1] == 5);
  CHECK(isnan(ach[2]) && band[2] == 0);
  CHECK(isnan(ach[3]) && band[3] == 0);
  CHECK(ach[4] == 0 && band[4] == 1);
  CHECK_OK(sopkit_evaluate_cells(target, real, pol, 5, NULL, band));
  CHECK_OK(sopkit_evaluate_cells(NULL, NULL, NULL, 0, NULL, NULL));
  CHECK_STATUS(sopkit_evaluate_cells(NULL, real, pol, 5, ach, band), SOPKIT_EINVAL);
}

static void test_evaluate_cells_grouped(void) {
  /* group 0: 80 (w 1) and 120 capped to 110 (w 3) -> (80 + 330)/4 = 102.5;
   * group 1: only a not-computable cell -> NaN. */
  const double target[] = {100, 100, 0};
  const double real[] = {80, 120, 1};
  const uint8_t pol[] = {0, 0, 0};
  const double weight[] = {1, 3, 1};
  const int32_t group[] = {0, 0, 1};
  const int32_t bad_group[] = {0, 0, 7};
  double ach[3], mean[2] = {-1, -1};
  uint8_t band[3];
  CHECK_OK(sopkit_evaluate_cells_grouped(target, real, pol, weight, group, 3, 2, 110, 1, ach, band,
                                         mean));
  CHECK(near(mean[0], 102.5));
  CHECK(isnan(mean[1]));
  CHECK(near(ach[1], 120)); /* the raw value is never capped */
  mean[0] = -1;
  CHECK_STATUS(sopkit_evaluate_cells_grouped(target, real, pol, weight, bad_group, 3, 2, 0, 1, ach,
                                             band, mean),
               SOPKIT_EINVAL);
  CHECK(mean[0] == -1);
  CHECK_STATUS(sopkit_evaluate_cells_grouped(target, real, pol, weight, group, 3, 2, 105, 1, ach,
                                             band, mean),
               SOPKIT_EINVAL);
  CHECK_STATUS(
      sopkit_evaluate_cells_grouped(target, real, pol, NULL, group, 3, 2, 0, 1, ach, band, mean),
      SOPKIT_EINVAL);
  CHECK_STATUS(
      sopkit_evaluate_cells_grouped(target, real, pol, weight, group, 3, 2, 0, 1, ach, band, NULL),
      SOPKIT_EINVAL);
  /* No group at all: every id is outside [0, 0). */
  CHECK_STATUS(
      sopkit_evaluate_cells_grouped(target, real, pol, weight, group, 3, 0, 0, 1, ach, band, NULL),
      SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "group id 0 is outside [0, 0)"));
}

/* The row arrays of a set, the optional columns left NULL. */
static sopkit_indicator_rows rows_of(size_t n, const char** unit, const char** code,
                                     const char** period, const uint8_t* polarity,
                                     const double* target, const double* realisation) {
  sopkit_indicator_rows rows;
  memset(&rows, 0, sizeof rows);
  rows.n = n;
  rows.unit = unit;
  rows.code = code;
  rows.period = period;
  rows.polarity = polarity;
  rows.target = target;
  rows.realisation = realisation;
  return rows;
}

static void test_set_from_arrays(void) {
  const char* unit[] = {"Dinas/Bidang SD", "Dinas/Bidang SD", "Dinas/Bidang SMP"};
  const char* code[] = {"IKU-01", "IKU-01", "IKU-02"};
  const char* period[] = {"2024-Q1", "2024-Q2", "2024-TW2"};
  const uint8_t pol[] = {SOPKIT_POLARITY_POSITIVE, SOPKIT_POLARITY_POSITIVE,
                         SOPKIT_POLARITY_NEGATIVE};
  const double target[] = {100, 100, 2.0};
  const double real[] = {91, NAN, 1.5};
  sopkit_indicator_rows rows;
  sopkit_indicators* set = NULL;
  sopkit_evaluation* ev = NULL;
  sopkit_evaluation_row row;
  size_t indicators = 0, units = 0, n = 0;
  double ach[3];
  uint8_t band[3];
  rows = rows_of(3, unit, code, period, pol, target, real);
  CHECK_OK(sopkit_indicators_new(&set, &rows));
  CHECK_OK(sopkit_indicators_counts(set, &indicators, &units, &n));
  CHECK(indicators == 2 && units == 3 && n == 3); /* Dinas, Bidang SD, Bidang SMP */
  CHECK_OK(sopkit_indicators_evaluate(set, NULL, &ev));
  CHECK_OK(sopkit_evaluation_count(ev, &n));
  CHECK(n == 3);
  CHECK_OK(sopkit_evaluation_arrays(ev, ach, band, 3));
  CHECK(near(ach[0], 91) && band[0] == 5); /* exactly 91 is Sangat Tinggi */
  CHECK(isnan(ach[1]) && band[1] == 0);
  CHECK(near(ach[2], 125) && band[2] == 5); /* (2 x 2 - 1.5)/2 */
  CHECK_OK(sopkit_evaluation_row_get(ev, 1, &row));
  CHECK(strcmp(row.indicator, "IKU-01") == 0 && strcmp(row.period, "2024-Q2") == 0);
  CHECK(strcmp(row.reason, "realisation_blank") == 0 && strcmp(row.predicate, "") == 0);
  CHECK(isnan(row.realisation) && row.target == 100);
  CHECK_OK(sopkit_evaluation_row_get(ev, 0, &row));
  CHECK(strcmp(row.predicate, "Sangat Tinggi") == 0 && strcmp(row.reason, "") == 0);
  CHECK(strcmp(row.unit, "Dinas/Bidang SD") == 0);
  CHECK_STATUS(sopkit_evaluation_row_get(ev, 3, &row), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_evaluation_arrays(ev, ach, band, 4), SOPKIT_EINVAL);
  sopkit_evaluation_free(ev);
  sopkit_indicators_free(set);

  /* Faults name the row; the output stays untouched. */
  set = NULL;
  code[1] = "IKU-02";
  /* IKU-02 is first defined on row 1 (Bidang SD, positive), again on row 2. */
  CHECK_STATUS(sopkit_indicators_new(&set, &rows), SOPKIT_EFORMAT);
  CHECK_MESSAGE("row 2 (unit): unit of IKU-02 differs from row 1");
  code[1] = "IKU-01";
  period[1] = "2024-Q1";
  CHECK_STATUS(sopkit_indicators_new(&set, &rows), SOPKIT_EFORMAT); /* duplicate row */
  period[1] = "2024-Q5";
  CHECK_STATUS(sopkit_indicators_new(&set, &rows), SOPKIT_EFORMAT);
  CHECK(contains(sopkit_last_error(), "row 1"));
  CHECK(set == NULL);
  rows.target = NULL;
  CHECK_STATUS(sopkit_indicators_new(&set, &rows), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_new(&set, NULL), SOPKIT_EINVAL);
}

static void test_example_file_and_options(void) {
  const char* root = getenv("SOPKIT_SOURCE_DIR");
  char path[1024];
  sopkit_indicators* set = NULL;
  sopkit_evaluation* ev = NULL;
  sopkit_evaluate_options opts;
  const char *json = NULL, *csv = NULL;
  size_t n = 0;
  snprintf(path, sizeof path, "%s/examples/indicators-disdikbud-2024.csv", root ? root : ".");
  CHECK_OK(sopkit_indicators_load_file(&set, path));
  CHECK_OK(sopkit_evaluate_options_init(&opts));
  opts.period = "2024-Q2";
  opts.cap_percent = 120;
  opts.scale = "sakip-88-2021";
  CHECK_OK(sopkit_indicators_evaluate(set, &opts, &ev));
  CHECK_OK(sopkit_evaluation_count(ev, &n));
  CHECK(n > 0);
  CHECK_OK(sopkit_evaluation_to_json(ev, &json));
  CHECK(contains(json, "2024-Q2"));
  CHECK_OK(sopkit_evaluation_to_csv(ev, &csv));
  CHECK(contains(csv, "IKU-01"));
  sopkit_evaluation_free(ev);
  ev = NULL;
  opts.period = "2024-Q9";
  CHECK_STATUS(sopkit_indicators_evaluate(set, &opts, &ev), SOPKIT_EINVAL);
  opts.period = NULL;
  opts.scale = "no-such-scale";
  CHECK_STATUS(sopkit_indicators_evaluate(set, &opts, &ev), SOPKIT_ENOTFOUND);
  opts.scale = NULL;
  opts.cap_percent = 99;
  CHECK_STATUS(sopkit_indicators_evaluate(set, &opts, &ev), SOPKIT_EINVAL);
  opts.cap_percent = 0;
  opts.version = 0;
  CHECK_STATUS(sopkit_indicators_evaluate(set, &opts, &ev), SOPKIT_EINVAL);
  CHECK(ev == NULL);
  CHECK_STATUS(sopkit_evaluate_options_init(NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_evaluation_to_json(NULL, &json), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_evaluation_to_csv(NULL, &csv), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_evaluation_count(NULL, &n), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_counts(NULL, &n, NULL, NULL), SOPKIT_EINVAL);
  sopkit_evaluation_free(NULL);
  sopkit_indicators_free(set);
  sopkit_indicators_free(NULL);
}

/* Version 1 of sopkit_evaluate_options, as a program built before `threads`
 * passes it: its memory ends where version 2's `threads` begins. */
typedef struct {
  unsigned version;
  int negative_ratio;
  int zero_over_zero_is_100;
  int cap_percent;
  const char* scale;
  const char* period;
  double warning_threshold;
} evaluate_options_v1;

enum { kLargeIndicators = 2500, kLargeRows = 5 * kLargeIndicators };

/* 2 500 indicators with a year and four quarters each: 12 500 rows, past the
 * size at which a second thread computes the results. */
static sopkit_indicators* large_set(void) {
  static const char* const periods[] = {"2024", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"};
  static const char* const units[] = {"Dinas/Bidang SD", "Dinas/Bidang SMP", "Dinas/Sekretariat"};
  static char codes[kLargeIndicators][16];
  static const char* unit[kLargeRows];
  static const char* code[kLargeRows];
  static const char* period[kLargeRows];
  static uint8_t pol[kLargeRows];
  static double target[kLargeRows], real[kLargeRows];
  sopkit_indicator_rows rows;
  sopkit_indicators* set = NULL;
  size_t r;
  for (r = 0; r < kLargeRows; ++r) {
    const size_t i = r / 5;
    snprintf(codes[i], sizeof codes[i], "IKU-%04u", (unsigned)i);
    unit[r] = units[i % 3];
    code[r] = codes[i];
    period[r] = periods[r % 5];
    pol[r] = i % 4 == 0 ? SOPKIT_POLARITY_NEGATIVE : SOPKIT_POLARITY_POSITIVE;
    target[r] = 50 + (double)((r * 37) % 100);
    /* Some quarters blank, so that warnings project from fewer of them. */
    real[r] = r % 5 == 0 || (r % 7 == 0 && r % 5 > 2) ? NAN : 40 + (double)((r * 53) % 90);
  }
  rows = rows_of(kLargeRows, unit, code, period, pol, target, real);
  CHECK_OK(sopkit_indicators_new(&set, &rows));
  return set;
}

/* The evaluation's JSON text under `opts`, copied (NULL when it fails). */
static char* large_evaluation_json(const sopkit_indicators* set,
                                   const sopkit_evaluate_options* opts) {
  sopkit_evaluation* ev = NULL;
  const char* json = NULL;
  char* copy = NULL;
  size_t n = 0;
  CHECK_OK(sopkit_indicators_evaluate(set, opts, &ev));
  CHECK_OK(sopkit_evaluation_count(ev, &n));
  CHECK(n == kLargeRows);
  if (sopkit_evaluation_to_json(ev, &json) == SOPKIT_OK) {
    copy = (char*)malloc(strlen(json) + 1);
    if (copy) memcpy(copy, json, strlen(json) + 1);
  }
  sopkit_evaluation_free(ev);
  return copy;
}

typedef int (*evaluate_options_init_fn)(sopkit_evaluate_options*);

/* sopkit_evaluate_options_init as a program built against version 1 of the
 * header calls it: the symbol of version SOPKIT_0. */
static evaluate_options_init_fn version_1_init(void) {
  evaluate_options_init_fn init = NULL;
  *(void**)(&init) = dlvsym(RTLD_DEFAULT, "sopkit_evaluate_options_init", "SOPKIT_0");
  return init;
}

/* The version 1 init fills version 1 and writes nothing past its end. */
static void test_version_1_init_keeps_to_its_struct(void) {
  evaluate_options_init_fn init = version_1_init();
  sopkit_evaluate_options opts;
  const size_t end = offsetof(sopkit_evaluate_options, threads);
  size_t i;
  int untouched = 1;
  CHECK(init != NULL);
  if (!init) return;
  memset(&opts, 0xAB, sizeof opts);
  CHECK_OK(init(&opts));
  CHECK(opts.version == 1 && opts.cap_percent == 0 && opts.scale == NULL);
  for (i = end; i < sizeof opts; ++i) untouched &= ((const unsigned char*)&opts)[i] == 0xAB;
  CHECK(untouched);
  CHECK_OK(sopkit_evaluate_options_init(&opts));
  CHECK(opts.version == SOPKIT_EVALUATE_OPTIONS_VERSION && opts.threads == 1);
}

/* Two threads give the text one gives; a version 1 struct, filled by the
 * version 1 init, is read to its end only (allocated to its size, so that
 * ASan sees a write or read past it). */
static void test_threads_and_version_1_options(void) {
  sopkit_indicators* set = large_set();
  sopkit_evaluate_options opts;
  evaluate_options_v1* v1 = (evaluate_options_v1*)malloc(sizeof *v1);
  evaluate_options_init_fn init = version_1_init();
  sopkit_evaluation* ev = NULL;
  char *one, *two, *old = NULL;
  CHECK_OK(sopkit_evaluate_options_init(&opts));
  CHECK(opts.version == 2 && opts.threads == 1);
  one = large_evaluation_json(set, &opts);
  opts.threads = 2;
  two = large_evaluation_json(set, &opts);
  CHECK(one && two && strcmp(one, two) == 0);
  CHECK(one && strstr(one, "\"warnings\"") != NULL);
  CHECK(init != NULL);
  if (init) {
    CHECK_OK(init((sopkit_evaluate_options*)v1));
    old = large_evaluation_json(set, (const sopkit_evaluate_options*)v1);
    CHECK(one && old && strcmp(one, old) == 0);
  }
  opts.version = 3;
  CHECK_STATUS(sopkit_indicators_evaluate(set, &opts, &ev), SOPKIT_EINVAL);
  CHECK(ev == NULL);
  free(one);
  free(two);
  free(old);
  free(v1);
  sopkit_indicators_free(set);
}

/* A CSV file of about 5 MB (past the size two threads read) in `path`:
 * 15 000 indicators, an annual row and four quarters each. */
static int write_large_csv(char* path, size_t size) {
  const char* tmp = getenv("TMPDIR");
  FILE* f;
  int fd;
  unsigned i, q;
  snprintf(path, size, "%s/sopkit-capi-load-XXXXXX", tmp ? tmp : "/tmp");
  fd = mkstemp(path);
  if (fd < 0 || !(f = fdopen(fd, "w"))) return 0;
  fputs("unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n", f);
  for (i = 0; i < 15000; ++i) {
    fprintf(f, "Dinas/Bidang %u/Seksi %u,IKU-%05u,Indikator %u,%%,%s,sum,%u,2024,%u.5,\n", i % 40,
            i % 7, i, i, i % 3 ? "positive" : "negative", 1 + i % 3, 90 + i % 20);
    for (q = 1; q <= 4; ++q)
      fprintf(f, "Dinas/Bidang %u/Seksi %u,IKU-%05u,,,,,,2024-Q%u,%u,%u.25\n", i % 40, i % 7, i, q,
              20 + q, 15 + (i + q) % 9);
  }
  return fclose(f) == 0;
}

static char* evaluation_json(const sopkit_indicators* set);

/* The evaluation JSON of the set a file loads to under `opts` (NULL when
 * the load or the evaluation fails). */
static char* loaded_evaluation_json(const char* path, const sopkit_indicators_load_options* opts) {
  sopkit_indicators* set = NULL;
  char* json;
  if (sopkit_indicators_load_file_with_options(&set, path, opts) != SOPKIT_OK) return NULL;
  json = evaluation_json(set);
  sopkit_indicators_free(set);
  return json;
}

/* A file loaded by two threads is the set one thread loads; the options
 * are checked. */
static void test_load_options(void) {
  char path[512];
  sopkit_indicators_load_options opts;
  sopkit_indicators* set = NULL;
  char *one, *two, *defaults;
  CHECK(write_large_csv(path, sizeof path));
  CHECK_OK(sopkit_indicators_load_options_init(&opts));
  CHECK(opts.version == SOPKIT_INDICATORS_LOAD_OPTIONS_VERSION && opts.threads == 1 &&
        opts.decimal_mark == SOPKIT_DECIMAL_DETECT);
  one = loaded_evaluation_json(path, &opts);
  opts.threads = 2;
  two = loaded_evaluation_json(path, &opts);
  defaults = loaded_evaluation_json(path, NULL);
  CHECK(one && two && defaults && strcmp(one, two) == 0 && strcmp(one, defaults) == 0);
  CHECK(one && strstr(one, "IKU-14999") != NULL);
  opts.decimal_mark = 7;
  CHECK_STATUS(sopkit_indicators_load_file_with_options(&set, path, &opts), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "decimal_mark"));
  opts.decimal_mark = SOPKIT_DECIMAL_DETECT;
  opts.version = 2;
  CHECK_STATUS(sopkit_indicators_load_file_with_options(&set, path, &opts), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "sopkit_indicators_load_options_init"));
  CHECK(set == NULL);
  CHECK_STATUS(sopkit_indicators_load_options_init(NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_load_file_with_options(&set, NULL, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_load_file_with_options(&set, "/nonexistent/x.csv", NULL),
               SOPKIT_EIO);
  remove(path);
  free(one);
  free(two);
  free(defaults);
}

/* The data of the CSV below, as dictionary-encoded columns (rows 0..4). */
static const char* const kUnits[] = {"Dinas/Bidang SD", "Dinas/Bidang SMP"};
static const int32_t kUnitIndex[] = {0, 0, 0, 1, 1};
static const char* const kCodes[] = {"IKU-01", "IKU-02"};
static const int32_t kCodeIndex[] = {0, 0, 0, 1, 1};
static const char* kNames[] = {"APK SD", "Angka putus sekolah"};
static const int32_t kNameIndex[] = {0, -1, -1, 1, -1};
static const char* const kPolarities[] = {"positive", "negatif"};
static const int32_t kPolarityIndex[] = {0, -1, -1, 1, -1};
static const char* const kAccumulations[] = {"last", "average"};
static const int32_t kAccumulationIndex[] = {0, -1, -1, 1, -1};
static const char* const kPeriods[] = {"2024", "2024-Q1", "2024-Q2", "2024-Q1", "2024-TW2"};
static const double kTargets[] = {106, 100, 100, NAN, NAN};
static const double kRealisations[] = {NAN, 91, 97.5, 2.5, 1.5};
static const double kLows[] = {NAN, NAN, NAN, 1, 1};
static const double kHighs[] = {NAN, NAN, NAN, 2, 2};
static const char* const kSameCsv =
    "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation,"
    "target_low,target_high\n"
    "Dinas/Bidang SD,IKU-01,APK SD,,positive,last,,2024,106,,,\n"
    "Dinas/Bidang SD,IKU-01,,,,,,2024-Q1,100,91,,\n"
    "Dinas/Bidang SD,IKU-01,,,,,,2024-Q2,100,97.5,,\n"
    "Dinas/Bidang SMP,IKU-02,Angka putus sekolah,,negatif,average,,2024-Q1,,2.5,1,2\n"
    "Dinas/Bidang SMP,IKU-02,,,,,,2024-TW2,,1.5,1,2\n";

static sopkit_indicator_columns example_columns(void) {
  sopkit_indicator_columns c;
  memset(&c, 0, sizeof c);
  c.version = SOPKIT_INDICATOR_COLUMNS_VERSION;
  c.n = 5;
  c.unit.count = 2, c.unit.values = kUnits, c.unit.index = kUnitIndex;
  c.code.count = 2, c.code.values = kCodes, c.code.index = kCodeIndex;
  c.name.count = 2, c.name.values = kNames, c.name.index = kNameIndex;
  c.polarity.count = 2, c.polarity.values = kPolarities, c.polarity.index = kPolarityIndex;
  c.accumulation.count = 2, c.accumulation.values = kAccumulations;
  c.accumulation.index = kAccumulationIndex;
  c.period.count = 5, c.period.values = kPeriods; /* no index: one value per row */
  c.target = kTargets;
  c.realisation = kRealisations;
  c.target_low = kLows;
  c.target_high = kHighs;
  return c;
}

/* The evaluation JSON of a set, owned by the caller. */
static char* evaluation_json(const sopkit_indicators* set) {
  sopkit_evaluation* ev = NULL;
  const char* json = NULL;
  char* copy = NULL;
  if (sopkit_indicators_evaluate(set, NULL, &ev) == SOPKIT_OK &&
      sopkit_evaluation_to_json(ev, &json) == SOPKIT_OK) {
    copy = malloc(strlen(json) + 1);
    if (copy) strcpy(copy, json);
  }
  sopkit_evaluation_free(ev);
  return copy;
}

static void test_set_from_columns_follows_the_csv(void) {
  sopkit_indicator_columns c = example_columns();
  sopkit_indicators *from_columns = NULL, *from_csv = NULL;
  size_t indicators = 0, units = 0, rows = 0;
  char *a = NULL, *b = NULL;
  CHECK_OK(sopkit_indicators_from_columns(&from_columns, &c));
  CHECK_OK(sopkit_indicators_counts(from_columns, &indicators, &units, &rows));
  CHECK(indicators == 2 && units == 3 && rows == 5);
  CHECK_OK(sopkit_indicators_load_csv(&from_csv, kSameCsv, strlen(kSameCsv)));
  a = evaluation_json(from_columns);
  b = evaluation_json(from_csv);
  CHECK(a && b && strcmp(a, b) == 0); /* same data, same verdicts */
  free(a);
  free(b);
  sopkit_indicators_free(from_columns);
  sopkit_indicators_free(from_csv);
}

static void test_set_from_columns_refuses_what_the_csv_refuses(void) {
  sopkit_indicator_columns c = example_columns();
  sopkit_indicators* set = NULL;
  double targets[5];
  int32_t names[5];
  memcpy(targets, kTargets, sizeof targets);
  memcpy(names, kNameIndex, sizeof names);
  /* A later row of IKU-01 names it differently: refused, as the CSV does. */
  names[2] = 1;
  c.name.index = names;
  CHECK_STATUS(sopkit_indicators_from_columns(&set, &c), SOPKIT_EFORMAT);
  CHECK_MESSAGE("row 2 (name): name of IKU-01 differs from row 0");
  c = example_columns();
  targets[1] = -1;
  c.target = targets;
  CHECK_STATUS(sopkit_indicators_from_columns(&set, &c), SOPKIT_EFORMAT);
  CHECK_MESSAGE(
      "row 1 (target): target -1 is negative; achievement, budget and progress figures are "
      "quantities >= 0");
  c = example_columns();
  c.period.values = kUnits; /* two values, no index, five rows */
  c.period.count = 2;
  CHECK_STATUS(sopkit_indicators_from_columns(&set, &c), SOPKIT_EINVAL);
  c = example_columns();
  names[2] = 2; /* past the two names */
  c.name.index = names;
  CHECK_STATUS(sopkit_indicators_from_columns(&set, &c), SOPKIT_EINVAL);
  c = example_columns();
  c.version = 99;
  CHECK_STATUS(sopkit_indicators_from_columns(&set, &c), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_from_columns(&set, NULL), SOPKIT_EINVAL);
  CHECK(set == NULL);
}

/* sopkit_indicators_new follows the CSV too: a second name is refused (issue 21). */
static void test_set_from_arrays_refuses_a_second_name(void) {
  const char* unit[] = {"Dinas", "Dinas"};
  const char* code[] = {"IKU-01", "IKU-01"};
  const char* name[] = {"APK SD", "APK SMP"};
  const char* period[] = {"2024-Q1", "2024-Q2"};
  const uint8_t pol[] = {0, 0};
  const double target[] = {100, 100}, real[] = {90, 95};
  sopkit_indicator_rows rows;
  sopkit_indicators* set = NULL;
  memset(&rows, 0, sizeof rows);
  rows.n = 2;
  rows.unit = unit, rows.code = code, rows.name = name, rows.period = period;
  rows.polarity = pol, rows.target = target, rows.realisation = real;
  CHECK_STATUS(sopkit_indicators_new(&set, &rows), SOPKIT_EFORMAT);
  CHECK_MESSAGE("row 1 (name): name of IKU-01 differs from row 0");
  name[1] = NULL; /* blank: nothing to disagree with */
  CHECK_OK(sopkit_indicators_new(&set, &rows));
  sopkit_indicators_free(set);
}

/* An evaluation shares its set: it outlives the set's handle, and each row
 * lends the texts of its own unit and period. */
static void test_evaluation_outlives_its_set(void) {
  const char* unit[] = {"Dinas/Bidang SMP", "Dinas/Bidang SD", "Dinas/Bidang SD", "Dinas"};
  const char* code[] = {"IKU-02", "IKU-01", "IKU-01", "IKU-03"};
  const char* period[] = {"2025", "2024-Q2", "2024-Q1", "2024"};
  const uint8_t pol[] = {SOPKIT_POLARITY_POSITIVE, SOPKIT_POLARITY_POSITIVE,
                         SOPKIT_POLARITY_POSITIVE, SOPKIT_POLARITY_POSITIVE};
  const double target[] = {100, 100, 100, 100};
  const double real[] = {90, 80, 70, 60};
  sopkit_indicator_rows rows;
  sopkit_indicators* set = NULL;
  sopkit_evaluation* ev = NULL;
  sopkit_evaluation_row row;
  const char* json = NULL;
  size_t n = 0, i;
  rows = rows_of(4, unit, code, period, pol, target, real);
  CHECK_OK(sopkit_indicators_new(&set, &rows));
  CHECK_OK(sopkit_indicators_evaluate(set, NULL, &ev));
  sopkit_indicators_free(set);
  CHECK_OK(sopkit_evaluation_count(ev, &n));
  CHECK(n == 4);
  for (i = 0; i < n; ++i) {
    size_t k = 0;
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    while (k < 4 && strcmp(code[k], row.indicator) != 0) ++k;
    if (strcmp(row.indicator, "IKU-01") == 0) /* two rows: told apart by the realisation */
      k = row.realisation == 80 ? 1 : 2;
    CHECK(k < 4 && strcmp(row.unit, unit[k]) == 0 && strcmp(row.period, period[k]) == 0);
    CHECK(row.realisation == real[k]);
  }
  CHECK_OK(sopkit_evaluation_to_json(ev, &json));
  CHECK(contains(json, "\"unit\":\"Dinas/Bidang SMP\",\"period\":\"2025\""));
  sopkit_evaluation_free(ev);
}

/* Two quarters of IKU-01 (Bidang SD, the first realised as given, the second
 * blank) and a year of the negative IKU-02 (Bidang SMP), evaluated; the set is
 * freed first (the evaluation keeps what it needs). */
static sopkit_evaluation* evaluation_of_three(double q1_realisation) {
  const char* unit[] = {"Dinas/Bidang SD", "Dinas/Bidang SD", "Dinas/Bidang SMP"};
  const char* code[] = {"IKU-01", "IKU-01", "IKU-02"};
  const char* period[] = {"2024-Q1", "2024-Q2", "2024"};
  const uint8_t pol[] = {SOPKIT_POLARITY_POSITIVE, SOPKIT_POLARITY_POSITIVE,
                         SOPKIT_POLARITY_NEGATIVE};
  const double target[] = {100, 100, 2.0};
  const double real[] = {q1_realisation, NAN, 1.5};
  sopkit_indicator_rows rows = rows_of(3, unit, code, period, pol, target, real);
  sopkit_indicators* set = NULL;
  sopkit_evaluation* ev = NULL;
  CHECK_OK(sopkit_indicators_new(&set, &rows));
  CHECK_OK(sopkit_indicators_evaluate(set, NULL, &ev));
  sopkit_indicators_free(set);
  return ev;
}

/* The rows as columns agree with the rows: numbers NaN where blank, texts a
 * code into borrowed labels (-1 where the row has none). */
static void test_evaluation_columns(void) {
  sopkit_evaluation* ev = evaluation_of_three(NAN);
  sopkit_evaluation_row row;
  double numbers[3], ach[3];
  int32_t codes[3];
  const char* const* labels = NULL;
  size_t count = 0, i;
  CHECK_OK(sopkit_evaluation_numbers(ev, "indicators", "achievement", numbers, 3));
  CHECK_OK(sopkit_evaluation_arrays(ev, ach, NULL, 3));
  for (i = 0; i < 3; ++i) CHECK(isnan(ach[i]) ? isnan(numbers[i]) : numbers[i] == ach[i]);
  CHECK_OK(sopkit_evaluation_numbers(ev, "indicators", "realisation", numbers, 3));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    CHECK(isnan(row.realisation) ? isnan(numbers[i]) : numbers[i] == row.realisation);
  }
  /* The year to date is a quarter's alone. */
  CHECK_OK(sopkit_evaluation_numbers(ev, "indicators", "ytd_target", numbers, 3));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    CHECK(strcmp(row.period, "2024") == 0 ? isnan(numbers[i]) : numbers[i] == 100);
  }
  CHECK_OK(sopkit_evaluation_texts(ev, "indicators", "unit", codes, 3, &labels, &count));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    CHECK(codes[i] >= 0 && (size_t)codes[i] < count && strcmp(labels[codes[i]], row.unit) == 0);
  }
  CHECK_OK(sopkit_evaluation_texts(ev, "indicators", "period", codes, 3, &labels, &count));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    CHECK(strcmp(labels[codes[i]], row.period) == 0);
  }
  CHECK_OK(sopkit_evaluation_texts(ev, "indicators", "reason", codes, 3, &labels, &count));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    CHECK(row.reason[0] == '\0' ? codes[i] == -1 : strcmp(labels[codes[i]], row.reason) == 0);
  }
  CHECK(count == 1);
  /* No quarter has a realisation to date; the year has no year to date. */
  CHECK_OK(sopkit_evaluation_texts(ev, "indicators", "ytd_reason", codes, 3, &labels, &count));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    if (strcmp(row.period, "2024") != 0)
      CHECK(codes[i] >= 0 && strcmp(labels[codes[i]], "realisation_blank") == 0);
    else
      CHECK(codes[i] == -1);
  }
  CHECK_STATUS(sopkit_evaluation_numbers(ev, "indicators", "no_such", numbers, 3),
               SOPKIT_ENOTFOUND);
  CHECK(contains(sopkit_last_error(), "no number column 'no_such'"));
  CHECK_STATUS(sopkit_evaluation_texts(ev, "indicators", "target", codes, 3, &labels, &count),
               SOPKIT_ENOTFOUND);
  CHECK_STATUS(sopkit_evaluation_numbers(ev, "indicators", "target", numbers, 2), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "n is 2 but the list 'indicators' has 3 rows"));
  CHECK_STATUS(sopkit_evaluation_texts(ev, "indicators", "unit", NULL, 3, &labels, &count),
               SOPKIT_EINVAL);
  sopkit_evaluation_free(ev);
}

/* The roll-ups and early warnings as columns agree with the JSON form. */
static void test_evaluation_unit_and_warning_columns(void) {
  sopkit_evaluation* ev = evaluation_of_three(91);
  double ach[16], band[16], included[16], excluded[16], warn[4], quarters[4];
  int32_t units[16], periods[16], reasons[16], predicates[16], codes[4], owners[4];
  const char* const* unit_labels = NULL;
  const char* const* period_labels = NULL;
  const char* const* reason_labels = NULL;
  const char* const* predicate_labels = NULL;
  const char* const* labels = NULL;
  const char* json = NULL;
  char expected[160];
  size_t n = 0, count = 0, i, checked = 0;
  CHECK_OK(sopkit_evaluation_to_json(ev, &json));
  CHECK_OK(sopkit_evaluation_list_count(ev, "units", &n));
  CHECK(n > 3 && n <= 16);
  CHECK_OK(sopkit_evaluation_numbers(ev, "units", "achievement", ach, n));
  CHECK_OK(sopkit_evaluation_numbers(ev, "units", "band", band, n));
  CHECK_OK(sopkit_evaluation_numbers(ev, "units", "included", included, n));
  CHECK_OK(sopkit_evaluation_numbers(ev, "units", "excluded", excluded, n));
  CHECK_OK(sopkit_evaluation_texts(ev, "units", "unit", units, n, &unit_labels, &count));
  CHECK_OK(sopkit_evaluation_texts(ev, "units", "period", periods, n, &period_labels, &count));
  CHECK_OK(sopkit_evaluation_texts(ev, "units", "reason", reasons, n, &reason_labels, &count));
  CHECK_OK(
      sopkit_evaluation_texts(ev, "units", "predicate", predicates, n, &predicate_labels, &count));
  for (i = 0; i < n; ++i) {
    /* Each roll-up's unit and period, as the JSON form writes them. */
    snprintf(expected, sizeof expected, "\"unit\":\"%s\",\"period\":\"%s\"", unit_labels[units[i]],
             period_labels[periods[i]]);
    CHECK(contains(json, expected));
    CHECK(isnan(ach[i]) == (reasons[i] >= 0));
    CHECK((band[i] == 0) == (predicates[i] < 0));
    if (strcmp(unit_labels[units[i]], "Dinas/Bidang SD") != 0) continue;
    if (strcmp(period_labels[periods[i]], "2024-Q1") == 0) {
      CHECK(near(ach[i], 91) && band[i] == 5 && included[i] == 1 && excluded[i] == 0);
      CHECK(strcmp(predicate_labels[predicates[i]], "Sangat Tinggi") == 0);
      ++checked;
    } else if (strcmp(period_labels[periods[i]], "2024-Q2") == 0) {
      CHECK(isnan(ach[i]) && included[i] == 0 && excluded[i] == 1);
      CHECK(strcmp(reason_labels[reasons[i]], "no_computable_indicator") == 0);
      ++checked;
    }
  }
  CHECK(checked == 2);
  /* IKU-01 has reported one quarter of 2024. */
  CHECK_OK(sopkit_evaluation_list_count(ev, "warnings", &n));
  CHECK(n >= 1 && n <= 4);
  CHECK_OK(sopkit_evaluation_numbers(ev, "warnings", "warn", warn, n));
  CHECK_OK(sopkit_evaluation_numbers(ev, "warnings", "quarters_reported", quarters, n));
  CHECK_OK(sopkit_evaluation_texts(ev, "warnings", "unit", owners, n, &unit_labels, &count));
  CHECK_OK(sopkit_evaluation_texts(ev, "warnings", "indicator", codes, n, &labels, &count));
  CHECK(strcmp(labels[codes[0]], "IKU-01") == 0 && quarters[0] == 1);
  CHECK(strcmp(unit_labels[owners[0]], "Dinas/Bidang SD") == 0);
  CHECK(warn[0] == (contains(json, "\"warn\":true") ? 1 : 0));
  CHECK_STATUS(sopkit_evaluation_list_count(ev, "roll-ups", &n), SOPKIT_ENOTFOUND);
  CHECK(contains(sopkit_last_error(), "no list 'roll-ups'"));
  CHECK_STATUS(sopkit_evaluation_numbers(ev, "warnings", "score", warn, n), SOPKIT_ENOTFOUND);
  CHECK(contains(sopkit_last_error(), "no number column 'score' in the warnings"));
  CHECK_STATUS(sopkit_evaluation_texts(ev, "units", "period", periods, 1, &labels, &count),
               SOPKIT_EINVAL);
  sopkit_evaluation_free(ev);
}

static void test_loading_errors(void) {
  sopkit_indicators* set = NULL;
  const char* csv =
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
      "Dinas,IKU-1,X,%,sideways,last,1,2024,100,90\n";
  CHECK_STATUS(sopkit_indicators_load_file(&set, "/nonexistent/data.csv"), SOPKIT_EIO);
  CHECK(sopkit_indicators_load_csv(&set, csv, strlen(csv)) < 0);
  CHECK(contains(sopkit_last_error(), "<csv>:2:"));
  CHECK(sopkit_indicators_load_json(&set, "{", 1) == SOPKIT_EPARSE);
  CHECK(set == NULL);
  CHECK_STATUS(sopkit_indicators_load_csv(&set, NULL, 0), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_load_json(NULL, "{}", 2), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_indicators_load_file(&set, NULL), SOPKIT_EINVAL);
}

static void test_decimal_mark(void) {
  const char* text =
      "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n"
      "D/A;K1;Pagu;Rp;positive;last;1;2024;1.200;1.100\n";
  sopkit_indicators* set = NULL;
  sopkit_evaluation* ev = NULL;
  sopkit_evaluation_row row;
  CHECK_STATUS(sopkit_indicators_load_csv(&set, text, strlen(text)), SOPKIT_EFORMAT);
  CHECK(strstr(sopkit_last_error(), "can be read two ways: 1200") != NULL);
  CHECK_STATUS(sopkit_indicators_load_csv_with_mark(&set, text, strlen(text), 7), SOPKIT_EINVAL);
  CHECK(set == NULL);
  CHECK_OK(sopkit_indicators_load_csv_with_mark(&set, text, strlen(text), SOPKIT_DECIMAL_COMMA));
  CHECK_OK(sopkit_indicators_evaluate(set, NULL, &ev));
  CHECK_OK(sopkit_evaluation_row_get(ev, 0, &row));
  CHECK(row.target == 1200.0 && row.realisation == 1100.0);
  sopkit_evaluation_free(ev);
  sopkit_indicators_free(set);
}

/* A period older than the scale's first version is rated by nothing, with a
 * note; the run itself succeeds. */
static void test_period_before_the_scale_is_noted_not_refused(void) {
  static const char kCsv[] =
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n"
      "Dinas,K1,x,%,positive,last,1,2020,100,92\n";
  sopkit_indicators* set = NULL;
  sopkit_evaluation* ev = NULL;
  sopkit_evaluate_options opts;
  sopkit_evaluation_row row;
  const char* note = NULL;
  size_t n = 0;
  CHECK_OK(sopkit_indicators_load_csv(&set, kCsv, sizeof kCsv - 1));
  CHECK_OK(sopkit_evaluate_options_init(&opts));
  opts.scale = "sakip-88-2021";
  CHECK_OK(sopkit_indicators_evaluate(set, &opts, &ev));
  CHECK_OK(sopkit_evaluation_row_get(ev, 0, &row));
  CHECK(row.achievement == 92.0);
  CHECK(row.band == 0);
  CHECK(strcmp(row.predicate, "") == 0);
  CHECK_OK(sopkit_evaluation_note_count(ev, &n));
  CHECK(n == 1);
  CHECK_OK(sopkit_evaluation_note(ev, 0, &note));
  CHECK(contains(note, "no version of the scale is in force on 2020-12-31"));
  CHECK_STATUS(sopkit_evaluation_note(ev, 1, &note), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_evaluation_note_count(NULL, &n), SOPKIT_EINVAL);
  sopkit_evaluation_free(ev);
  sopkit_indicators_free(set);
}

int main(void) {
  test_period_before_the_scale_is_noted_not_refused();
  test_decimal_mark();
  test_evaluate_cells();
  test_evaluate_cells_grouped();
  test_set_from_arrays();
  test_set_from_columns_follows_the_csv();
  test_set_from_columns_refuses_what_the_csv_refuses();
  test_set_from_arrays_refuses_a_second_name();
  test_example_file_and_options();
  test_version_1_init_keeps_to_its_struct();
  test_threads_and_version_1_options();
  test_load_options();
  test_evaluation_outlives_its_set();
  test_evaluation_columns();
  test_evaluation_unit_and_warning_columns();
  test_loading_errors();
  return check_summary();
}
