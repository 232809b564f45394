// row_batch.cpp — see store/detail/row_batch.hpp.
#include "store/detail/row_batch.hpp"

#include <cctype>

namespace sopkit::store_detail {

namespace {

// `row` with every parameter ?N renumbered ?(N + offset).
std::string shifted(std::string_view row, int offset) {
  std::string out;
  for (std::size_t i = 0; i < row.size(); ++i) {
    out += row[i];
    if (row[i] != '?') continue;
    std::size_t end = i + 1;
    int n = 0;
    while (end < row.size() && std::isdigit(static_cast<unsigned char>(row[end])))
      n = n * 10 + (row[end++] - '0');
    out += std::to_string(n + offset);
    i = end - 1;
  }
  return out;
}

std::string statement_of(std::string_view head, std::string_view row, int params, int rows) {
  std::string sql(head);
  for (int r = 0; r < rows; ++r) sql += (r ? ", " : "") + shifted(row, r * params);
  return sql;
}

}  // namespace

RowBatch::RowBatch(Connection& c, std::string_view head, std::string_view row, int params,
                   std::string doing)
    : c_(c),
      full_sql_(statement_of(head, row, params, kRows)),
      params_(params),
      doing_(std::move(doing)),
      one_(c, statement_of(head, row, params, 1).c_str()),
      values_(static_cast<std::size_t>(kRows * params)) {}

RowBatch& RowBatch::bind(int k, std::string_view text) {
  Value& v = slot(k);
  v.kind = Value::Kind::text;
  v.text.assign(text);
  return *this;
}

RowBatch& RowBatch::bind(int k, std::int64_t i) {
  Value& v = slot(k);
  v.kind = Value::Kind::integer;
  v.integer = i;
  return *this;
}

RowBatch& RowBatch::bind(int k, std::optional<double> d) {
  Value& v = slot(k);
  v.kind = d ? Value::Kind::real : Value::Kind::null;
  v.real = d.value_or(0.0);
  return *this;
}

void RowBatch::add() {
  if (++rows_ < static_cast<std::size_t>(kRows)) return;
  rows_ = 0;
  if (!full_) full_.emplace(c_, full_sql_.c_str());
  write(*full_, 0, kRows);
}

void RowBatch::flush() {
  const std::size_t rows = rows_;
  rows_ = 0;
  for (std::size_t r = 0; r < rows; ++r) write(one_, r, 1);
}

void RowBatch::write(Statement& st, std::size_t first_row, std::size_t rows) {
  bind_rows(st, first_row, rows);
  while (st.step(doing_)) {
  }
  st.reset(true);  // every parameter is bound again before the next step
}

// Binds `rows` held rows from `first_row` to `st`, and clears them: a
// parameter the next row leaves unset is NULL. Texts are bound without a
// copy: they stay in values_ until the statement has run.
void RowBatch::bind_rows(Statement& st, std::size_t first_row, std::size_t rows) {
  const auto per_row = static_cast<std::size_t>(params_);
  for (std::size_t i = 0; i < rows * per_row; ++i) {
    Value& v = values_[first_row * per_row + i];
    const int k = static_cast<int>(i) + 1;
    switch (v.kind) {
      case Value::Kind::null:
        st.bind(k, std::optional<double>());
        break;
      case Value::Kind::integer:
        st.bind(k, v.integer);
        break;
      case Value::Kind::real:
        st.bind(k, std::optional<double>(v.real));
        break;
      case Value::Kind::text:
        st.bind_lasting(k, v.text);
        break;
    }
    v.kind = Value::Kind::null;
  }
}

}  // namespace sopkit::store_detail
