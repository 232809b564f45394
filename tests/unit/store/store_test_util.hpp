// store_test_util.hpp — temporary store files and set comparisons for the store tests.
#pragma once

#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>
#include <string>

#include "sopkit/indicator_set.hpp"

namespace sopkit::test {

// A fresh path in a private temporary folder, removed with its -wal/-shm files.
class TempStorePath {
 public:
  TempStorePath() {
    char tmpl[] = "/tmp/sopkit-store-XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/records.db";
  }
  ~TempStorePath() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((path_ + suffix).c_str());
    rmdir(dir_.c_str());
  }
  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_, path_;
};

// Runs `check` in a child process whose exit status is returned (its result,
// 125 on an exception). Root ignores file modes, so as root the child first
// drops to nobody (65534): a folder chmod 0555 is then read-only to it.
inline int in_unprivileged_child(const std::function<int()>& check) {
  pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
      _exit(126);
    int status = 125;
    try {
      status = check();
    } catch (...) {
    }
    _exit(status);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

inline std::string show(const std::optional<double>& v) {
  if (!v) return "blank";
  std::ostringstream out;
  out.precision(17);
  out << *v;
  return out.str();
}

// Every definition and every value of a set, one line each, order-free: two
// sets with the same lines hold the same data (blank stays distinct from 0).
inline std::set<std::string> lines(const IndicatorSet& set) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < set.indicator_count(); ++i) {
    const Indicator& d = set.indicator(i);
    out.insert(d.code + "|" + set.units().path(d.unit) + "|" + d.name + "|" + d.satuan + "|" +
               to_string(d.polarity) + "|" + to_string(d.accumulation) + "|" + show(d.weight) +
               "|" + (d.negative_formula ? to_string(*d.negative_formula) : "-") + "|" + d.source);
  }
  for (std::size_t r = 0; r < set.cell_count(); ++r) {
    Cell c = set.cell(r);
    out.insert(set.indicator(c.indicator).code + "@" + c.period.to_string() + " " + show(c.target) +
               " " + show(c.realisation) + " " + show(c.target_low) + " " + show(c.target_high) +
               " " + show(c.budget) + " " + show(c.budget_realisation) + " " +
               show(c.financial_plan) + " " + show(c.physical_plan) + " " +
               show(c.physical_realisation));
  }
  return out;
}

}  // namespace sopkit::test
