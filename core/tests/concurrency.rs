//! Determinism under concurrency: one engine shared by several threads answers every vector with exactly the
//! bytes a single thread gets. Bounded: a fixed number of threads and rounds, no timing assertions.

mod support;

use std::sync::Arc;

const THREADS: usize = 4;
const ROUNDS: usize = 3;

#[test]
fn one_engine_shared_across_threads_gives_identical_bytes() {
    let engine = Arc::new(wuye::Engine::with_default_handbook().expect("default handbook compiles"));
    let mut requests: Vec<String> = support::read_all("tests/vectors")
        .into_iter()
        .map(|v| v.request)
        .collect();
    requests.extend(support::read_all("tests/bad-inputs").into_iter().map(|v| v.request));
    let expected: Vec<String> = requests.iter().map(|r| engine.request(r)).collect();
    let requests = Arc::new(requests);
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let (engine, requests) = (Arc::clone(&engine), Arc::clone(&requests));
            std::thread::spawn(move || {
                let mut answers = Vec::new();
                for round in 0..ROUNDS {
                    // Each thread walks the requests in its own order, so different requests overlap.
                    let n = requests.len();
                    let mut round_answers = vec![String::new(); n];
                    for k in 0..n {
                        let k = if (t + round) % 2 == 1 { n - 1 - k } else { k };
                        let i = (k + t * n / THREADS) % n;
                        round_answers[i] = engine.request(&requests[i]);
                    }
                    answers.push(round_answers);
                }
                answers
            })
        })
        .collect();
    for h in handles {
        for round in h.join().expect("no thread panicked") {
            assert_eq!(round, expected);
        }
    }
}

#[test]
fn two_engines_from_the_same_handbook_answer_alike() {
    let a = wuye::Engine::with_default_handbook().expect("compiles");
    let text = wuye::handbook::default_document().to_string();
    let b = wuye::Engine::from_json(&text).expect("compiles from text");
    for v in support::read_all("tests/vectors") {
        assert_eq!(a.request(&v.request), b.request(&v.request), "{}", v.description);
    }
}
