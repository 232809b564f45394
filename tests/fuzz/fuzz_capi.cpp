// fuzz_capi.cpp — random programs of sopkit_* calls on random inputs.
//
// The input is read as a little program: an opcode byte picks a call, the
// bytes after it its arguments (slot numbers, integers, lengths, then that
// many bytes of text). Handles live in a few slots, so calls mix loads, frees,
// queries on live handles and queries with NULL. Promises checked (sopkit.h):
//  - every status is SOPKIT_OK or a known negative code, and a failure leaves
//    a message in sopkit_last_error() while a success leaves "";
//  - `**out` is untouched on failure (a sentinel survives), set on success;
//  - borrowed texts are NUL-terminated and stay readable until the handle
//    is freed (the lazily-built JSON texts come back as the same pointer);
//  - bulk forms agree with the single forms.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "sopkit/sopkit.h"

namespace {

// A small document that loads and analyses, so programs reach deep calls
// without the fuzzer having to write JSON first; the mutate opcode edits it.
const char kSop[] = R"({"format":"sopkit.sop/1","number":"1","title":"T",
"actors":[{"id":"a","name":"A"},{"id":"b","name":"B"}],
"steps":[{"id":"1","activity":"x","actor":"a","kind":"start","time":"15 Menit","next":"2"},
{"id":"2","activity":"y","actor":"b","kind":"decision","time":"1-2 hari","yes":"3","no":"1"},
{"id":"3","activity":"z","actor":"a","kind":"process","time":"3 Jam","next":["4","5"]},
{"id":"4","activity":"p","actor":"b","kind":"process","time":"±2 Menit","next":"6"},
{"id":"5","activity":"q","actor":"a","kind":"process","time":"1 Minggu","next":"6"},
{"id":"6","activity":"e","actor":"a","kind":"end","time":"1,5 jam"}]})";

const char kCalendar[] = R"({"format":"sopkit.calendar/1","id":"f",
"coverage":{"from":"2024-01-01","to":"2024-12-31"},
"holidays":[{"date":"2024-04-10","name":"Idul Fitri","kind":"holiday","decree":"skb"}],
"overrides":[{"date":"2024-03-09","name":"pengganti","hours":{"open":"07:30","close":"12:00"}}]})";

// Reads the program; past the end every read gives zeros, so each program is
// finite and every prefix is a valid program.
struct Reader {
  const std::uint8_t* p;
  std::size_t n;
  bool done() const { return n == 0; }
  std::uint8_t byte() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  std::uint64_t u64(int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= std::uint64_t(byte()) << (8 * i);
    return v;
  }
  std::int64_t i64(int bytes) { return static_cast<std::int64_t>(u64(bytes)); }
  double f64() {
    std::uint64_t bits = u64(8);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
  }
  // A length byte then that many bytes (fewer at the end of the input).
  std::string text() {
    std::size_t len = byte();
    if (len == 255) len = 255 + static_cast<std::size_t>(u64(2));
    len = len < n ? len : n;
    std::string s(reinterpret_cast<const char*>(p), len);
    p += len;
    n -= len;
    return s;
  }
};

void check_status(int st) {
  FUZZ_CHECK(st <= 0 && st >= SOPKIT_EINTERNAL);
  FUZZ_CHECK(st != SOPKIT_EINTERNAL);  // "a bug in sopkit"
  const char* msg = sopkit_last_error();
  FUZZ_CHECK(msg != nullptr);
  if (st == SOPKIT_OK)
    FUZZ_CHECK(msg[0] == '\0');
  else
    FUZZ_CHECK(msg[0] != '\0');
  FUZZ_CHECK(std::strcmp(sopkit_status_str(st), "unknown status") != 0);
}

// Touches every byte of a borrowed text: ASan catches a dangling pointer.
void read_text(const char* s) {
  FUZZ_CHECK(s != nullptr);
  volatile std::size_t len = std::strlen(s);
  (void)len;
}

template <typename T>
T* sentinel() {
  return reinterpret_cast<T*>(std::uintptr_t{0x5e47});
}

// Loads into a slot through a temporary, checking the **out promise; the old
// handle in the slot is freed only when the load succeeded.
template <typename T, typename Load, typename Free>
void load_into(T*& slot, Load load, Free free_fn) {
  T* out = sentinel<T>();
  int st = load(&out);
  check_status(st);
  if (st != SOPKIT_OK) {
    FUZZ_CHECK(out == sentinel<T>());
    return;
  }
  FUZZ_CHECK(out != nullptr && out != sentinel<T>());
  free_fn(slot);
  slot = out;
}

