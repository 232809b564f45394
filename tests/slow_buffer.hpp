// slow_buffer.hpp — a string stream buffer that takes its time on each
// write, for tests where a writer must fall behind a second thread.
#pragma once

#include <chrono>
#include <sstream>
#include <thread>

namespace sopkit::test {

class SlowBuffer : public std::stringbuf {
 public:
  explicit SlowBuffer(bool slow = true) : slow_(slow) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (slow_) std::this_thread::sleep_for(std::chrono::milliseconds(3));
    return std::stringbuf::xsputn(s, n);
  }

 private:
  bool slow_;
};

}  // namespace sopkit::test
