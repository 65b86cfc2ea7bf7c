//! The three-line vector format shared by `tests/vectors/` and `tests/bad-inputs/` (see tests/vectors/README.md),
//! read and replayed here once for every Rust test that uses it.
#![allow(dead_code)] // each test binary uses part of it

use std::path::{Path, PathBuf};

/// One vector: where it is, what it shows, the request line and the expected response line.
pub struct Vector {
    pub file: PathBuf,
    pub line: usize,
    pub description: String,
    pub request: String,
    pub response: String,
}

/// The `*.jsonl` files of a folder given relative to the repository root, sorted.
pub fn vector_files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

/// The vectors of one file.
pub fn read_vectors(file: &Path) -> Vec<Vector> {
    let text = std::fs::read_to_string(file).expect("readable vector file");
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    assert_eq!(lines.len() % 3, 0, "{}: vectors come in three lines", file.display());
    lines
        .chunks(3)
        .map(|c| {
            let description = c[0].1.strip_prefix("# ").unwrap_or_else(|| {
                panic!(
                    "{}:{}: a vector starts with a `# description` line",
                    file.display(),
                    c[0].0
                )
            });
            Vector {
                file: file.to_path_buf(),
                line: c[0].0,
                description: description.to_string(),
                request: c[1].1.to_string(),
                response: c[2].1.to_string(),
            }
        })
        .collect()
}

/// Replays every vector of `folder` on `engine`, byte for byte, and returns them with their actual answers.
///
/// With `WUYE_UPDATE_VECTORS` set, rewrites the response lines instead of comparing (then read the diff).
pub fn replay(engine: &wuye::Engine, folder: &str) -> Vec<(Vector, String)> {
    let update = std::env::var_os("WUYE_UPDATE_VECTORS").is_some();
    let mut failures = Vec::new();
    let mut all = Vec::new();
    for file in vector_files(folder) {
        let mut rewritten = String::new();
        for v in read_vectors(&file) {
            let actual = engine.request(&v.request);
            if actual != v.response {
                failures.push(format!(
                    "{}:{} {}\n  expected {}\n  actual   {}",
                    v.file.display(),
                    v.line,
                    v.description,
                    v.response,
                    actual
                ));
            }
            rewritten.push_str(&format!("# {}\n{}\n{}\n\n", v.description, v.request, actual));
            all.push((v, actual));
        }
        if update {
            std::fs::write(&file, rewritten.trim_end().to_string() + "\n").expect("writable vector file");
        }
    }
    assert!(!all.is_empty(), "no vectors found in {folder}");
    if !update {
        assert!(
            failures.is_empty(),
            "{} of {} vectors differ:\n{}",
            failures.len(),
            all.len(),
            failures.join("\n")
        );
    }
    all
}

/// Every vector of every file in `folder`.
pub fn read_all(folder: &str) -> Vec<Vector> {
    vector_files(folder).iter().flat_map(|f| read_vectors(f)).collect()
}
