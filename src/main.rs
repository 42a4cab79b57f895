//! The `briefing` command: all the work is in the library.

fn main() -> std::process::ExitCode {
    briefing::cli::main()
}
