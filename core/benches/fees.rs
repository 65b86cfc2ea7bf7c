//! Benchmarks of the fees pillar (divan): `cargo bench -p wuye --bench fees`.

fn main() {
    divan::main();
}
