/*
 * sopkit.h — the stable C ABI of sopkit (C99).
 *
 * Everything sopkit does, reachable from any language that can call C: PHP FFI,
 * Java (JNA/Panama), C#, Go (cgo), Python (cffi). Only `sopkit_*` symbols are
 * exported, and the ABI only grows: functions are added, never changed.
 *
 * Conventions (after libgit2, SQLite and zstd):
 *  - Objects are opaque handles made by `_load`/`_new` and released by `_free`;
 *    every `_free` accepts NULL.
 *  - Handles are checked where they enter: a handle of another type, or one
 *    already freed, gives SOPKIT_EINVAL naming the argument and what it is,
 *    and a second `_free` of a handle is ignored. Still undefined: a pointer
 *    that never was a sopkit handle, and a freed handle whose memory has since
 *    been reused for a new handle of the same type (it then acts as that one).
 *  - Every function returns an `int` status: SOPKIT_OK (0) or a negative
 *    SOPKIT_E* code. `sopkit_status_str()` names a code; `sopkit_last_error()`
 *    gives the full message of this thread's last failure (file, line, JSON
 *    pointer or step, and what would be right).
 *  - Argument order: a constructor (`_load`, `_new`, `_open`) takes the handle
 *    it makes first, as `**out`; every other function takes the handle it
 *    works on first, then its inputs, then its outputs (`out_*`) last.
 *    Outputs are left untouched on failure.
 *  - Ownership is stated per function: *static* (lives forever), *borrowed*
 *    (owned by a handle, valid until that handle is freed), or *caller's*
 *    (a buffer or array the caller allocated).
 *  - Bulk numbers are caller-allocated arrays with an element count, so numpy
 *    and other hosts pass their memory without copies.
 *  - Whole documents and results travel as JSON text, so any language can use
 *    sopkit in two calls.
 *  - Thread safety: a handle is immutable once made; any number of threads may
 *    call functions on the same handle or on different handles at once, unless
 *    a function says otherwise. sopkit_last_error() is per OS thread: a host
 *    that can move a task to another OS thread between two native calls reads
 *    it while the task is still on the thread that failed. Go pins the
 *    goroutine from the call to the read (runtime.LockOSThread, as git2go does
 *    around git_error_last; bindings/go); a host whose FFI is C glue (JNI, a
 *    PHP or Erlang extension) reads it inside the same native call. There is
 *    deliberately no call returning status and message together: a message
 *    per handle (sqlite3_errmsg) would race on handles that threads share and
 *    has no handle to hang on for constructors, and a caller-owned error
 *    record would need an `_e` twin of every function (docs/embedding.md).
 *  - Integer constants are enum constants, so FFI parsers see them; the enum
 *    types never appear in a signature or a struct, so the ABI does not
 *    depend on them. Only the version numbers stay macros (for #if).
 *  - FFI hosts read include/sopkit/sopkit_ffi.h, generated from this file:
 *    the declarations alone, with PHP's FFI_SCOPE "SOPKIT" and FFI_LIB.
 *
 *   sopkit_sop *sop = NULL;
 *   if (sopkit_sop_load_file(&sop, "sop.json") != SOPKIT_OK) {
 *     fprintf(stderr, "%s\n", sopkit_last_error());
 *     return 1;
 *   }
 *   size_t n = 0;
 *   sopkit_sop_step_count(sop, &n);
 *   sopkit_sop_free(sop);
 */
#ifndef SOPKIT_H
#define SOPKIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Overridable: an FFI header generator or a host build defines it first
 * (e.g. empty) to drop the attribute. */
#ifndef SOPKIT_API
#if defined(_WIN32) && defined(SOPKIT_BUILDING_SHARED)
#define SOPKIT_API __declspec(dllexport)
#elif defined(__GNUC__)
#define SOPKIT_API __attribute__((visibility("default")))
#else
#define SOPKIT_API
#endif
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                   */
/* ------------------------------------------------------------------------ */

#define SOPKIT_VERSION_MAJOR 0
#define SOPKIT_VERSION_MINOR 2
#define SOPKIT_VERSION_PATCH 0
/* MAJOR * 10000 + MINOR * 100 + PATCH, as sopkit_version_number() returns. */
#define SOPKIT_VERSION_NUMBER \
  (SOPKIT_VERSION_MAJOR * 10000 + SOPKIT_VERSION_MINOR * 100 + SOPKIT_VERSION_PATCH)

/* The library's version as "MAJOR.MINOR.PATCH". Static. Never fails. */
SOPKIT_API const char* sopkit_version(void);

/* The library's version as SOPKIT_VERSION_NUMBER computes it; compare with the
 * header's macro to detect a header/library mismatch. Never fails. */
SOPKIT_API unsigned sopkit_version_number(void);

/* ------------------------------------------------------------------------ */
/* Status codes and errors                                                   */
/* ------------------------------------------------------------------------ */

typedef enum sopkit_status {
  SOPKIT_OK = 0,
  SOPKIT_EINVAL = -1,             /* an argument outside the function's contract (NULL, index) */
  SOPKIT_EPARSE = -2,             /* text that is not well-formed (JSON, CSV, a waktu text) */
  SOPKIT_EFORMAT = -3,            /* well-formed text with a wrong structure, type or value */
  SOPKIT_EIO = -4,                /* a file could not be read or written */
  SOPKIT_EVALIDATION = -5,        /* the document breaks a rule the operation needs */
  SOPKIT_ENOTFOUND = -6,          /* an id, key or calendar that does not exist */
  SOPKIT_ERANGE = -7,             /* an instant or value outside the data's coverage */
  SOPKIT_ENOMEM = -8,             /* allocation failed */
  SOPKIT_EBUFFER = -9,            /* the caller's buffer is too small */
  SOPKIT_ENOTCOMPUTABLE = -10,    /* the result has no value for these inputs */
  SOPKIT_EINTERNAL = -11,         /* a bug in sopkit: please report it */
  SOPKIT_EUNSUPPORTED = -12,      /* left out of this build (the store without SQLite) */
  SOPKIT_STATUS_RESERVED_ = -1000 /* codes may be added: keep a default: case */
} sopkit_status;

/* Short static text of a status ("invalid argument"); "unknown status" for a
 * value that is not a status. Static. Never fails. Thread-safe. */
SOPKIT_API const char* sopkit_status_str(int status);

/* The full message of the last failure on the calling thread, or "" when the
 * thread's last call succeeded. Borrowed: valid until the thread's next sopkit
 * call. Thread-safe (one message per thread). */
SOPKIT_API const char* sopkit_last_error(void);

/* ------------------------------------------------------------------------ */
/* Input limit                                                               */
/* ------------------------------------------------------------------------ */

/* The default of sopkit_set_max_input_bytes: 1 GiB. */
enum { SOPKIT_DEFAULT_MAX_INPUT_BYTES = 1073741824 };

/* Sets the largest file, in bytes, that any later *_load_file call reads: a
 * larger one fails with SOPKIT_EIO and "the input is larger than the limit of
 * N bytes (see --max-input-size)", found while reading, so /dev/zero or a FIFO
 * that never ends stops at the limit. Text
 * passed in memory (*_load_json) is not limited. Process-wide; thread-safe.
 * Errors: SOPKIT_EINVAL (bytes is 0). */
SOPKIT_API int sopkit_set_max_input_bytes(uint64_t bytes);

/* The current limit (SOPKIT_DEFAULT_MAX_INPUT_BYTES unless set). Never fails. */
SOPKIT_API uint64_t sopkit_max_input_bytes(void);

/* ------------------------------------------------------------------------ */
/* SOP documents                                                             */
/* ------------------------------------------------------------------------ */

/* An SOP document in format v1 (docs/format.md), immutable once loaded. */
typedef struct sopkit_sop sopkit_sop;

/* Loads a format v1 file. On success *out is a new handle (free it with
 * sopkit_sop_free). Errors: SOPKIT_EINVAL (out or path NULL), SOPKIT_EIO,
 * SOPKIT_EPARSE (malformed JSON: message has line:column), SOPKIT_EFORMAT
 * (wrong structure: message has the JSON pointer), SOPKIT_ENOMEM. A document
 * with rule violations loads: call sopkit_sop_validate to see them. */
