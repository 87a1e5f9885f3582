//! The `etiquette` binary: parse the arguments, run, map the outcome to an
//! exit code (0 clean, 1 findings at error severity, 2 could not run).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Fails only if the pool was built already: it then stays as it is.
    let _ = rayon::ThreadPoolBuilder::new()
        .start_handler(|_| reserve_heap())
        .build_global();
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("etiquette: error: {error:#}");
            }
            ExitCode::from(2)
        }
    }
}

/// Makes a worker thread's malloc heap grow once instead of a page at a
/// time. glibc grows a thread's heap by what each allocation needs, with an
/// `mprotect` each time, and those calls contend for the memory map with
/// the other thread's page faults: 3,400 of them in a one-locale run of the
/// Firefox tree, about a tenth of its time. A block above glibc's mmap
/// threshold, mapped and unmapped, raises the threshold to its size and the
/// trim threshold to twice that; a block under it then grows the heap in
/// one call, and stays writable when it is freed (13 `mprotect` calls in
/// all). Neither block is written, so neither costs memory; with another
/// allocator they are two allocations.
fn reserve_heap() {
    drop(std::hint::black_box(Vec::<u8>::with_capacity(31 << 20)));
    drop(std::hint::black_box(Vec::<u8>::with_capacity(24 << 20)));
}
