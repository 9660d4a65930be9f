//! The command line, with `python`'s conventions: `numjit FILE [args]`, `-c CODE`, the REPL,
//! `--dis`, `--version`, `-h`; exit status 0, 1 on an uncaught exception, 2 on usage errors.

use std::io::IsTerminal;
use std::rc::Rc;

use crate::compiler::Mode;
use crate::runtime::dict::PyDict;
use crate::runtime::objects::Module;
use crate::runtime::value::Value;
use crate::vm::{PyErr, Vm};

pub const VERSION: &str = concat!(
    "numjit ",
    env!("CARGO_PKG_VERSION"),
    " (Python 3.11 compatible)"
);

const USAGE: &str = "usage: numjit [option] ... [-c cmd | file | -] [arg] ...
Options:
  -c cmd          program passed in as string (terminates option list)
  -h, --help      print this help message and exit
  -V, --version   print the version and exit
  -B              don't write __pycache__ bytecode caches
  --dis           print the bytecode of FILE (and every nested code object), don't run it
  --jit=on|off    JIT for @jit/@njit functions and hot functions (default on)
  --jit-threshold=N  calls before an unannotated function is compiled (default 1000)
  --jit-sync      compile hot loops on the interpreter's thread, waiting (default: in the
                  background while the loop keeps running interpreted)
  --jit-wait      compile hot loops in the background, the interpreter waiting for them (the
                  default on a machine without a core to spare)
  --jit-cache=DIR|off  keep compiled machine code in DIR across runs (default
                  $NUMJIT_CACHE_DIR, else $XDG_CACHE_HOME/numjit or ~/.cache/numjit)
  --stats         print JIT statistics on stderr at exit
  --emit=types|ir|clif|asm  print each function's types, numjit IR, CLIF or assembly as it
                  compiles
  --compare       run FILE with the JIT off, then on; compare outputs and timings
  file            program read from script file
  -               program read from stdin (default; interactive mode if a tty)
  arg ...         arguments passed to program in sys.argv[1:]
";

/// Parsed command line.
#[derive(Default, Debug)]
pub struct Options {
    pub command: Option<String>,
    pub file: Option<String>,
    pub args: Vec<String>,
    pub dis: bool,
    pub no_bytecode: bool,
    pub jit: crate::jit_bridge::CliOptions,
}

pub enum Parsed {
    Run(Options),
    Exit(i32),
}

pub fn parse_args(argv: &[String]) -> Parsed {
    let mut o = Options::default();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        match a.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return Parsed::Exit(0);
            }
            "-V" | "--version" => {
                println!("{VERSION}");
                return Parsed::Exit(0);
            }
            "-B" => o.no_bytecode = true,
            "--dis" => o.dis = true,
            "-c" => {
                let Some(cmd) = argv.get(i + 1) else {
                    eprintln!("Argument expected for the -c option\n{USAGE}");
                    return Parsed::Exit(2);
                };
                o.command = Some(cmd.clone());
                o.args = argv[i + 2..].to_vec();
                return Parsed::Run(o);
            }
            "-" => {
                o.args = argv[i + 1..].to_vec();
                return Parsed::Run(o);
            }
            s if s.starts_with("--jit")
                || s.starts_with("--stats")
                || s.starts_with("--emit")
                || s == "--compare" =>
            {
                if let Err(m) = o.jit.parse(s) {
                    eprintln!("{m}\n{USAGE}");
                    return Parsed::Exit(2);
                }
            }
            s if s.starts_with('-') && s.len() > 1 => {
                eprintln!("Unknown option: {s}\n{USAGE}");
                return Parsed::Exit(2);
            }
            _ => {
                o.file = Some(a.clone());
                o.args = argv[i + 1..].to_vec();
                return Parsed::Run(o);
            }
        }
        i += 1;
    }
    Parsed::Run(o)
}

/// Entry point used by `main`: runs on a thread with a large stack so that deep Python
/// recursion ends in RecursionError rather than a native stack overflow.
pub fn main_entry() -> i32 {
    let argv: Vec<String> = std::env::args().collect();
    let opts = match parse_args(&argv) {
        Parsed::Run(o) => o,
        Parsed::Exit(c) => return c,
    };
    let handle = std::thread::Builder::new()
        .stack_size(crate::vm::INTERP_STACK_BYTES)
        .spawn(move || run(opts));
    match handle {
        Ok(h) => h.join().unwrap_or(70),
        Err(_) => run_failed(),
    }
}

fn run_failed() -> i32 {
    eprintln!("numjit: could not start the interpreter thread");
    70
}

fn main_module(vm: &mut Vm, file: &str) -> Rc<PyDict> {
    let dict = Rc::new(PyDict::new());
    dict.set_by_str("__name__", Value::str("__main__"));
    dict.set_by_str("__doc__", Value::None);
    dict.set_by_str("__package__", Value::None);
    dict.set_by_str(
        "__builtins__",
        Value::Module(Rc::new(Module {
            name: "builtins".into(),
            dict: vm.builtins.clone(),
        })),
    );
    if !file.is_empty() {
        dict.set_by_str("__file__", Value::str(file));
    }
    let m = Value::Module(Rc::new(Module {
        name: "__main__".into(),
        dict: dict.clone(),
    }));
    vm.modules.set_by_str("__main__", m);
    dict
}

