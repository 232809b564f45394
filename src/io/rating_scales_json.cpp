// rating_scales_json.cpp — rating scales read from JSON
// ({"scales": [{"name", "valid_from", "legal_basis", "bands": [...]}]}, or one
// scale alone): the reading belongs to the io layer, the scales to indicators.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/detail/files.hpp"
#include "io/detail/json_text.hpp"
#include "sopkit/error.hpp"
#include "sopkit/rating_scale.hpp"

namespace sopkit {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& source, const std::string& pointer,
                      const std::string& message) {
  throw Error(ErrorCode::format_error, message, source + ":" + pointer);
}

RatingScale scale_from_json(const json& j, const std::string& source, const std::string& ptr) {
  if (!j.is_object()) bad(source, ptr, "a rating scale must be an object");
  auto str = [&](const char* key, bool required) -> std::string {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
      if (required) bad(source, ptr, std::string("missing \"") + key + "\"");
      return {};
    }
    if (!it->is_string()) bad(source, ptr + "/" + key, "must be a string");
    return it->get<std::string>();
  };
  std::string name = str("name", true), valid_from = str("valid_from", true),
              basis = str("legal_basis", false);
  auto bands_it = j.find("bands");
  if (bands_it == j.end() || !bands_it->is_array())
    bad(source, ptr + "/bands", "\"bands\" must be an array");
  std::vector<RatingBand> bands;
  for (std::size_t i = 0; i < bands_it->size(); ++i) {
    const json& b = (*bands_it)[i];
    const std::string bp = ptr + "/bands/" + std::to_string(i);
    if (!b.is_object()) bad(source, bp, "a band must be an object");
    RatingBand band;
    if (auto m = b.find("min"); m != b.end() && !m->is_null()) {
      if (!m->is_number()) bad(source, bp + "/min", "must be a number or null");
      band.lower = m->get<double>();
    }
    if (auto inc = b.find("inclusive"); inc != b.end()) {
      if (!inc->is_boolean()) bad(source, bp + "/inclusive", "must be true or false");
      band.inclusive = inc->get<bool>();
    }
    auto l = b.find("label");
    if (l == b.end() || !l->is_string()) bad(source, bp + "/label", "must be a string");
    band.label = l->get<std::string>();
    bands.push_back(std::move(band));
  }
  try {
    return RatingScale(std::move(name), std::move(valid_from), std::move(bands), std::move(basis));
  } catch (const Error& e) {
    bad(source, ptr, e.message());
  }
}

}  // namespace

RatingScales parse_rating_scales_json(std::string_view text, const std::string& source) {
  const json j = detail::parse_json_text(text, source);
  RatingScales out;
  if (j.is_object() && j.contains("scales")) {
    const json& arr = j["scales"];
    if (!arr.is_array()) bad(source, "/scales", "must be an array");
    for (std::size_t i = 0; i < arr.size(); ++i)
      out.add(scale_from_json(arr[i], source, "/scales/" + std::to_string(i)));
  } else {
    out.add(scale_from_json(j, source, ""));
  }
  return out;
}

RatingScales load_rating_scales_file(const std::string& path) {
  return parse_rating_scales_json(detail::read_text_file(path), path);
}

}  // namespace sopkit
