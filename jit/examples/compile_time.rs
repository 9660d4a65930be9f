//! Compile latency of a text-form IR file (`numjit --emit=ir` prints one):
//! `cargo run --release -p numjit-jit --example compile_time -- FILE.nj [N] [--checked-int]
//! [--passes] [--warm=A.nj,B.nj] [--no-boundscheck] [--opt-none]`.
//! Prints the first compile of the process, which also builds the ISA, faults in Cranelift's
//! code and grows the allocator (dot: about 0.9 ms against 0.25 ms later), and the median of
//! the N compiles after it (default 50); `--passes` adds Cranelift's time per pass, summed
//! over those N compiles (register allocation was 60% of nbody's nest). With `perf record`
//! around it, it shows where Cranelift spends the time on one function.
use numjit_jit::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: compile_time FILE.nj [N] [--checked-int] [--passes]");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(path).expect("readable file");
    let n: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50)
        .max(1);
    let opts = Options {
        checked_int: args.iter().any(|a| a == "--checked-int"),
        boundscheck: !args.iter().any(|a| a == "--no-boundscheck"),
        opt_level: if args.iter().any(|a| a == "--opt-none") {
            OptLevel::None
        } else {
            OptLevel::Speed
        },
        ..Options::default()
    };
    // `--warm=A.nj,B.nj`: compile these first, as the VM's worker does at start-up, so that
    // "first" shows what a warm-up leaves for the first real compile.
    for w in args.iter().filter_map(|a| a.strip_prefix("--warm=")) {
        for f in w.split(',') {
            let src = std::fs::read_to_string(f).expect("readable warm-up file");
            let t = Instant::now();
            drop(compile_text(&src, &opts).expect("warm-up compiles"));
            println!("warm-up {f}: {:?}", t.elapsed());
        }
    }
    let mut times = Vec::new();
    for k in 0..=n {
        let t = Instant::now();
        let code = compile_text(&src, &opts).expect("compiles");
        times.push(t.elapsed());
        drop(code);
        if k == 0 {
            // Pass times are per thread and cumulative: start after the first compile.
            let _ = cranelift_codegen::timing::take_current();
        }
    }
    if args.iter().any(|a| a == "--passes") {
        println!("{}", cranelift_codegen::timing::take_current());
    }
    let first = times.remove(0);
    times.sort();
    println!(
        "first: {first:?}; median of the next {n}: {:?}",
        times[n / 2]
    );
}
