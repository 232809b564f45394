// value_fields.hpp — the value columns of an indicator row the store tracks.
#pragma once

#include "sopkit/store.hpp"

namespace sopkit::store_detail {

inline constexpr ValueField kValueFields[] = {
    ValueField::target,         ValueField::realisation,   ValueField::target_low,
    ValueField::target_high,    ValueField::budget,        ValueField::budget_realisation,
    ValueField::financial_plan, ValueField::physical_plan, ValueField::physical_realisation,
};

}  // namespace sopkit::store_detail
