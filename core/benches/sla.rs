//! Benchmarks of the sla pillar (divan): `cargo bench -p wuye --bench sla`.

fn main() {
    divan::main();
}
