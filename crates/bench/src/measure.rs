//! Timing helpers: repeat a closure under a time budget and summarise the samples as percentiles.

use std::time::{Duration, Instant};

/// Samples of one measurement, in seconds, sorted.
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn new(mut v: Vec<f64>) -> Samples {
        v.sort_by(f64::total_cmp);
        Samples(v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Nearest-rank percentile, `p` in 0..=100.
    pub fn pct(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let rank = ((p / 100.0) * self.0.len() as f64).ceil() as usize;
        self.0[rank.clamp(1, self.0.len()) - 1]
    }

    pub fn median(&self) -> f64 {
        self.pct(50.0)
    }

    pub fn extend(&mut self, other: &Samples) {
        self.0.extend_from_slice(&other.0);
        self.0.sort_by(f64::total_cmp);
    }
}

/// Runs `f` at least `min` (and at least once) and at most `max` times, stopping early once
/// `budget` is spent; returns the samples and the last result.
pub fn repeat<T>(
    min: usize,
    max: usize,
    budget: Duration,
    mut f: impl FnMut() -> T,
) -> (Samples, T) {
    let started = Instant::now();
    let mut v = Vec::new();
    loop {
        let t = Instant::now();
        let out = std::hint::black_box(f());
        v.push(t.elapsed().as_secs_f64());
        if v.len() >= max || (v.len() >= min.max(1) && started.elapsed() >= budget) {
            return (Samples::new(v), out);
        }
    }
}

/// Seconds as a short human figure: µs, ms or s.
pub fn fmt(secs: f64) -> String {
    if secs.is_nan() {
        "–".into()
    } else if secs < 1e-3 {
        format!("{:.1} µs", secs * 1e6)
    } else if secs < 1.0 {
        format!("{:.2} ms", secs * 1e3)
    } else {
        format!("{secs:.2} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let s = Samples::new((1..=100).rev().map(f64::from).collect());
        assert_eq!(s.pct(50.0), 50.0);
        assert_eq!(s.pct(95.0), 95.0);
        assert_eq!(s.pct(0.0), 1.0);
        assert_eq!(s.pct(100.0), 100.0);
    }
}
