// The block model (see simulation_block_model.hpp): compiling a model for block evaluation, the
// tables of its distinct shapes, the copula's components, and sampling a granule.
#include "engine/simulation_block_model.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include "engine/evaluator_internals.hpp"
#include "model/parallel.hpp"

namespace sroi::detail {

namespace {
// Shapes whose parameters agree to 40 significant bits (about 12 digits) share one table: a
// model's ranges often give one shape up to rounding (e.g. low = 0.7 q and high = 1.2 q for every
// q), and a difference in the 13th digit of a shape parameter moves its quantiles far less than
// the table's tolerance.
double shape_digits(double x) noexcept {
    if (x == 0.0 || !std::isfinite(x)) return x;
    int exponent = 0;
    const double mantissa = std::frexp(x, &exponent);
    return std::ldexp(std::round(std::ldexp(mantissa, 40)), exponent - 40);
}
std::tuple<int, double, double> table_key(int dist, const marginal_distribution& d) {
    return {dist, shape_digits(d.shape_a()), shape_digits(d.shape_b())};
}
}  // namespace

block_model::block_model(const evaluator& e, std::vector<double> base_values,
                         const std::vector<bool>& held_fixed, bool with_correlations, unsigned threads,
                         range_draw ranges)
    : ev(&e), base(std::move(base_values)) {
    const parameter_set& parameters = e.parameters();
    samplers.resize(parameters.size());
    is_random.assign(parameters.size(), false);
    drawn_dist.assign(parameters.size(), distribution::fixed);
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        parameter_sampler& s = samplers[p];
        s.value = base[p];
        const parameter& par = parameters[p];
        const uncertain_number spec = drawn_spec(par.spec, ranges);
        if (!spec.is_random() || (p < held_fixed.size() && held_fixed[p])) continue;
        drawn_dist[p] = spec.dist;
        if (!par.spec.is_random()) ++from_ranges;
        s.dist = marginal_distribution(spec, par.domain_low(), par.domain_high());
        s.location = s.dist.location();
        s.scale = s.dist.scale();
        s.low = s.dist.support_low();
        s.high = s.dist.support_high();
        switch (spec.dist) {
            case distribution::uniform:
                s.how = parameter_sampler::method::uniform;
                break;
            case distribution::triangular:
                s.how = parameter_sampler::method::triangular;
                s.mode = s.dist.shape_a();
                break;
            default:
                s.how = parameter_sampler::method::table;
                break;
        }
        is_random[p] = true;
        random.push_back(p);
    }
    // One table per distinct standardised shape, built in parallel (each takes thousands of
    // exact quantile evaluations).
    std::vector<std::pair<std::tuple<int, double, double>, const marginal_distribution*>> todo;
    for (std::size_t p : random) {
        parameter_sampler& s = samplers[p];
        if (s.how != parameter_sampler::method::table) continue;
        const auto key = table_key(static_cast<int>(drawn_dist[p]), s.dist);
        if (tables.try_emplace(key).second) todo.emplace_back(key, &s.dist);
    }
    {
        std::vector<std::unique_ptr<quantile_table>> built(todo.size());
        detail::parallel_for(todo.size(), threads, [&](std::size_t i, unsigned) {
            built[i] = std::make_unique<quantile_table>(*todo[i].second);
        });
        for (std::size_t i = 0; i < todo.size(); ++i)
            tables[todo[i].first] = std::move(built[i]);
    }
    for (std::size_t p : random) {
        parameter_sampler& s = samplers[p];
        if (s.how != parameter_sampler::method::table) continue;
        s.table = tables.at(table_key(static_cast<int>(drawn_dist[p]), s.dist)).get();
    }
    if (const auto rate = internals(e).discount_rate_parameter()) random_rate = is_random[*rate];
    outcome_owned.assign(parameters.size(), false);
    for (std::size_t p : random) {
        switch (parameters[p].kind) {
            case parameter_kind::outcome_quantity:
            case parameter_kind::outcome_proxy:
            case parameter_kind::outcome_deadweight:
            case parameter_kind::outcome_displacement:
            case parameter_kind::outcome_attribution:
            case parameter_kind::outcome_drop_off:
                outcome_owned[p] = true;
                break;
            default:
                break;
        }
    }

