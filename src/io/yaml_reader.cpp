#include "io/yaml_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "model/suggest.hpp"

namespace sroi::detail {

namespace {

/// Beyond this many errors in one file the rest are counted but not listed.
constexpr std::size_t max_listed_errors = 200;

/// Largest magnitude accepted for whole-number fields (years, durations, versions).
constexpr double max_whole_number = 1e9;

std::string quote_excerpt(std::string_view text) {
    constexpr std::size_t max_length = 40;
    std::string out = "'";
    out += printable(text.substr(0, max_length));  // never a raw escape sequence on a terminal
    if (text.size() > max_length) out += "...";
    out += "'";
    return out;
}

bool is_number_character(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

bool looks_non_finite(std::string_view text) {
    std::string lowered;
    for (char c : text) {
        if (c != '.' && c != '+' && c != '-')
            lowered += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return lowered == "nan" || lowered == "inf" || lowered == "infinity";
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> choices) {
    const std::string best = nearest(word, std::vector<std::string>(choices.begin(), choices.end()));
    return best.empty() ? std::string{} : " (did you mean '" + best + "'?)";
}

std::string join_choices(std::span<const std::string_view> choices) {
    std::string out;
    for (std::string_view c : choices) {
        if (!out.empty()) out += ", ";
        out += c;
    }
    return out;
}

}  // namespace

parsed_number parse_number(std::string_view text) {
    if (text.empty()) return {std::nullopt, "expected a number, got empty text"};
    std::string_view body = text;
    bool percent = false;
    if (body.back() == '%') {
        percent = true;
        body.remove_suffix(1);
        while (!body.empty() && body.back() == ' ')
            body.remove_suffix(1);
    }
    if (looks_non_finite(body)) return {std::nullopt, "expected a finite number, got " + quote_excerpt(text)};
    if (!body.empty() && body.front() == '+') {
        body.remove_prefix(1);
        if (!body.empty() && (body.front() == '+' || body.front() == '-')) body = {};
    }
    if (body.empty()) return {std::nullopt, "expected a number, got " + quote_excerpt(text)};
    if (!std::all_of(body.begin(), body.end(), is_number_character)) {
        return {std::nullopt, "expected a number, got " + quote_excerpt(text)};
    }
    double value = 0.0;
    const char* const end = body.data() + body.size();
    const auto [stop, status] = std::from_chars(body.data(), end, value, std::chars_format::general);
    if (status == std::errc::result_out_of_range) {
        return {std::nullopt, quote_excerpt(text) + " is out of the range of a double-precision number"};
    }
    if (status != std::errc{} || stop != end)
        return {std::nullopt, "expected a number, got " + quote_excerpt(text)};
    if (percent) value /= 100.0;
    if (!std::isfinite(value)) return {std::nullopt, "expected a finite number, got " + quote_excerpt(text)};
    return {value, {}};
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const auto continuation = [&](std::size_t i) { return i < text.size() && (byte(i) & 0xC0U) == 0x80U; };
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned char lead = byte(i);
        std::size_t length = 0;
        unsigned char low = 0x80;   // allowed range of the second byte (rules out overlong forms,
        unsigned char high = 0xBF;  // surrogates and code points above U+10FFFF)
        if (lead < 0x80U) {
            ++i;
            continue;
        }
        if (lead >= 0xC2U && lead <= 0xDFU) {
            length = 2;
        } else if (lead >= 0xE0U && lead <= 0xEFU) {
            length = 3;
            if (lead == 0xE0U) low = 0xA0;
            if (lead == 0xEDU) high = 0x9F;
        } else if (lead >= 0xF0U && lead <= 0xF4U) {
            length = 4;
            if (lead == 0xF0U) low = 0x90;
            if (lead == 0xF4U) high = 0x8F;
        } else {
            return i;
        }
        if (i + 1 >= text.size() || byte(i + 1) < low || byte(i + 1) > high) return i;
        for (std::size_t k = 2; k < length; ++k) {
            if (!continuation(i + k)) return i;
        }
        i += length;
    }
    return std::nullopt;
}

source_location position_of(std::string_view text, std::size_t offset, const std::string& file) {
    const std::string_view before = text.substr(0, offset);
    const std::size_t last_newline = before.rfind('\n');
    const std::size_t column = last_newline == std::string_view::npos ? offset : offset - last_newline - 1;
    return {file, static_cast<int>(std::count(before.begin(), before.end(), '\n') + 1),
            static_cast<int>(column + 1)};
}

const mapping_entry* mapping::entry(std::string_view key) const {
    for (const mapping_entry& e : entries) {
        if (e.key == key) return &e;
    }
    return nullptr;
}

std::string mapping::path_of(std::string_view key) const {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string element_path(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::string describe(const yaml_node& node) {
    if (node.IsScalar()) return quote_excerpt(node.Scalar());
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping";
    return "nothing";
}

yaml_reader::yaml_reader(std::string file, std::vector<diagnostic>& diagnostics, source_map& locations)
    : file_(std::move(file)),
      diagnostics_(diagnostics),
      locations_(locations),
      file_id_(locations.file_id(file_)) {}

source_location yaml_reader::where(const yaml_node& node) const {
    const auto place = node.place();
    if (!place) return {file_, 0, 0};
    return {file_, place->first + 1, place->second + 1};
}

void yaml_reader::error(const yaml_node& node, const std::string& path, std::string message) {
    // An empty value has no place of its own (the parser marks where the value would start): use its key's.
    if (node.IsNull()) {
        if (std::optional<source_location> recorded = locations_.find(path)) {
            error_at(std::move(*recorded), path, std::move(message));
            return;
        }
    }
    error_at(where(node), path, std::move(message));
}

void yaml_reader::error_at(source_location location, const std::string& path, std::string message) {
    ++errors_;
    if (errors_ <= max_listed_errors) {
        diagnostics_.push_back({severity::error, std::move(location), path, std::move(message)});
    } else if (errors_ == max_listed_errors + 1) {
        diagnostics_.push_back({severity::error, {file_, 0, 0}, {}, std::string(too_many_errors)});
    }
}

bool yaml_reader::spend(const yaml_node& node, const std::string& path, std::size_t cost) {
    if (exhausted_) return false;
    if (cost <= budget_) {
        budget_ -= cost;
        return true;
    }
    exhausted_ = true;
    error(node, path,
          fmt::format("the file's content, with its YAML aliases expanded, is more than {} bytes (twice "
                      "the file's size plus 1 MiB); aliases this heavy are refused",
                      budget_limit_));
    return false;
}

void yaml_reader::record(const std::string& path, const yaml_node& node) {
    const auto place = node.place();
    if (!place) {
        locations_.insert_or_assign(path, file_id_, 0, 0);
        return;
    }
    locations_.insert_or_assign(path, file_id_, place->first + 1, place->second + 1);
}

void yaml_reader::record(const std::string& path, const source_location& location) {
    locations_.insert_or_assign(path, location);
}

std::optional<mapping> yaml_reader::read_mapping(const yaml_node& node, const std::string& path,
                                                 std::span<const std::string_view> allowed,
                                                 bool null_is_empty) {
    return read_mapping_impl(node, path, &allowed, null_is_empty);
}

std::optional<mapping> yaml_reader::read_open_mapping(const yaml_node& node, const std::string& path) {
    return read_mapping_impl(node, path, nullptr, true);
}

std::optional<mapping> yaml_reader::read_mapping_impl(const yaml_node& node, const std::string& path,
                                                      const std::span<const std::string_view>* allowed,
                                                      bool null_is_empty) {
    mapping result{path, node, {}};
    if (exhausted_) return std::nullopt;
    if (node.IsNull() && null_is_empty) return result;
    if (!node.IsMap()) {
        error(node, path, "expected a mapping, got " + describe(node));
        return std::nullopt;
    }
    const std::size_t pairs = node.size();
    // Keys seen so far, for large mappings (looking through the entries is faster for small ones).
    constexpr std::size_t indexed_from = 16;
    std::unordered_map<std::string_view, std::size_t> seen;
    if (pairs > indexed_from) seen.reserve(pairs);
    result.entries.reserve(std::min(pairs, indexed_from));
    for (std::size_t i = 0; i < pairs; ++i) {
        const yaml_node key_node = node.key(i);
        const yaml_node value = node.value(i);
        if (!spend(key_node, path, 1 + (key_node.IsScalar() ? key_node.Scalar().size() : 0)))
            return std::nullopt;
        if (!key_node.IsScalar()) {
            error(key_node, path, "keys must be plain text, got " + describe(key_node));
            continue;
        }
        const std::string_view key = key_node.Scalar();
        std::string key_path = result.path_of(key);
        if (allowed != nullptr && std::find(allowed->begin(), allowed->end(), key) == allowed->end()) {
            std::string hint = did_you_mean(key, *allowed);
            if (!key.empty() && key.size() <= 3 &&
                key.find_first_not_of("0123456789") == std::string_view::npos) {
                // `amount: 50,000` in a flow mapping: the comma ends the value and `000` reads as a key.
                hint =
                    "; this looks like the rest of a number written with a thousands separator (50,000): "
                    "write numbers without separators, e.g. 50000";
            }
            if (hint.empty()) hint = "; expected one of: " + join_choices(*allowed);
            error(key_node, key_path, "unknown key " + quote_excerpt(key) + hint);
            continue;
        }
        const mapping_entry* first = nullptr;
        if (pairs > indexed_from) {
            if (const auto found = seen.find(key); found != seen.end())
                first = &result.entries[found->second];
        } else {
            const auto found = std::find_if(result.entries.begin(), result.entries.end(),
                                            [&](const mapping_entry& e) { return e.key == key; });
            if (found != result.entries.end()) first = &*found;
        }
        if (first != nullptr) {
            error(
                key_node, key_path,
                fmt::format("duplicate key '{}' (first given at line {})", key, where(first->key_node).line));
            continue;
        }
        record(key_path, value.IsNull() ? key_node : value);
        if (pairs > indexed_from) seen.emplace(key, result.entries.size());
        result.entries.push_back({std::string(key), key_node, value, std::move(key_path)});
    }
    return result;
}

std::vector<yaml_node> yaml_reader::read_sequence(const yaml_node& node, const std::string& path) {
    std::vector<yaml_node> elements;
    if (exhausted_ || node.IsNull()) return elements;
    if (!node.IsSequence()) {
        error(node, path, "expected a list, got " + describe(node));
        return elements;
    }
    // Checked before anything is allocated for the elements.
    if (node.size() > max_elements_) {
        error(node, path,
              fmt::format("a list of {} entries is more than the limit of {} "
                          "(load_options::max_list_entries, and at most one entry per 32 KiB of memory)",
                          node.size(), max_elements_));
        return elements;
    }
    elements.reserve(node.size());
    for (std::size_t i = 0; i < node.size(); ++i) {
        const yaml_node element = node.element(i);
        if (!spend(element, path, 1)) return {};
        record(element_path(path, elements.size()), element);
        elements.push_back(element);
    }
    return elements;
}

bool yaml_reader::is_text_scalar(const yaml_node& node, const std::string& path, std::string_view expected) {
    if (node.IsScalar()) return spend(node, path, 1 + node.Scalar().size());
    if (exhausted_) return false;
    error(node, path, fmt::format("expected {}, got {}", expected, describe(node)));
    return false;
}

std::optional<std::string> yaml_reader::read_text(const yaml_node& node, const std::string& path) {
    if (exhausted_) return std::nullopt;
    if (node.IsNull()) return std::string{};
    if (!is_text_scalar(node, path, "text")) return std::nullopt;
    return std::string(node.Scalar());
}

namespace {

/// True when the number at `path` is a share or a rate, the only numbers "%" may be written on: the
/// key itself, or the key of the uncertain number whose value, low, high or sd it is.
bool percent_allowed(std::string_view path) {
    const auto strip_index = [](std::string_view s) {
        while (!s.empty() && s.back() == ']') {
            const std::size_t open = s.rfind('[');
            if (open == std::string_view::npos) break;
            s = s.substr(0, open);
        }
        return s;
    };
    const auto last_key = [&](std::string_view& s) {
        s = strip_index(s);
        const std::size_t dot = s.rfind('.');
        const std::string_view key = dot == std::string_view::npos ? s : s.substr(dot + 1);
        s = dot == std::string_view::npos ? std::string_view() : s.substr(0, dot);
        return key;
    };
    std::string_view rest = path;
    std::string_view key = last_key(rest);
    if (key == "value" || key == "low" || key == "high" || key == "sd") key = last_key(rest);
    static constexpr std::string_view shares[] = {"deadweight",  "displacement", "attribution",
                                                  "drop_off",    "rate",         "rates",
                                                  "local_share", "respend_share"};
    return std::find(std::begin(shares), std::end(shares), key) != std::end(shares);
}

}  // namespace

std::optional<double> yaml_reader::read_number(const yaml_node& node, const std::string& path) {
    if (!is_text_scalar(node, path, "a number")) return std::nullopt;
    const std::string_view text = node.Scalar();
    // A tag (`!!str 5`, `!!int "5"`) would make the text something other than what it reads as.
    if (const std::string tag = node.tag(); !tag.empty()) {
        error(node, path,
              fmt::format("expected a number, got {} with the YAML tag '{}' (write numbers plainly, "
                          "without tags or quotes)",
                          quote_excerpt(text), tag));
        return std::nullopt;
    }
    // Quoted scalars have the non-specific tag "!": only percent strings may be quoted.
    if (node.quoted() && (text.empty() || text.back() != '%')) {
        error(node, path,
              "expected a number, got the quoted string " + quote_excerpt(text) +
                  " (write numbers without quotes; only percentages such as \"25%\" may be quoted)");
        return std::nullopt;
    }
    if (!text.empty() && text.back() == '%' && !percent_allowed(path)) {
        error(node, path,
              fmt::format("{}: a percentage is accepted only on shares and rates (deadweight, displacement, "
                          "attribution, drop_off, discount rates, local_share, respend_share); write this "
                          "number itself",
                          quote_excerpt(text)));
        return std::nullopt;
    }
    parsed_number parsed = parse_number(text);
    if (!parsed.value) error(node, path, std::move(parsed.problem));
    return parsed.value;
}

std::optional<int> yaml_reader::read_integer(const yaml_node& node, const std::string& path) {
    if (node.IsScalar() && !node.Scalar().empty() && node.Scalar().back() == '%') {
        error(node, path, "must be a whole number, got " + quote_excerpt(node.Scalar()));
        return std::nullopt;
    }
    const std::optional<double> number = read_number(node, path);
    if (!number) return std::nullopt;
    if (std::trunc(*number) != *number) {
        error(node, path, fmt::format("must be a whole number, got {}", *number));
        return std::nullopt;
    }
    if (std::fabs(*number) > max_whole_number) {
        error(node, path, fmt::format("{} is too large for a whole-number field", *number));
        return std::nullopt;
    }
    return static_cast<int>(*number);
}

bool yaml_reader::require(const mapping& fields, std::string_view key) {
    if (fields.has(key)) return true;
    error(fields.node, fields.path_of(key), fmt::format("missing required key '{}'", key));
    return false;
}

std::optional<std::string> yaml_reader::read_choice(const yaml_node& node, const std::string& path,
                                                    std::span<const std::string_view> choices) {
    if (!is_text_scalar(node, path, "one of: " + join_choices(choices))) return std::nullopt;
    const std::string_view text = node.Scalar();
    if (std::find(choices.begin(), choices.end(), text) != choices.end()) return std::string(text);
    error(node, path,
          fmt::format("{} is not one of: {}{}", quote_excerpt(text), join_choices(choices),
                      did_you_mean(text, choices)));
    return std::nullopt;
}

namespace {

/// The keys of an uncertain number written as a mapping (or among a proxy's keys).
constexpr auto uncertain_fields = make_fields<uncertain_number>({
    {"value", member<&uncertain_number::value>, presence::required},
    {"low", member<&uncertain_number::low>},
    {"high", member<&uncertain_number::high>},
    {"dist", member<&uncertain_number::dist>},
    {"sd", member<&uncertain_number::sd>},
});

}  // namespace

std::optional<uncertain_number> yaml_reader::read_uncertain(const yaml_node& node, const std::string& path) {
    if (!node.IsMap()) {
        const std::optional<double> value = read_number(node, path);
        if (!value) return std::nullopt;
        return uncertain_number(*value);
    }
    const std::optional<mapping> fields = read_mapping(node, path, uncertain_fields.keys);
    if (!fields) return std::nullopt;
    return read_uncertain_fields(*fields);
}

std::optional<uncertain_number> yaml_reader::read_uncertain_fields(const mapping& fields) {
    uncertain_number result;
    if (!read_fields(*this, fields, uncertain_fields, result)) return std::nullopt;
    return result;
}

namespace {

/// Stores a value read into `target`, which keeps its value when none could be read.
template <class T>
bool store(std::optional<T> value, T& target) {
    if (value) target = std::move(*value);
    return value.has_value();
}

/// Stores a value read into an optional member, which is set (to `unread`) even when the value
/// cannot be read, so that later checks see the key given.
template <class T>
bool store(std::optional<T> value, std::optional<T>& target, T unread) {
    const bool read = value.has_value();
    target = read ? std::move(*value) : std::move(unread);
    return read;
}

}  // namespace

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, std::string& target) {
    return store(reader.read_text(node, path), target);
}

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, int& target) {
    return store(reader.read_integer(node, path), target);
}

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path, double& target) {
    return store(reader.read_number(node, path), target);
}

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                uncertain_number& target) {
    return store(reader.read_uncertain(node, path), target);
}

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                std::optional<int>& target) {
    target = reader.read_integer(node, path);
    return target.has_value();
}

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                std::optional<double>& target) {
    return store(reader.read_number(node, path), target, 0.0);
}

bool read_value(yaml_reader& reader, const yaml_node& node, const std::string& path,
                std::optional<uncertain_number>& target) {
    return store(reader.read_uncertain(node, path), target, uncertain_number{});
}

}  // namespace sroi::detail
