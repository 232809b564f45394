// read_text_file: the input limit, checked while reading; UTF-16 files refused.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include <sys/stat.h>

#include "sopkit/calendar.hpp"
#include "sopkit/error.hpp"
#include "sopkit/files.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/input_limit.hpp"

namespace sopkit {
namespace {

// Sets the input limit for one test and puts the default back.
class InputLimit {
 public:
  explicit InputLimit(std::uint64_t bytes) { set_max_input_bytes(bytes); }
  ~InputLimit() { set_max_input_bytes(kDefaultMaxInputBytes); }
};

std::string file_of(std::size_t bytes) {
  const auto path =
      (std::filesystem::temp_directory_path() / ("sopkit-limit-" + std::to_string(bytes) + ".txt"))
          .string();
  std::ofstream(path, std::ios::binary) << std::string(bytes, 'x');
  return path;
}

Error read_error(const std::string& path) {
  try {
    read_text_file(path);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "read without error: " << path;
  return Error(ErrorCode::internal, "");
}

// The public file API (sopkit/files.hpp) as a program built on sopkit calls it.
TEST(PublicFiles, AWrittenFileReadsBackAndReplacesTheOldOne) {
  const auto path = (std::filesystem::temp_directory_path() / "sopkit-public-files.txt").string();
  write_file_atomically(path, "lama");
  write_file_atomically(path, "baru\n");
  EXPECT_EQ(read_text_file(path), "baru\n");
  std::remove(path.c_str());
  EXPECT_THROW(write_file_atomically(std::filesystem::temp_directory_path().string(), "x"), Error);
}

TEST(InputLimit, DefaultIsOneGibibyteAndZeroIsRefused) {
  EXPECT_EQ(max_input_bytes(), kDefaultMaxInputBytes);
  EXPECT_THROW(set_max_input_bytes(0), Error);
  EXPECT_EQ(max_input_bytes(), kDefaultMaxInputBytes);
}

TEST(InputLimit, AFileAtTheLimitIsReadWhole) {
  const InputLimit limit(100000);
  const std::string path = file_of(100000);
  EXPECT_EQ(read_text_file(path), std::string(100000, 'x'));
  std::remove(path.c_str());
}

TEST(InputLimit, AFileOneBytePastTheLimitIsRefused) {
  const InputLimit limit(100000);
  const std::string path = file_of(100001);
  const Error e = read_error(path);
  EXPECT_EQ(e.code(), ErrorCode::io_error);
  EXPECT_EQ(e.message(),
            "the input is larger than the limit of 100000 bytes (see --max-input-size)");
  EXPECT_EQ(e.where(), path);
  std::remove(path.c_str());
}

TEST(InputLimit, AnEndlessDeviceStopsAtTheLimit) {
  const InputLimit limit(300000);  // past the first chunk: the growing reads are checked too
  const Error e = read_error("/dev/zero");
  EXPECT_EQ(e.code(), ErrorCode::io_error);
  EXPECT_EQ(e.where(), "/dev/zero");
  EXPECT_NE(e.message().find("limit of 300000 bytes"), std::string::npos) << e.message();
}

TEST(InputLimit, MissingFilesAndFoldersKeepTheirMessages) {
  EXPECT_EQ(read_error("/nonexistent/x.json").message(),
            "cannot open for reading: No such file or directory");
  EXPECT_EQ(read_error("/tmp").message(), "this is a folder, not a file");
}

std::string file_with(const std::string& name, const std::string& bytes) {
  const auto path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(Utf16, FilesWithOrWithoutAByteOrderMarkAreRefusedSayingSaveAsUtf8) {
  const std::string json_le = std::string("\xFF\xFE{\0\"\0", 6);  // UTF-16LE with BOM
  const std::string json_be = std::string("\xFE\xFF\0{\0\"", 6);  // UTF-16BE with BOM
  const std::string no_bom = std::string("{\0\"\0f\0", 6);        // UTF-16LE, no BOM
  for (const std::string& bytes : {json_le, json_be, no_bom}) {
    const std::string path = file_with("sopkit-utf16.json", bytes);
    const Error e = read_error(path);
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_EQ(e.message(),
              "the file is UTF-16 text, not UTF-8; save the file as UTF-8 (CSV UTF-8 in a "
              "spreadsheet, UTF-8 in a text editor)");
    EXPECT_EQ(e.where(), path);
    std::remove(path.c_str());
  }
}

TEST(Utf16, TheJsonLoadersSayIt) {
  const std::string path = file_with("sopkit-utf16-calendar.json", std::string("\xFF\xFE{\0", 4));
  try {
    load_calendar_spec(path);
    ADD_FAILURE() << "loaded a UTF-16 calendar";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::parse_error);
    EXPECT_NE(e.message().find("save the file as UTF-8"), std::string::npos) << e.message();
  }
  std::remove(path.c_str());
}

TEST(Utf16, Utf8WithItsByteOrderMarkAndOneByteFilesAreRead) {
  const std::string bom = file_with("sopkit-utf8-bom.txt",
                                    "\xEF\xBB\xBF"
                                    "ab");
  EXPECT_EQ(read_text_file(bom),
            "\xEF\xBB\xBF"
            "ab");
  const std::string one = file_with("sopkit-one.txt", "x");
  EXPECT_EQ(read_text_file(one), "x");
  std::remove(bom.c_str());
  std::remove(one.c_str());
}

// A JSON file is read into a buffer with the parser's spare bytes after it;
// from a pipe the buffer grows, keeping what was read.
std::string indicators_json(int indicators) {
  std::string doc =
      "\xEF\xBB\xBF{\"format\": \"sopkit.indicators/1\", \"units\": [{\"id\": "
      "\"d\", \"name\": \"Dinas\"}], \"indicators\": [";
  for (int i = 0; i < indicators; ++i)
    doc += std::string(i ? ", " : "") + "{\"code\": \"K" + std::to_string(i) +
           "\", \"unit\": \"d\", \"polarity\": \"positive\", \"accumulation\": \"last\", "
           "\"values\": [{\"period\": \"2024\", \"target\": " +
           std::to_string(i) + "}]}";
  return doc + "]}";
}

TEST(JsonFiles, AFileWithAByteOrderMarkAndAPipeAreReadWhole) {
  const std::string doc = indicators_json(3000);  // past the first 64 KiB read from a pipe
  ASSERT_GT(doc.size(), 3u << 16);
  const std::string file = file_with("sopkit-read-whole.json", doc);
  EXPECT_EQ(load_indicators_file(file).cell_count(), 3000u);
  std::remove(file.c_str());

  const auto fifo = (std::filesystem::temp_directory_path() / "sopkit-read-pipe.json").string();
  std::remove(fifo.c_str());
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::signal(SIGPIPE, SIG_IGN);  // a reader that fails early leaves the writer's write failing
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << doc; });
  std::optional<IndicatorSet> set;
  try {
    set = load_indicators_file(fifo);
  } catch (const Error& e) {
    ADD_FAILURE() << e.what();
  }
  writer.join();
  std::remove(fifo.c_str());
  ASSERT_TRUE(set);
  ASSERT_EQ(set->cell_count(), 3000u);
  EXPECT_EQ(set->indicator(2999).code, "K2999");
  EXPECT_EQ(*set->cell(2999).target, 2999.0);
}

TEST(JsonFiles, AnEndlessDeviceStopsAtTheLimit) {
  const InputLimit limit(300000);
  const auto link = (std::filesystem::temp_directory_path() / "sopkit-zero.json").string();
  std::remove(link.c_str());
  std::filesystem::create_symlink("/dev/zero", link);
  try {
    load_indicators_file(link);
    ADD_FAILURE() << "read /dev/zero as JSON";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
    EXPECT_NE(e.message().find("limit of 300000 bytes"), std::string::npos) << e.message();
  }
  std::remove(link.c_str());
}

}  // namespace
}  // namespace sopkit
