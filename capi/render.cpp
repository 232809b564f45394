// render.cpp — C ABI for the pictures of an SOP, the Gantt chart of a
// schedule, the achievement tables and the monev report folder: shells over
// the same C++ functions the CLI calls.
#include <cmath>
#include <memory>
#include <optional>

#include "guard.hpp"
#include "handles.hpp"
#include "options.hpp"
#include "sopkit/render.hpp"
#include "sopkit/report.hpp"

using sopkit::capi::guard;
using sopkit::capi::invalid;

namespace {

std::optional<sopkit::Language> language_of(int lang) {
  switch (lang) {
    case SOPKIT_LANG_ID:
      return sopkit::Language::id;
    case SOPKIT_LANG_EN:
      return sopkit::Language::en;
    default:
      return std::nullopt;
  }
}

std::optional<sopkit::RenderFormat> format_of(int format) {
  switch (format) {
    case SOPKIT_RENDER_SVG:
      return sopkit::RenderFormat::svg;
    case SOPKIT_RENDER_HTML:
      return sopkit::RenderFormat::html;
    case SOPKIT_RENDER_BPMN:
      return sopkit::RenderFormat::bpmn;
    case SOPKIT_RENDER_DOT:
      return sopkit::RenderFormat::dot;
    case SOPKIT_RENDER_SVG_PAGES:
      return sopkit::RenderFormat::svg_pages;
    default:
      return std::nullopt;
  }
}

int bad_language(int lang) {
  return sopkit::capi::fail(SOPKIT_EINVAL, "lang " + std::to_string(lang) +
                                               " is not a sopkit_language (SOPKIT_LANG_ID or "
                                               "SOPKIT_LANG_EN)");
}

// *out = make(the language of `lang`), as the caller's text; SOPKIT_EINVAL for
// a value that is not a sopkit_language.
template <typename Make>
int text_in_language(int lang, char** out, Make&& make) {
  std::optional<sopkit::Language> language = language_of(lang);
  if (!language) return bad_language(lang);
  return guard([&]() -> int {
    *out = sopkit::capi::copy_text(make(*language));
    return SOPKIT_OK;
  });
}

bool positive_finite(double x) {
  return std::isfinite(x) && x > 0;
}

// Reads `opts` (NULL: the defaults) into `options`; SOPKIT_EINVAL names the field.
int read_render_options(const sopkit_render_options* opts, sopkit::RenderOptions& options) {
  if (!opts) return SOPKIT_OK;
  if (opts->version != SOPKIT_RENDER_OPTIONS_VERSION)
    return invalid(
        "opts->version is not SOPKIT_RENDER_OPTIONS_VERSION: call sopkit_render_options_init "
        "first");
  std::optional<sopkit::Language> lang = language_of(opts->lang);
  if (!lang) return bad_language(opts->lang);
  if (!positive_finite(opts->page_width) || !positive_finite(opts->page_height))
    return invalid("opts->page_width and page_height must be positive and finite");
  options.lang = *lang;
  options.max_rows_per_page = opts->max_rows_per_page;
  options.page_width = opts->page_width;
  options.page_height = opts->page_height;
  if (opts->id_prefix) options.id_prefix = opts->id_prefix;
  return SOPKIT_OK;
}

// Reads `opts` into `options`; the calendar-independent part of the report's options.
int read_monev_options(const sopkit_monev_options* opts, sopkit::MonevOptions& options) {
  if (opts->version != SOPKIT_MONEV_OPTIONS_VERSION)
    return invalid(
        "opts->version is not SOPKIT_MONEV_OPTIONS_VERSION: call sopkit_monev_options_init first");
  if (!opts->period) return invalid("opts->period is NULL: give the period, e.g. \"2024-Q2\"");
  std::optional<sopkit::Language> lang = language_of(opts->lang);
  if (!lang) return bad_language(opts->lang);
  if (int status = sopkit::capi::read_evaluate_options(opts->evaluation, options.evaluation);
      status != SOPKIT_OK)
    return status;
  try {
    options.period = sopkit::Period::parse(opts->period);
  } catch (const sopkit::Error& e) {
    return sopkit::capi::fail(SOPKIT_EINVAL, e.what());
  }
  options.lang = *lang;
  options.start = opts->has_start ? opts->start : sopkit::default_monev_start(options.period);
  if (opts->runs) {
    if (int status = sopkit::capi::check_arg(opts->runs, "opts->runs"); status != SOPKIT_OK)
      return status;
    options.runs = opts->runs->log.get();
  }
  return SOPKIT_OK;
}

}  // namespace