SOPKIT_API int sopkit_sop_load_file(sopkit_sop** out, const char* path);

/* As sopkit_sop_load_file, from `len` bytes of UTF-8 JSON text (need not be
 * NUL-terminated). */
SOPKIT_API int sopkit_sop_load_json(sopkit_sop** out, const char* json, size_t len);

/* Releases a handle and everything borrowed from it. NULL is a no-op. */
SOPKIT_API void sopkit_sop_free(sopkit_sop* sop);

/* Saves the document atomically (temporary file + rename: never a half-written
 * file). Errors: SOPKIT_EINVAL, SOPKIT_EIO, SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_save_file(const sopkit_sop* sop, const char* path);

/* The document as format v1 JSON text. *out_json is borrowed from the handle
 * (valid until sopkit_sop_free). Errors: SOPKIT_EINVAL, SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_to_json(const sopkit_sop* sop, const char** out_json);

/* What changed from `before` to `after` (identity, actors, steps, flows and
 * mutu baku), as JSON {"format": "sopkit.sopdiff/1", "changes": [...],
 * "summary": {...}}: the diff the record store gives between revisions.
 * *out_json is the caller's: free it with sopkit_text_free. Errors:
 * SOPKIT_EINVAL, SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_diff_json(const sopkit_sop* before, const sopkit_sop* after,
                                    char** out_json);

/* Releases a text a function gave as the caller's (a `char**` output). NULL is
 * a no-op. sopkit_store_text_free is the same function under its older name. */
SOPKIT_API void sopkit_text_free(char* text);

/* Number of steps and of actors. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_sop_step_count(const sopkit_sop* sop, size_t* out_count);
SOPKIT_API int sopkit_sop_actor_count(const sopkit_sop* sop, size_t* out_count);

/* Text fields of a step, for sopkit_sop_step_text. */
typedef enum sopkit_step_field {
  SOPKIT_STEP_ID = 0,
  SOPKIT_STEP_ACTIVITY = 1,
  SOPKIT_STEP_ACTOR = 2, /* the actor id */
  SOPKIT_STEP_TIME = 3,  /* waktu as written, "" when none */
  SOPKIT_STEP_OUTPUT = 4,
  SOPKIT_STEP_NOTE = 5,
  SOPKIT_STEP_FIELD_RESERVED_ = 1000
} sopkit_step_field;

/* A text field of step `index` (0-based, table order). *out is borrowed from
 * the handle, UTF-8, NUL-terminated. Errors: SOPKIT_EINVAL (NULL, unknown
 * field, index >= step count). */
SOPKIT_API int sopkit_sop_step_text(const sopkit_sop* sop, size_t index, sopkit_step_field field,
                                    const char** out);

typedef enum sopkit_step_kind {
  SOPKIT_STEP_START = 0,
  SOPKIT_STEP_END = 1,
  SOPKIT_STEP_PROCESS = 2,
  SOPKIT_STEP_DECISION = 3,
  SOPKIT_STEP_KIND_RESERVED_ = 1000
} sopkit_step_kind;

/* The kind of step `index`. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_sop_step_kind(const sopkit_sop* sop, size_t index, sopkit_step_kind* out);

/* The standard time of step `index` in working minutes, lower and upper end
 * (equal unless a range), under the default convention (1 hari = 450 min,
 * 1 minggu = 5 hari, 1 bulan = 22 hari). Either output may be NULL.
 * Errors: SOPKIT_EINVAL; SOPKIT_ENOTCOMPUTABLE when the step has no time or
 * its text cannot be parsed (the message says which). */
SOPKIT_API int sopkit_sop_step_minutes(const sopkit_sop* sop, size_t index, double* out_min,
                                       double* out_max);

/* Parses a standard time text ("1,5 jam", "1-3 Hari") into working minutes
 * under the default convention. Either output may be NULL. Errors:
 * SOPKIT_EINVAL (text NULL), SOPKIT_EPARSE (message names the text). */
SOPKIT_API int sopkit_duration_parse(const char* text, double* out_min_minutes,
                                     double* out_max_minutes);

/* ------------------------------------------------------------------------ */
/* Validation                                                                */
/* ------------------------------------------------------------------------ */

/* The findings of sopkit_sop_validate, immutable. */
typedef struct sopkit_diagnostics sopkit_diagnostics;

typedef enum sopkit_severity {
  SOPKIT_SEVERITY_ERROR = 0,
  SOPKIT_SEVERITY_WARNING = 1,
  SOPKIT_SEVERITY_RESERVED_ = 1000
} sopkit_severity;

/* One finding. Every pointer is borrowed from the sopkit_diagnostics handle. */
typedef struct sopkit_diagnostic {
  sopkit_severity severity;
  const char* code;    /* stable code: "unknown_actor", "duration_in_output" (docs/format.md) */
  const char* step;    /* step id, "" for document-level findings */
  const char* pointer; /* JSON pointer of the field, "" when none */
  const char* message; /* for the person who typed the document */
} sopkit_diagnostic;

/* Checks every rule of docs/format.md. A faulty document is not a failure:
 * the findings are in *out (free with sopkit_diagnostics_free). Errors:
 * SOPKIT_EINVAL, SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_validate(const sopkit_sop* sop, sopkit_diagnostics** out);

/* Number of findings, and of those that are errors. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_diagnostics_count(const sopkit_diagnostics* d, size_t* out_count,
                                        size_t* out_errors);

/* Finding `index` (errors first, then warnings). Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_diagnostics_get(const sopkit_diagnostics* d, size_t index,
                                      sopkit_diagnostic* out);

/* The findings as a JSON array of {severity, code, step, pointer, message}.
 * *out_json is borrowed from the handle. Errors: SOPKIT_EINVAL, SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_diagnostics_to_json(const sopkit_diagnostics* d, const char** out_json);

/* Releases the findings. NULL is a no-op. */
SOPKIT_API void sopkit_diagnostics_free(sopkit_diagnostics* d);

/* ------------------------------------------------------------------------ */
/* Analysis: happy path, totals, CPM, rework loops, workload                 */
/* ------------------------------------------------------------------------ */

/* The result of sopkit_sop_analyze, immutable. */
typedef struct sopkit_analysis sopkit_analysis;

enum { SOPKIT_ANALYSIS_OPTIONS_VERSION = 1 };

/* Options of sopkit_sop_analyze. Initialise with sopkit_analysis_options_init
 * so that fields added later get their defaults. */
typedef struct sopkit_analysis_options {
  unsigned version;       /* SOPKIT_ANALYSIS_OPTIONS_VERSION */
  unsigned rework_rounds; /* k of the worst case: every loop re-done k times (default 1) */
  double minutes_per_day; /* working minutes of a hari (default 450; 0 < x <= 1440) */
  double days_per_week;   /* hari in a minggu (default 5; 0 < x <= 7) */
  double days_per_month;  /* hari in a bulan (default 22; 0 < x <= 31) */
  int lenient;            /* non-zero: never fail on document faults; see the JSON's not_computed */
} sopkit_analysis_options;

/* Fills *opts with the defaults. Errors: SOPKIT_EINVAL (opts NULL). */
SOPKIT_API int sopkit_analysis_options_init(sopkit_analysis_options* opts);

/* Analyses the document (docs/analysis.md): happy path, totals, CPM per step,
 * rework loops, worst and expected totals, workload and hand-offs. `opts` may
 * be NULL for the defaults. On success *out is a new handle (free with
 * sopkit_analysis_free). Errors: SOPKIT_EINVAL (NULL, unknown options version,
 * a convention value out of its range), SOPKIT_EVALIDATION (no start step, a cycle with no
 * decision: the message names the steps), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_analyze(const sopkit_sop* sop, const sopkit_analysis_options* opts,
                                  sopkit_analysis** out);

/* Total standard time of the happy path in working minutes: lower and upper
 * end (equal unless ranges). Either output may be NULL. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_analysis_total_minutes(const sopkit_analysis* a, double* out_min,
                                             double* out_max);

/* The total as text, days/hours/minutes kept apart ("31 hari 3 jam 30 menit").
 * Borrowed from the handle. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_analysis_total_text(const sopkit_analysis* a, const char** out_text);

/* Number of steps on the happy path, and the id of the i-th (borrowed).
 * Errors: SOPKIT_EINVAL (index past the end). */
