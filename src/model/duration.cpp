// duration.cpp — the waktu parser and unit-preserving sums.
//
// The parser is a small hand-written tokenizer + grammar rather than a regex:
// real documents mix ranges, qualifiers, decimals with commas and compound
// texts, and a clerk deserves an error that names the word that was not
// understood.
#include "sopkit/duration.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "sopkit/error.hpp"

namespace sopkit {

double WorkConvention::minutes_per(TimeUnit unit) const noexcept {
  switch (unit) {
    case TimeUnit::second:
      return 1.0 / 60.0;
    case TimeUnit::minute:
      return 1.0;
    case TimeUnit::hour:
      return 60.0;
    case TimeUnit::day:
      return minutes_per_day;
    case TimeUnit::week:
      return minutes_per_day * days_per_week;
    case TimeUnit::month:
      return minutes_per_day * days_per_month;
  }
  return 0.0;
}

void WorkConvention::check() const {
  const auto in = [](double v, double hi) { return std::isfinite(v) && v > 0.0 && v <= hi; };
  const auto fail = [](const char* field, double v, const char* range) {
    char value[64];
    std::snprintf(value, sizeof value, "%g", v);
    throw Error(ErrorCode::invalid_argument, std::string("work convention: ") + field + " is " +
                                                 value + "; it must be in " + range);
  };
  if (!in(minutes_per_day, 1440.0))
    fail("minutes_per_day", minutes_per_day, "(0, 1440] (a working day is at most a day)");
  if (!in(days_per_week, 7.0)) fail("days_per_week", days_per_week, "(0, 7]");
  if (!in(days_per_month, 31.0)) fail("days_per_month", days_per_month, "(0, 31]");
}

namespace {

using Amounts = std::array<double, kTimeUnitCount>;

double to_minutes(const Amounts& a, const WorkConvention& conv) noexcept {
  double total = 0.0;
  for (std::size_t u = 0; u < kTimeUnitCount; ++u)
    total += a[u] * conv.minutes_per(static_cast<TimeUnit>(u));
  return total;
}

enum class Tok { number, word, range, approx, bound, sep, open, close, end };

struct Token {
  Tok kind;
  double value = 0.0;
  std::string word;
};

struct UnitName {
  const char* name;
  TimeUnit unit;
};

constexpr UnitName kUnits[] = {
    {"detik", TimeUnit::second},  {"dtk", TimeUnit::second},     {"det", TimeUnit::second},
    {"s", TimeUnit::second},      {"sec", TimeUnit::second},     {"secs", TimeUnit::second},
    {"second", TimeUnit::second}, {"seconds", TimeUnit::second}, {"menit", TimeUnit::minute},
    {"mnt", TimeUnit::minute},    {"min", TimeUnit::minute},     {"mins", TimeUnit::minute},
    {"minute", TimeUnit::minute}, {"minutes", TimeUnit::minute}, {"jam", TimeUnit::hour},
    {"h", TimeUnit::hour},        {"hrs", TimeUnit::hour},       {"hour", TimeUnit::hour},
    {"hours", TimeUnit::hour},    {"hari", TimeUnit::day},       {"hk", TimeUnit::day},
    {"d", TimeUnit::day},         {"day", TimeUnit::day},        {"days", TimeUnit::day},
    {"minggu", TimeUnit::week},   {"mgg", TimeUnit::week},       {"mg", TimeUnit::week},
    {"pekan", TimeUnit::week},    {"week", TimeUnit::week},      {"weeks", TimeUnit::week},
    {"wk", TimeUnit::week},       {"wks", TimeUnit::week},       {"bulan", TimeUnit::month},
    {"bln", TimeUnit::month},     {"month", TimeUnit::month},    {"months", TimeUnit::month},
    {"mth", TimeUnit::month},
};

// Words that qualify the whole text.
constexpr const char* kApproxWords[] = {"sekitar", "kurleb", "kl",    "approx", "approximately",
                                        "about",   "ca",     "circa", "around", "kira"};
constexpr const char* kBoundWords[] = {"maks",     "maksimal",  "maksimum", "max",    "maximum",
                                       "selambat", "lambatnya", "within",   "paling", "lama"};
// Words that add nothing to the amount ("3 hari kerja", "2 working days").
constexpr const char* kNoiseWords[] = {"kerja", "working", "business", "efektif", "dan", "and"};
constexpr const char* kRangeWords[] = {"sd", "sampai", "hingga", "to", "until"};

const char* kNumberWords[][2] = {
    {"setengah", "0.5"}, {"satu", "1"},   {"dua", "2"},   {"tiga", "3"},    {"empat", "4"},
    {"lima", "5"},       {"enam", "6"},   {"tujuh", "7"}, {"delapan", "8"}, {"sembilan", "9"},
    {"sepuluh", "10"},   {"half", "0.5"}, {"one", "1"},   {"two", "2"},     {"three", "3"}};

template <std::size_t N>
bool one_of(const std::string& w, const char* const (&list)[N]) {
  for (const char* x : list)
    if (w == x) return true;
  return false;
}

bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// Exactly three digits after s[dot], then no digit: "1.000" but not "1.5".
bool three_digits_follow(const std::string& s, std::size_t dot) {
  for (std::size_t k = 1; k <= 3; ++k)
    if (dot + k >= s.size() || !std::isdigit(static_cast<unsigned char>(s[dot + k]))) return false;
  return dot + 4 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[dot + 4]));
}

