// A small deterministic random source for synthetic data.
//
// std::uniform_int_distribution and friends are implementation-defined, so the same seed
// could give different data with another standard library. SplitMix64 with our own
// bounded draw gives the same bytes everywhere, which keeps sample images reproducible.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace izshi::synth {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound); rejection sampling avoids the modulo bias.
    std::uint64_t below(std::uint64_t bound) {
        if (bound <= 1) return 0;
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
        std::uint64_t x;
        do x = next();
        while (x >= limit);
        return x % bound;
    }

    int between(int low, int high) {  // inclusive
        return low + static_cast<int>(below(static_cast<std::uint64_t>(high - low) + 1));
    }

    bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }

    char digit() { return static_cast<char>('0' + below(10)); }

    template <typename T>
    const T& pick(std::span<const T> items) {
        return items[below(items.size())];
    }

private:
    std::uint64_t state_;
};

}  // namespace izshi::synth
