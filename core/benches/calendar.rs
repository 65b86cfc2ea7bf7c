//! Benchmarks of the calendar pillar (divan): `cargo bench -p wuye --bench calendar`.

fn main() {
    divan::main();
}
