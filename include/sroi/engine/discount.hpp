/// @file discount.hpp
/// @brief Discount curves: a constant rate, a per-year list, and the HM Treasury Green Book
/// declining schedule, all behind one interface (rate of a year, factor of a year).
#pragma once

#include <vector>

#include <sroi/model/model.hpp>

namespace sroi {

/// A discount curve over whole years. Year 0 is "now": its factor is 1.
///
/// `factor(t) = factor(t-1) / (1 + rate(t))` (spec section 3). Rates are real annual rates as
/// fractions (0.035 = 3.5 %).
class discount_curve {
public:
    /// A constant rate for every year.
    [[nodiscard]] static discount_curve constant(double rate);
    /// Rate of year 1, 2, ...; the last one repeats. Must not be empty.
    [[nodiscard]] static discount_curve per_year(std::vector<double> rates);
    /// HM Treasury Green Book schedule: 3.5 % for years 1-30, 3.0 % 31-75, 2.5 % 76-125,
    /// 2.0 % 126-200, 1.5 % 201-300, 1.0 % after.
    [[nodiscard]] static discount_curve green_book();
    /// The curve a model's `discount:` section describes (using `rate.value` for a constant rate).
    [[nodiscard]] static discount_curve from_spec(const discount_spec& spec);

    /// Rate applied between year t-1 and year t (t >= 1).
    [[nodiscard]] double rate(int year) const noexcept;
    /// Discount factor of year t (1 for t <= 0).
    [[nodiscard]] double factor(int year) const noexcept;
    /// Factors of years 0..last, so `factors(n)[t] == factor(t)`.
    [[nodiscard]] std::vector<double> factors(int last) const;

private:
    enum class form { constant, per_year, green_book };
    form form_ = form::constant;
    std::vector<double> rates_{0.035};
};

/// Rate of year t of the Green Book declining schedule.
[[nodiscard]] double green_book_rate(int year) noexcept;

}  // namespace sroi