SOPKIT_API int sopkit_analysis_path_length(const sopkit_analysis* a, size_t* out_count);
SOPKIT_API int sopkit_analysis_path_step(const sopkit_analysis* a, size_t index,
                                         const char** out_id);

/* CPM figures of one happy-path step, in working minutes from the run's start,
 * with the upper ends of the standard times. */
typedef struct sopkit_step_timing {
  const char* id; /* borrowed from the analysis handle */
  double earliest_start, earliest_finish;
  double latest_start, latest_finish;
  double slack;
  int critical; /* non-zero on the critical path */
} sopkit_step_timing;

/* Timing of the index-th happy-path step. Errors: SOPKIT_EINVAL (index past the
 * end), SOPKIT_ENOTCOMPUTABLE (lenient analysis whose CPM could not run). */
SOPKIT_API int sopkit_analysis_step_timing(const sopkit_analysis* a, size_t index,
                                           sopkit_step_timing* out);

/* Everything as JSON ("sopkit.analysis/2", docs/analysis.md), including the
 * validation diagnostics. Borrowed from the handle. Errors: SOPKIT_EINVAL,
 * SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_analysis_to_json(const sopkit_analysis* a, const char** out_json);

/* Releases the analysis. NULL is a no-op. */
SOPKIT_API void sopkit_analysis_free(sopkit_analysis* a);

/* ------------------------------------------------------------------------ */
/* Working calendar                                                          */
/* ------------------------------------------------------------------------ */

/* Instants are local civil time with minute precision: minutes since
 * 1970-01-01T00:00 (no time zone: office hours are local). Dates are days
 * since 1970-01-01. Both are int64_t so that hosts pass plain arrays
 * (numpy datetime64[m] and datetime64[D] have exactly this layout). */

/* Parses "2024-04-05T08:00" (also "2024-04-05 08:00", or a date alone = 00:00)
 * into *out. Errors: SOPKIT_EINVAL (NULL), SOPKIT_EPARSE (bad text or a date
 * that does not exist, e.g. 2024-02-30; the message names it). */
SOPKIT_API int sopkit_instant_parse(const char* text, int64_t* out);

/* Writes "YYYY-MM-DDTHH:MM" and a NUL into buf (capacity cap bytes; 17 is
 * always enough). *out_needed (may be NULL) receives the length without the
 * NUL. Errors: SOPKIT_EINVAL (buf NULL), SOPKIT_EBUFFER (cap too small: buf
 * untouched, *out_needed set). */
SOPKIT_API int sopkit_instant_format(int64_t instant, char* buf, size_t cap, size_t* out_needed);

/* A working calendar: office hours per weekday with breaks, holidays and cuti
 * bersama, per-date overrides; immutable once made. */
typedef struct sopkit_calendar sopkit_calendar;

/* The 5-day ASN week (Mon-Thu 07:30-16:00, Fri 07:30-16:30, breaks 12:00-13:00
 * and Fri 11:30-13:00) with no holidays, covering 1 January of first_year to
 * 31 December of last_year. Errors: SOPKIT_EINVAL (NULL, first > last, a year
 * outside 1900..2200). */
SOPKIT_API int sopkit_calendar_new_asn(sopkit_calendar** out, int first_year, int last_year);

/* A shipped Indonesian calendar by id ("id-2024": national holidays and cuti
 * bersama of that year with their decrees, docs/calendar.md), or the years
 * first..last merged. Data are read from $SOPKIT_DATA_DIR/calendars when set,
 * else from the copy of data/calendars built into the library. Errors: SOPKIT_EINVAL,
 * SOPKIT_ENOTFOUND (no such id or year), SOPKIT_EIO, SOPKIT_EFORMAT. */
SOPKIT_API int sopkit_calendar_load_id(sopkit_calendar** out, const char* id);
SOPKIT_API int sopkit_calendar_load_years(sopkit_calendar** out, int first_year, int last_year);

/* Calendars apply the Ramadan week of Perpres 21/2023 (Mon-Thu 08:00-15:00,
 * break 12:00-12:30; Fri 08:00-15:30, break 11:30-12:30) in the Ramadan periods
 * of their data by default (docs/calendar.md). This flag keeps the normal week
 * through Ramadan. */
#define SOPKIT_CALENDAR_NO_RAMADAN_HOURS 1

/* As sopkit_calendar_load_id, _years and _file, with flags (0 or
 * SOPKIT_CALENDAR_NO_RAMADAN_HOURS). Errors as those, and SOPKIT_EINVAL for an
 * unknown flag bit. */
SOPKIT_API int sopkit_calendar_load_id_flags(sopkit_calendar** out, const char* id, unsigned flags);
SOPKIT_API int sopkit_calendar_load_years_flags(sopkit_calendar** out, int first_year,
                                                int last_year, unsigned flags);
SOPKIT_API int sopkit_calendar_load_file_flags(sopkit_calendar** out, const char* path,
                                               unsigned flags);

/* A calendar from a "sopkit.calendar/1" file or JSON text (docs/calendar.md):
 * how a host app builds its own (week, holidays, overrides, coverage). Errors:
 * SOPKIT_EINVAL, SOPKIT_EIO, SOPKIT_EPARSE, SOPKIT_EFORMAT (the message has the
 * JSON pointer), SOPKIT_EVALIDATION (office hours that overlap or run
 * backwards, a week with no working time). */
SOPKIT_API int sopkit_calendar_load_file(sopkit_calendar** out, const char* path);
SOPKIT_API int sopkit_calendar_load_json(sopkit_calendar** out, const char* json, size_t len);

/* Releases a calendar. NULL is a no-op. */
SOPKIT_API void sopkit_calendar_free(sopkit_calendar* cal);

/* Single-instant operations. Each fails with SOPKIT_ERANGE when the instant, or
 * the result, lies outside the calendar's coverage (its holiday data would not
 * speak for it), and SOPKIT_EINVAL for NULL or a negative amount. */

/* *out = 1 when t is inside office hours on a working day, else 0. */
SOPKIT_API int sopkit_calendar_is_working_time(const sopkit_calendar* cal, int64_t t, int* out);
/* The first working instant at or after t. */
SOPKIT_API int sopkit_calendar_next_working(const sopkit_calendar* cal, int64_t t, int64_t* out);
/* t plus `minutes` of office time (breaks, evenings, weekends, holidays skipped). */
SOPKIT_API int sopkit_calendar_add_minutes(const sopkit_calendar* cal, int64_t t, int64_t minutes,
                                           int64_t* out);
/* t plus `days` working days: the clock time is kept, non-working days skipped;
 * a start outside office hours first moves to the next opening. */
SOPKIT_API int sopkit_calendar_add_days(const sopkit_calendar* cal, int64_t t, int64_t days,
                                        int64_t* out);
/* t plus a standard time text ("2 hari 3 jam": days first, then office time),
 * upper end of a range. Errors also: SOPKIT_EPARSE for the text. */
SOPKIT_API int sopkit_calendar_add_text(const sopkit_calendar* cal, int64_t t, const char* waktu,
                                        int64_t* out);
/* Office minutes between a and b (negative when b < a). */
SOPKIT_API int sopkit_calendar_minutes_between(const sopkit_calendar* cal, int64_t a, int64_t b,
                                               int64_t* out);

/* Bulk forms over caller-allocated arrays of n elements: out[i] = the single
 * form of (start[i], amount[i]), written straight into `out` (zero copy; `out`
 * may alias `start`). On failure — SOPKIT_EINVAL for a negative amount,
 * SOPKIT_ERANGE for a result outside the coverage, the message naming the
 * first failing element — the contents of `out` are unspecified. NULL arrays
 * are allowed only when n == 0. Thread-safe; no allocation. */