// Replaces every occurrence of `from` (left to right, not overlapping; with
// whole_word, only those with no letter on either side). Builds a new string:
// replacing in place moves the tail at every match, quadratic in long texts.
void replace_all(std::string& s, std::string_view from, std::string_view to,
                 bool whole_word = false) {
  std::size_t pos = s.find(from);
  if (pos == std::string::npos) return;
  std::string out;
  out.reserve(s.size());
  std::size_t copied = 0;
  for (; pos != std::string::npos; pos = s.find(from, pos)) {
    const std::size_t end = pos + from.size();
    if (whole_word &&
        ((pos > 0 && is_letter(s[pos - 1])) || (end < s.size() && is_letter(s[end])))) {
      pos += 1;
      continue;
    }
    out.append(s, copied, pos - copied).append(to);
    copied = pos = end;
  }
  out.append(s, copied, std::string::npos);
  s = std::move(out);
}

constexpr const char* kAmbiguousHr = "'hr' is ambiguous (hari or hour?): write 'hari' or 'jam'";

class Parser {
 public:
  explicit Parser(std::string_view text) : original_(text) {}

  // Fills the amounts and qualifiers; returns an empty string on success, else
  // the reason in words a clerk can act on.
  std::string parse(Amounts& min, Amounts& max, bool& approx, bool& bound) {
    std::string why = tokenize();
    if (!why.empty()) return why;
    Amounts lo{}, hi{};   // the current run of parts
    Amounts range_low{};  // the lower end, once a sign between parts was seen
    bool any = false, crossed = false, part_ranged = false, after_sign = false;
    std::array<bool, kTimeUnitCount> seen{};  // units given so far, to refuse "1 jam 1 jam"
    std::size_t i = 0;
    while (toks_[i].kind != Tok::end) {
      const Token& t = toks_[i];
      if (t.kind == Tok::approx) {
        approx = true;
        ++i;
        continue;
      }
      if (t.kind == Tok::bound) {
        bound = true;
        ++i;
        continue;
      }
      if (t.kind == Tok::sep || t.kind == Tok::open || t.kind == Tok::close) {
        ++i;
        continue;
      }
      if (t.kind == Tok::word) {
        if (one_of(t.word, kApproxWords)) {
          approx = true;
          ++i;
          continue;
        }
        if (one_of(t.word, kBoundWords)) {
          bound = true;
          ++i;
          continue;
        }
        if (one_of(t.word, kNoiseWords)) {
          ++i;
          continue;
        }
        if (t.word == "hr") return kAmbiguousHr;
        if (find_unit(t.word)) return "a unit ('" + t.word + "') without a number before it";
        return "unknown word '" + t.word + "'";
      }
      if (t.kind == Tok::range) {
        // "1 hari - 3 hari": a sign between whole parts.
        if (!any) return "a range sign with no number before it";
        if (crossed) return "two range signs in one time";
        if (part_ranged) return "a range of times that already holds a range";
        range_low = lo;
        lo = hi = Amounts{};
        seen = {};  // each end of the range names its own units
        crossed = after_sign = true;
        ++i;
        continue;
      }
      double a = t.value, b = t.value;  // a part: number [sign number] unit
      ++i;
      if (toks_[i].kind == Tok::range && toks_[i + 1].kind == Tok::number) {
        if (crossed) return "a range of times that already holds a range";
        b = toks_[i + 1].value;
        part_ranged = true;
        i += 2;
      }
      if (std::string bad = read_factor_and_words(i, a, b); !bad.empty()) return bad;
      while (toks_[i].kind == Tok::word && one_of(toks_[i].word, kNoiseWords)) ++i;
      if (toks_[i].kind != Tok::word) return "a number with no unit after it (e.g. '15 Menit')";
      const std::string& w = toks_[i].word;
      if (w == "hr") return kAmbiguousHr;
      const UnitName* u = find_unit(w);
      if (!u) return "unknown time unit '" + w + "'";
      ++i;
      if (a > b) return "the range runs backwards (the first number is the larger)";
      auto idx = static_cast<std::size_t>(u->unit);
      if (seen[idx])
        return "the unit '" + w + "' is given twice; write each unit once (e.g. '2 jam', not " +
               "'1 jam 1 jam')";
      seen[idx] = true;
      lo[idx] += a;
      hi[idx] += b;
      any = true;
      after_sign = false;
    }
    if (!any) return "no number and unit found (e.g. '15 Menit', '2 hari')";
    if (after_sign) return "a range sign with nothing after it";
    if (crossed) {
      if (to_minutes(hi, WorkConvention{}) < to_minutes(range_low, WorkConvention{}))
        return "the range runs backwards (the first time is the longer)";
      lo = range_low;
    }
    min = lo;
    max = hi;
    return {};
  }

