// number_cell.cpp — numbers in CSV cells by the file's convention
// (indicators/detail/number_cell.hpp).
#include "indicators/detail/number_cell.hpp"

#include <cctype>
#include <charconv>

#include "indicators/detail/text.hpp"

namespace sopkit::detail {

namespace {

bool all_digits(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "1.234.567": a first group of 1-3 digits not starting with 0, then groups of
// exactly three after each separator.
bool is_grouped(std::string_view s, char separator) noexcept {
  const std::size_t first = s.find(separator);
  if (first == std::string_view::npos || first == 0 || first > 3) return false;
  if (!all_digits(s.substr(0, first)) || s[0] == '0') return false;
  for (std::size_t at = first; at < s.size(); at += 4)
    if (s[at] != separator || at + 4 > s.size() || !all_digits(s.substr(at + 1, 3))) return false;
  return (s.size() - first) % 4 == 0;
}

std::string without(std::string_view s, char c) {
  std::string out;
  for (char x : s)
    if (x != c) out += x;
  return out;
}

// Digits, an optional group separator and decimal mark, by the comma
// convention: "1.234.567", "97,5", "1.234,5".
std::optional<double> read_decimal_comma(std::string_view sign, std::string_view body) {
  const std::size_t comma = body.find(',');
  const std::string_view whole = body.substr(0, comma);
  std::string_view fraction;
  if (comma != std::string_view::npos) {
    fraction = body.substr(comma + 1);
    if (!all_digits(fraction)) return std::nullopt;
  }
  if (!all_digits(whole) && !is_grouped(whole, '.')) return std::nullopt;
  std::string plain(sign);
  plain += without(whole, '.');
  if (!fraction.empty()) plain += "." + std::string(fraction);
  return parse_plain_number(plain);
}

std::string both_readings(std::string_view body, std::string_view sign) {
  const std::string grouped = std::string(sign) + without(body, '.');
  const std::string dotted =
      format_number(*parse_plain_number(std::string(sign) + std::string(body)));
  return "can be read two ways: " + grouped +
         " (with '.' between thousands, as spreadsheets in the Indonesian locale write) or " +
         dotted +
         " (with '.' as the decimal mark); write it without a thousands separator, or declare "
         "the file's decimal mark (CLI --decimal-mark comma or dot; CsvOptions::decimal_mark)";
}

const char* kDotHint =
    "is not a number (use a dot for decimals and no thousands separator; leave the cell empty "
    "when nothing is reported)";
const char* kCommaHint =
    "is not a number (this file writes numbers as 1.234,5: a comma for decimals and '.' between "
    "thousands; leave the cell empty when nothing is reported)";

}  // namespace

NumberCell read_number_cell(std::string_view text, NumberConvention convention) {
  std::string_view s = trim(text);
  if (!s.empty() && s.back() == '%') s = trim(s.substr(0, s.size() - 1));
  if (!convention.decimal_comma) {  // the common case: read in place, no copy
    if (auto v = parse_plain_number(s)) return {v, {}};
    return {std::nullopt, kDotHint};
  }
  std::string_view sign;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    sign = s.substr(0, s[0] == '-' ? 1 : 0);
    s.remove_prefix(1);
  }
  // A guessed decimal comma: "1.200" also reads as 1.2 with a decimal dot.
  const bool one_group =
      s.find(',') == std::string_view::npos && is_grouped(s, '.') && s.find('.') == s.rfind('.');
  if (one_group && !convention.declared) return {std::nullopt, both_readings(s, sign)};
  if (auto v = read_decimal_comma(sign, s)) return {v, {}};
  // "97.5" in a guessed decimal-comma file has one reading only: a decimal dot.
  if (!convention.declared && s.find(',') == std::string_view::npos)
    if (auto v = parse_plain_number(std::string(sign) + std::string(s))) return {v, {}};
  return {std::nullopt, kCommaHint};
}

}  // namespace sopkit::detail