SOPKIT_API int sopkit_calendar_add_minutes_bulk(const sopkit_calendar* cal, const int64_t* start,
                                                const int64_t* minutes, int64_t* out, size_t n);
SOPKIT_API int sopkit_calendar_add_days_bulk(const sopkit_calendar* cal, const int64_t* start,
                                             const int64_t* days, int64_t* out, size_t n);
/* out[i] = office minutes from a[i] to b[i], as sopkit_calendar_minutes_between;
 * SOPKIT_ERANGE names the first element with an instant outside the coverage.
 * `out` may alias `a` or `b`. Since 0.2. */
SOPKIT_API int sopkit_calendar_minutes_between_bulk(const sopkit_calendar* cal, const int64_t* a,
                                                    const int64_t* b, int64_t* out, size_t n);

/* Calendars for real offices (since 0.2). Dates are days since 1970-01-01
 * (an instant / 1440, rounded down; numpy datetime64[D]). */

/* A shipped calendar (by id, or the years first..last merged, as
 * sopkit_calendar_load_id_flags and _years_flags; or a calendar file, as
 * sopkit_calendar_load_file_flags) with a region's own holiday
 * file ("sopkit.calendar/1": a kabupaten's Hari Jadi, a province's days off)
 * added on top for the same dates (docs/calendar.md "Regional holidays"): its
 * entries outside the national coverage are left out, a date that is a
 * holiday in both keeps the national entry, its other holidays are listed as
 * "local". Errors: as those functions, and SOPKIT_EINVAL (regional_path NULL),
 * SOPKIT_EIO, SOPKIT_EPARSE, SOPKIT_EFORMAT for the regional file,
 * SOPKIT_EVALIDATION for a date the two define differently (a holiday in one,
 * office hours in the other; the message names both entries). */
SOPKIT_API int sopkit_calendar_load_id_regional(sopkit_calendar** out, const char* id,
                                                const char* regional_path, unsigned flags);
SOPKIT_API int sopkit_calendar_load_years_regional(sopkit_calendar** out, int first_year,
                                                   int last_year, const char* regional_path,
                                                   unsigned flags);
SOPKIT_API int sopkit_calendar_load_file_regional(sopkit_calendar** out, const char* path,
                                                  const char* regional_path, unsigned flags);

/* The holidays and cuti bersama dated in [from_date, to_date) as
 * "sopkit.holidays/1" JSON ({"format", "calendar", "from", "to", "holidays":
 * [{"date", "name", "kind", "decree"}]}; kind "holiday" = libur nasional,
 * "cuti_bersama", "local" = regional). *out_json is the caller's: free it with
 * sopkit_text_free. Errors: SOPKIT_EINVAL (NULL, to_date < from_date),
 * SOPKIT_ERANGE (a date outside the coverage and its day after), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_calendar_holidays_json(const sopkit_calendar* cal, int64_t from_date,
                                             int64_t to_date, char** out_json);

/* Working days in [from_date, to_date): the dates d with from_date <= d <
 * to_date that have office hours (numpy.busday_count's rule); when to_date <
 * from_date, minus the count of [to_date, from_date). Both dates lie in the
 * coverage or on the day after it. Errors: SOPKIT_EINVAL (NULL), SOPKIT_ERANGE. */
SOPKIT_API int sopkit_calendar_working_days(const sopkit_calendar* cal, int64_t from_date,
                                            int64_t to_date, int64_t* out);
/* out[i] = sopkit_calendar_working_days(from_dates[i], to_dates[i]), as the bulk
 * forms above (zero copy, no allocation; `out` may alias either input; NULL
 * arrays only when n == 0); SOPKIT_ERANGE names the first element with a date
 * outside the coverage. */
SOPKIT_API int sopkit_calendar_working_days_bulk(const sopkit_calendar* cal,
                                                 const int64_t* from_dates, const int64_t* to_dates,
                                                 int64_t* out, size_t n);

/* ------------------------------------------------------------------------ */
/* Schedule: an SOP run on a working calendar                                */
/* ------------------------------------------------------------------------ */

typedef struct sopkit_schedule sopkit_schedule;

/* Plans a run of the happy path from `start`: each step starts when every step
 * before it has ended, and ends its standard time (upper end) later on the
 * calendar. On success *out is a new handle. Errors: SOPKIT_EINVAL,
 * SOPKIT_EVALIDATION (no start step, a cycle with no decision), SOPKIT_ERANGE
 * (the run leaves the calendar's coverage), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_schedule(const sopkit_sop* sop, const sopkit_calendar* cal, int64_t start,
                                   sopkit_schedule** out);

/* When the last step ends. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_schedule_due(const sopkit_schedule* s, int64_t* out_due);

/* Number of planned steps, and the index-th: its id (borrowed), planned start
 * and end. Outputs other than the handle may be NULL. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_schedule_step_count(const sopkit_schedule* s, size_t* out_count);
SOPKIT_API int sopkit_schedule_step(const sopkit_schedule* s, size_t index, const char** out_id,
                                    int64_t* out_start, int64_t* out_end);

/* The plan as JSON (the same as `sopkit schedule --json`). Borrowed. */
SOPKIT_API int sopkit_schedule_to_json(const sopkit_schedule* s, const char** out_json);

/* Releases a schedule. NULL is a no-op. */
SOPKIT_API void sopkit_schedule_free(sopkit_schedule* s);

/* ------------------------------------------------------------------------ */
/* Performance indicators (capaian kinerja)                                  */
/* ------------------------------------------------------------------------ */

/* Polarity codes, as in the bulk arrays and the CSV's polarity column. */
typedef enum sopkit_polarity {
  SOPKIT_POLARITY_POSITIVE = 0, /* higher is better: R/T x 100 */
  SOPKIT_POLARITY_NEGATIVE = 1, /* lower is better: (2T - R)/T x 100 (T/R selectable) */
  SOPKIT_POLARITY_RANGE = 2     /* closer is better */
} sopkit_polarity;

/* Accumulation codes across quarters. */
typedef enum sopkit_accumulation {
  SOPKIT_ACCUMULATE_SUM = 0,  /* flows: documents produced */
  SOPKIT_ACCUMULATE_LAST = 1, /* stocks and rates: APK, a percentage */
  SOPKIT_ACCUMULATE_AVERAGE = 2
} sopkit_accumulation;

/* Achievement and band of raw cells, without building a set: for each i,
 * achievement_out[i] = capaian of (target[i], realisation[i], polarity[i]) in
 * percent (raw, uncapped), band_out[i] = its band in the Permendagri 86/2017
 * scale (1 Sangat Rendah .. 5 Sangat Tinggi). A target of 0 or NaN, a NaN
 * (blank) realisation or an unknown polarity code give NaN and band 0: never
 * a silent 0 % or 100 %. Either output may be NULL; the caller's arrays are
 * written in place (zero copy). Errors: SOPKIT_EINVAL (an input array NULL
 * with n > 0). Thread-safe. */
SOPKIT_API int sopkit_evaluate_cells(const double* target, const double* realisation,
                                     const uint8_t* polarity, size_t n, double* achievement_out,
                                     uint8_t* band_out);

/* The fused kernel: as sopkit_evaluate_cells, plus the weighted mean of the
 * (capped) achievements per group: group_mean_out[g] for g in [0, group_count)
 * = sum(w*c)/sum(w) over the group's computable cells, NaN for a group with
 * none. cap_percent: 0 (no cap), 100, 110 or 120 — applied to bands and means,
 * never to achievement_out. threads: 0 or 1 runs on the calling thread.
 * Errors: SOPKIT_EINVAL (NULL inputs, a group id outside [0, group_count), a
 * negative or non-finite weight, an unknown cap: group_mean_out untouched). */
SOPKIT_API int sopkit_evaluate_cells_grouped(const double* target, const double* realisation,
                                             const uint8_t* polarity, const double* weight,
                                             const int32_t* group, size_t n, size_t group_count,
                                             int cap_percent, unsigned threads,
                                             double* achievement_out, uint8_t* band_out,
                                             double* group_mean_out);

/* A set of indicators with their targets and realisations per period, and the
 * tree of units that own them (Dinas -> Bidang -> Seksi). Immutable. */