constexpr int kSlots = 2;

struct State {
  sopkit_sop* sop[kSlots] = {};
  sopkit_calendar* cal[kSlots] = {};
  sopkit_analysis* analysis[kSlots] = {};
  sopkit_diagnostics* diag[kSlots] = {};
  sopkit_schedule* sched[kSlots] = {};
  ~State() {
    for (int i = 0; i < kSlots; ++i) {
      sopkit_schedule_free(sched[i]);
      sopkit_analysis_free(analysis[i]);
      sopkit_diagnostics_free(diag[i]);
      sopkit_sop_free(sop[i]);
      sopkit_calendar_free(cal[i]);
    }
  }
};

void query_sop(const sopkit_sop* sop, Reader& r) {
  size_t steps = 0, actors = 0;
  int st = sopkit_sop_step_count(sop, &steps);
  check_status(st);
  check_status(sopkit_sop_actor_count(sop, &actors));
  const size_t index = sop && steps ? r.byte() % (steps + 1) : r.byte();
  const auto field = static_cast<sopkit_step_field>(r.byte() % 8);
  const char* text = sentinel<const char>();
  st = sopkit_sop_step_text(sop, index, field, &text);
  check_status(st);
  if (st == SOPKIT_OK)
    read_text(text);
  else
    FUZZ_CHECK(text == sentinel<const char>());
  sopkit_step_kind kind;
  check_status(sopkit_sop_step_kind(sop, index, &kind));
  double lo = -1, hi = -1;
  st = sopkit_sop_step_minutes(sop, index, &lo, &hi);
  check_status(st);
  if (st == SOPKIT_OK) FUZZ_CHECK(lo <= hi);
  check_status(sopkit_sop_step_minutes(sop, index, nullptr, nullptr));
  const char* json = nullptr;
  st = sopkit_sop_to_json(sop, &json);
  check_status(st);
  if (st == SOPKIT_OK) {
    read_text(json);
    const char* again = nullptr;
    check_status(sopkit_sop_to_json(sop, &again));
    FUZZ_CHECK(again == json);  // made once, lent out again
  }
}

void query_diagnostics(const sopkit_diagnostics* d, Reader& r) {
  size_t count = 0, errors = 0;
  int st = sopkit_diagnostics_count(d, &count, &errors);
  check_status(st);
  if (st == SOPKIT_OK) FUZZ_CHECK(errors <= count);
  sopkit_diagnostic item;
  const size_t index = r.byte() % (count + 2);
  st = sopkit_diagnostics_get(d, index, &item);
  check_status(st);
  if (st == SOPKIT_OK) {
    FUZZ_CHECK(index < count);
    read_text(item.code);
    read_text(item.step);
    read_text(item.pointer);
    read_text(item.message);
    FUZZ_CHECK((item.severity == SOPKIT_SEVERITY_ERROR) == (index < errors));
  }
  const char* json = nullptr;
  st = sopkit_diagnostics_to_json(d, &json);
  check_status(st);
  if (st == SOPKIT_OK) read_text(json);
}

void query_analysis(const sopkit_analysis* a, Reader& r) {
  double lo = 0, hi = 0;
  int st = sopkit_analysis_total_minutes(a, &lo, &hi);
  check_status(st);
  if (st == SOPKIT_OK) FUZZ_CHECK(lo <= hi);
  const char* text = nullptr;
  st = sopkit_analysis_total_text(a, &text);
  check_status(st);
  if (st == SOPKIT_OK) read_text(text);
  size_t len = 0;
  check_status(sopkit_analysis_path_length(a, &len));
  const size_t index = r.byte() % (len + 2);
  const char* id = nullptr;
  st = sopkit_analysis_path_step(a, index, &id);
  check_status(st);
  if (st == SOPKIT_OK) read_text(id);
  sopkit_step_timing timing;
  st = sopkit_analysis_step_timing(a, index, &timing);
  check_status(st);
  if (st == SOPKIT_OK) {
    read_text(timing.id);
    FUZZ_CHECK(timing.earliest_start <= timing.latest_start + 1e-6 && timing.slack >= 0);
  }
  const char* json = nullptr;
  st = sopkit_analysis_to_json(a, &json);
  check_status(st);
  if (st == SOPKIT_OK) read_text(json);
}

// a + b wrapping around: the program's instants may be anything at all, and
// the harness must not overflow where the library is expected not to.
std::int64_t wrap_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

