// write_held.cpp — a held evaluation written on two threads
// (indicators/detail/formatting_sink.hpp).
#include <algorithm>
#include <cstddef>
#include <string>

#include "indicators/detail/formatting_sink.hpp"
#include "util/ordered_runs.hpp"

namespace sopkit::detail {

namespace {

// Results or warnings per run: a few hundred kilobytes of JSON text, small
// enough that the second thread holds little, large enough that taking a run
// costs nothing beside writing it.
constexpr std::size_t kRun = 512;

// The runs of a held evaluation: results from `from` on, then warnings.
class HeldRuns {
 public:
  HeldRuns(const Evaluation& ev, std::size_t from, bool warnings)
      : ev_(ev),
        from_(std::min(from, ev.indicators.size())),
        result_runs_(runs_of(ev.indicators.size() - from_)),
        warning_runs_(warnings ? runs_of(ev.warnings.size()) : 0) {}

  std::size_t count() const noexcept { return result_runs_ + warning_runs_; }
  bool of_warnings(std::size_t run) const noexcept { return run >= result_runs_; }
  const IndicatorResult* results(std::size_t run) const {
    return ev_.indicators.data() + from_ + run * kRun;
  }
  const EarlyWarning* warnings(std::size_t run) const {
    return ev_.warnings.data() + (run - result_runs_) * kRun;
  }
  std::size_t size(std::size_t run) const {
    const std::size_t total =
        of_warnings(run) ? ev_.warnings.size() : ev_.indicators.size() - from_;
    const std::size_t first = (of_warnings(run) ? run - result_runs_ : run) * kRun;
    return std::min(kRun, total - first);
  }

 private:
  static std::size_t runs_of(std::size_t items) { return (items + kRun - 1) / kRun; }

  const Evaluation& ev_;
  std::size_t from_, result_runs_, warning_runs_;
};

}  // namespace

void write_held(const Evaluation& ev, std::size_t from, FormattingSink& sink, unsigned threads) {
  const bool warnings = sink.wants_warnings();
  const HeldRuns runs(ev, from, warnings);
  const std::size_t items = ev.indicators.size() + (warnings ? ev.warnings.size() : 0);
  bool units_written = false;
  // The units follow the last result and precede the first warning.
  auto write_units_once = [&] {
    if (!units_written)
      for (const UnitResult& u : ev.units) sink.unit(u);
    units_written = true;
  };
  const FormattingSink& formatter = sink;
  run_in_order(
      runs.count(), threads > 1 && items >= kRowsWorthAThread,
      [&](std::size_t run, std::string& text) {
        if (runs.of_warnings(run))
          formatter.format_warnings(runs.warnings(run), runs.size(run), text);
        else
          formatter.format_indicators(runs.results(run), runs.size(run), text);
      },
      [&](std::size_t run) {
        if (!runs.of_warnings(run)) {
          for (std::size_t i = 0; i < runs.size(run); ++i) sink.indicator(runs.results(run)[i]);
          return;
        }
        write_units_once();
        for (std::size_t i = 0; i < runs.size(run); ++i) sink.warning(runs.warnings(run)[i]);
      },
      [&](std::size_t run, const std::string& text) {
        if (!runs.of_warnings(run)) return sink.indicators_text(text, runs.size(run));
        write_units_once();
        sink.warnings_text(text, runs.size(run));
      });
  write_units_once();
  for (const std::string& note : ev.notes) sink.note(note);
}

}  // namespace sopkit::detail