 private:
  // After a part's number: "x 24" multiplies it ("2 x 24 jam"), and "(tiga)"
  // spells it out again, which must agree ("3 (tiga) hari").
  std::string read_factor_and_words(std::size_t& i, double& a, double& b) const {
    if (toks_[i].kind == Tok::word && toks_[i].word == "x" && toks_[i + 1].kind == Tok::number) {
      a *= toks_[i + 1].value;
      b *= toks_[i + 1].value;
      i += 2;
    }
    if (toks_[i].kind == Tok::open && toks_[i + 1].kind == Tok::number &&
        toks_[i + 2].kind == Tok::close) {
      if (toks_[i + 1].value != b)
        return "the number in words (" + format_plain(toks_[i + 1].value) +
               ") differs from the digits (" + format_plain(b) + ")";
      i += 3;
    }
    return {};
  }

  static std::string format_plain(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }

  static const UnitName* find_unit(const std::string& w) {
    for (const auto& u : kUnits)
      if (w == u.name) return &u;
    return nullptr;
  }

  std::string tokenize() {
    std::string s;
    s.reserve(original_.size());
    for (char c : original_)
      s.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    // Multi-character signs first, so the single-character pass sees one token.
    replace_all(s, "\xC2\xB1", " ~ ");       // ±
    replace_all(s, "\xE2\x80\x93", " - ");   // en dash
    replace_all(s, "\xE2\x80\x94", " - ");   // em dash
    replace_all(s, "\xE2\x89\xA4", " <= ");  // ≤
    replace_all(s, "\xC2\xA0", " ");         // no-break space
    replace_all(s, "\xC3\x97", " x ");       // × in "2 × 24 jam"
    replace_all(s, "+/-", " ~ ");
    replace_all(s, "+-", " ~ ");
    replace_all(s, "s/d", " sd ");
    replace_all(s, "s.d.", " sd ");
    replace_all(s, "s.d", " sd ");
    replace_all(s, "kurang lebih", " ~ ");
    replace_all(s, "lebih kurang", " ~ ");
    replace_all(s, "kira-kira", " ~ ");
    replace_all(s, "selambat-lambatnya", " maks ");
    for (const auto& nw : kNumberWords)
      replace_all(s, nw[0], std::string(" ") + nw[1] + " ", /*whole_word=*/true);
    std::size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (std::isspace(c)) {
        ++i;
        continue;
      }
      if (std::isdigit(c)) {
        std::string num;
        bool grouped = false;  // a '.' between thousands was seen
        std::size_t run = 0;   // digits since the start or the last such '.'
        while (i < s.size()) {
          unsigned char d = static_cast<unsigned char>(s[i]);
          if (std::isdigit(d)) {
            num.push_back(static_cast<char>(d));
            ++run;
            ++i;
            continue;
          }
          // "1.000 menit": Indonesian writes '.' between thousands (groups of
          // three after a first group of 1-3 digits), ',' before decimals.
          const bool group_ok = grouped ? run == 3 : run >= 1 && run <= 3 && num[0] != '0';
          if (d == '.' && group_ok && num.find('.') == std::string::npos &&
              three_digits_follow(s, i)) {
            grouped = true;
            run = 0;
            ++i;
            continue;
          }
          if ((d == ',' || d == '.') && i + 1 < s.size() &&
              std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
              num.find('.') == std::string::npos) {
            num.push_back('.');
            ++i;
            continue;
          }
          break;
        }
        if (num.size() > 12) return "a number too long to be a time ('" + num + "')";
        toks_.push_back({Tok::number, std::stod(num), {}});
        continue;
      }
      if (std::isalpha(c)) {
        std::string w;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) w.push_back(s[i++]);
        if (i < s.size() && s[i] == '.') ++i;  // abbreviation dot: "mnt.", "maks."
        if (one_of(w, kRangeWords))
          toks_.push_back({Tok::range, 0.0, {}});
        else
          toks_.push_back({Tok::word, 0.0, std::move(w)});
        continue;
      }
      if (c == '-') {
        toks_.push_back({Tok::range, 0.0, {}});
        ++i;
        continue;
      }
      if (c == '~') {
        toks_.push_back({Tok::approx, 0.0, {}});
        ++i;
        continue;
      }
      if (c == '<') {
        toks_.push_back({Tok::bound, 0.0, {}});
        i += (i + 1 < s.size() && s[i + 1] == '=') ? 2 : 1;
        continue;
      }
      if (c == '(' || c == ')') {
        toks_.push_back({c == '(' ? Tok::open : Tok::close, 0.0, {}});
        ++i;
        continue;
      }
      if (c == ',' || c == ';' || c == '+' || c == '.') {
        toks_.push_back({Tok::sep, 0.0, {}});
        ++i;
        continue;
      }
      if (c >= 0x80) return "a character that is not part of a time";
      return std::string("an unexpected sign '") + static_cast<char>(c) + "'";
    }
    toks_.push_back({Tok::end, 0.0, {}});
    toks_.push_back({Tok::end, 0.0, {}});  // lookahead guard
    return {};
  }

  std::string_view original_;
  std::vector<Token> toks_;
};

