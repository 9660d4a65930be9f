//! The `numjit` command.

fn main() {
    std::process::exit(numjit::cli::main_entry());
}