void calendar_ops(const sopkit_calendar* cal, Reader& r) {
  // Instants near 2024 most of the time, anything at all sometimes.
  const std::int64_t base = 28401120;  // 2024-01-01T00:00
  const std::uint8_t how = r.byte();
  const std::int64_t t = how & 1 ? r.i64(8) : base + r.i64(3) % (366 * 1440);
  const std::int64_t amount = how & 2 ? r.i64(8) : r.i64(2);
  int working = -1;
  int st = sopkit_calendar_is_working_time(cal, t, &working);
  check_status(st);
  std::int64_t next = 0;
  st = sopkit_calendar_next_working(cal, t, &next);
  check_status(st);
  if (st == SOPKIT_OK) FUZZ_CHECK(next >= t && (working != 1 || next == t));
  std::int64_t out = 0;
  st = sopkit_calendar_add_minutes(cal, t, amount, &out);
  check_status(st);
  if (st == SOPKIT_OK) {
    std::int64_t between = 0;
    check_status(sopkit_calendar_minutes_between(cal, t, out, &between));
    FUZZ_CHECK(between == amount);
  }
  // Bulk == single for a few elements.
  std::int64_t start[3] = {t, wrap_add(t, 1), base};
  std::int64_t amounts[3] = {amount, amount / 2, 0};
  std::int64_t bulk[3] = {};
  st = sopkit_calendar_add_minutes_bulk(cal, start, amounts, bulk, 3);
  check_status(st);
  if (st == SOPKIT_OK)
    for (int i = 0; i < 3; ++i) {
      std::int64_t single = 0;
      check_status(sopkit_calendar_add_minutes(cal, start[i], amounts[i], &single));
      FUZZ_CHECK(single == bulk[i]);
    }
  st = sopkit_calendar_add_days(cal, t, amount % 1000, &out);
  check_status(st);
  st = sopkit_calendar_add_days_bulk(cal, start, amounts, bulk, how & 4 ? 3 : 0);
  check_status(st);
  const std::string waktu = r.text();
  check_status(sopkit_calendar_add_text(cal, t, waktu.c_str(), &out));
  check_status(sopkit_calendar_minutes_between(cal, t, wrap_add(t, amount % 100000), &out));
  // Dates as the caller gives them: any int64, near 2024 or anywhere.
  const std::int64_t from = how & 8 ? r.i64(8) : base / 1440 + r.i64(2) % 400;
  const std::int64_t to = how & 16 ? r.i64(8) : base / 1440 + r.i64(2) % 400;
  std::int64_t count = 0, reverse = 0;
  st = sopkit_calendar_working_days(cal, from, to, &count);
  check_status(st);
  if (st == SOPKIT_OK) {
    check_status(sopkit_calendar_working_days(cal, to, from, &reverse));
    FUZZ_CHECK(count == -reverse);
  }
  std::int64_t froms[2] = {from, to}, tos[2] = {to, from}, counts[2] = {};
  check_status(sopkit_calendar_working_days_bulk(cal, froms, tos, counts, how & 32 ? 2 : 0));
  char* json = nullptr;
  st = sopkit_calendar_holidays_json(cal, from, to, &json);
  check_status(st);
  FUZZ_CHECK((st == SOPKIT_OK) == (json != nullptr));
  sopkit_text_free(json);
}

