// sopkit-gen — writes the generated inputs of gen.hpp to a file or stdout.
//
//   sopkit-gen indicators-csv [--kabupaten 500] [--opd 40] [--indicators 13] [-o FILE]
//   sopkit-gen indicators-json ...same options...
//   sopkit-gen sop --steps 1000 [--actors 6] [--decision-every 10]
//   sopkit-gen loops --decisions 8000
//   sopkit-gen runs-csv|runs-json --steps 60 --cases 10000   (runs of `sop --steps 60`)
//   sopkit-gen waktu --repeats 400000
//
// Every kind takes --seed (default 16). The output is byte-for-byte the same
// for the same arguments.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>

#include "gen/gen.hpp"

namespace {

using Options = std::map<std::string, std::string>;

std::size_t number(const Options& o, const char* key, std::size_t fallback) {
  auto it = o.find(key);
  if (it == o.end()) return fallback;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0')
    throw std::invalid_argument(std::string(key) + " must be a number");
  return static_cast<std::size_t>(v);
}

sopkit_gen::SopShape sop_shape(const Options& o) {
  sopkit_gen::SopShape s;
  s.steps = number(o, "--steps", s.steps);
  s.actors = number(o, "--actors", s.actors);
  s.decision_every = number(o, "--decision-every", s.decision_every);
  s.seed = number(o, "--seed", s.seed);
  if (s.steps < 2 || s.actors < 1)
    throw std::invalid_argument("--steps must be >= 2, --actors >= 1");
  return s;
}

sopkit_gen::IndicatorShape indicator_shape(const Options& o) {
  sopkit_gen::IndicatorShape s;
  s.kabupaten = number(o, "--kabupaten", s.kabupaten);
  s.opd = number(o, "--opd", s.opd);
  s.indicators = number(o, "--indicators", s.indicators);
  s.seed = number(o, "--seed", s.seed);
  return s;
}

std::string generate(const std::string& kind, const Options& o) {
  std::string out;
  if (kind == "indicators-csv") {
    sopkit_gen::indicators_csv(indicator_shape(o), out);
  } else if (kind == "indicators-json") {
    sopkit_gen::indicators_json(indicator_shape(o), out);
  } else if (kind == "sop") {
    sopkit_gen::sop_json(sop_shape(o), out);
  } else if (kind == "loops") {
    sopkit_gen::loops_sop_json(number(o, "--decisions", 8000), out);
  } else if (kind == "runs-csv") {
    sopkit_gen::runs_csv(sop_shape(o), number(o, "--cases", 10000), out);
  } else if (kind == "runs-json") {
    sopkit_gen::runs_json(sop_shape(o), number(o, "--cases", 10000), out);
  } else if (kind == "waktu") {
    sopkit_gen::waktu_text(number(o, "--repeats", 400000), out);
  } else {
    throw std::invalid_argument("unknown kind " + kind +
                                " (indicators-csv, indicators-json, sop, loops, runs-csv, "
                                "runs-json, waktu)");
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc % 2 != 0) {
    std::fprintf(stderr, "usage: %s KIND [--option value]... [-o FILE]\n", argv[0]);
    return 2;
  }
  Options options;
  for (int i = 2; i + 1 < argc; i += 2) options[argv[i]] = argv[i + 1];
  try {
    const std::string text = generate(argv[1], options);
    auto path = options.find("-o");
    std::FILE* f = path == options.end() ? stdout : std::fopen(path->second.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + path->second);
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    if ((f != stdout ? std::fclose(f) : std::fflush(f)) != 0 || !ok)
      throw std::runtime_error("write failed");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sopkit-gen: %s\n", e.what());
    return 1;
  }
  return 0;
}
