// dates.cpp — the one date rule (util/dates.hpp).
#include "util/dates.hpp"

namespace sopkit::detail {

namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

bool is_leap(int y) noexcept {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

int days_in_month(int y, int m) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string date_problem(int y, int m, int d) {
  if (y < 1 || y > 9999) return "the year must be 1..9999";
  if (m < 1 || m > 12) return "there is no month " + std::to_string(m);
  if (d < 1 || d > days_in_month(y, m))
    return std::string(kMonthNames[m - 1]) + " " + std::to_string(y) + " has " +
           std::to_string(days_in_month(y, m)) + " days";
  return {};
}

bool is_iso_date(std::string_view s, int* year, int* month, int* day) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const int begin[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f)
    for (int i = 0; i < len[f]; ++i) {
      const char c = s[static_cast<std::size_t>(begin[f] + i)];
      if (c < '0' || c > '9') return false;
      v[f] = v[f] * 10 + (c - '0');
    }
  if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > days_in_month(v[0], v[1]))
    return false;
  if (year) *year = v[0];
  if (month) *month = v[1];
  if (day) *day = v[2];
  return true;
}

}  // namespace sopkit::detail
