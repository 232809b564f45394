// rating_scale.cpp — rating scales as data, their JSON form, and caps.
#include "sopkit/rating_scale.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

#include <sstream>
#include <utility>

#include "indicators/detail/text.hpp"
#include "sopkit/error.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"

namespace sopkit {

RatingScale::RatingScale(std::string name, std::string valid_from, std::vector<RatingBand> bands,
                         std::string legal_basis)
    : name_(std::move(name)),
      valid_from_(std::move(valid_from)),
      legal_basis_(std::move(legal_basis)),
      bands_(std::move(bands)) {
  const std::string where = "rating scale '" + name_ + "'";
  if (name_.empty()) throw Error(ErrorCode::invalid_argument, "a rating scale needs a name");
  if (!detail::is_iso_date(valid_from_))
    throw Error(ErrorCode::invalid_argument,
                "valid_from '" + valid_from_ + "' is not a date YYYY-MM-DD", where);
  if (bands_.empty()) throw Error(ErrorCode::invalid_argument, "a scale needs bands", where);
  for (const auto& b : bands_) {
    if (std::isnan(b.lower)) throw Error(ErrorCode::invalid_argument, "a band edge is NaN", where);
    if (b.label.empty()) throw Error(ErrorCode::invalid_argument, "a band has no label", where);
  }
  // Descending edges. Two bands may share an edge when one includes it and the
  // other does not ("Tercapai 100 %" >= 100 below "Melebihi" > 100): the
  // exclusive one is the higher band. Two bands with the same edge and the same
  // inclusiveness would rate the same values: refused, naming both.
  std::sort(bands_.begin(), bands_.end(), [](const RatingBand& a, const RatingBand& b) {
    if (a.lower != b.lower) return a.lower > b.lower;
    return !a.inclusive && b.inclusive;
  });
  for (std::size_t i = 1; i < bands_.size(); ++i)
    if (bands_[i].lower == bands_[i - 1].lower && bands_[i].inclusive == bands_[i - 1].inclusive)
      throw Error(ErrorCode::invalid_argument,
                  "two bands share the edge " + detail::format_number(bands_[i].lower) + " (" +
                      std::string(bands_[i].inclusive ? "both inclusive" : "both exclusive") +
                      "): '" + bands_[i - 1].label + "' and '" + bands_[i].label + "'",
                  where);
  if (bands_.back().lower != -std::numeric_limits<double>::infinity())
    throw Error(ErrorCode::invalid_argument,
                "the lowest band must catch everything below (\"min\": null)", where);
}

namespace {

// The five bands of the regional-government evaluation table: Permendagri
// 54/2010 (evaluasi hasil RKPD) set them and Permendagri 86/2017 kept them.
std::vector<RatingBand> permendagri_bands() {
  return {{91, true, "Sangat Tinggi"},
          {76, true, "Tinggi"},
          {66, true, "Sedang"},
          {51, true, "Rendah"},
          {-std::numeric_limits<double>::infinity(), true, "Sangat Rendah"}};
}

}  // namespace

RatingScale RatingScale::permendagri_86_2017() {
  return RatingScale("permendagri-86-2017", "2017-12-01", permendagri_bands(),
                     "Permendagri 86/2017, evaluasi hasil RKPD/Renja");
}

RatingScale RatingScale::permendagri_54_2010() {
  return RatingScale("permendagri-86-2017", "2010-01-01", permendagri_bands(),
                     "Permendagri 54/2010, evaluasi hasil RKPD/Renstra SKPD");
}

RatingScale RatingScale::sakip_88_2021() {
  return RatingScale("sakip-88-2021", "2021-12-01",
                     {{90, false, "AA"},
                      {80, false, "A"},
                      {70, false, "BB"},
                      {60, false, "B"},
                      {50, false, "CC"},
                      {30, false, "C"},
                      {-std::numeric_limits<double>::infinity(), true, "D"}},
                     "PermenPAN-RB 88/2021, evaluasi SAKIP");
}

RatingScale RatingScale::traffic_light() {
  return RatingScale("traffic-light", "2017-12-01",
                     {{91, true, "Hijau"},
                      {66, true, "Kuning"},
                      {-std::numeric_limits<double>::infinity(), true, "Merah"}},
                     "dashboard convention on the Permendagri 86/2017 edges");
}

std::size_t RatingScale::band(double achievement) const noexcept {
  if (std::isnan(achievement)) return 0;
  const std::size_t k = bands_.size();
  for (std::size_t i = 0; i < k; ++i) {
    const RatingBand& b = bands_[i];
    if (b.inclusive ? achievement >= b.lower : achievement > b.lower) return k - i;
  }
  return 1;  // unreachable: the lowest band is a catch-all
}

const std::string& RatingScale::label(std::size_t band) const {
  static const std::string kNone;
  if (band == 0) return kNone;
  if (band > bands_.size())
    throw Error(ErrorCode::out_of_range,
                "band " + std::to_string(band) + " is above the scale's " +
                    std::to_string(bands_.size()) + " bands",
                "rating scale '" + name_ + "'");
  return bands_[bands_.size() - band].label;
}

RatingScales RatingScales::defaults() {
  RatingScales s;
  s.add(RatingScale::permendagri_54_2010());
  s.add(RatingScale::permendagri_86_2017());
  s.add(RatingScale::sakip_88_2021());
  s.add(RatingScale::traffic_light());
  return s;
}

void RatingScales::add(RatingScale scale) {
  for (auto& s : scales_)
    if (s.name() == scale.name() && s.valid_from() == scale.valid_from()) {
      s = std::move(scale);
      return;
    }
  scales_.push_back(std::move(scale));
}

const RatingScale* RatingScales::in_force_or_null(const std::string& name,
                                                  const std::string& date) const {
  const RatingScale* best = nullptr;
  bool known = false;
  for (const auto& s : scales_) {
    if (s.name() != name) continue;
    known = true;
    // ISO dates compare correctly as text.
    if (s.valid_from() <= date && (!best || s.valid_from() > best->valid_from())) best = &s;
  }
  if (!known)
    throw Error(ErrorCode::not_found, "there is no rating scale of this name",
                "rating scale '" + name + "'");
  return best;
}

const RatingScale& RatingScales::in_force(const std::string& name, const std::string& date) const {
  if (const RatingScale* s = in_force_or_null(name, date)) return *s;
  throw Error(ErrorCode::not_found, "no version of the scale is in force on " + date,
              "rating scale '" + name + "'");
}

double cap_limit(Cap cap) noexcept {
  switch (cap) {
    case Cap::none:
      return std::numeric_limits<double>::infinity();
    case Cap::at_100:
      return 100.0;
    case Cap::at_110:
      return 110.0;
    case Cap::at_120:
      return 120.0;
  }
  return std::numeric_limits<double>::infinity();
}

double apply_cap(double achievement, Cap cap) noexcept {
  const double lim = cap_limit(cap);
  return achievement > lim ? lim : achievement;  // NaN compares false and stays NaN
}

Cap parse_cap(std::string_view text) {
  if (text == "none") return Cap::none;
  if (text == "100") return Cap::at_100;
  if (text == "110") return Cap::at_110;
  if (text == "120") return Cap::at_120;
  throw Error(ErrorCode::invalid_argument,
              "cap '" + detail::excerpt(text) + "' is not one of none, 100, 110, 120");
}

}  // namespace sopkit