    const auto& table = internals(e).base_discount_factors().for_values;
    horner.resize(internals(e).outcomes().size());
    for (std::size_t o = 0; o < internals(e).outcomes().size(); ++o) {
        const compiled_outcome& c = internals(e).outcomes()[o];
        for (int t = c.last; t >= c.start; --t)
            horner[o].push_back(table[static_cast<std::size_t>(t)]);
    }

    if (!with_correlations) return;
    // Components of the correlation graph among sampled parameters; one Cholesky factor each.
    const model& m = e.model();
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, double>> pairs;
    for (const correlation& c : m.correlations) {
        const auto a = parameters.find(c.first);
        const auto b = parameters.find(c.second);
        if (!a || !b || !is_random[*a] || !is_random[*b] || c.rho == 0.0) continue;
        pairs.push_back({{*a, *b}, c.rho});
    }
    if (pairs.empty()) return;
    std::vector<std::size_t> component(parameters.size());
    for (std::size_t p = 0; p < component.size(); ++p)
        component[p] = p;
    auto find = [&](std::size_t x) {
        while (component[x] != x)
            x = component[x] = component[component[x]];
        return x;
    };
    for (const auto& [ab, rho] : pairs)
        component[find(ab.first)] = find(ab.second);
    std::map<std::size_t, std::vector<std::size_t>> members;
    for (const auto& [ab, rho] : pairs) {
        members[find(ab.first)];
        (void)rho;
    }
    for (std::size_t p = 0; p < parameters.size(); ++p) {
        if (is_random[p] && members.contains(find(p))) correlated.push_back(p);
    }
    for (std::size_t k = 0; k < correlated.size(); ++k) {
        members[find(correlated[k])].push_back(k);
        outcome_owned[correlated[k]] = false;
    }
    for (auto& [root, group] : members) {
        const auto n = static_cast<Eigen::Index>(group.size());
        Eigen::MatrixXd matrix = Eigen::MatrixXd::Identity(n, n);
        for (const auto& [ab, rho] : pairs) {
            if (find(ab.first) != root) continue;
            Eigen::Index i = 0;
            Eigen::Index j = 0;
            for (Eigen::Index k = 0; k < n; ++k) {
                if (correlated[group[static_cast<std::size_t>(k)]] == ab.first) i = k;
                if (correlated[group[static_cast<std::size_t>(k)]] == ab.second) j = k;
            }
            matrix(i, j) = matrix(j, i) = rho;
        }
        const Eigen::LLT<Eigen::MatrixXd> llt(matrix);
        const Eigen::MatrixXd lower = llt.matrixL();
        bool ok = llt.info() == Eigen::Success;
        for (Eigen::Index k = 0; ok && k < n; ++k)
            ok = lower(k, k) > 1e-10;
        if (!ok) {
            std::string names;
            for (std::size_t k : group)
                names += (names.empty() ? "" : ", ") + parameters[correlated[k]].path;
            throw model_error(m.locate("correlations"), "correlations",
                              fmt::format("the correlations among {} cannot hold together: their correlation "
                                          "matrix is not positive definite",
                                          names));
        }
        std::vector<double> factor(static_cast<std::size_t>(n * n));
        for (Eigen::Index i = 0; i < n; ++i) {
            for (Eigen::Index j = 0; j < n; ++j)
                factor[static_cast<std::size_t>(i * n + j)] = lower(i, j);
        }
        copula_groups.push_back(group);
        cholesky.push_back(std::move(factor));
    }
    // The copula needs the standard normal quantile of each correlated parameter's uniform.
    uncertain_number standard_normal(0.0);
    standard_normal.dist = distribution::normal;
    standard_normal.sd = 1.0;
    tables[std::tuple{-1, 0.0, 0.0}] =
        std::make_unique<quantile_table>(marginal_distribution(standard_normal));
}

