// Philox4x32-10 (see simulation_philox.hpp): the reference block for tests and the granule
// generator, written as plain loops over 64 counters that the target clones vectorise.
#include "engine/simulation_philox.hpp"

namespace sroi::detail {

namespace {

constexpr std::uint32_t philox_m0 = 0xD2511F53U;
constexpr std::uint32_t philox_m1 = 0xCD9E8D57U;
constexpr std::uint32_t philox_w0 = 0x9E3779B9U;
constexpr std::uint32_t philox_w1 = 0xBB67AE85U;
constexpr std::size_t quads = granule / 4;

}  // namespace

std::array<std::uint32_t, 4> philox_block(std::array<std::uint32_t, 4> c,
                                          std::array<std::uint32_t, 2> key) noexcept {
    std::uint32_t k0 = key[0];
    std::uint32_t k1 = key[1];
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += philox_w0;
            k1 += philox_w1;
        }
        const std::uint64_t p0 = std::uint64_t{philox_m0} * c[0];
        const std::uint64_t p1 = std::uint64_t{philox_m1} * c[2];
        c = {static_cast<std::uint32_t>(p1 >> 32) ^ c[1] ^ k0, static_cast<std::uint32_t>(p1),
             static_cast<std::uint32_t>(p0 >> 32) ^ c[3] ^ k1, static_cast<std::uint32_t>(p0)};
    }
    return c;
}

namespace {

// The cloned body sits behind philox_granule() with a caller in this file: clang 14 emits a
// target_clones function's ifunc only for a translation unit that calls it, and philox_granule's
// callers are all in other files since the engine was split (they then ran the AVX-512 clone on
// any processor, SIGILL without AVX-512). sum_of_units() in simulation.cpp is the same pattern.
SROI_TARGET_CLONES void philox_granule_clones(std::uint64_t first, std::uint32_t parameter,
                                              std::uint32_t stream, std::uint64_t seed,
                                              std::uint32_t* out) noexcept {
    // Lane i of the granule holds counter q0 + i; its four words are draws i, i + 64, i + 128, i + 192.
    alignas(64) std::uint32_t c0[quads];
    alignas(64) std::uint32_t c1[quads];
    alignas(64) std::uint32_t c2[quads];
    alignas(64) std::uint32_t c3[quads];
    const std::uint64_t q0 = first / granule * quads;
    for (std::size_t i = 0; i < quads; ++i) {
        c0[i] = static_cast<std::uint32_t>(q0 + i);
        c1[i] = static_cast<std::uint32_t>((q0 + i) >> 32);
        c2[i] = parameter;
        c3[i] = stream;
    }
    std::uint32_t k0 = static_cast<std::uint32_t>(seed);
    std::uint32_t k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += philox_w0;
            k1 += philox_w1;
        }
        for (std::size_t i = 0; i < quads; ++i) {
            const std::uint64_t p0 = std::uint64_t{philox_m0} * c0[i];
            const std::uint64_t p1 = std::uint64_t{philox_m1} * c2[i];
            const auto n0 = static_cast<std::uint32_t>(p1 >> 32) ^ c1[i] ^ k0;
            const auto n2 = static_cast<std::uint32_t>(p0 >> 32) ^ c3[i] ^ k1;
            c1[i] = static_cast<std::uint32_t>(p1);
            c3[i] = static_cast<std::uint32_t>(p0);
            c0[i] = n0;
            c2[i] = n2;
        }
    }
    for (std::size_t i = 0; i < quads; ++i) {
        out[i] = c0[i];
        out[quads + i] = c1[i];
        out[2 * quads + i] = c2[i];
        out[3 * quads + i] = c3[i];
    }
}

}  // namespace

void philox_granule(std::uint64_t first, std::uint32_t parameter, std::uint32_t stream, std::uint64_t seed,
                    std::uint32_t* out) noexcept {
    philox_granule_clones(first, parameter, stream, seed, out);
}

}  // namespace sroi::detail
