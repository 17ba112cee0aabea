/// @file proxy_catalogue.hpp
/// @brief Listing and searching proxy libraries (`sroi proxies`), with values re-based to a
/// chosen price year.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <sroi/model/error.hpp>
#include <sroi/model/model.hpp>

namespace sroi {

/// What to list.
struct catalogue_options {
    /// Words that must all appear (case-insensitively) in a proxy's id, description, unit,
    /// method, source or licence; empty lists every proxy.
    std::vector<std::string> search;
    /// Price year to re-base values to; empty for none.
    std::optional<int> price_year;
    /// Id of the price index used to re-base; empty: the only index the libraries hold.
    std::string index;
};

/// One proxy of the listing.
struct catalogue_entry {
    sroi::proxy proxy;              ///< the proxy as its library gives it (`library` names the file)
    std::optional<double> rebased;  ///< value in `price_year` prices (when asked and possible)
    std::string problem;            ///< why it could not be re-based (empty when it was, or not asked)
};

/// The proxies that matched, in library order.
struct proxy_catalogue {
    std::vector<catalogue_entry> entries;  ///< matching proxies
    std::optional<int> price_year;         ///< price year values were re-based to
    std::string index;                     ///< index used to re-base (empty when not re-basing)
    std::vector<std::string> libraries;    ///< files listed
    std::vector<std::string> search;       ///< the search words

    /// True when every value asked to be re-based was re-based.
    [[nodiscard]] bool complete() const noexcept;
};

/// Lists the proxies of `libraries` that match `options.search`, re-basing each value to
/// `options.price_year` with `index[price_year] / index[proxy price year]`.
///
/// Throws evaluation_error `proxies.index` when re-basing is asked and the index is unknown or
/// cannot be chosen (several indices and no `index` given), and `proxies.price_year` when the
/// index has no value for `price_year`. A proxy whose own price year is missing from the index,
/// or which has none, gets a `problem` instead of a re-based value.
[[nodiscard]] proxy_catalogue list_proxies(std::span<const library> libraries,
                                           const catalogue_options& options);

}  // namespace sroi
