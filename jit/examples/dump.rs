//! Prints the CLIF (before and after optimisation) and the assembly listing of every
//! function in a text-form IR file: `cargo run -p numjit-jit --example dump -- FILE.nj
//! [--no-boundscheck] [--checked-int]` (lifted loops are compiled with `--checked-int`).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: dump FILE.nj [--no-boundscheck] [--checked-int]");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(path).expect("readable file");
    let opts = numjit_jit::Options {
        inspect: true,
        boundscheck: !args.iter().any(|a| a == "--no-boundscheck"),
        checked_int: args.iter().any(|a| a == "--checked-int"),
        ..Default::default()
    };
    let code = match numjit_jit::compile_text(&src, &opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for name in code.names() {
        println!(
            "==== {name}: CLIF as generated\n{}",
            code.clif_before(name).unwrap_or("")
        );
        println!(
            "==== {name}: CLIF optimised\n{}",
            code.clif_after(name).unwrap_or("")
        );
        println!("==== {name}: assembly\n{}", code.asm(name).unwrap_or(""));
    }
}
