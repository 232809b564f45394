/* C ABI: instants, working calendars (shipped SKB data), bulk due dates. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

static int64_t at(const char* text) {
  int64_t t = 0;
  CHECK_OK(sopkit_instant_parse(text, &t));
  return t;
}

static void test_instants(void) {
  int64_t t = 0;
  char buf[32];
  size_t needed = 0;
  CHECK_OK(sopkit_instant_parse("1970-01-02T00:30", &t));
  CHECK(t == 24 * 60 + 30);
  CHECK_OK(sopkit_instant_format(t, buf, sizeof buf, &needed));
  CHECK(strcmp(buf, "1970-01-02T00:30") == 0);
  CHECK(needed == 16);
  CHECK_STATUS(sopkit_instant_format(t, buf, 5, &needed), SOPKIT_EBUFFER);
  CHECK(needed == 16);
  CHECK_STATUS(sopkit_instant_format(t, NULL, 0, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_instant_parse("2024-02-30T08:00", &t), SOPKIT_EPARSE);
  CHECK(contains(sopkit_last_error(), "2024-02-30"));
  CHECK_STATUS(sopkit_instant_parse(NULL, &t), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_instant_parse("2024-01-01", NULL), SOPKIT_EINVAL);
}

static void test_shipped_2024_calendar(void) {
  sopkit_calendar* cal = NULL;
  int working = -1;
  int64_t t = 0, minutes = 0;
  CHECK_OK(sopkit_calendar_load_id(&cal, "id-2024"));
  /* Wed 2024-04-10 is Idul Fitri 1445 H; Mon 2024-04-08 is cuti bersama. */
  CHECK_OK(sopkit_calendar_is_working_time(cal, at("2024-04-10T09:00"), &working));
  CHECK(working == 0);
  CHECK_OK(sopkit_calendar_is_working_time(cal, at("2024-04-08T09:00"), &working));
  CHECK(working == 0);
  CHECK_OK(sopkit_calendar_is_working_time(cal, at("2024-04-16T09:00"), &working));
  CHECK(working == 1);
  /* Fri 2024-04-05 14:00 (Ramadan hours) + 1 working day: the holidays 8-15
   * April are skipped, the clock time kept: Tue 16 April 14:00. */
  CHECK_OK(sopkit_calendar_add_days(cal, at("2024-04-05T14:00"), 1, &t));
  CHECK(t == at("2024-04-16T14:00"));
  /* Fri 15:00 + 120 office minutes: 30 until the Ramadan closing 15:30, then 90
   * from Tue 07:30. */
  CHECK_OK(sopkit_calendar_add_minutes(cal, at("2024-04-05T15:00"), 120, &t));
  CHECK(t == at("2024-04-16T09:00"));
  CHECK_OK(sopkit_calendar_minutes_between(cal, at("2024-04-05T15:00"), t, &minutes));
  CHECK(minutes == 120);
  CHECK_OK(sopkit_calendar_next_working(cal, at("2024-04-06T10:00"), &t));
  CHECK(t == at("2024-04-16T07:30"));
  CHECK_OK(sopkit_calendar_add_text(cal, at("2024-04-16T08:00"), "1 jam 30 menit", &t));
  CHECK(t == at("2024-04-16T09:30"));
  CHECK_STATUS(sopkit_calendar_add_text(cal, at("2024-04-16T08:00"), "lama", &t), SOPKIT_EPARSE);
  CHECK_STATUS(sopkit_calendar_add_minutes(cal, at("2024-04-16T08:00"), -5, &t), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_add_days(cal, at("2024-04-16T08:00"), -1, &t), SOPKIT_EINVAL);
  /* Outside the data's coverage: refused, never a silent date. */
  CHECK_STATUS(sopkit_calendar_add_days(cal, at("2024-12-30T08:00"), 10, &t), SOPKIT_ERANGE);
  CHECK_STATUS(sopkit_calendar_is_working_time(cal, at("2023-06-01T08:00"), &working),
               SOPKIT_ERANGE);
  CHECK_STATUS(sopkit_calendar_is_working_time(NULL, 0, &working), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_next_working(cal, 0, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_minutes_between(cal, 0, 0, NULL), SOPKIT_EINVAL);
  sopkit_calendar_free(cal);
  sopkit_calendar_free(NULL);
}

