//! `cargo bench -p wuye-bench [--features engines]`: the same table as `cargo run --release -p wuye-bench`.

fn main() {
    std::process::exit(wuye_bench::main_with_args(
        std::env::args().skip(1).filter(|a| a != "--bench"),
    ));
}