typedef struct sopkit_indicators sopkit_indicators;

/* Loads the CSV of docs/indicators.md (file ending .csv) or its JSON form
 * (.json). Errors: SOPKIT_EINVAL, SOPKIT_EIO, SOPKIT_EPARSE / SOPKIT_EFORMAT
 * (the message has file:line:column or the JSON pointer). All-or-nothing. */
SOPKIT_API int sopkit_indicators_load_file(sopkit_indicators** out, const char* path);
SOPKIT_API int sopkit_indicators_load_csv(sopkit_indicators** out, const char* text, size_t len);
SOPKIT_API int sopkit_indicators_load_json(sopkit_indicators** out, const char* text, size_t len);

/* How an indicator CSV writes its numbers (docs/indicators.md, "Numbers").
 * DETECT (what the loaders above do): a file separated by ';' writes 1.234,5
 * (the Indonesian locale), others 1234.5, and "1.200" in a ';' file, which
 * reads two ways, is refused naming both readings. DOT / COMMA declare the
 * convention and every number is read by it. */
typedef enum sopkit_decimal_mark {
  SOPKIT_DECIMAL_DETECT = 0,
  SOPKIT_DECIMAL_DOT = 1,
  SOPKIT_DECIMAL_COMMA = 2
} sopkit_decimal_mark;

/* sopkit_indicators_load_file / _load_csv with a decimal mark (a
 * sopkit_decimal_mark; another value is SOPKIT_EINVAL). A .json file ignores it. */
SOPKIT_API int sopkit_indicators_load_file_with_mark(sopkit_indicators** out, const char* path,
                                                     int decimal_mark);
SOPKIT_API int sopkit_indicators_load_csv_with_mark(sopkit_indicators** out, const char* text,
                                                    size_t len, int decimal_mark);

enum { SOPKIT_INDICATORS_LOAD_OPTIONS_VERSION = 1 };

/* Options of sopkit_indicators_load_file_with_options; initialise with
 * sopkit_indicators_load_options_init so that later fields get their
 * defaults. */
typedef struct sopkit_indicators_load_options {
  unsigned version; /* SOPKIT_INDICATORS_LOAD_OPTIONS_VERSION */
  int decimal_mark; /* a sopkit_decimal_mark (default SOPKIT_DECIMAL_DETECT) */
  unsigned threads; /* 0 or 1 (default): the calling thread only; 2 or more: a CSV file of
                       4 MB or more is read by two threads, each half of it into a set of its
                       own, then merged (the same set, and the same error, as one thread) */
} sopkit_indicators_load_options;

SOPKIT_API int sopkit_indicators_load_options_init(sopkit_indicators_load_options* opts);

/* sopkit_indicators_load_file with options; opts may be NULL (the defaults).
 * A .json file ignores decimal_mark and threads. Errors: as
 * sopkit_indicators_load_file, and SOPKIT_EINVAL for an unknown version or
 * decimal mark. */
SOPKIT_API int sopkit_indicators_load_file_with_options(sopkit_indicators** out, const char* path,
                                                        const sopkit_indicators_load_options* opts);

/* Rows of a set built from arrays: one (indicator, period) row per index.
 * Texts are UTF-8; numbers NaN mean blank (not reported), 0 means zero. The
 * rules are the CSV's (docs/indicators.md): the indicator's definition (unit,
 * name, satuan, polarity, accumulation, weight) is taken from its first row;
 * what later rows give must agree; a NULL name or satuan entry is blank. */
typedef struct sopkit_indicator_rows {
  size_t n;
  const char* const* unit;     /* unit path "Dinas/Bidang Pembinaan SD" (required) */
  const char* const* code;     /* indicator code (required) */
  const char* const* name;     /* may be NULL: the code */
  const char* const* satuan;   /* may be NULL: "" */
  const uint8_t* polarity;     /* SOPKIT_POLARITY_* (required) */
  const uint8_t* accumulation; /* SOPKIT_ACCUMULATE_*; may be NULL: last */
  const double* weight;        /* may be NULL: 1 */
  const char* const* period;   /* "2024", "2024-Q2" or "2024-TW2" (required) */
  const double* target;        /* required (NaN = blank) */
  const double* realisation;   /* required (NaN = blank) */
} sopkit_indicator_rows;

/* Builds a set from arrays. Errors: SOPKIT_EINVAL (a required array NULL),
 * SOPKIT_EFORMAT (an unknown period or code value, a duplicate (indicator,
 * period) row, a negative weight, a definition that disagrees: the message
 * names the row from 0 and the field, "row 2 (unit): unit of IKU-02 differs
 * from row 1"). */
SOPKIT_API int sopkit_indicators_new(sopkit_indicators** out, const sopkit_indicator_rows* rows);

/* A text column of n rows, dictionary-encoded so that a binding marshals each
 * distinct text once. values == NULL: the column is absent (every row blank). */
typedef struct sopkit_text_column {
  size_t count;              /* number of distinct values */
  const char* const* values; /* the distinct values (UTF-8, NUL-terminated; NULL = blank) */
  const int32_t* index;      /* per row: an index into values, or -1 = blank;
                                NULL: values are per row (count == n) */
} sopkit_text_column;

enum { SOPKIT_INDICATOR_COLUMNS_VERSION = 1 };

/* The columns of docs/indicators.md, one (indicator, period) row per index.
 * Text columns as in the CSV: polarity "positive"/"negatif"/"range",
 * accumulation "sum"/"last"/"average", period "2024-Q2"; a later row of an
 * indicator may leave its definition blank. Number columns: NULL = absent,
 * NaN = blank. Zero-initialise, then set version. */
typedef struct sopkit_indicator_columns {
  unsigned version; /* SOPKIT_INDICATOR_COLUMNS_VERSION */
  size_t n;         /* rows */
  sopkit_text_column unit, code, name, satuan, polarity, accumulation, period, negative_formula,
      source;
  const double *weight, *target, *realisation, *target_low, *target_high, *budget,
      *budget_realisation, *financial_plan, *physical_plan, *physical_realisation;
} sopkit_indicator_columns;

/* Builds a set from columns by exactly the rules and messages of the CSV
 * loader; a message names the row from 0 and the column ("row 3 (target):
 * target -1 is negative; ..."). Errors: SOPKIT_EINVAL (NULL, an unknown
 * version, an index outside its values, a column without index whose count is
 * not n), SOPKIT_EFORMAT (what the CSV loader refuses). All-or-nothing. */
SOPKIT_API int sopkit_indicators_from_columns(sopkit_indicators** out,
                                              const sopkit_indicator_columns* cols);

/* Releases a set. NULL is a no-op. */
SOPKIT_API void sopkit_indicators_free(sopkit_indicators* set);

/* Numbers of indicators, units and (indicator, period) rows. Any output may be
 * NULL. Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_indicators_counts(const sopkit_indicators* set, size_t* out_indicators,
                                        size_t* out_units, size_t* out_rows);

enum { SOPKIT_EVALUATE_OPTIONS_VERSION = 2 };

/* Options of sopkit_indicators_evaluate; initialise with
 * sopkit_evaluate_options_init so that later fields get their defaults.
 * Version 2 added `threads`; a program built against version 1 passes its
 * shorter struct with version 1, which is read as such (threads 1). */
typedef struct sopkit_evaluate_options {
  unsigned version;          /* SOPKIT_EVALUATE_OPTIONS_VERSION */
  int negative_ratio;        /* non-zero: T/R x 100 for lower-is-better (default (2T-R)/T) */
  int zero_over_zero_is_100; /* non-zero: T = 0 and R = 0 count as 100 % (default: not computable)
                              */
  int cap_percent;           /* 0 (default), 100, 110 or 120: for scoring and roll-ups */
  const char* scale;         /* rating scale id: "permendagri-86-2017" (default), "sakip-88-2021",
                                "traffic-light" */
  const char* period;        /* only this period ("2024-Q2"); NULL: every period */
  double warning_threshold;  /* early warning below this projected % (default 76) */
  unsigned threads;          /* (version 2) 0 or 1 (default): the calling thread only; 2 or
                                more: on a set of 8 192 rows or more, results are computed by
                                two threads and stored in order (the same results in the
                                same order), and the evaluation's JSON and CSV texts are
                                written by two threads (the same text) */
} sopkit_evaluate_options;

