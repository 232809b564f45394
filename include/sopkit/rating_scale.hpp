// rating_scale.hpp — predicates (predikat) from achievement percentages, as data.
//
// A rating scale is an ordered list of bands with lower edges, effective from a
// date; several scales of one name may coexist (the rules change by decree) and
// the one in force on a period's end date is used. Caps (100/110/120 %) bound an
// achievement when it is scored and rolled up; the stored raw value never changes.
//
//   auto s = sopkit::RatingScale::permendagri_86_2017();
//   s.label_of(91.0);     // "Sangat Tinggi" (>= 91)
//   s.label_of(90.999);   // "Tinggi"
//   sopkit::RatingScales all = sopkit::RatingScales::defaults();
//   all.in_force("sakip-88-2021", "2024-12-31").label_of(85);  // "A" (> 80)
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace sopkit {

// One band: an achievement at or above `lower` (strictly above when
// `inclusive` is false) earns `label`. The catch-all lowest band has
// lower = -infinity.
struct RatingBand {
  double lower = -std::numeric_limits<double>::infinity();
  bool inclusive = true;
  std::string label;
};

// An immutable rating scale. Band numbers run from 1 (the lowest band) to
// band_count() (the highest); 0 means "not computable" (a NaN achievement).
class RatingScale {
 public:
  // Bands in any order. Throws Error{invalid_argument} when there is no band,
  // a lower edge is NaN, two bands share an edge with the same inclusiveness
  // (an inclusive and an exclusive band may share one: the exclusive band is the
  // higher), a label is empty, the lowest
  // band is not a catch-all (-infinity), or valid_from is not "YYYY-MM-DD".
  RatingScale(std::string name, std::string valid_from, std::vector<RatingBand> bands,
              std::string legal_basis = {});

  // Permendagri 86/2017: >= 91 Sangat Tinggi, >= 76 Tinggi, >= 66 Sedang,
  // >= 51 Rendah, else Sangat Rendah (the printed integer gaps 90-91 ... closed
  // upward: 90.5 is Tinggi). Above 100 stays Sangat Tinggi. Name
  // "permendagri-86-2017", valid from 2017-12-01.
  static RatingScale permendagri_86_2017();
  // The earlier version of the same scale: the same five bands as set by
  // Permendagri 54/2010, so that periods from 2010 to November 2017 are rated.
  // Name "permendagri-86-2017" (one scale, two legal bases), valid from
  // 2010-01-01.
  static RatingScale permendagri_54_2010();
  // PermenPAN-RB 88/2021 SAKIP predicates: > 90 AA, > 80 A, > 70 BB, > 60 B,
  // > 50 CC, > 30 C, else D (exclusive edges). Name "sakip-88-2021", valid from
  // 2021-12-01.
  static RatingScale sakip_88_2021();
  // A dashboard traffic light: >= 91 Hijau, >= 66 Kuning, else Merah (the
  // Permendagri Sangat Tinggi edge and the Sedang edge). Name "traffic-light",
  // valid from 2017-12-01.
  static RatingScale traffic_light();

  const std::string& name() const noexcept { return name_; }
  const std::string& valid_from() const noexcept { return valid_from_; }
  const std::string& legal_basis() const noexcept { return legal_basis_; }
  // Bands from the highest to the lowest.
  const std::vector<RatingBand>& bands() const noexcept { return bands_; }
  std::size_t band_count() const noexcept { return bands_.size(); }

  // 0 for NaN, else 1 (lowest) .. band_count() (highest).
  std::size_t band(double achievement) const noexcept;
  // Label of a band number; "" for 0. Throws Error{out_of_range} above band_count().
  const std::string& label(std::size_t band) const;
  const std::string& label_of(double achievement) const { return label(band(achievement)); }

 private:
  std::string name_;
  std::string valid_from_;
  std::string legal_basis_;
  std::vector<RatingBand> bands_;  // descending by lower edge
};

// Scales by name and effective date.
class RatingScales {
 public:
  RatingScales() = default;
  // The built-in scales above (permendagri-86-2017 in its two versions).
  static RatingScales defaults();

  // Adds a scale; a later scale of the same name and valid_from replaces the earlier.
  void add(RatingScale scale);
  // The scale `name` in force on `date` ("YYYY-MM-DD"): the latest valid_from
  // on or before the date. Throws Error{not_found} when there is none.
  const RatingScale& in_force(const std::string& name, const std::string& date) const;
  // The same, or nullptr when the scale exists but no version of it is in
  // force yet on the date (a period older than the scale's first version).
  // Throws Error{not_found} for a name no version carries.
  const RatingScale* in_force_or_null(const std::string& name, const std::string& date) const;
  const std::vector<RatingScale>& all() const noexcept { return scales_; }

 private:
  std::vector<RatingScale> scales_;
};

// Parses scales from JSON: one scale object or {"scales": [...]}. A scale is
// {"name", "valid_from", "legal_basis"?, "bands": [{"min": 91, "inclusive": true,
// "label": "Sangat Tinggi"}, ..., {"min": null, "label": "Sangat Rendah"}]}
// (min null or absent: the catch-all band; inclusive defaults to true).
// Throws Error{parse_error} with line and column, or Error{format_error} with
// the JSON pointer, `source` naming the text.
RatingScales parse_rating_scales_json(std::string_view text, const std::string& source = "<text>");
// Reads a file (Error{io_error} when it cannot be read) and parses it.
RatingScales load_rating_scales_file(const std::string& path);

// Caps on an achievement when it is scored and rolled up.
enum class Cap : unsigned char { none, at_100, at_110, at_120 };

// +infinity, 100, 110 or 120.
double cap_limit(Cap cap) noexcept;
// min(achievement, limit); NaN stays NaN.
double apply_cap(double achievement, Cap cap) noexcept;
// "none", "100", "110", "120". Throws Error{invalid_argument} otherwise.
Cap parse_cap(std::string_view text);

}  // namespace sopkit
