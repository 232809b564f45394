/* C ABI: pictures of an SOP (SVG, HTML, BPMN, DOT, embeddable SVG pages), the
 * Gantt chart of a schedule, the achievement tables and the monev report
 * folder, with their error paths. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static sopkit_sop* load_seed(void) {
  sopkit_sop* sop = NULL;
  CHECK_OK(sopkit_sop_load_file(&sop, getenv("SOPKIT_SEED")));
  return sop;
}

static sopkit_indicators* load_seed_indicators(void) {
  char path[1024];
  sopkit_indicators* set = NULL;
  snprintf(path, sizeof path, "%s/examples/indicators-disdikbud-2024.csv",
           getenv("SOPKIT_SOURCE_DIR"));
  CHECK_OK(sopkit_indicators_load_file(&set, path));
  return set;
}

static size_t count_of(const char* text, const char* needle) {
  size_t n = 0;
  const char* at = text;
  while (at && (at = strstr(at, needle)) != NULL) {
    ++n;
    at += strlen(needle);
  }
  return n;
}

static char* render(const sopkit_sop* sop, int format, const sopkit_render_options* opts) {
  char* text = NULL;
  CHECK_OK(sopkit_sop_render(sop, format, opts, &text));
  CHECK(text != NULL);
  return text;
}

static void test_every_format(void) {
  sopkit_sop* sop = load_seed();
  char* svg = render(sop, SOPKIT_RENDER_SVG, NULL);
  char* html = render(sop, SOPKIT_RENDER_HTML, NULL);
  char* bpmn = render(sop, SOPKIT_RENDER_BPMN, NULL);
  char* dot = render(sop, SOPKIT_RENDER_DOT, NULL);
  char* pages = render(sop, SOPKIT_RENDER_SVG_PAGES, NULL);
  /* The table: one symbol per step (13), the activity and the Indonesian labels. */
  CHECK(strncmp(svg, "<?xml", 5) == 0 || strncmp(svg, "<svg", 4) == 0);
  CHECK(count_of(svg, "data-step=\"") == 13);
  CHECK(contains(svg, "id=\"step-1\""));
  CHECK(contains(svg, "Kegiatan"));
  CHECK(contains(svg, "Triwulan"));
  CHECK(contains(html, "<html") && contains(html, "Triwulan"));
  CHECK(count_of(html, "data-step=\"") == 13);
  CHECK(contains(bpmn, "definitions") && contains(bpmn, "BPMNDiagram"));
  CHECK(contains(bpmn, "exclusiveGateway"));
  CHECK(strncmp(dot, "digraph", 7) == 0 && contains(dot, "cluster_"));
  CHECK(contains(pages, "<svg") && !contains(pages, "<html"));
  CHECK(count_of(pages, "data-step=\"") == 13);
  sopkit_text_free(svg);
  sopkit_text_free(html);
  sopkit_text_free(bpmn);
  sopkit_text_free(dot);
  sopkit_text_free(pages);
  sopkit_sop_free(sop);
}

static void test_render_options(void) {
  sopkit_sop* sop = load_seed();
  sopkit_render_options opts;
  char *en, *prefixed, *one_page, *paged;
  CHECK_OK(sopkit_render_options_init(&opts));
  CHECK(opts.version == SOPKIT_RENDER_OPTIONS_VERSION && opts.lang == SOPKIT_LANG_ID);
  CHECK(opts.page_width == 1123 && opts.page_height == 794 && opts.max_rows_per_page == 0);
  one_page = render(sop, SOPKIT_RENDER_SVG_PAGES, &opts);
  opts.lang = SOPKIT_LANG_EN;
  en = render(sop, SOPKIT_RENDER_SVG, &opts);
  CHECK(contains(en, "Activity") && !contains(one_page, "Activity"));
  opts.lang = SOPKIT_LANG_ID;
  opts.id_prefix = "a-";
  prefixed = render(sop, SOPKIT_RENDER_SVG, &opts);
  CHECK(contains(prefixed, "id=\"a-step-1\""));
  opts.id_prefix = NULL;
  opts.max_rows_per_page = 2;
  paged = render(sop, SOPKIT_RENDER_SVG_PAGES, &opts);
  /* 13 steps at 2 a page: 7 pages, where the default fits them in fewer. */
  CHECK(count_of(paged, "<svg") == 7);
  CHECK(count_of(one_page, "<svg") < 7);
  sopkit_text_free(en);
  sopkit_text_free(prefixed);
  sopkit_text_free(one_page);
  sopkit_text_free(paged);
  sopkit_sop_free(sop);
}

