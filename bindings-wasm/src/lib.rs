//! WebAssembly binding placeholder: filled by the WASM issue.

/// Answers protocol requests with the default handbook.
pub fn request(json: &str) -> String {
    match wuye::Engine::with_default_handbook() {
        Ok(engine) => engine.request(json),
        Err(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passes_requests_through() {
        assert!(super::request("{}").contains("request.missing_field"));
    }
}
