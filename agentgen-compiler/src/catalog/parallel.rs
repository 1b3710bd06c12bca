//! The catalog's one way to do a job per item on every core: rayon with the `parallel` feature
//! (the CLI's), one item after another without it (the proc macro's). Results come back in the
//! items' order either way, so what is collected from them is deterministic.

/// `f` of each of `items` with its index, in the items' order: on every core with the `parallel`
/// feature (rayon), one after another without it. The result is the same either way, so what
/// is collected from it (files, diagnostics) comes out in the same order.
pub(super) fn par_map<T, U, F>(items: &[T], f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(usize, &T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items
            .par_iter()
            .enumerate()
            .map(|(i, item)| f(i, item))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| f(i, item))
            .collect()
    }
}

/// [`par_map`] over mutable items: `f` of each of `items` with its index, which may change the
/// item; the results in the items' order.
pub(super) fn par_map_mut<T, U, F>(items: &mut [T], f: F) -> Vec<U>
where
    T: Send,
    U: Send,
    F: Fn(usize, &mut T) -> U + Sync + Send,
{
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items
            .par_iter_mut()
            .enumerate()
            .map(|(i, item)| f(i, item))
            .collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items
            .iter_mut()
            .enumerate()
            .map(|(i, item)| f(i, item))
            .collect()
    }
}

/// `a()` and `b()`, at the same time with the `parallel` feature (rayon's `join`: each may use
/// every core), one after the other without it.
pub(super) fn par_join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}
