//! Benchmarks of the workflow pillar (divan): `cargo bench -p wuye --bench workflow`.

fn main() {
    divan::main();
}
