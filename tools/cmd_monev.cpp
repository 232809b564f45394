// cmd_monev.cpp — `sopkit monev --sop SOP.json --indicators DATA.csv --period
// 2024-Q2 [--start 2024-07-01T07:30] [--calendar id-2024|FILE] [--lang id|en]
// [--runs LOG.csv|RUNS.json] --out DIR`: the quarter's monev report (report.html, report.json,
// capaian.csv), with progress on stderr.
//
// Without --start the run starts the first morning after the period (07:30);
// without --calendar the shipped Indonesian calendar of that year is used,
// joined with the next year's when it ships. With --runs the report gains the
// section "Pelaksanaan SOP" (actual runs against the mutu baku).
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli_util.hpp"
#include "commands.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/report.hpp"
#include "sopkit/sop_json.hpp"

namespace sopkit::cli {

namespace {

const std::string& required(const Args& args, const char* name, const char* example) {
  const std::string* v = args.option(name);
  if (!v) throw UsageError{std::string(name) + " is required, e.g. " + name + " " + example};
  return *v;
}

}  // namespace

int cmd_monev(const std::vector<std::string>& argv) {
  Args args = parse_args(argv, {kNoRamadanHoursFlag},
                         {"--sop", "--indicators", "--period", "--start", "--calendar", "--out",
                          "--lang", "--runs", "--decimal-mark", "--threads", kHolidaysOption});
  if (!args.positional.empty())
    throw UsageError{"unexpected argument '" + args.positional[0] + "'"};
  const std::string& sop_path = required(args, "--sop", "examples/sop-monev-capaian-kinerja.json");
  const std::string& data_path = required(args, "--indicators", "data.csv");
  const std::string& period_text = required(args, "--period", "2024-Q2");
  const std::string& out = required(args, "--out", "out/monev-2024-Q2");

  MonevOptions options;
  options.period = Period::parse(period_text);
  if (const std::string* lang = args.option("--lang")) {
    if (*lang == "en")
      options.lang = Language::en;
    else if (*lang != "id")
      throw UsageError{"--lang takes id or en, not '" + *lang + "'"};
  }
  options.start = args.option("--start") ? parse_instant(*args.option("--start"))
                                         : default_monev_start(options.period);
  const bool en = options.lang == Language::en;
  auto say = [&](const std::string& line) { std::cerr << "sopkit monev: " << line << std::endl; };

  say(en ? "reading " + sop_path : "membaca " + sop_path);
  Sop sop = load_sop_file(sop_path);
  say(en ? "reading " + data_path : "membaca " + data_path);
  IndicatorSet set = load_indicators_file(data_path, csv_options(args));
  say(std::to_string(set.indicator_count()) + (en ? " indicators, " : " indikator, ") +
      std::to_string(set.cell_count()) + (en ? " rows" : " baris"));
  WorkCalendar calendar = choose_calendar(args, options.start);
  std::optional<RunLog> runs;
  if (const std::string* runs_path = args.option("--runs")) {
    say(en ? "reading " + *runs_path : "membaca " + *runs_path);
    runs.emplace(load_runs_file(*runs_path, sop));
    options.runs = &*runs;
  }

  MonevReport report = build_monev_report(
      sop, set, calendar, options,
      [&](std::string_view stage, std::size_t done, std::size_t total) {
        say("[" + std::to_string(done) + "/" + std::to_string(total) + "] " + std::string(stage));
      });
  write_monev_report(report, out);
  say((en ? "written: " : "ditulis: ") + out + "/report.html, report.json, capaian.csv");
  return kExitOk;
}

}  // namespace sopkit::cli