fn setup_path(vm: &mut Vm, first: &str) {
    let mut path = vec![Value::str(first)];
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        for p in pp.split(':').filter(|p| !p.is_empty()) {
            path.push(Value::str(p));
        }
    }
    if let Value::List(l) = &vm.sys_path {
        *l.items.borrow_mut() = path;
    }
}

fn run(o: Options) -> i32 {
    let mut argv0 = vec![];
    if let Some(f) = &o.file {
        argv0.push(f.clone());
    } else if o.command.is_some() {
        argv0.push("-c".into());
    } else {
        argv0.push(String::new());
    }
    argv0.extend(o.args.iter().cloned());
    if o.jit.compare {
        if let Some(file) = &o.file {
            return crate::jit_bridge::compare::run(file, &o.args, &o.jit);
        }
    }
    let mut vm = Vm::new(argv0);
    // Native recursion may use up to 1 GiB of the interpreter thread's stack (see
    // `INTERP_STACK_BYTES`); beyond it compiled code raises RecursionError.
    numjit_jit::set_stack_budget(1 << 30);
    o.jit.apply(&mut vm);
    vm.write_bytecode = !o.no_bytecode && std::env::var_os("PYTHONDONTWRITEBYTECODE").is_none();
    install_sigint(&vm);

    if let Some(cmd) = &o.command {
        setup_path(&mut vm, "");
        let globals = main_module(&mut vm, "");
        return run_source(&mut vm, cmd, "<string>", globals);
    }
    match &o.file {
        Some(file) => {
            let source = match std::fs::read(file) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => {
                    let exe = std::env::args().next().unwrap_or_else(|| "numjit".into());
                    let errno = e.raw_os_error().unwrap_or(2);
                    eprintln!(
                        "{exe}: can't open file '{file}': [Errno {errno}] {}",
                        io_error_text(&e)
                    );
                    return 2;
                }
            };
            if o.dis {
                return match crate::compiler::compile(&source, file, Mode::Exec) {
                    Ok(code) => {
                        print!("{}", crate::compiler::dis::disassemble(&code));
                        0
                    }
                    Err(e) => {
                        eprint!("{}", e.render());
                        1
                    }
                };
            }
            let dir = std::path::Path::new(file)
                .parent()
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default();
            let abs_dir = if dir.is_empty() {
                std::env::current_dir()
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or_default()
            } else {
                std::fs::canonicalize(&dir)
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or(dir)
            };
            setup_path(&mut vm, &abs_dir);
            // CPython makes the script's path absolute (`__file__`, tracebacks); argv[0] stays.
            let abs = std::path::absolute(file)
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_else(|_| file.clone());
            let globals = main_module(&mut vm, &abs);
            run_source(&mut vm, &source, &abs, globals)
        }
        None => {
            setup_path(&mut vm, "");
            let globals = main_module(&mut vm, "");
            if std::io::stdin().is_terminal() {
                crate::cli_repl::repl(&mut vm, globals)
            } else {
                let mut src = String::new();
                let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut src);
                run_source(&mut vm, &src, "<stdin>", globals)
            }
        }
    }
}

fn io_error_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// Compiles and runs source as `__main__`; returns the process exit status.
pub fn run_source(vm: &mut Vm, source: &str, filename: &str, globals: Rc<PyDict>) -> i32 {
    vm.sources.insert(filename.into(), source.into());
    let compiled =
        crate::compiler::compile_keeping_ast(source, filename, Mode::Exec, vm.jit.enabled);
    let code = match compiled {
        Ok((c, ast)) => {
            if let Some(ast) = ast {
                crate::jit_bridge::keep_parsed(vm, filename, ast);
            }
            c
        }
        Err(e) => {
            vm.flush_stdout();
            eprint!("{}", e.render());
            return 1;
        }
    };
    let code = vm.load_code(&code);
    crate::jit_bridge::before_run(vm, &code.code);
    let r = vm.run_code(&code, globals.clone(), Some(globals), &[]);
    let status = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, &e),
    };
    vm.flush_stdout();
    // Entries of code compiled since the worker last wrote them (here, or lazily).
    numjit_jit::cache::flush();
    if vm.jit.stats {
        eprint!("{}", crate::jit_bridge::stats_report(vm));
    }
    status
}

/// SystemExit → its code; anything else → traceback on stderr and status 1.
pub fn handle_uncaught(vm: &mut Vm, e: &PyErr) -> i32 {
    if vm.exc_matches(e, "SystemExit") {
        let args = e.0.exc.as_ref().map(|d| d.borrow().args.clone());
        let code = match args {
            Some(Value::Tuple(t)) if t.items.len() == 1 => t.items[0].clone(),
            Some(Value::Tuple(t)) if t.items.is_empty() => Value::None,
            Some(t) => t,
            None => Value::None,
        };
        vm.flush_stdout();
        return match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                let s = vm.str_of(&other).unwrap_or_default();
                eprintln!("{s}");
                1
            }
        };
    }
    vm.print_exception(e);
    if vm.exc_matches(e, "KeyboardInterrupt") {
        return 130;
    }
    1
}

fn install_sigint(vm: &Vm) {
    let flag = vm.interrupt;
    let _ = ctrlc::set_handler(move || {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
    });
}
