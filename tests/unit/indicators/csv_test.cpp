// Indicator CSV: RFC 4180, BOM, CRLF, blanks, and every bad input named by
// file:line:column.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "sopkit/error.hpp"
#include "sopkit/indicator_io.hpp"

namespace sopkit {
namespace {

const std::string kHeader =
    "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation\n";

// The error's where() for a text that must fail, or "" when it loads.
std::string error_at(const std::string& text, ErrorCode* code = nullptr) {
  try {
    parse_indicators_csv(text, "d.csv");
  } catch (const Error& e) {
    if (code) *code = e.code();
    return e.where();
  }
  return "";
}

TEST(IndicatorsCsv, LoadsRowsUnitsAndBlanks) {
  const auto s =
      parse_indicators_csv(kHeader +
                           "Dinas/Bidang SD/Seksi Kurikulum,IKU-01,APK SD,%,positive,last,2,"
                           "2024-Q1,100,\n"
                           "Dinas/Bidang SD/Seksi Kurikulum,IKU-01,,,,,,2024-TW2,100,0\n");
  ASSERT_EQ(s.indicator_count(), 1u);
  const Indicator& d = s.indicator(0);
  EXPECT_EQ(d.name, "APK SD");
  EXPECT_EQ(d.weight, 2.0);
  EXPECT_EQ(d.accumulation, Accumulation::last);
  EXPECT_EQ(s.units().path(d.unit), "Dinas/Bidang SD/Seksi Kurikulum");
  EXPECT_EQ(s.units().size(), 3u);
  ASSERT_EQ(s.cell_count(), 2u);
  EXPECT_FALSE(s.cell(0).realisation.has_value());  // empty cell: blank
  EXPECT_EQ(*s.cell(1).realisation, 0.0);           // 0: a reported zero
  EXPECT_EQ(s.cell(1).period, Period::of_quarter(2024, 2));
  EXPECT_EQ(s.cell(0).origin, "<text>:2");
}

TEST(IndicatorsCsv, QuotedFieldsWithCommasQuotesAndNewlinesBomAndCrlf) {
  const std::string text =
      "\xEF\xBB\xBF" +
      std::string(
          "unit,indicator,name,satuan,polarity,accumulation,weight,"
          "period,target,realisation\r\n") +
      "\"Dinas/Bidang Pembinaan SD, TK\",K1,\"Jumlah \"\"sekolah\"\"\nbaru\",unit,positive,sum,,"
      "2024,10,8\r\n"
      "\"Dinas/Bidang Pembinaan SD, TK\",K2,x,unit,positive,sum,,2024,10,9\r\n";
  const auto s = parse_indicators_csv(text, "d.csv");
  ASSERT_EQ(s.indicator_count(), 2u);
  EXPECT_EQ(s.indicator(0).name, "Jumlah \"sekolah\"\nbaru");
  EXPECT_EQ(s.units().name(s.indicator(0).unit), "Bidang Pembinaan SD, TK");
  // the second record starts on line 4 because the first spans two lines
  EXPECT_EQ(s.cell(1).origin, "d.csv:4");
  EXPECT_EQ(s.indicator(1).weight, 1.0);  // blank weight: equal weights
}

// Fields are read as views into the text; those with doubled quotes are
// unescaped into the record's own storage, several in one record.
TEST(IndicatorsCsv, SeveralUnescapedFieldsInOneRecordKeepTheirTexts) {
  const auto s = parse_indicators_csv(
      kHeader +
      "\"Dinas \"\"A\"\"\",K1,\"x \"\"y\"\"\",\"\"\"%\"\"\",positive,sum,,2024,10,8\n"
      "\"Dinas \"\"A\"\"\",K1,\"x \"\"y\"\"\",,,,,2024-Q1,1,\"2\"\n");
  ASSERT_EQ(s.indicator_count(), 1u);
  EXPECT_EQ(s.units().name(s.indicator(0).unit), "Dinas \"A\"");
  EXPECT_EQ(s.indicator(0).name, "x \"y\"");
  EXPECT_EQ(s.indicator(0).satuan, "\"%\"");
  EXPECT_EQ(*s.cell(1).realisation, 2.0);
  // A delimiter at the very end of the text is one more (empty) field.
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,sum,,2024,10,8,"), "d.csv:2:11");
}

TEST(IndicatorsCsv, SemicolonDelimitedExportsLoad) {
  const auto s = parse_indicators_csv(
      "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n"
      "Dinas;K1;x;%;positive;last;1;2024;100;97.5\n");
  EXPECT_EQ(*s.cell(0).realisation, 97.5);
}

const std::string kSemicolonHeader =
    "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation\n";

// The target of the only row of a one-row ';' file read with `options`.
double semicolon_target(const std::string& cell, CsvOptions options = {}) {
  return *parse_indicators_csv(
              kSemicolonHeader + "Dinas;K1;x;%;positive;last;1;2024;" + cell + ";1\n", "d.csv",
              options)
              .cell(0)
              .target;
}

std::string semicolon_error(const std::string& cell, CsvOptions options = {}) {
  try {
    semicolon_target(cell, options);
  } catch (const Error& e) {
    return e.where() + ": " + e.message();
  }
  return "";
}

TEST(IndicatorsCsvNumbers, SemicolonFilesReadTheIndonesianWay) {
  EXPECT_EQ(semicolon_target("97,5"), 97.5);
  EXPECT_EQ(semicolon_target("1.234.567"), 1234567.0);
  EXPECT_EQ(semicolon_target("1.234,5"), 1234.5);
  EXPECT_EQ(semicolon_target("97,5 %"), 97.5);
  EXPECT_EQ(semicolon_target("97.5"), 97.5);  // not a grouping: one reading only
  EXPECT_EQ(semicolon_target("0.500"), 0.5);  // a group never starts with 0
  EXPECT_EQ(semicolon_target("1200"), 1200.0);
}

TEST(IndicatorsCsvNumbers, AThousandOrADecimalIsRefusedNamingBothReadings) {
  // "1.200" in a ';' file: 1200 in the Indonesian way, 1.2 with a decimal dot.
  const std::string e = semicolon_error("1.200");
  EXPECT_NE(e.find("d.csv:2:9: target '1.200' can be read two ways: 1200"), std::string::npos) << e;
  EXPECT_NE(e.find(" or 1.2 (with '.' as the decimal mark)"), std::string::npos) << e;
  EXPECT_NE(semicolon_error("-12.500").find("-12500"), std::string::npos);
  for (const char* bad : {"1.2.3", "12.34.567", "1.234,5,6", "97,5x", "1e3,5"})
    EXPECT_NE(semicolon_error(bad).find("this file writes numbers as 1.234,5"), std::string::npos)
        << bad;
}

TEST(IndicatorsCsvNumbers, ADeclaredDecimalMarkReadsByTheDeclaration) {
  CsvOptions comma;
  comma.decimal_mark = DecimalMark::comma;
  EXPECT_EQ(semicolon_target("1.200", comma), 1200.0);
  EXPECT_NE(semicolon_error("97.5", comma), "");  // a '.' groups three digits, no more
  CsvOptions dot;
  dot.decimal_mark = DecimalMark::dot;
  EXPECT_EQ(semicolon_target("1.200", dot), 1.2);
  EXPECT_NE(semicolon_error("97,5", dot), "");
  EXPECT_EQ(*parse_indicators_csv(kHeader + "Dinas,K1,x,%,positive,last,1,2024,\"1.200\",1\n",
                                  "d.csv", comma)
                 .cell(0)
                 .target,
            1200.0);
}

TEST(IndicatorsCsvNumbers, ExcelSepLineEmptyRowsAndTrailingEmptyColumns) {
  const auto s = parse_indicators_csv(
      "sep=;\r\n"
      "unit;indicator;name;satuan;polarity;accumulation;weight;period;target;realisation;;\r\n"
      "Dinas;K1;x;%;positive;last;1;2024;1.000,5;97,5%;;\r\n"
      ";;;;;;;;;;;\r\n",
      "d.csv");
  ASSERT_EQ(s.cell_count(), 1u);
  EXPECT_EQ(*s.cell(0).target, 1000.5);
  EXPECT_EQ(*s.cell(0).realisation, 97.5);
  // Lines keep their numbers after the sep= line; a value under a nameless column is refused.
  EXPECT_EQ(error_at("sep=;\n" + kSemicolonHeader.substr(0, kSemicolonHeader.size() - 1) +
                     ";\nDinas;K1;x;%;positive;last;1;2024;1;1;catatan\n"),
            "d.csv:3:11");
}

TEST(IndicatorsCsvNumbers, CommaFilesKeepTheDecimalDot) {
  EXPECT_EQ(
      *parse_indicators_csv(kHeader + "Dinas,K1,x,%,positive,last,1,2024,97.5%,1\n").cell(0).target,
      97.5);
  EXPECT_EQ(
      *parse_indicators_csv(kHeader + "Dinas,K1,x,%,positive,last,1,2024,1.200,1\n").cell(0).target,
      1.2);
}

TEST(IndicatorsCsv, OptionalColumnsInAnyOrder) {
  const auto s = parse_indicators_csv(
      "period,indicator,unit,name,satuan,polarity,accumulation,weight,target_low,target_high,"
      "target,realisation,budget,budget_realisation,physical_plan,physical_realisation,"
      "negative_formula,source\n"
      "2024,K1,Dinas,x,orang,negative,last,1,7,8,,6.5,100,50,60,55,ratio,ilustratif\n");
  const Cell c = s.cell(0);
  EXPECT_EQ(*c.target_low, 7.0);
  EXPECT_EQ(*c.target_high, 8.0);
  EXPECT_FALSE(c.target.has_value());
  EXPECT_EQ(*c.budget_realisation, 50.0);
  EXPECT_EQ(*c.physical_realisation, 55.0);
  EXPECT_EQ(s.indicator(0).negative_formula, NegativeFormula::ratio);
  EXPECT_EQ(s.source, "ilustratif");
}

TEST(IndicatorsCsvErrors, NonNumericTargetNamesLineAndColumn) {
  ErrorCode code{};
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,sembilan puluh,80\n", &code),
            "d.csv:2:9");
  EXPECT_EQ(code, ErrorCode::format_error);
}

TEST(IndicatorsCsvErrors, DecimalCommaAndThousandsSeparatorsAreRejectedNotMisread) {
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,\"97,5\",80\n"), "d.csv:2:9");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,100,1.000.000\n"), "d.csv:2:10");
}

