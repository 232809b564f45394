// row_batch.hpp — inserts rows into one table many rows per statement.
//
// SQLite runs every statement on fresh cursors: a one-row INSERT seeks its
// key from the root of the B-tree and releases its buffers when it ends. An
// INSERT of many rows keeps its cursor where the last row went, so rows
// appended in key order (a bulk import) cost about a third less each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/detail/sqlite.hpp"

namespace sopkit::store_detail {

class RowBatch {
 public:
  // `head` is "INSERT INTO t (a, b, ...) VALUES " and `row` one row's values,
  // "(?1, ?2, ?1, ...)", its parameters numbered from ?1 up to `params`.
  // `doing` names the write in error messages.
  RowBatch(Connection& c, std::string_view head, std::string_view row, int params,
           std::string doing);
  RowBatch(const RowBatch&) = delete;
  RowBatch& operator=(const RowBatch&) = delete;

  // Sets parameter `k` (1-based) of the row being added; a text is copied.
  // An empty optional sets NULL, and so does a parameter left unset.
  RowBatch& bind(int k, std::string_view text);
  RowBatch& bind(int k, std::int64_t v);
  RowBatch& bind(int k, std::optional<double> v);

  // Ends the row being added; writes the rows when a batch is full.
  void add();
  // Writes the rows added so far. Call it before reading the table (a row
  // not yet written is not found) and before committing.
  void flush();

  static constexpr int kRows = 64;

 private:
  struct Value {
    enum class Kind : unsigned char { null, integer, real, text } kind = Kind::null;
    std::int64_t integer = 0;
    double real = 0;
    std::string text;  // its capacity is kept from batch to batch
  };
  // Parameter k of the row being added. Not checked: every writer binds
  // fixed parameter numbers, which its tests run through.
  Value& slot(int k) noexcept {
    return values_[rows_ * static_cast<std::size_t>(params_) + static_cast<std::size_t>(k - 1)];
  }
  void write(Statement& st, std::size_t first_row, std::size_t rows);
  void bind_rows(Statement& st, std::size_t first_row, std::size_t rows);

  Connection& c_;
  std::string full_sql_;
  int params_;
  std::string doing_;
  // Preparing the statement of kRows rows takes SQLite about 5 ms: only a
  // batch that fills up pays it. A few rows go one to a statement.
  std::optional<Statement> full_;
  Statement one_;
  std::vector<Value> values_;  // kRows x params_, row by row
  std::size_t rows_ = 0;       // complete rows held in values_
};

}  // namespace sopkit::store_detail
