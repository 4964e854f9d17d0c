//! Records the compiler and the profile the benchmark binary is built with, so that the report can
//! state its conditions.

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .unwrap_or_default();
    println!("cargo:rustc-env=BENCH_RUSTC={}", version.trim());
    for var in ["PROFILE", "OPT_LEVEL", "DEBUG", "TARGET"] {
        let v = std::env::var(var).unwrap_or_default();
        println!("cargo:rustc-env=BENCH_{var}={v}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