static void test_loading_errors(void) {
  sopkit_calendar* cal = NULL;
  const char* bad =
      "{\"format\": \"sopkit.calendar/1\", \"coverage\": {\"from\": \"2024-01-01\", \"to\": "
      "\"2024-12-31\"},"
      " \"holidays\": [{\"date\": \"2024-02-30\", \"name\": \"x\"}]}";
  CHECK_STATUS(sopkit_calendar_load_id(&cal, "id-1999"), SOPKIT_ENOTFOUND);
  CHECK_STATUS(sopkit_calendar_load_file(&cal, "/nonexistent/cal.json"), SOPKIT_EIO);
  CHECK_STATUS(sopkit_calendar_load_json(&cal, "{", 1), SOPKIT_EPARSE);
  CHECK(sopkit_calendar_load_json(&cal, bad, strlen(bad)) < 0);
  CHECK(contains(sopkit_last_error(), "2024-02-30"));
  CHECK(cal == NULL);
  CHECK_STATUS(sopkit_calendar_load_id(NULL, "id-2024"), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_load_id(&cal, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_load_file(&cal, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_load_json(&cal, NULL, 0), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_new_asn(&cal, 2025, 2024), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_new_asn(NULL, 2024, 2024), SOPKIT_EINVAL);
  CHECK_OK(sopkit_calendar_load_years(&cal, 2023, 2026));
  sopkit_calendar_free(cal);
  cal = NULL;
  CHECK_STATUS(sopkit_calendar_load_years(&cal, 2019, 2020), SOPKIT_ENOTFOUND);
}

/* A calendar file saved as UTF-16 (byte order mark FF FE) is refused with what
 * to do about it, not a JSON syntax error about byte 0xFF. */
static void test_utf16_file_says_save_as_utf8(void) {
  sopkit_calendar* cal = NULL;
  const char* tmp = getenv("TMPDIR");
  char path[512];
  FILE* f = NULL;
  snprintf(path, sizeof path, "%s/sopkit-capi-utf16-%ld.json", tmp ? tmp : "/tmp", (long)rand());
  f = fopen(path, "wb");
  CHECK(f != NULL);
  if (!f) return;
  fwrite("\xFF\xFE{\0}\0", 1, 6, f);
  fclose(f);
  CHECK_STATUS(sopkit_calendar_load_file(&cal, path), SOPKIT_EPARSE);
  CHECK(contains(sopkit_last_error(), "save the file as UTF-8"));
  CHECK(cal == NULL);
  remove(path);
}

/* The same bytes handed over in memory: the same advice, for every JSON loader. */
static void test_utf16_text_in_memory_says_save_as_utf8(void) {
  static const char kUtf16[] = "\xFF\xFE{\0}\0";
  sopkit_calendar* cal = NULL;
  sopkit_sop* sop = NULL;
  CHECK_STATUS(sopkit_calendar_load_json(&cal, kUtf16, sizeof kUtf16 - 1), SOPKIT_EPARSE);
  CHECK(contains(sopkit_last_error(), "the text is UTF-16 text, not UTF-8"));
  CHECK_STATUS(sopkit_sop_load_json(&sop, kUtf16, sizeof kUtf16 - 1), SOPKIT_EPARSE);
  CHECK(contains(sopkit_last_error(), "save the file as UTF-8"));
  CHECK(cal == NULL && sop == NULL);
}

static void test_bulk_equals_single(void) {
  enum { N = 1000 };
  sopkit_calendar* cal = NULL;
  int64_t start[N], amount[N], out[N], one = 0;
  size_t i;
  int same = 1;
  int64_t base = at("2024-01-02T07:30");
  CHECK_OK(sopkit_calendar_new_asn(&cal, 2024, 2025));
  srand(7);
  for (i = 0; i < N; ++i) {
    start[i] = base + (int64_t)(rand() % (300 * 24 * 60));
    amount[i] = rand() % 5000;
  }
  CHECK_OK(sopkit_calendar_add_minutes_bulk(cal, start, amount, out, N));
  for (i = 0; i < N; ++i) {
    CHECK_OK(sopkit_calendar_add_minutes(cal, start[i], amount[i], &one));
    same = same && one == out[i];
  }
  CHECK(same);
  for (i = 0; i < N; ++i) amount[i] = rand() % 30;
  CHECK_OK(sopkit_calendar_add_days_bulk(cal, start, amount, out, N));
  for (i = 0, same = 1; i < N; ++i) {
    CHECK_OK(sopkit_calendar_add_days(cal, start[i], amount[i], &one));
    same = same && one == out[i];
  }
  CHECK(same);
  CHECK_OK(sopkit_calendar_add_days_bulk(cal, NULL, NULL, NULL, 0));
  CHECK_STATUS(sopkit_calendar_add_days_bulk(cal, start, NULL, out, N), SOPKIT_EINVAL);
  amount[3] = -1;
  CHECK_STATUS(sopkit_calendar_add_days_bulk(cal, start, amount, out, N), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "element 3"));
  amount[3] = 1;
  start[5] = at("2025-12-31T15:00");
  amount[5] = 400;
  CHECK_STATUS(sopkit_calendar_add_days_bulk(cal, start, amount, out, N), SOPKIT_ERANGE);
  CHECK_STATUS(sopkit_calendar_add_minutes_bulk(NULL, start, amount, out, N), SOPKIT_EINVAL);

  /* Bulk between: each start against an instant up to a day before it or
   * nineteen days after it (both signs; every instant inside 2024..2025). */
  start[5] = base;
  for (i = 0; i < N; ++i) amount[i] = start[i] + (int64_t)(rand() % (20 * 24 * 60)) - 24 * 60;
  CHECK_OK(sopkit_calendar_minutes_between_bulk(cal, start, amount, out, N));
  for (i = 0, same = 1; i < N; ++i) {
    CHECK_OK(sopkit_calendar_minutes_between(cal, start[i], amount[i], &one));
    same = same && one == out[i];
  }
  CHECK(same);
  CHECK_OK(sopkit_calendar_minutes_between_bulk(cal, NULL, NULL, NULL, 0));
  CHECK_STATUS(sopkit_calendar_minutes_between_bulk(cal, start, amount, NULL, N), SOPKIT_EINVAL);
  amount[7] = at("2023-06-01T08:00");
  CHECK_STATUS(sopkit_calendar_minutes_between_bulk(cal, start, amount, out, N), SOPKIT_ERANGE);
  CHECK(contains(sopkit_last_error(), "element 7"));
  sopkit_calendar_free(cal);
}

/* Issue 17: 2 hours from Thu 27 March 2025 15:30. Ramadan 1446 H closes at
 * 15:00; 28 March - 7 April are Nyepi, Idulfitri and cuti bersama; so Tue 8
 * April 09:30, and 09:00 with the normal week (30 minutes until 16:00). */
static void test_ramadan_hours(void) {
  sopkit_calendar* cal = NULL;
  int64_t t = 0;
  CHECK_OK(sopkit_calendar_load_years(&cal, 2025, 2025));
  CHECK_OK(sopkit_calendar_add_minutes(cal, at("2025-03-27T15:30"), 120, &t));
  CHECK(t == at("2025-04-08T09:30"));
  sopkit_calendar_free(cal);
  CHECK_OK(sopkit_calendar_load_years_flags(&cal, 2025, 2025, SOPKIT_CALENDAR_NO_RAMADAN_HOURS));
  CHECK_OK(sopkit_calendar_add_minutes(cal, at("2025-03-27T15:30"), 120, &t));
  CHECK(t == at("2025-04-08T09:00"));
  sopkit_calendar_free(cal);
  CHECK_OK(sopkit_calendar_load_id_flags(&cal, "id-2025", SOPKIT_CALENDAR_NO_RAMADAN_HOURS));
  CHECK_OK(sopkit_calendar_add_minutes(cal, at("2025-03-27T15:30"), 120, &t));
  CHECK(t == at("2025-04-08T09:00"));
  sopkit_calendar_free(cal);
  cal = NULL;
  CHECK_STATUS(sopkit_calendar_load_years_flags(&cal, 2025, 2025, 2u), SOPKIT_EINVAL);
  CHECK(cal == NULL);
}

/* Past the data, the message names the C call that loads more years, not the
 * C++ one (C, PHP and Go callers cannot call WorkCalendar::indonesia). */
static void test_coverage_error_names_the_c_call(void) {
  sopkit_calendar* cal = NULL;
  int64_t t = 0;
  CHECK_OK(sopkit_calendar_load_id(&cal, "id-2024"));
  CHECK_STATUS(sopkit_calendar_add_minutes(cal, at("2024-12-31T08:00"), 100000, &t), SOPKIT_ERANGE);
  CHECK(contains(sopkit_last_error(), "sopkit_calendar_load_years(&cal, 2023, 2026)"));
  CHECK(!contains(sopkit_last_error(), "WorkCalendar"));
  sopkit_calendar_free(cal);
}

/* Calendars for real offices: regional holidays, days off of a range, working days. */

static int64_t day(const char* text) {
  return at(text) / 1440;
}

static void regional_path(char* buf, size_t cap) {
  const char* root = getenv("SOPKIT_SOURCE_DIR");
  snprintf(buf, cap, "%s/examples/calendar-libur-daerah-2024.json", root ? root : ".");
}

static void test_regional_holidays_on_top_of_the_national(void) {
  sopkit_calendar *national = NULL, *regional = NULL, *by_id = NULL;
  char path[4096];
  int64_t plain = 0, with_region = 0, n = 0;
  regional_path(path, sizeof path);
  CHECK_OK(sopkit_calendar_load_years(&national, 2024, 2024));
  CHECK_OK(sopkit_calendar_load_years_regional(&regional, 2024, 2024, path, 0));
  CHECK_OK(sopkit_calendar_load_id_regional(&by_id, "id-2024", path, 0));
  /* Mon 26 Feb and Mon 9 Sep 2024 are the region's; 17 Aug is national too (a Saturday). */
  CHECK_OK(sopkit_calendar_working_days(national, day("2024-01-01"), day("2025-01-01"), &plain));
  CHECK_OK(
      sopkit_calendar_working_days(regional, day("2024-01-01"), day("2025-01-01"), &with_region));
  CHECK(with_region == plain - 2);
  CHECK_OK(sopkit_calendar_working_days(by_id, day("2024-01-01"), day("2025-01-01"), &n));
  CHECK(n == with_region);
  {
    sopkit_calendar* from_file = NULL;
    char national_path[4096];
    const char* root = getenv("SOPKIT_SOURCE_DIR");
    snprintf(national_path, sizeof national_path, "%s/data/calendars/id-2024.json",
             root ? root : ".");
    CHECK_OK(sopkit_calendar_load_file_regional(&from_file, national_path, path, 0));
    CHECK_OK(sopkit_calendar_working_days(from_file, day("2024-01-01"), day("2025-01-01"), &n));
    CHECK(n == with_region);
    CHECK_STATUS(sopkit_calendar_load_file_regional(&from_file, NULL, path, 0), SOPKIT_EINVAL);
    sopkit_calendar_free(from_file);
  }
  CHECK_STATUS(sopkit_calendar_load_years_regional(&regional, 2024, 2024, NULL, 0), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_load_years_regional(&regional, 2024, 2024, "/nonexistent.json", 0),
               SOPKIT_EIO);
  CHECK_STATUS(sopkit_calendar_load_id_regional(&regional, "id-2024", path, 8u), SOPKIT_EINVAL);
  sopkit_calendar_free(national);
  sopkit_calendar_free(regional);
  sopkit_calendar_free(by_id);
}

static void test_holidays_json_of_a_range(void) {
  sopkit_calendar* cal = NULL;
  char path[4096];
  char* json = NULL;
  regional_path(path, sizeof path);
  CHECK_OK(sopkit_calendar_load_years_regional(&cal, 2024, 2024, path, 0));
  CHECK_OK(sopkit_calendar_holidays_json(cal, day("2024-02-01"), day("2024-03-01"), &json));
  CHECK(json && contains(json, "\"format\": \"sopkit.holidays/1\""));
  CHECK(json && contains(json, "\"date\": \"2024-02-26\""));
  CHECK(json && contains(json, "\"kind\": \"local\""));
  CHECK(json && !contains(json, "2024-03-11"));
  sopkit_text_free(json);
  json = NULL;
  CHECK_STATUS(sopkit_calendar_holidays_json(cal, day("2024-03-01"), day("2024-02-01"), &json),
               SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_calendar_holidays_json(cal, day("2024-03-01"), day("2025-03-01"), &json),
               SOPKIT_ERANGE);
  CHECK(json == NULL);
  CHECK_STATUS(sopkit_calendar_holidays_json(cal, 0, 1, NULL), SOPKIT_EINVAL);
  sopkit_calendar_free(cal);
}

static void test_working_days_between_dates(void) {
  sopkit_calendar* cal = NULL;
  int64_t n = 0, i;
  int64_t from[3], to[3], out[3];
  CHECK_OK(sopkit_calendar_load_id(&cal, "id-2024"));
  /* April 2024: 22 weekdays, 8-12 and 15 April off (Idulfitri and cuti bersama). */
  CHECK_OK(sopkit_calendar_working_days(cal, day("2024-04-01"), day("2024-05-01"), &n));
  CHECK(n == 16);
  CHECK_OK(sopkit_calendar_working_days(cal, day("2024-05-01"), day("2024-04-01"), &n));
  CHECK(n == -16);
  CHECK_STATUS(sopkit_calendar_working_days(cal, day("2024-12-01"), day("2025-01-02"), &n),
               SOPKIT_ERANGE);
  CHECK(contains(sopkit_last_error(), "2025-01-02"));
  CHECK_STATUS(sopkit_calendar_working_days(cal, INT64_MIN, INT64_MAX, &n), SOPKIT_ERANGE);
  from[0] = day("2024-04-01"), to[0] = day("2024-05-01");
  from[1] = day("2024-05-01"), to[1] = day("2024-04-01");
  from[2] = day("2024-01-01"), to[2] = day("2025-01-01");
  CHECK_OK(sopkit_calendar_working_days_bulk(cal, from, to, out, 3));
  for (i = 0; i < 3; ++i) {
    CHECK_OK(sopkit_calendar_working_days(cal, from[i], to[i], &n));
    CHECK(out[i] == n);
  }
  to[2] = day("2025-01-02");
  CHECK_STATUS(sopkit_calendar_working_days_bulk(cal, from, to, out, 3), SOPKIT_ERANGE);
  CHECK(contains(sopkit_last_error(), "element 2"));
  CHECK_OK(sopkit_calendar_working_days_bulk(cal, NULL, NULL, NULL, 0));
  CHECK_STATUS(sopkit_calendar_working_days_bulk(cal, NULL, to, out, 1), SOPKIT_EINVAL);
  sopkit_calendar_free(cal);
}

int main(void) {
  test_regional_holidays_on_top_of_the_national();
  test_holidays_json_of_a_range();
  test_working_days_between_dates();
  test_instants();
  test_ramadan_hours();
  test_coverage_error_names_the_c_call();
  test_shipped_2024_calendar();
  test_loading_errors();
  test_utf16_file_says_save_as_utf8();
  test_utf16_text_in_memory_says_save_as_utf8();
  test_bulk_equals_single();
  return check_summary();
}
