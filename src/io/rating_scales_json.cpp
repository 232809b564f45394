// rating_scales_json.cpp — rating scales read from JSON
// ({"scales": [{"name", "valid_from", "legal_basis", "bands": [...]}]}, or one
// scale alone): the reading belongs to the io layer, the scales to indicators.
#include <optional>
#include <string>
#include <vector>

#include "io/detail/files.hpp"
#include "io/detail/json_cursor.hpp"
#include "sopkit/error.hpp"
#include "sopkit/rating_scale.hpp"

namespace sopkit {

namespace {

using detail::JsonCursor;
using detail::JsonKind;

RatingBand band_from_json(const JsonCursor& b) {
  const auto f = b.expect(JsonKind::object).members<3>({"min", "inclusive", "label"});
  RatingBand band;
  if (f[0] && !f[0]->expect(JsonKind::number, true).is_null()) band.lower = f[0]->number();
  if (f[1]) band.inclusive = f[1]->as_bool();
  if (!f[2]) b.fail_missing("label");
  band.label = f[2]->as_text();
  return band;
}

RatingScale scale_from_json(const JsonCursor& j) {
  const auto f =
      j.expect(JsonKind::object).members<4>({"name", "valid_from", "legal_basis", "bands"});
  std::string name = detail::string_member(j, f[0], "name", true),
              valid_from = detail::string_member(j, f[1], "valid_from", true),
              basis = detail::string_member(j, f[2], "legal_basis", false);
  if (!f[3]) j.fail_missing("bands");
  std::vector<RatingBand> bands;
  f[3]->expect(JsonKind::list).for_each_item([&](const JsonCursor& b) {
    bands.push_back(band_from_json(b));
  });
  try {
    return RatingScale(std::move(name), std::move(valid_from), std::move(bands), std::move(basis));
  } catch (const Error& e) {
    j.fail(e.message());
  }
}

}  // namespace

RatingScales parse_rating_scales_json(std::string_view text, const std::string& source) {
  const detail::JsonDocument doc(text, source);
  const JsonCursor root(doc);
  RatingScales out;
  const std::optional<JsonCursor> scales = root.find("scales");
  if (!scales) {
    out.add(scale_from_json(root));
    return out;
  }
  scales->expect(JsonKind::list).for_each_item([&](const JsonCursor& scale) {
    out.add(scale_from_json(scale));
  });
  return out;
}

RatingScales load_rating_scales_file(const std::string& path) {
  return parse_rating_scales_json(detail::read_text_file(path), path);
}

}  // namespace sopkit