TEST(IndicatorsCsvErrors, NaNAndInfinityAreRejected) {
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,nan,80\n"), "d.csv:2:9");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,100,inf\n"), "d.csv:2:10");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,1e999,80\n"), "d.csv:2:9");
}

TEST(IndicatorsCsvErrors, NegativeTargetOrWeightIsRejected) {
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,-5,80\n"), "d.csv:2:9");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,-1,2024,5,80\n"), "d.csv:2:7");
}

TEST(IndicatorsCsvErrors, DuplicateIndicatorPeriodNamesBothRows) {
  try {
    parse_indicators_csv(kHeader +
                             "Dinas,K1,x,%,positive,last,1,2024-Q1,5,4\n"
                             "Dinas,K1,,,,,,2024-Q2,5,4\n"
                             "Dinas,K1,,,,,,2024-TW1,5,4\n",
                         "d.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.where(), "d.csv:4:8");
    EXPECT_NE(e.message().find("d.csv:2"), std::string::npos) << e.what();
  }
}

TEST(IndicatorsCsvErrors, UnknownPolarityAccumulationOrPeriod) {
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,upward,last,1,2024,5,4\n"), "d.csv:2:5");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,total,1,2024,5,4\n"), "d.csv:2:6");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024-Q5,5,4\n"), "d.csv:2:8");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,Semester 1,5,4\n"), "d.csv:2:8");
}

