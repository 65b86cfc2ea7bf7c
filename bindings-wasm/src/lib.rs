//! WebAssembly binding of wuye: a thin shell that passes protocol JSON text to the core and back.
//!
//! No rule and no arithmetic live here. The JS wrapper (`bindings-wasm/js/wuye.js`) adds the `Engine` class,
//! typed methods and the `WuyeError` class on top of the two calls below; see bindings-wasm/README.md.
#![forbid(unsafe_code)]

use serde_json::json;
use wasm_bindgen::prelude::*;

/// A compiled handbook (规则引擎) held by JavaScript. The JS `Engine` class wraps it.
#[wasm_bindgen]
pub struct RawEngine {
    inner: wuye::Engine,
}

#[wasm_bindgen]
impl RawEngine {
    /// Compiles `handbook` (JSON text), or the embedded default handbook when it is absent.
    ///
    /// Throws a JSON string `{"error": {code, message, path}, "problems": [...]}` listing every handbook problem.
    #[wasm_bindgen(constructor)]
    pub fn new(handbook: Option<String>) -> Result<RawEngine, JsValue> {
        compile(handbook.as_deref())
            .map(|inner| RawEngine { inner })
            .map_err(|e| JsValue::from_str(&e))
    }

    /// Answers protocol JSON text (one request or a batch) with the canonical response text. Never throws.
    pub fn request(&self, json: &str) -> String {
        self.inner.request(json)
    }

    /// The handbook's `name` as written in the document.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().0.to_string()
    }

    /// The handbook's `version` as written in the document.
    #[wasm_bindgen(getter, js_name = handbookVersion)]
    pub fn handbook_version(&self) -> String {
        self.inner.name().1.to_string()
    }
}

/// The embedded default handbook as pretty JSON text: a starting point to edit.
#[wasm_bindgen(js_name = defaultHandbook)]
pub fn default_handbook() -> String {
    serde_json::to_string_pretty(&wuye::handbook::default_document()).unwrap_or_default()
}

/// The version of the wuye library inside this module.
#[wasm_bindgen(js_name = libraryVersion)]
pub fn library_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Compiles a handbook; on failure, the error JSON the JS side turns into a `WuyeError`.
pub fn compile(handbook: Option<&str>) -> Result<wuye::Engine, String> {
    let compiled = match handbook {
        None => wuye::Engine::with_default_handbook(),
        Some(text) => wuye::Engine::from_json(text),
    };
    compiled.map_err(|e| {
        let first =
            e.0.first()
                .cloned()
                .unwrap_or_else(|| wuye::Problem::new("handbook.invalid", e.to_string()));
        json!({ "error": first, "problems": e.0 }).to_string()
    })
}
