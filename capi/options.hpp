// options.hpp — C option structs read into their C++ form, for the C
// functions of more than one file that take them.
#pragma once

#include "sopkit/indicator_eval.hpp"
#include "sopkit/sopkit.h"

namespace sopkit::capi {

// Reads `opts` (NULL: the defaults) into `options`. SOPKIT_EINVAL (with the
// message set) for an unknown version, cap, threshold or period text. May
// throw what allocation throws: call it inside guard().
int read_evaluate_options(const sopkit_evaluate_options* opts, sopkit::EvaluationOptions& options);

}  // namespace sopkit::capi