TEST(IndicatorsCsvErrors, FirstRowMustGivePolarityAndAccumulation) {
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,,last,1,2024,5,4\n"), "d.csv:2:5");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,,1,2024,5,4\n"), "d.csv:2:6");
}

TEST(IndicatorsCsvErrors, LaterRowsThatContradictTheDescription) {
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024-Q1,5,4\n"
                               "Dinas,K1,,,negative,,,2024-Q2,5,4\n"),
            "d.csv:3:5");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024-Q1,5,4\n"
                               "Dinas/Other,K1,,,,,,2024-Q2,5,4\n"),
            "d.csv:3:1");
}

TEST(IndicatorsCsvErrors, MalformedQuotingAndFieldCounts) {
  ErrorCode code{};
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,\"unclosed,%,positive,last,1,2024,5,4\n", &code),
            "d.csv:2:3");
  EXPECT_EQ(code, ErrorCode::parse_error);
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,ab\"c,%,positive,last,1,2024,5,4\n"), "d.csv:2:3");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,\"a\"b,%,positive,last,1,2024,5,4\n"), "d.csv:2:3");
  EXPECT_EQ(error_at(kHeader + "Dinas,K1,x,%,positive,last,1,2024,5\n"), "d.csv:2:10");
}

TEST(IndicatorsCsvErrors, HeaderProblems) {
  EXPECT_EQ(error_at(""), "d.csv");
  EXPECT_EQ(error_at("unit,indicator,name,satuan,polarity,accumulation,weight,period,target\n"),
            "d.csv:1:1");  // realisation missing
  EXPECT_EQ(error_at(kHeader.substr(0, kHeader.size() - 1) + ",realisasi\n"), "d.csv:1:11");
}