SOPKIT_API int sopkit_evaluate_options_init(sopkit_evaluate_options* opts);

/* The result of an evaluation, immutable. */
typedef struct sopkit_evaluation sopkit_evaluation;

/* Evaluates every (indicator, period) row: achievement by polarity, year to
 * date by the accumulation rule, predicate, unit roll-ups, money and physical
 * progress, early warnings (docs/indicators.md). opts may be NULL. Errors:
 * SOPKIT_EINVAL (NULL, unknown version, cap or period text), SOPKIT_ENOTFOUND
 * (a scale name no version carries), SOPKIT_ENOMEM. A period older than the
 * scale's first version is not an error: its rows are computed but not rated
 * (band 0, predicate ""), and a note says why (sopkit_evaluation_note). */
SOPKIT_API int sopkit_indicators_evaluate(const sopkit_indicators* set,
                                          const sopkit_evaluate_options* opts,
                                          sopkit_evaluation** out);

/* Number of result rows (indicator x period). Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_evaluation_count(const sopkit_evaluation* ev, size_t* out_rows);

/* Copies the raw achievement (NaN when not computable) and band (0 when not
 * computable) of the first n rows into caller arrays; either may be NULL.
 * Errors: SOPKIT_EINVAL (n larger than the row count). */
SOPKIT_API int sopkit_evaluation_arrays(const sopkit_evaluation* ev, double* out_achievement,
                                        uint8_t* out_band, size_t n);

/* An evaluation's lists as columns, for data frames. `list` names a list as
 * the JSON form does: "indicators" (the result rows, as many as
 * sopkit_evaluation_count), "units" (the roll-ups) or "warnings" (the early
 * warnings); sopkit_evaluation_list_count gives its rows. One call per
 * column, n the list's row count. A column holds what the JSON form holds:
 * NaN, or code -1, where the JSON form writes null or leaves the value out.
 *
 * Numbers of "indicators": "target", "target_low", "target_high",
 * "realisation", "achievement", "score", "band" (0 when not rated),
 * "ytd_target", "ytd_realisation", "ytd_achievement" (quarters only),
 * "absorption", "efficiency", "financial_deviation", "physical_deviation".
 * Of "units": "achievement", "band" (0 when not rated), "included",
 * "excluded", "weight_sum". Of "warnings": "year", "quarters_reported",
 * "annual_target", "annual_target_low", "annual_target_high",
 * "pace_realisation", "trend_realisation", "pace_achievement",
 * "trend_achievement", "projected_achievement", "warn" (1 or 0).
 *
 * Texts, as a code per row into a list of labels borrowed from the handle
 * (labels may repeat: two indicators of the same name). Of "indicators":
 * "indicator", "name", "unit" (path), "period", "polarity", "accumulation",
 * "reason", "predicate", "ytd_reason", "financial_light", "physical_light".
 * Of "units": "unit" (path), "period", "reason", "predicate". Of "warnings":
 * "indicator", "name", "unit" (the indicator's unit path),
 * "pace_achievement_reason", "trend_achievement_reason",
 * "projected_achievement_reason".
 *
 * Errors: SOPKIT_EINVAL (NULL, n not the list's row count), SOPKIT_ENOTFOUND
 * (no such list or column), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_evaluation_list_count(const sopkit_evaluation* ev, const char* list,
                                            size_t* out_rows);
SOPKIT_API int sopkit_evaluation_numbers(const sopkit_evaluation* ev, const char* list,
                                         const char* column, double* out, size_t n);
SOPKIT_API int sopkit_evaluation_texts(const sopkit_evaluation* ev, const char* list,
                                       const char* column, int32_t* out_codes, size_t n,
                                       const char* const** out_labels, size_t* out_label_count);

/* One result row; every pointer is borrowed from the evaluation handle. */
typedef struct sopkit_evaluation_row {
  const char* indicator;      /* code */
  const char* unit;           /* owner unit path */
  const char* period;         /* "2024-Q2" */
  double target, realisation; /* NaN when blank */
  double achievement;         /* percent, raw; NaN when not computable */
  double score;               /* capped achievement */
  unsigned band;              /* 0 when not computable or not rated */
  const char* predicate;      /* "Sangat Tinggi"; "" when not computable or not rated */
  const char* reason; /* "" or why not computable: "target_zero", "realisation_blank", ... */
} sopkit_evaluation_row;

SOPKIT_API int sopkit_evaluation_row_get(const sopkit_evaluation* ev, size_t index,
                                         sopkit_evaluation_row* out);

/* The whole evaluation as JSON (indicators, unit roll-ups, early warnings) or
 * as the capaian CSV. Borrowed from the handle. Errors: SOPKIT_EINVAL,
 * SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_evaluation_to_json(const sopkit_evaluation* ev, const char** out_json);
SOPKIT_API int sopkit_evaluation_to_csv(const sopkit_evaluation* ev, const char** out_csv);

/* The evaluation's notes: why some computed rows carry no band (one per period
 * older than the first version of the rating scale). The text is borrowed from
 * the handle. Errors: SOPKIT_EINVAL (NULL, index not below the count). */
SOPKIT_API int sopkit_evaluation_note_count(const sopkit_evaluation* ev, size_t* out_count);
SOPKIT_API int sopkit_evaluation_note(const sopkit_evaluation* ev, size_t index,
                                      const char** out_note);

/* Releases an evaluation. NULL is a no-op. */
SOPKIT_API void sopkit_evaluation_free(sopkit_evaluation* ev);

/* ------------------------------------------------------------------------ */
/* Execution monitoring: actual runs against the mutu baku                   */
/* ------------------------------------------------------------------------ */

/* The actual runs of one SOP: per step execution its start, end, actor and
 * decision branch, plus the PermenPAN-RB 35/2012 monitoring and evaluation
 * forms recorded with a run (docs/monitoring.md). Immutable. */
typedef struct sopkit_runs sopkit_runs;

/* Loads an event log (CSV `case,step,start,end[,actor,branch]`, instants
 * "YYYY-MM-DDTHH:MM") or the JSON form "sopkit.runs/1"; _load_file picks JSON
 * for a name ending ".json". Every event must name a step of `sop` (the handle
 * keeps its own reference: `sop` may be freed afterwards). All-or-nothing.
 * Errors: SOPKIT_EINVAL, SOPKIT_EIO, SOPKIT_EPARSE / SOPKIT_EFORMAT (unknown
 * step, end before start, duplicated row, bad instant, empty file: the message
 * has file:line:column or the JSON pointer), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_runs_load_file(sopkit_runs** out, const sopkit_sop* sop, const char* path);
SOPKIT_API int sopkit_runs_load_csv(sopkit_runs** out, const sopkit_sop* sop, const char* text,
                                    size_t len);
SOPKIT_API int sopkit_runs_load_json(sopkit_runs** out, const sopkit_sop* sop, const char* text,
                                     size_t len);

/* Number of runs (cases) and of step executions. Either output may be NULL.
 * Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_runs_counts(const sopkit_runs* runs, size_t* out_runs, size_t* out_events);

/* The log as "sopkit.runs/1" JSON. Borrowed from the handle. */
SOPKIT_API int sopkit_runs_to_json(const sopkit_runs* runs, const char** out_json);

/* Releases a run log. NULL is a no-op. */
SOPKIT_API void sopkit_runs_free(sopkit_runs* runs);

/* Verdict codes of one step execution. */
typedef enum sopkit_verdict {
  SOPKIT_VERDICT_ON_TIME = 0, /* ended within start + waktu on the calendar */
  SOPKIT_VERDICT_LATE = 1,    /* ended past it by at least one office minute */
  SOPKIT_VERDICT_UNTIMED = 2  /* the step has no parseable waktu: not judged */
} sopkit_verdict;

/* The runs measured on a working calendar. Immutable. */
typedef struct sopkit_runs_comparison sopkit_runs_comparison;

