//! Order-preserving parallel map over a slice: file reads and parses are
//! independent, and a batch should use every core. It runs on rayon's pool
//! of the calling thread: the global pool for blocking callers, the Node
//! binding's own pool for its async jobs.

use rayon::prelude::*;

/// Below this many items, handing work to other threads costs more than it saves.
const MIN_PARALLEL: usize = 4;

/// `items.iter().map(f)`, in parallel, results in input order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < MIN_PARALLEL {
        return items.iter().map(f).collect();
    }
    items.par_iter().map(f).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(super::map(&items, |i| i * 2), (0..1000).map(|i| i * 2).collect::<Vec<_>>());
    }
}
