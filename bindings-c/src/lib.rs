//! C API placeholder: filled by the C-binding issue.

/// The library version, as in Cargo.toml.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_matches_the_workspace() {
        assert_eq!(super::version(), "0.1.0");
    }
}
