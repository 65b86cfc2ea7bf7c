//! What a Rust host writes on day one: compile the default handbook, ask it a question.

fn main() {
    match wuye::Engine::with_default_handbook() {
        Ok(engine) => println!("{}", engine.request(r#"{"op": "calendar.day", "date": "2025-01-26"}"#)),
        Err(e) => eprintln!("{e}"),
    }
}
