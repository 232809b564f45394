// The indicator CSV file read in pieces: every piece size gives what the
// whole text gives, rows, lines in messages and errors alike.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "io/detail/files.hpp"
#include "io/detail/indicators_csv.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"
#include "sopkit/input_limit.hpp"

namespace sopkit {
namespace {

const std::string kHeader =
    "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";

std::string temp_file(const std::string& text) {
  const auto path = (std::filesystem::temp_directory_path() /
                     ("sopkit-pieces-" + std::to_string(std::hash<std::string>{}(text)) + ".csv"))
                        .string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The set as JSON (everything it holds), or the error as "where: message".
std::string outcome(const std::function<IndicatorSet()>& load) {
  try {
    return indicators_to_json(load());
  } catch (const Error& e) {
    return "error " + e.where() + ": " + e.message();
  }
}

// Reads `text` from a file in pieces of 1 to 13 bytes and in one large piece,
// and expects each time what parse_indicators_csv makes of the whole file.
void expect_same_in_every_piece_size(const std::string& text, const CsvOptions& options = {}) {
  const std::string path = temp_file(text);
  const std::string whole = outcome([&] {
    detail::refuse_utf16(text, path, "file");  // as the whole file read with read_text_file
    return parse_indicators_csv(text, path, options);
  });
  for (std::size_t piece : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 1 << 20})
    EXPECT_EQ(outcome([&] { return detail::load_indicators_csv_file(path, options, piece); }),
              whole)
        << "piece of " << piece << " bytes";
  std::remove(path.c_str());
}

const std::string kRows =
    "Dinas/Bidang SD,IKU-01,APK SD,%,positive,last,2,2024,100,\n"
    "Dinas/Bidang SD,IKU-01,,,,,,2024-Q1,90,88.5\n"
    "Dinas/Bidang SD,IKU-01,,,,,,2024-Q2,95,97\n"
    "Dinas/Bidang SMP,IKU-02,Angka putus sekolah,%,negative,last,1,2024,1.5,1.2\n";

TEST(CsvPieces, RowsSpanningPiecesLoadAsFromTheWholeText) {
  expect_same_in_every_piece_size(kHeader + kRows);
  const std::string loaded = outcome([&] { return parse_indicators_csv(kHeader + kRows); });
  EXPECT_EQ(loaded.find("error"), std::string::npos) << loaded;
}

TEST(CsvPieces, QuotedNewlinesAndDoubledQuotesAcrossPieces) {
  expect_same_in_every_piece_size(kHeader +
                                  "\"Dinas\nPendidikan\",IKU-01,\"APK \"\"SD\"\"\n(murni)\",%,"
                                  "positive,last,1,2024,100,90\n" +
                                  kRows);
}

TEST(CsvPieces, CrLfSplitBetweenPieces) {
  std::string crlf;
  for (char c : kHeader + kRows) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  expect_same_in_every_piece_size(crlf);
}

// The one-pass line reader stops at a quote or a CR anywhere in a line's
// words, and leaves the record to the full reader: the line gives what it
// gives with its first field quoted (the full reader alone), in every piece
// size.
TEST(CsvPieces, QuotesAndCarriageReturnsPastTheFirstWordsReadAsTheFullReaderReadsThem) {
  const std::string lines[] = {
      "Dinas/Bidang SD,IKU-07,\"APK, murni\",%,positive,last,1,2024,100,90\n",
      "Dinas/Bidang SD,IKU-07,APK murni,%,positive,last,1,2024,100,90\r\r\n",
      "Dinas/Bidang SD,IKU-07,APK\rmurni,%,positive,last,1,2024,100,90\n",
      "Dinas/Bidang SD,IKU-07,APK murni,%,positive,last,1,2024,100,90\r",
      "Dinas/Bidang SD,IKU-07,APK murni,%,positive,last,1,2024-Q1,1234567,\r\n",
  };
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    const std::string quoted =
        "\"" + line.substr(0, line.find(',')) + "\"" + line.substr(line.find(','));
    EXPECT_EQ(outcome([&] { return parse_indicators_csv(kHeader + line + kRows); }),
              outcome([&] { return parse_indicators_csv(kHeader + quoted + kRows); }));
    expect_same_in_every_piece_size(kHeader + line + kRows);
  }
}

TEST(CsvPieces, ByteOrderMarkSemicolonsAndSepLine) {
  std::string semicolons = kHeader + "Dinas;IKU-01;APK SD;%;positive;last;1;2024;97,5;80\n";
  for (std::size_t i = 0; i < kHeader.size(); ++i)
    if (semicolons[i] == ',') semicolons[i] = ';';
  expect_same_in_every_piece_size("\xEF\xBB\xBF" + semicolons);
  expect_same_in_every_piece_size("\xEF\xBB\xBFsep=;\r\n" + semicolons);
}

TEST(CsvPieces, MultiByteTextCutByAPieceIsRead) {
  expect_same_in_every_piece_size(kHeader +
                                  "Dinas Pendidikan — Bidang É,IKU-01,Rasio guru–murid ✓,%,"
                                  "positive,last,1,2024,100,90\n𝕏 Dinas,K2,x,%,positive,last,1,"
                                  "2024,5,4\n");
}

TEST(CsvPieces, ErrorsAfterABoundaryKeepTheirLineAndColumn) {
  // Each fails on its last line, after the earlier rows filled several pieces.
  const std::string bad[] = {
      kRows + "Dinas,K9,x,%,positive,last,1,2024,nan,80\n",
      kRows + "\"Dinas\nBidang\",K9,x,%,positive,last,1,2024,5,\"8\n0\n",
      kRows + "Dinas,K9,x\"y,%,positive,last,1,2024,5,8\n",
      kRows + "Dinas,K9,\"x\"y,%,positive,last,1,2024,5,8\n",
      kRows + "Dinas,K9,x,%,positive,last,1,2024,5,8,9\n",
      kRows + "Dinas,K9,caf\xC3,%,positive,last,1,2024,5,8\n",
      kRows + "Dinas,K9,x,%,positive,last,1,2024,5,8\xE2\x82",
  };
  for (const std::string& rows : bad) {
    const std::string whole = outcome([&] { return parse_indicators_csv(kHeader + rows); });
    EXPECT_EQ(whole.rfind("error <text>:", 0), 0u) << whole;
    expect_same_in_every_piece_size(kHeader + rows);
  }
}

// A quoted first field sends a row down the general reader; the same row
// unquoted takes the one-line fast path: both must read it alike, with
// delimiters at every offset of an 8-byte word, '-' after a delimiter (the
// byte a borrowing word scan would take for one), empty runs and errors.
TEST(CsvPieces, UnquotedLinesReadAsTheGeneralReaderReadsThem) {
  const std::string rows[] = {
      "Dinas,K1,x,%,positive,last,1,2024,5,4",
      "Dinas Pendidikan Kabupaten,K1-2-3,-x-,%,positive,last,1,2024,-5,-4",
      "D,K,,-,positive,last,1,2024,5,",
      "Dinas/Bidang/Seksi/Sub,K1,nama yang panjang sekali sekali,%,negative,sum,0.5,2024-Q1,"
      "1.5,2.25",
      "Dinas,K1,x,%,positive,last,1,2024,5,4,9",
      "Dinas,K1,caf\xC3,%,positive,last,1,2024,5,4",
      "Dinas,K1,x,%,positive,last,1,2024,nan,4",
  };
  for (const std::string& row : rows)
    for (const char* ending : {"\n", "\r\n"}) {
      const std::string plain = kHeader + row + ending;
      const std::string quoted =
          kHeader + "\"" + row.substr(0, row.find(',')) + "\"" + row.substr(row.find(',')) + ending;
      EXPECT_EQ(outcome([&] { return parse_indicators_csv(plain); }),
                outcome([&] { return parse_indicators_csv(quoted); }))
          << row;
    }
}

// The one-line reader classifies sixteen bytes a step (delimiters, and the
// quote, CR or LF that end its form of a line): a line whose fields, quote,
// CR or end fall at any offset of a step, followed by more lines in the same
// step or not, reads as the general reader reads it.
TEST(CsvPieces, EveryOffsetInASixteenByteStepReadsAsTheGeneralReader) {
  const std::string rests[] = {
      ",K1,x,%,positive,last,1,2024,5,4",
      ",K1,x\"y,%,positive,last,1,2024,5,4",
      ",K1,x\ry,%,positive,last,1,2024,5,4",
      ",K1,,,positive,last,,2024,,",
  };
  for (std::size_t shift = 0; shift < 32; ++shift)
    for (const std::string& rest : rests)
      for (const char* ending : {"\n", "\r\n", "\r", ""})
        for (const std::string& after : {std::string(), kRows}) {
          const std::string unit = "Dinas" + std::string(shift, 'x');
          const std::string plain = kHeader + unit + rest + ending + after;
          const std::string quoted = kHeader + "\"" + unit + "\"" + rest + ending + after;
          EXPECT_EQ(outcome([&] { return parse_indicators_csv(plain); }),
                    outcome([&] { return parse_indicators_csv(quoted); }))
              << "shift " << shift << ": " << plain;
        }
}

// Sets the input limit for one test and puts the default back.
class InputLimit {
 public:
  explicit InputLimit(std::uint64_t bytes) { set_max_input_bytes(bytes); }
  ~InputLimit() { set_max_input_bytes(kDefaultMaxInputBytes); }
};

TEST(CsvPieces, TheInputLimitStopsAnEndlessDeviceWhileStreaming) {
  const InputLimit limit(100000);
  // /dev/zero says no size: the limit is met while reading, one field growing.
  EXPECT_EQ(outcome([] { return detail::load_indicators_csv_file("/dev/zero", {}, 4096); }),
            "error /dev/zero: the input is larger than the limit of 100000 bytes (see "
            "--max-input-size)");
}

TEST(CsvPieces, TheInputLimitRefusesALargerFileAndReadsOneAtTheLimit) {
  const std::string text = kHeader + kRows;
  const std::string path = temp_file(text);
  {
    const InputLimit limit(text.size() - 1);
    EXPECT_EQ(outcome([&] { return detail::load_indicators_csv_file(path, {}, 7); }),
              "error " + path + ": the input is larger than the limit of " +
                  std::to_string(text.size() - 1) + " bytes (see --max-input-size)");
  }
  const InputLimit limit(text.size());
  EXPECT_EQ(outcome([&] { return detail::load_indicators_csv_file(path, {}, 7); }),
            outcome([&] { return parse_indicators_csv(text, path); }));
  std::remove(path.c_str());
}

TEST(CsvPieces, Utf16AndEmptyFilesKeepTheirMessages) {
  const std::string utf16 = temp_file(std::string("\xFF\xFEu\0n\0", 6));
  EXPECT_EQ(outcome([&] { return detail::load_indicators_csv_file(utf16, {}, 1); }),
            "error " + utf16 +
                ": the file is UTF-16 text, not UTF-8; save the file as UTF-8 (CSV UTF-8 in a "
                "spreadsheet, UTF-8 in a text editor)");
  std::remove(utf16.c_str());
  expect_same_in_every_piece_size(std::string("\x11\0", 2) + kHeader);
  expect_same_in_every_piece_size("");
  expect_same_in_every_piece_size("\n\n,,,\n");
}

}  // namespace
}  // namespace sopkit
