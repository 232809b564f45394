// formatting_sink.hpp — a sink that writes text, able to write a run of
// results or warnings on any thread. evaluate() on two threads then has the
// second thread write the runs it computes, and hands their text to the sink
// in order: the writers of a national evaluation spend more time writing
// than computing. A held evaluation is written by two threads the same way
// (write_held). Private to the library.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sopkit/indicator_eval.hpp"

namespace sopkit::detail {

// Below this many results a second thread costs more than it saves.
constexpr std::size_t kRowsWorthAThread = 8192;

class FormattingSink : public EvaluationSink {
 public:
  // The text indicator() / warning() would write for these pieces, in their
  // order, into `text` (cleared first). Called on any thread, concurrently
  // with the calls below: an implementation reads only what stays constant
  // during the evaluation.
  virtual void format_indicators(const IndicatorResult* results, std::size_t n,
                                 std::string& text) const = 0;
  virtual void format_warnings(const EarlyWarning* warnings, std::size_t n,
                               std::string& text) const = 0;
  // On the caller's thread, in place of n calls of indicator() / warning():
  // the text format_indicators() / format_warnings() wrote for them.
  virtual void indicators_text(std::string_view text, std::size_t n) = 0;
  virtual void warnings_text(std::string_view text, std::size_t n) = 0;
};

// Hands a held evaluation to `sink` as evaluate() hands its pieces: the
// results from `from` on (the caller wrote the earlier ones), the units, the
// warnings when the sink wants them, the notes. With `threads` > 1 and enough
// results, a second thread writes runs of results and warnings too, and the
// sink takes their text in order.
void write_held(const Evaluation& ev, std::size_t from, FormattingSink& sink, unsigned threads);

}  // namespace sopkit::detail
