//! Replays the shared vectors in `tests/vectors/` against the core; the C and JS bindings replay the same files.

use std::path::{Path, PathBuf};

/// One vector: where it is, what it shows, the request line and the expected response line.
struct Vector {
    file: PathBuf,
    line: usize,
    description: String,
    request: String,
    response: String,
}

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files
}

fn read_vectors(file: &Path) -> Vec<Vector> {
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

#[test]
fn every_vector_gets_its_exact_response() {
    let engine = wuye::Engine::with_default_handbook().expect("default handbook compiles");
    let update = std::env::var_os("WUYE_UPDATE_VECTORS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in vector_files() {
        let vectors = read_vectors(&file);
        let mut rewritten = String::new();
        for v in &vectors {
            count += 1;
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
        }
        if update {
            std::fs::write(&file, rewritten.trim_end().to_string() + "\n").expect("writable vector file");
        }
    }
    assert!(count > 0, "no vectors found");
    if !update {
        assert!(
            failures.is_empty(),
            "{} of {count} vectors differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
