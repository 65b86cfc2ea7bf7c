//! Timing: contenders of one comparison run in interleaved rounds inside one process, and each reports the median
//! of its per-round throughput — so a noisy neighbour slows every contender alike and the ratios hold.
//!
//! Time is the thread's CPU time (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`, nanoseconds on the CPU) where the OS
//! offers it, else wall time: on a shared 2-core machine with a load of 10+, wall time mostly measures the queue.
//! (`/proc/thread-self/schedstat`, used at first, only advances at scheduler ticks — ~4 ms here — which made a
//! 25 ms round ±16 %.)

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Rounds per contender (odd, so the median is one round).
const ROUNDS: usize = 15;

/// One side of a comparison: `pass` runs the workload once over its inputs, `ops` operations in all.
pub struct Contender<'a> {
    pub name: String,
    pub ops: usize,
    pub pass: Box<dyn FnMut() -> u64 + 'a>,
}

impl<'a> Contender<'a> {
    pub fn new(name: impl Into<String>, ops: usize, pass: impl FnMut() -> u64 + 'a) -> Self {
        Contender {
            name: name.into(),
            ops,
            pass: Box::new(pass),
        }
    }
}

/// How long one round of one contender lasts.
pub fn round_length(quick: bool) -> Duration {
    Duration::from_millis(if quick { 4 } else { 25 })
}

/// A clock that advances only while this thread runs (falls back to wall time).
pub struct CpuClock {
    wall: Instant,
}

impl CpuClock {
    pub fn start() -> CpuClock {
        CpuClock { wall: Instant::now() }
    }

    /// Nanoseconds this thread has spent on a CPU, if the OS says.
    fn cpu_ns() -> Option<u64> {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `clock_gettime` writes one `timespec`, which we own, and reads nothing else.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        let (s, ns) = (u64::try_from(ts.tv_sec).ok()?, u64::try_from(ts.tv_nsec).ok()?);
        (rc == 0).then_some(s * 1_000_000_000 + ns)
    }

    /// Times `f` in seconds of CPU time (wall time where unavailable).
    pub fn time(f: impl FnOnce()) -> f64 {
        let (c0, w) = (Self::cpu_ns(), Self::start());
        f();
        let wall = w.wall.elapsed().as_secs_f64();
        match (c0, Self::cpu_ns()) {
            (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
            _ => wall,
        }
    }

    /// Whether CPU time is available (reported with the table).
    pub fn is_cpu_time() -> bool {
        Self::cpu_ns().is_some()
    }
}

/// Median operations per second of each contender, interleaved round by round.
pub fn compare(contenders: &mut [Contender], round: Duration) -> Vec<f64> {
    // Calibrate: how many passes fill a round (at least one).
    let reps: Vec<u32> = contenders
        .iter_mut()
        .map(|c| {
            let t = Instant::now();
            black_box((c.pass)());
            let one = t.elapsed().max(Duration::from_nanos(50));
            (round.as_nanos() / one.as_nanos()).clamp(1, 1_000_000) as u32
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(ROUNDS); contenders.len()];
    for _ in 0..ROUNDS {
        for (i, c) in contenders.iter_mut().enumerate() {
            let secs = CpuClock::time(|| {
                for _ in 0..reps[i] {
                    black_box((c.pass)());
                }
            });
            samples[i].push(c.ops as f64 * f64::from(reps[i]) / secs);
        }
    }
    samples.into_iter().map(median).collect()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Times one call of `f` (for single large jobs such as a bill run), median of `n` runs, in seconds.
pub fn time_once<T>(n: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut v: Vec<f64> = (0..n)
        .map(|_| {
            CpuClock::time(|| {
                black_box(f());
            })
        })
        .collect();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