void run(Reader& r) {
  State s;
  for (int ops = 0; !r.done() && ops < 64; ++ops) {
    const std::uint8_t op = r.byte();
    const int i = op >> 7;  // slot
    switch (op & 0x1f) {
      case 0: {  // load JSON from the program
        const std::string json = r.text();
        load_into(
            s.sop[i],
            [&](sopkit_sop** o) { return sopkit_sop_load_json(o, json.data(), json.size()); },
            sopkit_sop_free);
        break;
      }
      case 1: {  // load the built-in SOP, with up to two bytes replaced
        std::string json = kSop;
        for (int k = r.byte() % 3; k > 0; --k) json[r.u64(2) % json.size()] = char(r.byte());
        load_into(
            s.sop[i],
            [&](sopkit_sop** o) { return sopkit_sop_load_json(o, json.data(), json.size()); },
            sopkit_sop_free);
        break;
      }
      case 2:  // free a SOP, and what was made from it stays usable
        sopkit_sop_free(s.sop[i]);
        s.sop[i] = nullptr;
        break;
      case 3:
        query_sop(s.sop[i], r);
        break;
      case 4: {
        const std::string text = r.text();
        double lo = 0, hi = 0;
        const int st = sopkit_duration_parse(text.c_str(), &lo, &hi);
        check_status(st);
        if (st == SOPKIT_OK) FUZZ_CHECK(lo <= hi);
        break;
      }
      case 5:
        load_into(
            s.diag[i], [&](sopkit_diagnostics** o) { return sopkit_sop_validate(s.sop[i], o); },
            sopkit_diagnostics_free);
        break;
      case 6:
        query_diagnostics(s.diag[i], r);
        break;
      case 7: {
        sopkit_analysis_options opts;
        check_status(sopkit_analysis_options_init(&opts));
        const std::uint8_t how = r.byte();
        opts.rework_rounds = r.byte() % 8;
        opts.lenient = how & 1;
        if (how & 2) opts.minutes_per_day = r.f64();
        if (how & 4) opts.days_per_week = r.byte() - 2.0;
        if (how & 8) opts.version = r.byte();
        const bool null_opts = how & 16;
        load_into(
            s.analysis[i],
            [&](sopkit_analysis** o) {
              return sopkit_sop_analyze(s.sop[i], null_opts ? nullptr : &opts, o);
            },
            sopkit_analysis_free);
        break;
      }
      case 8:
        query_analysis(s.analysis[i], r);
        break;
      case 9: {
        const std::string text = r.text();
        std::int64_t t = 0;
        int st = sopkit_instant_parse(text.c_str(), &t);
        check_status(st);
        if (st != SOPKIT_OK) break;
        char buf[32];
        size_t needed = 0;
        const size_t cap = r.byte() % 20;
        st = sopkit_instant_format(t, buf, cap, &needed);
        check_status(st);
        if (st == SOPKIT_OK)
          FUZZ_CHECK(std::strlen(buf) == needed && needed < cap);
        else
          FUZZ_CHECK(st == SOPKIT_EBUFFER && needed + 1 > cap);
        break;
      }
      case 10: {
        const int first = 1890 + r.byte() % 40 + (r.byte() & 1) * 100;
        const int last = first + r.byte() % 4 - 1;
        load_into(
            s.cal[i], [&](sopkit_calendar** o) { return sopkit_calendar_new_asn(o, first, last); },
            sopkit_calendar_free);
        break;
      }
      case 11: {  // a calendar text: the built-in one, edited, or the program's own
        std::string json = kCalendar;
        if (r.byte() & 1) {
          json = r.text();
        } else {
          for (int k = r.byte() % 3; k > 0; --k) json[r.u64(2) % json.size()] = char(r.byte());
        }
        load_into(
            s.cal[i],
            [&](sopkit_calendar** o) {
              return sopkit_calendar_load_json(o, json.data(), json.size());
            },
            sopkit_calendar_free);
        break;
      }
      case 12:
        sopkit_calendar_free(s.cal[i]);
        s.cal[i] = nullptr;
        break;
      case 13:
        calendar_ops(s.cal[i], r);
        break;
      case 14: {
        const std::int64_t start = 28401120 + r.i64(3) % (400 * 1440);
        load_into(
            s.sched[i],
            [&](sopkit_schedule** o) {
              return sopkit_sop_schedule(s.sop[i], s.cal[r.byte() & 1], start, o);
            },
            sopkit_schedule_free);
        break;
      }
      case 15: {
        std::int64_t due = 0;
        int st = sopkit_schedule_due(s.sched[i], &due);
        check_status(st);
        size_t count = 0;
        check_status(sopkit_schedule_step_count(s.sched[i], &count));
        const char* id = nullptr;
        std::int64_t a = 0, b = 0;
        st = sopkit_schedule_step(s.sched[i], r.byte() % (count + 1), &id, &a, &b);
        check_status(st);
        if (st == SOPKIT_OK) {
          read_text(id);
          FUZZ_CHECK(a <= b && b <= due);
        }
        const char* json = nullptr;
        st = sopkit_schedule_to_json(s.sched[i], &json);
        check_status(st);
        if (st == SOPKIT_OK) read_text(json);
        break;
      }
      case 16:  // free derived handles: the SOP and calendar must not care
        sopkit_analysis_free(s.analysis[i]);
        s.analysis[i] = nullptr;
        sopkit_diagnostics_free(s.diag[i]);
        s.diag[i] = nullptr;
        sopkit_schedule_free(s.sched[i]);
        s.sched[i] = nullptr;
        break;
      case 17: {
        const int code = static_cast<int>(r.i64(4));
        read_text(sopkit_status_str(code));
        read_text(sopkit_version());
        FUZZ_CHECK(sopkit_version_number() == SOPKIT_VERSION_NUMBER);
        break;
      }
      default:
        break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Reader r{data, size};
  run(r);
  return 0;
}
