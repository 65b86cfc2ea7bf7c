//! `cargo run --release -p wuye-bench [--features engines] -- [FILTER] [--quick]`: wuye and its peers, one table.

fn main() {
    std::process::exit(wuye_bench::main_with_args(std::env::args().skip(1)));
}