static void test_render_errors(void) {
  sopkit_sop* sop = load_seed();
  sopkit_render_options opts;
  char* untouched = (char*)"untouched";
  char* out = untouched;
  CHECK_STATUS(sopkit_sop_render(NULL, SOPKIT_RENDER_SVG, NULL, &out), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "sop is NULL"));
  CHECK_STATUS(sopkit_sop_render(sop, SOPKIT_RENDER_SVG, NULL, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_sop_render(sop, 99, NULL, &out), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "format 99 is not a sopkit_render_format"));
  CHECK_STATUS(sopkit_render_options_init(NULL), SOPKIT_EINVAL);
  CHECK_OK(sopkit_render_options_init(&opts));
  opts.version = 0;
  CHECK_STATUS(sopkit_sop_render(sop, SOPKIT_RENDER_SVG, &opts, &out), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "sopkit_render_options_init"));
  CHECK_OK(sopkit_render_options_init(&opts));
  opts.lang = 7;
  CHECK_STATUS(sopkit_sop_render(sop, SOPKIT_RENDER_DOT, &opts, &out), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "lang 7 is not a sopkit_language"));
  CHECK_OK(sopkit_render_options_init(&opts));
  opts.page_width = 0;
  CHECK_STATUS(sopkit_sop_render(sop, SOPKIT_RENDER_SVG, &opts, &out), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "page_width"));
  CHECK(out == untouched);
  sopkit_sop_free(sop);
}

static void test_schedule_gantt(void) {
  sopkit_sop* sop = load_seed();
  sopkit_calendar* cal = NULL;
  sopkit_schedule* plan = NULL;
  int64_t start = 0;
  size_t steps = 0;
  char* svg = NULL;
  char* untouched = (char*)"untouched";
  char* out = untouched;
  CHECK_OK(sopkit_calendar_load_id(&cal, "id-2024"));
  CHECK_OK(sopkit_instant_parse("2024-04-05T08:00", &start));
  CHECK_OK(sopkit_sop_schedule(sop, cal, start, &plan));
  CHECK_OK(sopkit_schedule_step_count(plan, &steps));
  CHECK_OK(sopkit_schedule_render_svg(plan, SOPKIT_LANG_ID, &svg));
  /* One bar per planned step; Idul Fitri 2024 (10-11 April) lies in the run. */
  CHECK(steps > 0 && count_of(svg, "class=\"task\"") == steps);
  CHECK(contains(svg, "data-date=\"2024-04-10\""));
  CHECK(contains(svg, "Batas waktu"));
  sopkit_text_free(svg);
  CHECK_OK(sopkit_schedule_render_svg(plan, SOPKIT_LANG_EN, &svg));
  CHECK(contains(svg, "Due "));
  sopkit_text_free(svg);
  CHECK_STATUS(sopkit_schedule_render_svg(plan, -1, &out), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_schedule_render_svg(NULL, SOPKIT_LANG_ID, &out), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_schedule_render_svg((const sopkit_schedule*)cal, SOPKIT_LANG_ID, &out),
               SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "not a live sopkit_schedule"));
  CHECK(out == untouched);
  sopkit_schedule_free(plan);
  sopkit_calendar_free(cal);
  sopkit_sop_free(sop);
}

static void test_evaluation_tables(void) {
  sopkit_indicators* set = load_seed_indicators();
  sopkit_evaluation* ev = NULL;
  sopkit_evaluate_options opts;
  sopkit_evaluation_row row;
  size_t rows = 0, i;
  char* html = NULL;
  char* untouched = (char*)"untouched";
  char* out = untouched;
  CHECK_OK(sopkit_evaluate_options_init(&opts));
  opts.period = "2024-Q2";
  CHECK_OK(sopkit_indicators_evaluate(set, &opts, &ev));
  CHECK_OK(sopkit_evaluation_count(ev, &rows));
  CHECK_OK(sopkit_evaluation_render_html(ev, SOPKIT_LANG_ID, &html));
  CHECK(strncmp(html, "<div class=\"sopkit-evaluation\">", 31) == 0);
  CHECK(contains(html, "<style>") && contains(html, "Predikat"));
  /* Every computable row's predikat sits in a cell of its band's colour. */
  for (i = 0; i < rows; ++i) {
    char cell[160];
    static const char* const colour[] = {"#9e9e9e", "#c62828", "#ef6c00",
                                         "#f9a825", "#7cb342", "#2e7d32"};
    CHECK_OK(sopkit_evaluation_row_get(ev, i, &row));
    if (row.band == 0) continue;
    snprintf(cell, sizeof cell, "background:%s\">%s</td>", colour[row.band], row.predicate);
    CHECK(contains(html, cell));
    CHECK(contains(html, row.indicator));
  }
  sopkit_text_free(html);
  CHECK_OK(sopkit_evaluation_render_html(ev, SOPKIT_LANG_EN, &html));
  CHECK(contains(html, "Rating") && !contains(html, "Predikat"));
  sopkit_text_free(html);
  CHECK_STATUS(sopkit_evaluation_render_html(ev, 2, &out), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_evaluation_render_html(NULL, SOPKIT_LANG_ID, &out), SOPKIT_EINVAL);
  CHECK(out == untouched);
  sopkit_evaluation_free(ev);
  sopkit_indicators_free(set);
}

