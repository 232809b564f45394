// TextBuffer holds exactly what was appended, across every growth of its
// room, and its text stays whole when appended to after it was read.
#include "io/detail/text_buffer.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <string>

#include <unistd.h>

#include "io/detail/chunked_output.hpp"

namespace sopkit::detail {
namespace {

TEST(TextBuffer, HoldsWhatWasAppendedAcrossEveryGrowth) {
  std::mt19937_64 rng(5);
  TextBuffer text;
  std::string mirror;
  for (int i = 0; i < 20000; ++i) {
    switch (rng() % 4) {
      case 0: {
        const char c = static_cast<char>('a' + rng() % 26);
        text += c;
        mirror += c;
        break;
      }
      case 1: {
        const std::string s(rng() % 3000, static_cast<char>('A' + rng() % 26));
        text += s;
        mirror += s;
        break;
      }
      case 2: {  // written in place: at most the room asked for
        const std::size_t n = rng() % 40;
        char* p = text.tail(n + 8);
        for (std::size_t k = 0; k < n; ++k) p[k] = static_cast<char>('0' + k % 10);
        text.end_at(p + n);
        for (std::size_t k = 0; k < n; ++k) mirror += static_cast<char>('0' + k % 10);
        break;
      }
      default:
        text.reserve(text.size() + rng() % 100000);
    }
    ASSERT_EQ(text.size(), mirror.size());
  }
  EXPECT_GE(text.capacity(), text.size());
  EXPECT_EQ(std::string(text.data(), text.size()), mirror);
  EXPECT_EQ(text.str(), mirror);
  text += "after";  // appending after the text was read makes room again
  EXPECT_EQ(text.str(), mirror + "after");
}

TEST(TextBuffer, AnEmptyAppendNeedsNoData) {
  TextBuffer text;
  text.append(nullptr, 0);
  text += std::string_view();
  EXPECT_EQ(text.size(), 0u);
  EXPECT_EQ(text.str(), "");
}

// Resident memory of this process, in bytes (Linux).
std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// Storage reserved for a large text is not held before the text fills it:
// a held evaluation's estimate of its size must not become its memory.
TEST(TextBuffer, ReservedStorageIsNotHeldBeforeItIsWritten) {
  constexpr std::size_t kReserved = std::size_t{256} << 20;
  const std::size_t before = resident_bytes();
  TextBuffer text;
  text.reserve(kReserved);
  text += "a short text";
  EXPECT_GE(text.capacity(), kReserved);
  EXPECT_LT(resident_bytes(), before + kReserved / 8);
  EXPECT_EQ(text.str(), "a short text");
}

// In memory, the text is taken whole, a line end after the document
// included, and the writer is left empty.
TEST(ChunkedOutput, TakesTheWholeTextAndIsLeftEmpty) {
  ChunkedOutput out(nullptr);
  out.append("{}");
  out.append("\n");
  EXPECT_EQ(out.size(), 3u);
  EXPECT_EQ(out.take_text(), "{}\n");
  EXPECT_EQ(out.size(), 0u);
  EXPECT_EQ(out.take_text(), "");
}

}  // namespace
}  // namespace sopkit::detail