/* Compares every run with the standard: each execution against its waktu (the
 * upper end of a range), each run against the due date scheduled from its
 * first start, conformance, bottlenecks, per-actor rates and the forms.
 * Errors: SOPKIT_EINVAL, SOPKIT_EVALIDATION (an SOP that cannot be planned),
 * SOPKIT_ERANGE (an instant outside the calendar's coverage; the message
 * names the case), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_runs_compare(const sopkit_runs* runs, const sopkit_calendar* cal,
                                   sopkit_runs_comparison** out);

/* The headline figures. Percentages are NaN when their denominator is 0. */
typedef struct sopkit_runs_summary {
  size_t runs;          /* cases in the log */
  size_t runs_complete; /* runs that executed an end step */
  size_t runs_on_time;  /* complete runs that ended by their due date */
  size_t steps_judged;  /* executions of steps that have a waktu */
  size_t steps_on_time; /* of those, within their standard */
  double runs_on_time_percent;
  double steps_on_time_percent;
  size_t bottleneck_count; /* steps with any delay */
} sopkit_runs_summary;

SOPKIT_API int sopkit_runs_comparison_summary(const sopkit_runs_comparison* c,
                                              sopkit_runs_summary* out);

/* One run. case_id is borrowed from the handle. */
typedef struct sopkit_run_result {
  const char* case_id;
  int64_t start, end, due; /* instants (minutes since 1970-01-01T00:00 local) */
  int complete;            /* 1 when an end step was executed */
  int on_time;             /* 1 when complete and end <= due */
  int64_t working_minutes; /* office minutes start..end */
  int64_t delay_minutes;   /* office minutes past due (0 when on time or not complete) */
  unsigned rework_rounds;  /* max(no branches taken, most repeats of one step) */
  size_t steps_judged, steps_on_time;
  size_t out_of_order;       /* executions started before a predecessor had ended */
  size_t skipped;            /* happy-path steps never executed (complete runs) */
  double evaluation_percent; /* Ya of the 7 criteria x 100 / 7; NaN unless all answered */
} sopkit_run_result;

/* The index-th run. Errors: SOPKIT_EINVAL (NULL, index past the last). */
SOPKIT_API int sopkit_runs_comparison_run(const sopkit_runs_comparison* c, size_t index,
                                          sopkit_run_result* out);

/* Per-execution figures of the first n executions (sorted by run, then start)
 * into caller arrays, any of which may be NULL: office minutes worked, office
 * minutes of delay, verdict code. Errors: SOPKIT_EINVAL (n larger than the
 * number of executions). */
SOPKIT_API int sopkit_runs_comparison_executions(const sopkit_runs_comparison* c,
                                                 int64_t* out_working_minutes,
                                                 int64_t* out_delay_minutes, uint8_t* out_verdict,
                                                 size_t n);

/* The whole comparison as "sopkit.runs-comparison/1" JSON (the same as
 * `sopkit runs --json`). Borrowed from the handle. */
SOPKIT_API int sopkit_runs_comparison_to_json(const sopkit_runs_comparison* c,
                                              const char** out_json);

/* Compliance of n comparisons as an ordinary indicator set ("% steps within
 * mutu baku", "% runs finished by the due date" per SOP and per unit, per
 * quarter and year; target target_percent), to evaluate like any other.
 * *out is a new handle. Errors: SOPKIT_EINVAL (NULL array with n > 0, a NULL
 * element, a target that is negative or not finite), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_runs_compliance(const sopkit_runs_comparison* const* comparisons, size_t n,
                                      double target_percent, sopkit_indicators** out);

/* Releases a comparison. NULL is a no-op. */
SOPKIT_API void sopkit_runs_comparison_free(sopkit_runs_comparison* c);

/* ------------------------------------------------------------------------ */
/* Pictures and the monev report (docs/render.md)                            */
/* ------------------------------------------------------------------------ */

/* The pictures of sopkit_sop_render (`sopkit render --format`). */
typedef enum sopkit_render_format {
  SOPKIT_RENDER_SVG = 0,       /* the official table, every page stacked in one SVG */
  SOPKIT_RENDER_HTML = 1,      /* the same pages in a printable HTML page (A4 landscape) */
  SOPKIT_RENDER_BPMN = 2,      /* BPMN 2.0 XML with diagram interchange */
  SOPKIT_RENDER_DOT = 3,       /* Graphviz, one cluster (swimlane) per actor */
  SOPKIT_RENDER_SVG_PAGES = 4, /* the table's page <svg> elements, to embed in HTML */
  SOPKIT_RENDER_FORMAT_RESERVED_ = 1000
} sopkit_render_format;

/* Languages of labels ("Kegiatan" / "Activity"). */
typedef enum sopkit_language {
  SOPKIT_LANG_ID = 0,
  SOPKIT_LANG_EN = 1,
  SOPKIT_LANG_RESERVED_ = 1000
} sopkit_language;

enum { SOPKIT_RENDER_OPTIONS_VERSION = 1 };

/* Options of sopkit_sop_render. Initialise with sopkit_render_options_init so
 * that fields added later get their defaults. */
typedef struct sopkit_render_options {
  unsigned version;         /* SOPKIT_RENDER_OPTIONS_VERSION */
  int lang;                 /* a sopkit_language (default SOPKIT_LANG_ID) */
  size_t max_rows_per_page; /* at most this many steps per page; 0 (default): as many as fit */
  double page_width;        /* SVG units (1/96 inch), default 1123 (A4 landscape) */
  double page_height;       /* default 794 */
  const char* id_prefix;    /* prefix of every element id (several tables in one page);
                               NULL (default): none */
} sopkit_render_options;

/* Fills *opts with the defaults. Errors: SOPKIT_EINVAL (opts NULL). */
SOPKIT_API int sopkit_render_options_init(sopkit_render_options* opts);

/* The document as a picture in `format` (a sopkit_render_format), exactly as
 * `sopkit render` writes it. opts may be NULL for the defaults. *out_text is
 * the caller's: free it with sopkit_text_free. Document faults (an unknown
 * actor) do not fail: what cannot be placed is drawn in the first column.
 * Errors: SOPKIT_EINVAL (NULL, unknown format, version or language, a page
 * size that is not positive and finite), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_sop_render(const sopkit_sop* sop, int format,
                                 const sopkit_render_options* opts, char** out_text);

/* The Gantt chart of a planned run, as the monev report draws it: one <svg>
 * element with a bar per step (class "task", data-step = the step id),
 * weekends grey, holidays and cuti bersama red with their names, the due date.
 * lang is a sopkit_language. *out_svg is the caller's (sopkit_text_free).
 * Errors: SOPKIT_EINVAL (NULL, unknown language), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_schedule_render_svg(const sopkit_schedule* s, int lang, char** out_svg);

/* The achievement tables of the monev report as an HTML fragment (a <div>
 * with its own scoped style): the scale's legend, one table per unit (per
 * period and unit when the evaluation holds several periods), the predikat
 * cell coloured by its band as the report colours it. lang is a
 * sopkit_language. *out_html is the caller's (sopkit_text_free). Errors:
 * SOPKIT_EINVAL, SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_evaluation_render_html(const sopkit_evaluation* ev, int lang,
                                             char** out_html);

enum { SOPKIT_MONEV_OPTIONS_VERSION = 1 };

/* Options of sopkit_monev_report_write. Initialise with
 * sopkit_monev_options_init, then set period. */
typedef struct sopkit_monev_options {
  unsigned version;   /* SOPKIT_MONEV_OPTIONS_VERSION */
  const char* period; /* required: the quarter or year reported on, "2024-Q2" */
  int has_start;      /* 0 (default): the run starts at 07:30 the day after the period */
  int64_t start;      /* when has_start: the run's start (an instant) */
  int lang;           /* a sopkit_language (default SOPKIT_LANG_ID) */
  const sopkit_evaluate_options* evaluation; /* NULL (default): the defaults; its period is
                                                replaced by `period` */
  const sopkit_runs* runs; /* NULL (default); else the report gains "Pelaksanaan SOP" */
} sopkit_monev_options;

