//! Sorting for the core and the app through one shared routine. Each call site of the standard
//! library's `sort_by` or `sort_by_key` compiles its own copy of the sort (with them the app's
//! wasm is 83 kB larger, 23 kB gzip: BENCHMARKS.md), while these compile one sort of indices
//! behind a `dyn` comparison and a few bytes per element type to move the elements. The text
//! engine's sorts and the big sorts of reuse detection keep the standard library's: they are hot.

use std::cmp::Ordering;

/// Sorts `v` stably by `compare`: the order `slice::sort_by` gives.
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(v, order);
}

/// Sorts `v` stably by a key computed once per element: the order `slice::sort_by_key` and
/// `slice::sort_by_cached_key` give.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = sorted_indices(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, order);
}

/// Sorts `v` in ascending order (stably, which also serves where any order of equals would do).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `compare` puts them, equals in their first order. Not
/// inlined, so that every caller shares this one instance of the standard library's sort.
#[inline(never)]
#[allow(clippy::disallowed_methods)] // The one instance everything else shares.
fn sorted_indices(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `v` so that position `i` holds the element that was at `order[i]`, by following
/// each cycle of the permutation with swaps: no clone, no extra buffer of `T`.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut at = start;
        // A position whose entry points at itself is done (or was never moved).
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            // `v[at]` holds the element that started at `start`; `v[from]` is still untouched.
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Checked against the standard library's sort.
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Compared with `slice::sort_by` itself on purpose, not with its `sort_by_key` form.
        #[allow(clippy::unnecessary_sort_by)]
        #[test]
        fn sort_by_is_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sort_by_key_is_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn sort_orders_strings(v in proptest::collection::vec(".{0,6}", 0..100)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort(&mut ours);
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn key_is_computed_once_per_element() {
        let mut calls = 0;
        let mut v = vec![3, 1, 2, 5, 4, 0];
        sort_by_key(&mut v, |&x| {
            calls += 1;
            x
        });
        assert_eq!(v, [0, 1, 2, 3, 4, 5]);
        assert_eq!(calls, 6);
    }
}