static int file_exists(const char* dir, const char* name) {
  char path[512];
  struct stat st;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void remove_report(const char* dir) {
  static const char* const names[] = {"report.html", "report.json", "capaian.csv", "other.txt"};
  char path[512];
  size_t i;
  for (i = 0; i < sizeof names / sizeof names[0]; ++i) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    remove(path);
  }
  rmdir(dir);
}

static void test_monev_report(void) {
  sopkit_sop* sop = load_seed();
  sopkit_indicators* set = load_seed_indicators();
  sopkit_calendar* cal = NULL;
  sopkit_monev_options opts;
  char root[64] = "/tmp/sopkit-capi-render-XXXXXX";
  char dir[128], other[160];
  FILE* f;
  CHECK(mkdtemp(root) != NULL);
  snprintf(dir, sizeof dir, "%s/monev", root);
  CHECK_OK(sopkit_monev_options_init(&opts));
  CHECK(opts.version == SOPKIT_MONEV_OPTIONS_VERSION && opts.period == NULL);
  /* No period: refused before anything is written. */
  CHECK_STATUS(sopkit_monev_report_write(sop, set, NULL, &opts, dir), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "period"));
  opts.period = "2024-QX";
  CHECK_STATUS(sopkit_monev_report_write(sop, set, NULL, &opts, dir), SOPKIT_EINVAL);
  opts.period = "2023-Q2"; /* a period the data does not hold */
  CHECK_STATUS(sopkit_monev_report_write(sop, set, NULL, &opts, dir), SOPKIT_EINVAL);
  CHECK(!file_exists(dir, "report.html"));
  /* The shipped calendar of the start's year when none is given. */
  opts.period = "2024-Q2";
  CHECK_OK(sopkit_monev_report_write(sop, set, NULL, &opts, dir));
  CHECK(file_exists(dir, "report.html") && file_exists(dir, "report.json") &&
        file_exists(dir, "capaian.csv"));
  /* An existing report is replaced; a given calendar and language are used. */
  CHECK_OK(sopkit_calendar_load_years(&cal, 2024, 2025));
  opts.lang = SOPKIT_LANG_EN;
  opts.has_start = 1;
  CHECK_OK(sopkit_instant_parse("2024-07-02T08:00", &opts.start));
  CHECK_OK(sopkit_monev_report_write(sop, set, cal, &opts, dir));
  {
    static char buf[1 << 20];
    char path[256];
    size_t got;
    snprintf(path, sizeof path, "%s/report.json", dir);
    f = fopen(path, "r");
    CHECK(f != NULL);
    got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[got] = '\0';
    if (f) fclose(f);
    CHECK(contains(buf, "\"lang\": \"en\"") && contains(buf, "2024-07-02T08:00"));
  }
  /* A folder holding any other file is refused, and kept as it is. */
  snprintf(other, sizeof other, "%s/other.txt", dir);
  f = fopen(other, "w");
  CHECK(f != NULL);
  if (f) fclose(f);
  CHECK_STATUS(sopkit_monev_report_write(sop, set, cal, &opts, dir), SOPKIT_EIO);
  CHECK(contains(sopkit_last_error(), dir));
  CHECK(file_exists(dir, "report.html") && file_exists(dir, "other.txt"));
  /* Wrong arguments. */
  CHECK_STATUS(sopkit_monev_report_write(NULL, set, cal, &opts, dir), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_monev_report_write(sop, NULL, cal, &opts, dir), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_monev_report_write(sop, set, cal, NULL, dir), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_monev_report_write(sop, set, cal, &opts, NULL), SOPKIT_EINVAL);
  CHECK_STATUS(sopkit_monev_report_write(sop, set, (const sopkit_calendar*)sop, &opts, dir),
               SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "cal is not a live sopkit_calendar"));
  opts.lang = 5;
  CHECK_STATUS(sopkit_monev_report_write(sop, set, cal, &opts, dir), SOPKIT_EINVAL);
  opts.lang = SOPKIT_LANG_ID;
  opts.version = 0;
  CHECK_STATUS(sopkit_monev_report_write(sop, set, cal, &opts, dir), SOPKIT_EINVAL);
  CHECK(contains(sopkit_last_error(), "sopkit_monev_options_init"));
  CHECK_STATUS(sopkit_monev_options_init(NULL), SOPKIT_EINVAL);
  remove_report(dir);
  rmdir(root);
  sopkit_calendar_free(cal);
  sopkit_indicators_free(set);
  sopkit_sop_free(sop);
}

int main(void) {
  test_every_format();
  test_render_options();
  test_render_errors();
  test_schedule_gantt();
  test_evaluation_tables();
  test_monev_report();
  return check_summary();
}
