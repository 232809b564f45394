// duration.hpp — standard times (waktu) of SOP steps.
//
// Parses the free text of real documents ("15 Menit", "1-3 Hari", "±2 Menit",
// "1,5 jam", "2 hari 3 jam") into working time, keeping the text it came from.
// Units are working time: a hari is one working day, a minggu the calendar's
// working days per week; how many minutes those are is a WorkConvention.
//
//   auto d = sopkit::Duration::parse("1,5 jam");   // 90 working minutes
//   d.max_minutes(sopkit::WorkConvention{});       // 90
//   sopkit::DurationSum total; total += d;
//   total.to_string(conv);                          // "1 jam 30 menit"
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sopkit {

enum class TimeUnit : unsigned char { second, minute, hour, day, week, month };
inline constexpr std::size_t kTimeUnitCount = 6;

// How working days, weeks and months convert to working minutes. The default is
// the ASN week: 37.5 office hours over 5 days, so 1 hari = 450 minutes. A month
// has no fixed length in working days; 22 is the common personnel convention.
struct WorkConvention {
  double minutes_per_day = 450.0;
  double days_per_week = 5.0;
  double days_per_month = 22.0;

  // Working minutes in one of `unit`.
  double minutes_per(TimeUnit unit) const noexcept;
  // Throws Error(invalid_argument) unless every field is finite and within
  // (0, 1440], (0, 7] and (0, 31]: a working day is no longer than a day, a
  // week no longer than seven of them. Beyond that no office exists, and
  // totals grow so large that a step of minutes vanishes in rounding (fuzzing
  // found latest starts 195 minutes before earliest starts that way).
  void check() const;
  bool operator==(const WorkConvention& o) const noexcept {
    return minutes_per_day == o.minutes_per_day && days_per_week == o.days_per_week &&
           days_per_month == o.days_per_month;
  }
};

// A parsed standard time: amounts per unit, as a [min, max] range (equal unless
// the text gave a range such as "1-3 Hari"), plus the qualifiers the text carried.
// Value type; immutable once parsed.
class Duration {
 public:
  // Zero duration with empty text.
  Duration() = default;

  // Parses a waktu text, case-insensitively: Indonesian and English units and
  // their abbreviations (detik, menit/mnt, jam, hari, minggu/pekan, bulan/bln;
  // seconds, minutes/min, hours/h, days, weeks, months), comma or dot decimals,
  // ranges ("1-3", "1 s/d 3", "1 sampai 3"), approximations ("±", "kurang lebih",
  // "sekitar", "~"), upper bounds ("maks.", "paling lama", "<="), and compound
  // texts ("1 jam 30 menit"). A time longer than 100 years (counted with 24-h
  // days, 7-day weeks and 31-day months, so under any convention) is refused:
  // it is a typo, and summed with real steps it would leave no exact minutes.
  // Throws Error{parse_error} naming the text.
  static Duration parse(std::string_view text);

  // As parse(), but returns nullopt and writes the reason into *why (if given).
  static std::optional<Duration> try_parse(std::string_view text, std::string* why = nullptr);

  // An exact duration of `amount` units; text is generated ("2 hari").
  // Error{invalid_argument} when negative, not finite or over 100 years.
  static Duration of(double amount, TimeUnit unit);

  // The 100 years above, in minutes.
  static constexpr double kLongestMinutes = 100.0 * 366.0 * 1440.0;

  const std::string& text() const noexcept { return text_; }
  double min_amount(TimeUnit unit) const noexcept { return min_[static_cast<std::size_t>(unit)]; }
  double max_amount(TimeUnit unit) const noexcept { return max_[static_cast<std::size_t>(unit)]; }
  bool is_range() const noexcept { return min_ != max_; }
  bool is_approximate() const noexcept { return approximate_; }
  bool is_upper_bound() const noexcept { return upper_bound_; }
  bool is_zero() const noexcept;

  // Normalised working minutes of the lower and upper end.
  double min_minutes(const WorkConvention& conv = {}) const noexcept;
  double max_minutes(const WorkConvention& conv = {}) const noexcept;

  bool operator==(const Duration& o) const noexcept {
    return text_ == o.text_ && min_ == o.min_ && max_ == o.max_ && approximate_ == o.approximate_ &&
           upper_bound_ == o.upper_bound_;
  }
  bool operator!=(const Duration& o) const noexcept { return !(*this == o); }

 private:
  friend class DurationSum;
  std::string text_;
  std::array<double, kTimeUnitCount> min_{};
  std::array<double, kTimeUnitCount> max_{};
  bool approximate_ = false;
  bool upper_bound_ = false;
};

// Language of generated duration texts.
enum class Language : unsigned char { id, en };

// A unit-preserving total of durations. Days, hours and minutes stay apart
// ("31 hari 3 jam 30 menit") because how long a working day is depends on the
// calendar; weeks and months are shown as days by the convention, and 60
// minutes carry into an hour because that is exact.
class DurationSum {
 public:
  DurationSum& operator+=(const Duration& d) noexcept;
  // Adds `times` rounds of d (rework rounds, for instance).
  DurationSum& add(const Duration& d, double times) noexcept;
  // Adds `times` rounds of a whole sum (every step of a rework round at once).
  DurationSum& add(const DurationSum& d, double times) noexcept;

  double min_minutes(const WorkConvention& conv = {}) const noexcept;
  double max_minutes(const WorkConvention& conv = {}) const noexcept;
  bool is_range() const noexcept { return min_ != max_; }

  // "31 hari 3 jam 30 menit"; a range gives "2 hari - 4 hari 3 jam"; zero is "0 menit".
  std::string to_string(const WorkConvention& conv = {}, Language lang = Language::id) const;

 private:
  using Amounts = std::array<double, kTimeUnitCount>;
  DurationSum& add(const Amounts& min, const Amounts& max, double times) noexcept;
  Amounts min_{};
  Amounts max_{};
};

// Formats working minutes the same way ("1 hari 2 jam 5 menit") under `conv`.
std::string format_working_minutes(double minutes, const WorkConvention& conv = {},
                                   Language lang = Language::id);

}  // namespace sopkit
