// An indicator CSV file read in two halves on two threads gives what one
// reader gives: the same set, the same origins, the same errors; and the
// second half is absorbed whenever its rows can be judged without the first.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>

#include "io/detail/indicators_csv.hpp"
#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

const std::string kHeader =
    "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";

class TempCsv {
 public:
  explicit TempCsv(const std::string& text)
      : path_((std::filesystem::temp_directory_path() /
               ("sopkit-halves-" + std::to_string(std::hash<std::string>{}(text)) + ".csv"))
                  .string()) {
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempCsv() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The set as JSON with every row's origin, or the error as "where: message".
std::string outcome(const std::function<IndicatorSet()>& load) {
  try {
    const IndicatorSet set = load();
    std::string text = indicators_to_json(set);
    for (std::size_t r = 0; r < set.cell_count(); ++r) text += "\n" + set.cell(r).origin;
    return text;
  } catch (const Error& e) {
    return "error " + e.where() + ": " + e.message();
  }
}

// Loads `text` on one thread and in two halves (any size is large enough),
// in large and small pieces; expects the same outcome each time, and returns
// whether the two-thread reads absorbed their second halves.
bool expect_halves_read_as_one(const std::string& text) {
  const TempCsv file(text);
  CsvOptions one, two;
  two.threads = 2;
  const std::string alone = outcome([&] { return load_indicators_file(file.path(), one); });
  bool absorbed[2] = {};
  const std::size_t pieces[2] = {std::size_t{1} << 20, 5};
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(outcome([&] {
                return detail::load_indicators_csv_file(file.path(), two, pieces[i], 0,
                                                        &absorbed[i]);
              }),
              alone)
        << "pieces of " << pieces[i] << " bytes";
  EXPECT_EQ(absorbed[0], absorbed[1]);
  return absorbed[0];
}

// `count` indicators of a few units, each an annual row that defines it and
// four quarters.
std::string grouped_rows(int count, int first = 0) {
  std::string rows;
  for (int i = first; i < first + count; ++i) {
    const std::string unit =
        "Dinas/Bidang " + std::to_string(i % 7) + "/Seksi " + std::to_string(i % 3);
    const std::string code = "IKU-" + std::to_string(i);
    rows += unit + "," + code + ",\"Indikator, ke-" + std::to_string(i) + "\",%," +
            (i % 4 ? "positive" : "negative") + ",sum," + std::to_string(1 + i % 3) + ",2024," +
            std::to_string(100 + i) + ",\n";
    for (int q = 1; q <= 4; ++q)
      rows += unit + "," + code + ",,,,,,2024-Q" + std::to_string(q) + "," +
              std::to_string(25 + i % 5) + "." + std::to_string(q) + "," + std::to_string(20 + q) +
              "\n";
  }
  return rows;
}

TEST(CsvHalves, ASecondHalfOfOtherIndicatorsIsAbsorbed) {
  EXPECT_TRUE(expect_halves_read_as_one(kHeader + grouped_rows(300)));
  // With CRLF, blank lines and a ';' file with a byte order mark.
  std::string crlf;
  for (char c : kHeader + grouped_rows(200) + "\n\n" + grouped_rows(100, 200))
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_TRUE(expect_halves_read_as_one(crlf));
  std::string semicolons = kHeader + grouped_rows(300);
  for (char& c : semicolons)
    if (c == ',') c = ';';
  EXPECT_TRUE(expect_halves_read_as_one("\xEF\xBB\xBF" + semicolons));
}

// The year's rows first, then the quarters': every indicator is in both
// halves (the second starts among the second quarter's rows), defined
// again by its first row of the second half. `weight(i, q)`: the weight
// cell of indicator i's quarter q.
std::string period_major_rows(int count, const std::function<std::string(int, int)>& weight) {
  std::string first, second;
  for (int i = 0; i < count; ++i)
    first += "Dinas,K" + std::to_string(i) + ",Nama " + std::to_string(i) +
             ",%,positive,last,2,2024,100,90\n";
  for (int q = 1; q <= 4; ++q)
    for (int i = 0; i < count; ++i)
      (q <= 2 ? first : second) += "Dinas,K" + std::to_string(i) + ",,,positive,last," +
                                   weight(i, q) + ",2024-Q" + std::to_string(q) + ",25,20\n";
  return kHeader + first + second;
}

TEST(CsvHalves, IndicatorsOfBothHalvesAreAbsorbedWhenTheirDefinitionsAgree) {
  EXPECT_TRUE(expect_halves_read_as_one(period_major_rows(200, [](int, int) { return "2"; })));
}

TEST(CsvHalves, ADefinitionTheHalvesMightReadDifferentlyIsLeftToOneReader) {
  // A blank weight: the second half's own definition reads 1 where the
  // indicator's is 2, so its rows are read again after the first half.
  EXPECT_FALSE(expect_halves_read_as_one(period_major_rows(200, [](int, int) { return ""; })));
  // ... and then accepts a later row's 1 where one reader refuses it.
  EXPECT_FALSE(expect_halves_read_as_one(period_major_rows(200, [](int, int q) {
    return q == 2 ? "" : q > 2 ? "1" : "2";
  })));
  // A weight that differs from the definition: the error one reader gives.
  EXPECT_FALSE(expect_halves_read_as_one(
      period_major_rows(200, [](int i, int q) { return i == 150 && q >= 2 ? "3" : "2"; })));
}

TEST(CsvHalves, APeriodGivenInBothHalvesIsTheErrorOneReaderGives) {
  std::string text = period_major_rows(200, [](int, int) { return "2"; });
  text += "Dinas,K7,,,positive,last,2,2024-Q1,25,20\n";
  EXPECT_FALSE(expect_halves_read_as_one(text));
  EXPECT_NE(outcome([&] { return parse_indicators_csv(text); }).find("second row for period"),
            std::string::npos);
}

TEST(CsvHalves, AnErrorInTheSecondHalfIsReportedWhereOneReaderReportsIt) {
  const std::string rows = grouped_rows(300);
  EXPECT_FALSE(
      expect_halves_read_as_one(kHeader + rows + "Dinas,X,x,%,positive,last,1,2024,-5,\n"));
  EXPECT_FALSE(expect_halves_read_as_one(kHeader + rows + "Dinas,X,x,%,positive,last,1,2024,\"5"));
}

TEST(CsvHalves, ARecordAcrossTheMiddleLeavesTheRestToTheFirstReader) {
  // A quoted name of many lines where the second half would start.
  std::string name;
  for (int i = 0; i < 4000; ++i) name += "baris " + std::to_string(i) + "\n";
  EXPECT_FALSE(expect_halves_read_as_one(kHeader + grouped_rows(100) + "Dinas,Q,\"" + name +
                                         "\",%,positive,last,1,2024,1,1\n" +
                                         grouped_rows(100, 100)));
}

// A pipe says no size and cannot be opened twice: one thread reads it all.
TEST(CsvHalves, APipeIsReadByOneThread) {
  const std::string text = kHeader + grouped_rows(300);
  const std::string fifo =
      (std::filesystem::temp_directory_path() / "sopkit-halves-fifo.csv").string();
  std::remove(fifo.c_str());
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  CsvOptions two;
  two.threads = 2;
  bool absorbed = true;
  const std::string loaded = outcome([&] {
    return detail::load_indicators_csv_file(fifo, two, std::size_t{1} << 20, 0, &absorbed);
  });
  writer.join();
  std::remove(fifo.c_str());
  EXPECT_FALSE(absorbed);
  EXPECT_EQ(loaded, outcome([&] { return parse_indicators_csv(text, fifo); }));
}

}  // namespace
}  // namespace sopkit
