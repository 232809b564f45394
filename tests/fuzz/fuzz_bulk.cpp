// fuzz_bulk.cpp — the bulk indicator kernels against a plain loop.
//
// The input is cells of raw bytes (target, realisation and weight as any
// double bit pattern: NaN payloads, infinities, subnormals, negative zero; a
// polarity code; a group id that may be out of range), tiled to cross the
// kernels' 8-cell steps and 1024-cell blocks. Promises checked: achievement
// and band per cell are bit-for-bit those of the formulas written plainly;
// the group means are bit-for-bit the plain loop's sums in cell order; an
// invalid group id or weight throws invalid_argument (and nothing else does)
// and leaves the means untouched.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "bulk_reference.hpp"
#include "fuzz_check.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_bulk.hpp"

namespace {

using sopkit::reference::plain_achievement;
using sopkit::reference::plain_group_means;
using sopkit::reference::same_double;

constexpr std::size_t kCellBytes = 3 * sizeof(double) + 2;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t options = data[0];
  const auto cap = static_cast<sopkit::Cap>(options & 3);
  const bool outputs = (options & 4) == 0;
  const std::size_t tiles = 1 + ((options >> 3) & 31) * 37;  // up to ~1150 copies
  const std::size_t groups = 1 + data[1] % 16;
  data += 2;
  size -= 2;
  const std::size_t cells = size / kCellBytes;
  if (cells == 0) return 0;
  const std::size_t n = std::min<std::size_t>(cells * tiles, 5000);

  std::vector<double> t(n), r(n), w(n);
  std::vector<std::uint8_t> p(n);
  std::vector<std::int32_t> g(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t* c = data + (i % cells) * kCellBytes;
    std::memcpy(&t[i], c, 8);
    std::memcpy(&r[i], c + 8, 8);
    std::memcpy(&w[i], c + 16, 8);
    p[i] = c[24] % 4 == 3 ? c[24] : c[24] % 4;    // mostly known codes, some not
    g[i] = static_cast<std::int32_t>(c[25]) - 1;  // -1 and up: out of range at times
  }

  const sopkit::RatingScale scale = sopkit::RatingScale::permendagri_86_2017();
  const double limit = sopkit::cap_limit(cap);
  std::vector<double> ach(n), score(n);
  std::vector<std::uint8_t> band(n);
  bool invalid = false;
  for (std::size_t i = 0; i < n; ++i) {
    const double want = plain_achievement(t[i], r[i], p[i]);
    const double s = want > limit ? limit : want;
    ach[i] = want;
    band[i] = std::isnan(s) ? 0 : static_cast<std::uint8_t>(scale.band(s));
    const bool bad_group = g[i] < 0 || static_cast<std::size_t>(g[i]) >= groups;
    invalid |= bad_group || !(w[i] >= 0.0) || std::isinf(w[i]);
    score[i] = s;
  }

  // Per cell only (the cap plays no part there).
  {
    std::vector<double> a(n, -1.0);
    std::vector<std::uint8_t> b(n, 99);
    sopkit::evaluate_cells(t.data(), r.data(), p.data(), n, a.data(), b.data());
    for (std::size_t i = 0; i < n; ++i) {
      FUZZ_CHECK(same_double(a[i], ach[i]));
      const double want = ach[i];
      FUZZ_CHECK(b[i] == (std::isnan(want) ? 0 : scale.band(want)));
    }
  }

  // Fused, with the cap.
  std::vector<double> a(n, -1.0), mean(groups, -7.0);
  std::vector<std::uint8_t> b(n, 99);
  sopkit::GroupRollupOptions o;
  o.cap = cap;
  try {
    sopkit::evaluate_cells_grouped(t.data(), r.data(), p.data(), w.data(), g.data(), n, groups,
                                   outputs ? a.data() : nullptr, outputs ? b.data() : nullptr,
                                   mean.data(), o);
    FUZZ_CHECK(!invalid);
  } catch (const sopkit::Error& e) {
    FUZZ_CHECK(invalid);
    FUZZ_CHECK(e.code() == sopkit::ErrorCode::invalid_argument);
    for (double m : mean) FUZZ_CHECK(m == -7.0);
    return 0;
  }
  if (outputs) {
    for (std::size_t i = 0; i < n; ++i) {
      FUZZ_CHECK(same_double(a[i], ach[i]));
      FUZZ_CHECK(b[i] == band[i]);
    }
  }
  // Valid input only here: every group id is in range.
  const std::vector<double> want = plain_group_means(score, w.data(), g.data(), groups);
  for (std::size_t k = 0; k < groups; ++k) FUZZ_CHECK(same_double(mean[k], want[k]));
  return 0;
}
