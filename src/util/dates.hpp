// dates.hpp — the one rule of what a date is (Gregorian, years 1..9999),
// written YYYY-MM-DD or given as numbers, for every layer that reads one.
// Private to the library.
#pragma once

#include <string>
#include <string_view>

namespace sopkit::detail {

int days_in_month(int year, int month) noexcept;  // month 1..12

// Why year-month-day is not a date, "" when it is ("February 2023 has 28 days").
std::string date_problem(int year, int month, int day);

// True for a real date written YYYY-MM-DD (2024-02-29 yes, 2023-02-29 and
// 2024-02-31 no); its parts go to the non-null pointers.
bool is_iso_date(std::string_view text, int* year = nullptr, int* month = nullptr,
                 int* day = nullptr) noexcept;

}  // namespace sopkit::detail
