//! Embed the dashboard's basemap when the npm packages are installed
//! (`npm ci --prefix crates/server/dashboard`): world-atlas's country outlines (Natural
//! Earth, public domain). Without them the dashboard draws the map without outlines.
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let src = dir.join("dashboard/node_modules/world-atlas/countries-50m.json");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("countries.json");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=dashboard/node_modules/world-atlas");
    let data = std::fs::read(&src).unwrap_or_else(|_| b"null".to_vec());
    std::fs::write(out, data).unwrap();
}