extern "C" {

int sopkit_render_options_init(sopkit_render_options* opts) {
  SOPKIT_REQUIRE(opts);
  const sopkit::RenderOptions defaults;
  opts->version = SOPKIT_RENDER_OPTIONS_VERSION;
  opts->lang = SOPKIT_LANG_ID;
  opts->max_rows_per_page = defaults.max_rows_per_page;
  opts->page_width = defaults.page_width;
  opts->page_height = defaults.page_height;
  opts->id_prefix = nullptr;
  return sopkit::capi::ok();
}

int sopkit_sop_render(const sopkit_sop* sop, int format, const sopkit_render_options* opts,
                      char** out_text) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(out_text);
  std::optional<sopkit::RenderFormat> chosen = format_of(format);
  if (!chosen)
    return sopkit::capi::fail(SOPKIT_EINVAL, "format " + std::to_string(format) +
                                                 " is not a sopkit_render_format (SVG, HTML, "
                                                 "BPMN, DOT or SVG_PAGES)");
  return guard([&]() -> int {
    sopkit::RenderOptions options;
    if (int status = read_render_options(opts, options); status != SOPKIT_OK) return status;
    *out_text = sopkit::capi::copy_text(sopkit::render_sop(sop->sop, *chosen, options));
    return SOPKIT_OK;
  });
}

int sopkit_schedule_render_svg(const sopkit_schedule* s, int lang, char** out_svg) {
  SOPKIT_REQUIRE(s);
  SOPKIT_REQUIRE(out_svg);
  return text_in_language(lang, out_svg, [&](sopkit::Language language) {
    return sopkit::render_schedule_svg(s->sop, s->plan, s->calendar, language);
  });
}

int sopkit_evaluation_render_html(const sopkit_evaluation* ev, int lang, char** out_html) {
  SOPKIT_REQUIRE(ev);
  SOPKIT_REQUIRE(out_html);
  return text_in_language(lang, out_html, [&](sopkit::Language language) {
    return sopkit::render_evaluation_html(*ev->set, ev->evaluation, ev->options, language);
  });
}

int sopkit_monev_options_init(sopkit_monev_options* opts) {
  SOPKIT_REQUIRE(opts);
  opts->version = SOPKIT_MONEV_OPTIONS_VERSION;
  opts->period = nullptr;
  opts->has_start = 0;
  opts->start = 0;
  opts->lang = SOPKIT_LANG_ID;
  opts->evaluation = nullptr;
  opts->runs = nullptr;
  return sopkit::capi::ok();
}

int sopkit_monev_report_write(const sopkit_sop* sop, const sopkit_indicators* set,
                              const sopkit_calendar* cal, const sopkit_monev_options* opts,
                              const char* dir) {
  SOPKIT_REQUIRE(sop);
  SOPKIT_REQUIRE(set);
  SOPKIT_REQUIRE(opts);
  SOPKIT_REQUIRE(dir);
  if (cal) SOPKIT_REQUIRE(cal);
  return guard([&]() -> int {
    sopkit::MonevOptions options;
    if (int status = read_monev_options(opts, options); status != SOPKIT_OK) return status;
    std::optional<sopkit::WorkCalendar> shipped;
    if (!cal) shipped.emplace(sopkit::calendar_for_run(options.start));
    const sopkit::WorkCalendar& calendar = cal ? cal->calendar : *shipped;
    sopkit::write_monev_report(sopkit::build_monev_report(sop->sop, *set->set, calendar, options),
                               dir);
    return SOPKIT_OK;
  });
}

}  // extern "C"
