//! A small seeded generator (splitmix64). Its numbers depend on the seed
//! alone, on every platform and in every release, which is what makes the
//! same seed write the same files.

pub struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream of one part of the output (units, registry, roster), so
    /// that a part's data does not change when another part draws more or
    /// fewer numbers.
    pub fn stream(seed: u64, part: &str) -> Rng {
        let mut state = mix(seed ^ GOLDEN);
        for byte in part.bytes() {
            state = mix(state ^ u64::from(byte));
        }
        Rng(state)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// A number in `0..n` (Lemire's multiply-shift; its bias is far below
    /// anything this data could show).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) * (1.0 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// One of a list of words (`pick` with the type spelled out, for
    /// where a `&str` is expected).
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.index(words.len())]
    }

    /// One of `items`, each as likely as its weight.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut at = self.below(total);
        for (item, weight) in items {
            if at < u64::from(*weight) {
                return item;
            }
            at -= u64::from(*weight);
        }
        &items[items.len() - 1].0
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }
}

/// Draws indices in proportion to fixed weights, by binary search over
/// their running sums: for picking among tens of thousands of units.
pub struct Weights {
    running: Vec<u64>,
}

impl Weights {
    pub fn new(weights: impl IntoIterator<Item = u64>) -> Weights {
        let mut total = 0;
        let running = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weights { running }
    }

    pub fn draw(&self, rng: &mut Rng) -> usize {
        let total = *self.running.last().expect("weights of at least one item");
        let at = rng.below(total);
        self.running.partition_point(|&sum| sum <= at)
    }
}
