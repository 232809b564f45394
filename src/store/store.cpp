// store.cpp — what every Store shares, with or without SQLite.
#include "sopkit/store.hpp"

#include "sopkit/error.hpp"
#include "store/detail/value_fields.hpp"

namespace sopkit {

Store::~Store() = default;

SopDiff Store::diff(std::string_view sop_number, int from, int to) const {
  Sop a = get_revision(sop_number, from);
  Sop b = get_revision(sop_number, to);
  return diff_sops(a.document(), b.document());
}

std::size_t Store::set_value(std::string_view indicator, const Period& period, ValueField field,
                             std::optional<double> value, const ChangeMeta& meta) {
  return set_values({ValueChange{std::string(indicator), period, field, value}}, meta);
}

const char* value_field_name(ValueField f) noexcept {
  switch (f) {
    case ValueField::target:
      return "target";
    case ValueField::realisation:
      return "realisation";
    case ValueField::target_low:
      return "target_low";
    case ValueField::target_high:
      return "target_high";
    case ValueField::budget:
      return "budget";
    case ValueField::budget_realisation:
      return "budget_realisation";
    case ValueField::financial_plan:
      return "financial_plan";
    case ValueField::physical_plan:
      return "physical_plan";
    case ValueField::physical_realisation:
      return "physical_realisation";
  }
  return "unknown";
}

ValueField parse_value_field(std::string_view name) {
  for (ValueField f : store_detail::kValueFields)
    if (name == value_field_name(f)) return f;
  std::string accepted;
  for (ValueField f : store_detail::kValueFields)
    accepted += std::string(accepted.empty() ? "" : ", ") + value_field_name(f);
  throw Error(ErrorCode::invalid_argument,
              "unknown value field '" + std::string(name) + "' (accepted: " + accepted + ")");
}

}  // namespace sopkit