// "1,5" in Indonesian, "1.5" in English; whole numbers without decimals.
std::string format_number(double v, Language lang) {
  char buf[64];
  double rounded = std::round(v * 100.0) / 100.0;
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%.2f", rounded);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (lang == Language::id)
    for (char& c : s)
      if (c == '.') c = ',';
  return s;
}

const char* unit_word(TimeUnit u, Language lang, bool plural) {
  if (lang == Language::id) {
    switch (u) {
      case TimeUnit::second:
        return "detik";
      case TimeUnit::minute:
        return "menit";
      case TimeUnit::hour:
        return "jam";
      case TimeUnit::day:
        return "hari";
      case TimeUnit::week:
        return "minggu";
      case TimeUnit::month:
        return "bulan";
    }
  }
  switch (u) {
    case TimeUnit::second:
      return plural ? "seconds" : "second";
    case TimeUnit::minute:
      return plural ? "minutes" : "minute";
    case TimeUnit::hour:
      return plural ? "hours" : "hour";
    case TimeUnit::day:
      return plural ? "days" : "day";
    case TimeUnit::week:
      return plural ? "weeks" : "week";
    case TimeUnit::month:
      return plural ? "months" : "month";
  }
  return "";
}

// Days / hours / minutes text of one end of a sum.
std::string format_amounts(const Amounts& a, const WorkConvention& conv, Language lang) {
  double days = a[static_cast<std::size_t>(TimeUnit::day)] +
                a[static_cast<std::size_t>(TimeUnit::week)] * conv.days_per_week +
                a[static_cast<std::size_t>(TimeUnit::month)] * conv.days_per_month;
  double minutes = a[static_cast<std::size_t>(TimeUnit::minute)] +
                   a[static_cast<std::size_t>(TimeUnit::second)] / 60.0;
  double hours = a[static_cast<std::size_t>(TimeUnit::hour)];
  // Fractions of an hour become minutes and whole hours of minutes carry over:
  // both are exact, unlike days, whose length is the calendar's.
  double whole_hours = std::floor(hours + 1e-9);
  minutes += (hours - whole_hours) * 60.0;
  hours = whole_hours;
  double carry = std::floor((minutes + 1e-9) / 60.0);
  hours += carry;
  minutes -= carry * 60.0;
  if (std::fabs(minutes) < 1e-9) minutes = 0.0;
  std::string out;
  auto put = [&](double v, TimeUnit u) {
    if (v <= 0.0) return;
    if (!out.empty()) out += ' ';
    out += format_number(v, lang) + " " + unit_word(u, lang, std::fabs(v - 1.0) > 1e-9);
  };
  put(days, TimeUnit::day);
  put(hours, TimeUnit::hour);
  put(minutes, TimeUnit::minute);
  if (out.empty()) out = std::string("0 ") + unit_word(TimeUnit::minute, lang, true);
  return out;
}

