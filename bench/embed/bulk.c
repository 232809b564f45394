/* bulk.c — the C side of bench/embed/compare_embed.py: writes the inputs
 * (splitmix64 streams of bench/baselines/inputs.py) and times the calls that
 * bench/php/bulk.php and bench/go/bulk.go time, on the same files.
 *
 *   bulk gen DIR N        writes DIR/cells.bin and DIR/minutes.bin
 *   bulk run DIR N CALLS  times one round; prints "<name> <seconds>" and
 *                         "checksum <name> <value>" lines
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <sopkit/sopkit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t sm(uint64_t stream, uint64_t index) {
  uint64_t z = ((stream << 40) + index + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static double unif(uint64_t stream, uint64_t index) {
  return (double)(sm(stream, index) >> 11) * (1.0 / 9007199254740992.0);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void* xmalloc(size_t bytes) {
  void* p = malloc(bytes);
  if (!p) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  return p;
}

static FILE* open_in(const char* dir, const char* name, const char* mode) {
  char path[4096];
  FILE* f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f = fopen(path, mode);
  if (!f) {
    perror(path);
    exit(2);
  }
  return f;
}

static void transfer(void* data, size_t size, size_t n, FILE* f, int writing) {
  size_t done = writing ? fwrite(data, size, n, f) : fread(data, size, n, f);
  if (done != n) {
    fprintf(stderr, "short %s\n", writing ? "write" : "read");
    exit(2);
  }
}

/* The inputs of every call, in C memory. */
typedef struct inputs {
  double *target, *realisation;
  uint8_t* polarity;
  int64_t *start, *minutes;
} inputs;

static inputs alloc_inputs(size_t n) {
  inputs in;
  in.target = xmalloc(n * sizeof *in.target);
  in.realisation = xmalloc(n * sizeof *in.realisation);
  in.polarity = xmalloc(n);
  in.start = xmalloc(n * sizeof *in.start);
  in.minutes = xmalloc(n * sizeof *in.minutes);
  return in;
}

static void free_inputs(inputs* in) {
  free(in->target), free(in->realisation), free(in->polarity), free(in->start), free(in->minutes);
}

/* Writes (gen) or reads (run) DIR/cells.bin and DIR/minutes.bin. */
static void transfer_inputs(const char* dir, inputs* in, size_t n, int writing) {
  FILE* f = open_in(dir, "cells.bin", writing ? "wb" : "rb");
  transfer(in->target, sizeof *in->target, n, f, writing);
  transfer(in->realisation, sizeof *in->realisation, n, f, writing);
  transfer(in->polarity, 1, n, f, writing);
  fclose(f);
  f = open_in(dir, "minutes.bin", writing ? "wb" : "rb");
  transfer(in->start, sizeof *in->start, n, f, writing);
  transfer(in->minutes, sizeof *in->minutes, n, f, writing);
  fclose(f);
}

/* Indicator cells as inputs.py's indicator_cells (polarity 1 = negative), and
 * office-hour starts: ASN-week minutes over 2015..2024 plus 0..40 hours. */
static void generate(const char* dir, size_t n) {
  inputs in = alloc_inputs(n);
  int64_t first = 0;
  size_t i;
  if (sopkit_instant_parse("2015-01-01T00:00", &first) != SOPKIT_OK) exit(2);
  for (i = 0; i < n; ++i) {
    in.target[i] = unif(30, i) < 0.01 ? 0.0 : 1.0 + 999.0 * unif(31, i);
    in.realisation[i] = (0.3 + unif(32, i)) * (in.target[i] > 0 ? in.target[i] : 100.0);
    in.polarity[i] = sm(33, i) % 5 == 0;
    in.start[i] = first + (int64_t)(sm(4, i) % (3653ull * 1440));
    in.minutes[i] = (int64_t)(sm(5, i) % 41) * 60;
  }
  transfer_inputs(dir, &in, n, 1);
  free_inputs(&in);
}

static void check(int status) {
  if (status != SOPKIT_OK) {
    fprintf(stderr, "%s: %s\n", sopkit_status_str(status), sopkit_last_error());
    exit(1);
  }
}

static void run(const char* dir, size_t n, size_t calls) {
  inputs in = alloc_inputs(n);
  double* achievement = xmalloc(n * sizeof *achievement);
  uint8_t* band = xmalloc(n);
  int64_t* out = xmalloc(n * sizeof *out);
  sopkit_calendar* cal = NULL;
  double t0, sum = 0;
  uint64_t bands = 0, nan = 0;
  int64_t total = 0;
  size_t i;
  transfer_inputs(dir, &in, n, 0);
  memset(achievement, 0, n * sizeof *achievement), memset(band, 0, n),
      memset(out, 0, n * sizeof *out);
  check(sopkit_calendar_new_asn(&cal, 2015, 2026));

  t0 = now();
  check(sopkit_evaluate_cells(in.target, in.realisation, in.polarity, n, achievement, band));
  printf("evaluate_cells %.6f\n", now() - t0);
  t0 = now();
  check(sopkit_calendar_add_minutes_bulk(cal, in.start, in.minutes, out, n));
  printf("calendar_add_minutes_bulk %.6f\n", now() - t0);
  t0 = now();
  for (i = 0; i < calls; ++i)
    check(sopkit_calendar_add_minutes(cal, in.start[i], in.minutes[i], &out[i]));
  printf("calendar_add_minutes_per_call %.6f\n", now() - t0);

  for (i = 0; i < n; ++i) {
    if (isnan(achievement[i]))
      ++nan;
    else
      sum += achievement[i];
    bands += band[i];
    total += out[i];
  }
  printf("checksum evaluate_cells %.6f %llu %llu\n", sum, (unsigned long long)bands,
         (unsigned long long)nan);
  printf("checksum calendar_add_minutes %lld\n", (long long)total);
  sopkit_calendar_free(cal);
  free_inputs(&in);
  free(achievement), free(band), free(out);
}

int main(int argc, char** argv) {
  if (argc == 4 && strcmp(argv[1], "gen") == 0) {
    generate(argv[2], (size_t)strtoull(argv[3], NULL, 10));
    return 0;
  }
  if (argc == 5 && strcmp(argv[1], "run") == 0) {
    run(argv[2], (size_t)strtoull(argv[3], NULL, 10), (size_t)strtoull(argv[4], NULL, 10));
    return 0;
  }
  fprintf(stderr, "usage: bulk gen DIR N | bulk run DIR N CALLS\n");
  return 2;
}
