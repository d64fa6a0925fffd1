// Rebuild when the default theme changes: `almanac init` embeds it in the binary.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
