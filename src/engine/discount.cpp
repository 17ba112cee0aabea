#include <sroi/engine/discount.hpp>

#include <algorithm>
#include <utility>

namespace sroi {

double green_book_rate(int year) noexcept {
    if (year <= 30) return 0.035;
    if (year <= 75) return 0.030;
    if (year <= 125) return 0.025;
    if (year <= 200) return 0.020;
    if (year <= 300) return 0.015;
    return 0.010;
}

discount_curve discount_curve::constant(double rate) {
    discount_curve c;
    c.form_ = form::constant;
    c.rates_ = {rate};
    return c;
}

discount_curve discount_curve::per_year(std::vector<double> rates) {
    discount_curve c;
    c.form_ = form::per_year;
    c.rates_ = rates.empty() ? std::vector<double>{0.035} : std::move(rates);
    return c;
}

discount_curve discount_curve::green_book() {
    discount_curve c;
    c.form_ = form::green_book;
    c.rates_.clear();
    return c;
}

discount_curve discount_curve::from_spec(const discount_spec& spec) {
    switch (spec.kind) {
        case discount_spec::form::constant:
            return constant(spec.rate.value);
        case discount_spec::form::per_year:
            return per_year(spec.rates);
        case discount_spec::form::green_book:
            return green_book();
    }
    return constant(spec.rate.value);
}

double discount_curve::rate(int year) const noexcept {
    switch (form_) {
        case form::constant:
            return rates_.front();
        case form::per_year: {
            const auto i = static_cast<std::size_t>(std::max(year, 1) - 1);
            return rates_[std::min(i, rates_.size() - 1)];
        }
        case form::green_book:
            return green_book_rate(year);
    }
    return rates_.front();
}

double discount_curve::factor(int year) const noexcept {
    double f = 1.0;
    for (int t = 1; t <= year; ++t)
        f /= 1.0 + rate(t);
    return f;
}

std::vector<double> discount_curve::factors(int last) const {
    std::vector<double> f(static_cast<std::size_t>(std::max(last, 0)) + 1, 1.0);
    for (std::size_t t = 1; t < f.size(); ++t)
        f[t] = f[t - 1] / (1.0 + rate(static_cast<int>(t)));
    return f;
}

}  // namespace sroi