/* Fills *opts with the defaults (period NULL). Errors: SOPKIT_EINVAL. */
SOPKIT_API int sopkit_monev_options_init(sopkit_monev_options* opts);

/* Writes the monev report of `sop` and `set` as the folder `dir`:
 * report.html, report.json and capaian.csv, exactly as `sopkit monev --out`,
 * all or nothing (docs/reliability.md): a fresh folder beside `dir`, flushed,
 * renamed into place; an existing report folder is replaced atomically; a
 * `dir` holding other files is refused before anything is written. cal may
 * be NULL: the shipped calendar of the start's year joined with the next
 * year's. Errors: SOPKIT_EINVAL (NULL sop, set, opts or dir, no or a bad
 * period, unknown version or language, a period the data does not hold),
 * SOPKIT_EVALIDATION (an SOP that cannot be planned), SOPKIT_ERANGE (the run
 * leaves the calendar's coverage), SOPKIT_ENOTFOUND (no shipped calendar for
 * the year, a scale not in force), SOPKIT_EIO (the folder could not be
 * written: the message names it or the file), SOPKIT_ENOMEM. */
SOPKIT_API int sopkit_monev_report_write(const sopkit_sop* sop, const sopkit_indicators* set,
                                         const sopkit_calendar* cal,
                                         const sopkit_monev_options* opts, const char* dir);

/* ------------------------------------------------------------------------ */
/* Record store (docs/store.md)                                              */
/* ------------------------------------------------------------------------ */

/* A durable record store in one SQLite file: SOP revisions, indicator values
 * with their audit trail, execution runs and generated reports. Every write is
 * one transaction: it is all on disk when the call returns, or not at all.
 * A handle may be used from several threads (calls are serialised); several
 * processes may open one file (one writer at a time, readers never blocked).
 * Optional: in a build without SQLite (SOPKIT_WITH_STORE=OFF) sopkit_store_open
 * returns SOPKIT_EUNSUPPORTED and nothing else can be reached. */
typedef struct sopkit_store sopkit_store;

/* Flags of sopkit_store_open. */
typedef enum sopkit_store_flag {
  SOPKIT_STORE_READ_ONLY = 1, /* no writes; the file must exist */
  SOPKIT_STORE_NO_CREATE = 2  /* fail when the file does not exist */
} sopkit_store_flag;

/* Opens (or creates) a store, migrating an older schema. On success *out is a
 * new handle (close it with sopkit_store_close). Errors: SOPKIT_EINVAL (NULL,
 * unknown flag), SOPKIT_EIO (cannot open or create), SOPKIT_EFORMAT (not an
 * SQLite file, corrupt, or a schema newer than this sopkit),
 * SOPKIT_EUNSUPPORTED (built without the store). */
SOPKIT_API int sopkit_store_open(sopkit_store** out, const char* path, unsigned flags);

/* Closes a store. NULL is a no-op. */
SOPKIT_API void sopkit_store_close(sopkit_store* store);

/* Releases a text a store function returned (caller's). NULL is a no-op. */
SOPKIT_API void sopkit_store_text_free(char* text);

/* Records the document as a new revision of its SOP number, numbered latest +
 * 1. author is required; date ("YYYY-MM-DD", tanggal revisi) and note may be
 * NULL (date: the document's last revised date, else created, else today).
 * *out_revision (may be NULL) gets the number. Errors: SOPKIT_EINVAL (NULL
 * store/sop/author, empty SOP number, bad date, document identical to the
 * latest revision, read-only store), SOPKIT_EIO. */
SOPKIT_API int sopkit_store_put_revision(sopkit_store* store, const sopkit_sop* sop,
                                         const char* author, const char* date, const char* note,
                                         int* out_revision);

/* The revisions of one SOP (sop_number NULL or "": every SOP) as a JSON array
 * of {"sop_number", "revision", "date", "author", "note", "content_hash",
 * "recorded_at"}. *out_json is the caller's: free with sopkit_store_text_free. */
SOPKIT_API int sopkit_store_revisions_json(sopkit_store* store, const char* sop_number,
                                           char** out_json);

/* A stored revision (0 = the latest) as a new sopkit_sop handle. Errors:
 * SOPKIT_EINVAL, SOPKIT_ENOTFOUND (unknown SOP number or revision). */
SOPKIT_API int sopkit_store_get_revision(sopkit_store* store, const char* sop_number, int revision,
                                         sopkit_sop** out);

/* The structural diff from revision `from` to `to` (0 = the latest) as JSON
 * {"format": "sopkit.sopdiff/1", "changes": [...], "summary": {...}}.
 * *out_json is the caller's (sopkit_store_text_free). Errors: SOPKIT_EINVAL,
 * SOPKIT_ENOTFOUND. */
SOPKIT_API int sopkit_store_diff_json(sopkit_store* store, const char* sop_number, int from, int to,
                                      char** out_json);

/* Records every indicator and value of a set in one transaction, with an audit
 * row for each value that changes. *out_changed (may be NULL) gets how many
 * values changed. Errors: SOPKIT_EINVAL (NULL, empty author, read-only). */
SOPKIT_API int sopkit_store_import_indicators(sopkit_store* store, const sopkit_indicators* set,
                                              const char* author, const char* reason,
                                              size_t* out_changed);

/* Sets one value of an (indicator, period) row: field is "target",
 * "realisation", "target_low", "target_high", "budget", "budget_realisation",
 * "financial_plan", "physical_plan" or "physical_realisation"; value NaN means
 * blank (not reported), 0 is a value. Writes an audit row (author, reason, the
 * old and new value, the instant) in the same transaction when the value
 * changes; *out_changed (may be NULL) is 1 then, else 0. Errors: SOPKIT_EINVAL
 * (NULL, unknown field or period text, negative or infinite value, a row that
 * would break the data rules, empty author, read-only), SOPKIT_ENOTFOUND (an
 * indicator the store does not have). */
SOPKIT_API int sopkit_store_set_value(sopkit_store* store, const char* indicator,
                                      const char* period, const char* field, double value,
                                      const char* author, const char* reason, int* out_changed);

/* Every stored indicator with its latest values, as a new indicator set.
 * Errors: SOPKIT_EINVAL, SOPKIT_EIO. */
SOPKIT_API int sopkit_store_indicators(sopkit_store* store, sopkit_indicators** out);

/* The audit trail of one indicator (NULL or "": all), oldest first, as a JSON
 * array of {"id", "indicator", "period", "field", "old", "new" (null =
 * blank), "author", "changed_at", "reason"}. Caller's text. */
SOPKIT_API int sopkit_store_audit_json(sopkit_store* store, const char* indicator, char** out_json);

/* Records an execution run: `len` bytes of JSON holding an object, of SOP
 * sop_number at `revision` (0 = the latest). case_id, started_at and
 * finished_at may be NULL. *out_id (may be NULL) gets the run's id. Errors:
 * SOPKIT_EINVAL, SOPKIT_EPARSE (not JSON), SOPKIT_EFORMAT (not an object),
 * SOPKIT_ENOTFOUND (SOP or revision not in the store). */
SOPKIT_API int sopkit_store_put_run(sopkit_store* store, const char* sop_number, int revision,
                                    const char* case_id, const char* started_at,
                                    const char* finished_at, const char* json, size_t len,
                                    int64_t* out_id);

/* The runs of one SOP (NULL or "": all) as a JSON array with each run's
 * document under "document". Caller's text. */
SOPKIT_API int sopkit_store_runs_json(sopkit_store* store, const char* sop_number, char** out_json);

/* Records a generated report: `len` bytes of content (any bytes), its kind and
 * file name (required), and the SOP revision it came from (sop_number NULL:
 * none). *out_id (may be NULL) gets its id. Errors: SOPKIT_EINVAL,
 * SOPKIT_ENOTFOUND (source revision not in the store). */
SOPKIT_API int sopkit_store_put_report(sopkit_store* store, const char* kind, const char* name,
                                       const char* sop_number, int revision, const void* content,
                                       size_t len, int64_t* out_id);

#ifdef __cplusplus
}
#endif

#endif /* SOPKIT_H */
