//! Replays the shared vectors in `tests/vectors/` against the core; the C and JS bindings replay the same files.

mod support;

#[test]
fn every_vector_gets_its_exact_response() {
    let engine = wuye::Engine::with_default_handbook().expect("default handbook compiles");
    support::replay(&engine, "tests/vectors");
}
