//! Writes a generated briefing of about N pages to standard output, for
//! timing whole builds (`scripts/bench.sh`) or trying the program on long
//! content.
//!
//! `cargo run --release --example gen_briefing -- 100 > long.toml`

#[path = "../benches/support/gen.rs"]
mod gen;

fn main() {
    let mut args = std::env::args().skip(1);
    let pages: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    print!("{}", gen::briefing(pages, seed));
}