TEST(IndicatorsCsvErrors, RangeProblemsNameTheColumn) {
  const std::string h =
      "unit,indicator,name,satuan,polarity,accumulation,weight,period,target,realisation,"
      "target_low,target_high\n";
  EXPECT_EQ(error_at(h + "Dinas,K1,x,%,positive,last,1,2024,,5,9,8\n"), "d.csv:2:11");
  EXPECT_EQ(error_at(h + "Dinas,K1,x,%,positive,last,1,2024,,5,7,\n"), "d.csv:2:12");
  EXPECT_EQ(error_at(h + "Dinas,K1,x,%,positive,last,1,2024,7.5,5,7,8\n"), "d.csv:2:9");
}

TEST(IndicatorsCsvErrors, UnitPathWithEmptyLevel) {
  EXPECT_EQ(error_at(kHeader + "Dinas//Seksi,K1,x,%,positive,last,1,2024,5,4\n"), "d.csv:2:1");
}

TEST(IndicatorsCsv, LoadIsAllOrNothing) {
  // The error is on the last row; nothing of the good rows is returned and a
  // caller's earlier set is untouched.
  IndicatorSet kept = parse_indicators_csv(kHeader + "Dinas,K1,x,%,positive,last,1,2024,5,4\n");
  try {
    kept = parse_indicators_csv(kHeader +
                                "Dinas,K2,x,%,positive,last,1,2024,5,4\n"
                                "Dinas,K3,x,%,positive,last,1,2024,5,oops\n");
    FAIL();
  } catch (const Error&) {
  }
  EXPECT_EQ(kept.indicator_count(), 1u);
  EXPECT_EQ(kept.indicator(0).code, "K1");
}

TEST(IndicatorsCsv, FileErrorsNameThePath) {
  try {
    load_indicators_file("/nonexistent/dir/data.csv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::io_error);
    EXPECT_EQ(e.where(), "/nonexistent/dir/data.csv");
  }
}

TEST(EvaluationCsv, RowsCarryAchievementOrReasonAndUnitRollUps) {
  const auto s = parse_indicators_csv(kHeader +
                                      "Dinas,K1,\"APK, SD\",%,positive,last,1,2024,100,90\n"
                                      "Dinas,K2,x,%,positive,last,1,2024,0,5\n");
  const std::string out = evaluation_to_csv(s, evaluate(s));
  EXPECT_NE(out.find("indicator,Dinas,K1,\"APK, SD\",2024,100,,,90,false,false,90,,90,4,Tinggi"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(",target_zero,"), std::string::npos);
  EXPECT_NE(out.find("unit,Dinas,,,2024"), std::string::npos);
  // The output reads back as CSV of the same number of fields per row.
  std::size_t lines = 0;
  for (char c : out) lines += c == '\n';
  EXPECT_EQ(lines, 4u);  // header, 2 indicators, 1 unit
}

TEST(EvaluationCsv, SaveWritesTheFileAtomically) {
  const auto s = parse_indicators_csv(kHeader + "Dinas,K1,x,%,positive,last,1,2024,100,90\n");
  const std::string path = ::testing::TempDir() + "sopkit_eval.csv";
  save_evaluation_csv(s, evaluate(s), path);
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first.substr(0, 15), "kind,unit,indic");
  std::remove(path.c_str());
}

}  // namespace
}  // namespace sopkit
