// A small deterministic random source for the synthetic city: splitmix64,
// with our own range helpers, because std::uniform_int_distribution gives
// different numbers on different standard libraries. Same seed, same city,
// on any machine.
#ifndef TOOLS_BENCH_RNG_H_
#define TOOLS_BENCH_RNG_H_

#include <cstdint>

namespace ledger_bench {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  // A stream of its own for item `index` of a run seeded with `seed`: the
  // city does not change when employers are generated in another order.
  static Rng For(uint64_t seed, uint64_t index) {
    Rng mixer(seed ^ (index * 0xd1b54a32d192ed03ULL));
    return Rng(mixer.Next());
  }

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi] (the modulo bias is far below anything we measure).
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  // True with probability per_10000 / 10000.
  bool Chance(int64_t per_10000) { return Between(0, 9999) < per_10000; }
  // Index into cumulative weights `cumulative[0..n)` (the last one is the total).
  template <size_t N>
  int Pick(const int (&cumulative)[N]) {
    const int64_t draw = Between(0, cumulative[N - 1] - 1);
    for (size_t i = 0; i < N; ++i) {
      if (draw < cumulative[i]) return static_cast<int>(i);
    }
    return static_cast<int>(N - 1);
  }

 private:
  uint64_t state_;
};

}  // namespace ledger_bench

#endif  // TOOLS_BENCH_RNG_H_