// Measured with the longest day, week and month there are, so that no
// convention can make an accepted time longer.
bool too_long(const Amounts& a) {
  return to_minutes(a, WorkConvention{1440.0, 7.0, 31.0}) > Duration::kLongestMinutes;
}

}  // namespace

std::optional<Duration> Duration::try_parse(std::string_view text, std::string* why) {
  Duration d;
  d.text_ = std::string(text);
  Parser p(text);
  std::string reason = p.parse(d.min_, d.max_, d.approximate_, d.upper_bound_);
  if (reason.empty() && too_long(d.max_))
    reason = "longer than 100 years; a standard time that long is a typo";
  if (!reason.empty()) {
    if (why) *why = "cannot read the time '" + std::string(text) + "': " + reason;
    return std::nullopt;
  }
  return d;
}

Duration Duration::parse(std::string_view text) {
  std::string why;
  auto d = try_parse(text, &why);
  if (!d) throw Error(ErrorCode::parse_error, why);
  return *d;
}

Duration Duration::of(double amount, TimeUnit unit) {
  if (!(amount >= 0.0) || !std::isfinite(amount))
    throw Error(ErrorCode::invalid_argument, "a duration must be a finite amount of zero or more");
  Duration d;
  auto idx = static_cast<std::size_t>(unit);
  d.min_[idx] = d.max_[idx] = amount;
  if (too_long(d.max_))
    throw Error(ErrorCode::invalid_argument, "a duration must not be longer than 100 years");
  d.text_ = format_number(amount, Language::id) + " " + unit_word(unit, Language::id, false);
  return d;
}

bool Duration::is_zero() const noexcept {
  for (double v : max_)
    if (v != 0.0) return false;
  return true;
}

double Duration::min_minutes(const WorkConvention& conv) const noexcept {
  return to_minutes(min_, conv);
}
double Duration::max_minutes(const WorkConvention& conv) const noexcept {
  return to_minutes(max_, conv);
}

DurationSum& DurationSum::operator+=(const Duration& d) noexcept {
  return add(d, 1.0);
}

DurationSum& DurationSum::add(const Duration& d, double times) noexcept {
  return add(d.min_, d.max_, times);
}

DurationSum& DurationSum::add(const DurationSum& d, double times) noexcept {
  return add(d.min_, d.max_, times);
}

DurationSum& DurationSum::add(const Amounts& min, const Amounts& max, double times) noexcept {
  for (std::size_t u = 0; u < kTimeUnitCount; ++u) {
    min_[u] += min[u] * times;
    max_[u] += max[u] * times;
  }
  return *this;
}

double DurationSum::min_minutes(const WorkConvention& conv) const noexcept {
  return to_minutes(min_, conv);
}
double DurationSum::max_minutes(const WorkConvention& conv) const noexcept {
  return to_minutes(max_, conv);
}

std::string DurationSum::to_string(const WorkConvention& conv, Language lang) const {
  std::string lo = format_amounts(min_, conv, lang);
  if (!is_range()) return lo;
  return lo + " - " + format_amounts(max_, conv, lang);
}

std::string format_working_minutes(double minutes, const WorkConvention& conv, Language lang) {
  Amounts a{};
  if (minutes > 0.0 && conv.minutes_per_day > 0.0) {
    double days = std::floor((minutes + 1e-6) / conv.minutes_per_day);
    a[static_cast<std::size_t>(TimeUnit::day)] = days;
    a[static_cast<std::size_t>(TimeUnit::minute)] = minutes - days * conv.minutes_per_day;
  }
  return format_amounts(a, conv, lang);
}

}  // namespace sopkit
