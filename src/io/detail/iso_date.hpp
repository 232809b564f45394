// iso_date.hpp — strict YYYY-MM-DD checks shared by the readers.
#pragma once

#include <string_view>

namespace sopkit::detail {

// True for a real Gregorian date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 no).
inline bool is_iso_date(std::string_view s, int* year = nullptr, int* month = nullptr,
                        int* day = nullptr) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const int begin[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int f = 0; f < 3; ++f)
    for (int i = 0; i < len[f]; ++i) {
      char c = s[static_cast<std::size_t>(begin[f] + i)];
      if (c < '0' || c > '9') return false;
      v[f] = v[f] * 10 + (c - '0');
    }
  if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (v[0] % 4 == 0 && v[0] % 100 != 0) || v[0] % 400 == 0;
  int days = kDays[v[1] - 1] + (v[1] == 2 && leap ? 1 : 0);
  if (v[2] > days) return false;
  if (year) *year = v[0];
  if (month) *month = v[1];
  if (day) *day = v[2];
  return true;
}

}  // namespace sopkit::detail
