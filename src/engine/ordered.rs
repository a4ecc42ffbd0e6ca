//! Work done in parallel and taken in input order, through a window of bounded size: a
//! worker claims the next item only while fewer than `window` items are claimed and not yet
//! taken, and otherwise waits, so a slow item holds back at most `window` results rather
//! than letting finished ones pile up without end. The lock is held only to claim an item
//! or to hand over a result, never while the work is done.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// How a run through the window went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WindowStats {
    /// The most items claimed and not yet taken at any moment: never above the window.
    pub peak_held: usize,
    /// Items whose result was taken.
    pub taken: usize,
}

/// What the workers and the taker share, under one lock.
struct State<R> {
    /// The next item to claim.
    next: usize,
    /// Items taken so far; `slots[0]` is item `taken`'s.
    taken: usize,
    /// Results of the claimed items not yet taken, by position from `taken`.
    slots: VecDeque<Option<R>>,
    /// Set when the taker gives up or a worker panicked: no more claims.
    stop: bool,
    /// Workers still running.
    workers: usize,
    peak_held: usize,
}

struct Shared<R> {
    state: Mutex<State<R>>,
    /// Signalled when the window moves on (or the run stops).
    room: Condvar,
    /// Signalled when the result the taker waits for may have come.
    ready: Condvar,
}

impl<R> Shared<R> {
    fn lock(&self) -> MutexGuard<'_, State<R>> {
        // The state is changed only in small steps that leave it whole.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs `work` on every item of `items` on `threads` threads and hands each result to
/// `take`, with its item, in input order, on the calling thread, with at most `window` items claimed and
/// not yet taken. When `take` fails, no further item is claimed, the workers finish what
/// they hold, and the error is returned. A panic in `work` ends the run and is passed on.
pub fn run<T: Sync, R: Send, E>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(&T, R) -> Result<(), E>,
) -> Result<WindowStats, E> {
    let window = window.max(1);
    let threads = threads.clamp(1, items.len().max(1));
    let shared = Shared {
        state: Mutex::new(State {
            next: 0,
            taken: 0,
            slots: VecDeque::with_capacity(window),
            stop: false,
            workers: threads,
            peak_held: 0,
        }),
        room: Condvar::new(),
        ready: Condvar::new(),
    };
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| worker(&shared, items, window, &work));
        }
        let outcome = take_all(&shared, items, &mut take);
        let mut st = shared.lock();
        st.stop = true;
        shared.room.notify_all();
        let stats = WindowStats {
            peak_held: st.peak_held,
            taken: st.taken,
        };
        drop(st);
        outcome.map(|()| stats)
    })
}

/// Claims items while the window has room and puts their results in their slots.
fn worker<T, R>(shared: &Shared<R>, items: &[T], window: usize, work: &(impl Fn(&T) -> R + Sync)) {
    // Counts this worker out however it ends, a panic included, so the taker never waits
    // for a result no one is making.
    struct Out<'a, R>(&'a Shared<R>);
    impl<R> Drop for Out<'_, R> {
        fn drop(&mut self) {
            let mut st = self.0.lock();
            st.workers -= 1;
            if std::thread::panicking() {
                st.stop = true;
            }
            self.0.ready.notify_one();
            self.0.room.notify_all();
        }
    }
    let _out = Out(shared);
    loop {
        let mut st = shared.lock();
        while !st.stop && st.next < items.len() && st.next >= st.taken + window {
            st = shared.room.wait(st).unwrap_or_else(PoisonError::into_inner);
        }
        if st.stop || st.next >= items.len() {
            return;
        }
        let i = st.next;
        st.next += 1;
        st.slots.push_back(None);
        st.peak_held = st.peak_held.max(st.next - st.taken);
        drop(st);
        let r = work(&items[i]);
        let mut st = shared.lock();
        let at = i - st.taken;
        st.slots[at] = Some(r);
        if at == 0 {
            shared.ready.notify_one();
        }
    }
}

/// Takes the results in input order as they come.
fn take_all<T, R, E>(
    shared: &Shared<R>,
    items: &[T],
    take: &mut impl FnMut(&T, R) -> Result<(), E>,
) -> Result<(), E> {
    for item in items {
        let mut st = shared.lock();
        let r = loop {
            if let Some(r) = st.slots.front_mut().and_then(Option::take) {
                break r;
            }
            if st.stop || st.workers == 0 {
                // A worker panicked: the scope passes its panic on.
                return Ok(());
            }
            st = shared
                .ready
                .wait(st)
                .unwrap_or_else(PoisonError::into_inner);
        };
        drop(st);
        // The item keeps its place in the window until it is taken, so what `take` holds
        // counts too.
        let done = take(item, r);
        let mut st = shared.lock();
        st.slots.pop_front();
        st.taken += 1;
        shared.room.notify_one();
        drop(st);
        done?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A result that counts how many of its kind are alive at once.
    struct Held<'a> {
        n: usize,
        live: &'a AtomicUsize,
    }

    impl<'a> Held<'a> {
        fn new(n: usize, live: &'a AtomicUsize, peak: &'a AtomicUsize) -> Held<'a> {
            let now = live.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            Held { n, live }
        }
    }

    impl Drop for Held<'_> {
        fn drop(&mut self) {
            self.live.fetch_sub(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn results_come_in_order_and_never_more_than_the_window_is_held() {
        let items: Vec<usize> = (0..300).collect();
        for (threads, window) in [(1, 1), (2, 3), (4, 4), (8, 5)] {
            let (live, peak) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let mut seen = Vec::new();
            let stats = run(
                &items,
                threads,
                window,
                |&i| {
                    let held = Held::new(i, &live, &peak);
                    // Uneven work, so later items often finish before earlier ones.
                    let spin = (i * 7919) % 13 * 2000;
                    std::hint::black_box((0..spin).sum::<usize>());
                    held
                },
                |_, h: Held| {
                    seen.push(h.n);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(seen, items, "{threads} threads");
            assert!(stats.peak_held <= window, "{stats:?} > {window}");
            assert!(peak.load(Ordering::SeqCst) <= window);
            assert_eq!(stats.taken, items.len());
        }
    }

    #[test]
    fn a_failed_take_stops_the_claims() {
        let items: Vec<usize> = (0..1000).collect();
        let claimed = AtomicUsize::new(0);
        let r = run(
            &items,
            2,
            4,
            |&i| {
                claimed.fetch_add(1, Ordering::SeqCst);
                i
            },
            |_, i| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(r, Err(10));
        // Item 10 was taken with at most a window's worth claimed beyond it.
        assert!(claimed.load(Ordering::SeqCst) <= 11 + 4, "{claimed:?}");
    }

    #[test]
    fn no_items_is_no_work() {
        let stats = run(&[] as &[u8], 2, 4, |_| (), |_, ()| Ok::<(), ()>(())).unwrap();
        assert_eq!(stats, WindowStats::default());
    }
}
