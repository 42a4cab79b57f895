//! The `briefing` command: all the work is in the library.

/// mimalloc rather than the system allocator: layout allocates per word
/// and per glyph. Measured whole builds, glibc malloc -> mimalloc: 100
/// pages 0.44 s, 86 MB -> 0.29 s, 77 MB; 1,000 pages 4.5 s, 735 MB ->
/// 3.2 s, 588 MB; the sample about the same (17 -> 18 MB). Transparent huge
/// pages are off (`no_thp`): with them peak memory grew by a third.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    briefing::cli::main()
}