block_scratch::block_scratch(const block_model& m)
    : values(m.samplers.size()), pv(granule), inputs(granule), tmp(granule), words(granule) {
    for (std::size_t p : m.random)
        values[p].resize(granule);
    if (m.random_rate)
        factors.assign(static_cast<std::size_t>(internals(*m.ev).last_discount_year()) + 1,
                       std::vector<double>(granule));
}

void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out) {
    philox_granule(first, static_cast<std::uint32_t>(p), stream, seed, s.words.data());
    transform_words(m.samplers[p], s.words.data(), out, best_simd());
}

void sample_parameter(const block_model& m, std::size_t p, std::uint64_t first, std::uint32_t stream,
                      std::uint64_t seed, block_scratch& s, double* out, tail_list& tails) {
    philox_granule(first, static_cast<std::uint32_t>(p), stream, seed, s.words.data());
    transform_words(m.samplers[p], s.words.data(), out, best_simd(), tails);
}

void sample_granule(const block_model& m, std::uint64_t first, std::uint32_t stream, std::uint64_t seed,
                    block_scratch& s, bool all) {
    for (std::size_t p : m.random) {
        if (m.outcome_owned[p] && !all) continue;
        if (std::binary_search(m.correlated.begin(), m.correlated.end(), p)) continue;
        sample_parameter(m, p, first, stream, seed, s, s.values[p].data());
    }
    if (m.copula_groups.empty()) return;
    // Gaussian copula: z = Φ^-1(u) (independent), z' = L z, x = F^-1(Φ(z')).
    const quantile_table& normal = *m.tables.at(std::tuple{-1, 0.0, 0.0});
    for (std::size_t g = 0; g < m.copula_groups.size(); ++g) {
        const auto& group = m.copula_groups[g];
        const std::size_t n = group.size();
        const double* lower = m.cholesky[g].data();
        std::vector<std::vector<double>> zs(n, std::vector<double>(granule));
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t p = m.correlated[group[k]];
            philox_granule(first, static_cast<std::uint32_t>(p), stream, seed, s.words.data());
            for (std::size_t d = 0; d < granule; ++d)
                zs[k][d] = normal(s.words[d]);
        }
        for (std::size_t k = 0; k < n; ++k) {
            const std::size_t p = m.correlated[group[k]];
            const parameter_sampler& sampler = m.samplers[p];
            for (std::size_t d = 0; d < granule; ++d) {
                double value = 0.0;
                for (std::size_t i = 0; i <= k; ++i)
                    value += lower[k * n + i] * zs[i][d];
                const double u = std::clamp(normal_cdf(value), 0x1.0p-53, 1.0 - 0x1.0p-53);
                if (sampler.how == parameter_sampler::method::table) {
                    // Through the same table as an independent parameter, u rounded to 32 bits like
                    // every other uniform (the exact inversion costs a microsecond for a beta).
                    const auto r = static_cast<std::uint32_t>(std::min(u * 0x1.0p32, 0x1.0p32 - 1.0));
                    s.values[p][d] =
                        std::clamp(std::fma(sampler.scale, (*sampler.table)(r), sampler.location),
                                   sampler.low, sampler.high);
                } else {
                    s.values[p][d] = sampler.dist.quantile(u);
                }
            }
        }
    }
}

void granule_factors(const block_model& m, const std::vector<double>& rate, std::size_t n, block_scratch& s) {
    for (std::size_t d = 0; d < n; ++d) {
        const double v = 1.0 / (1.0 + rate[d]);
        double f = 1.0;
        s.factors[0][d] = 1.0;
        for (std::size_t t = 1; t < s.factors.size(); ++t) {
            f *= v;
            s.factors[t][d] = f;
        }
    }
    (void)m;
}

}  // namespace sroi::detail
