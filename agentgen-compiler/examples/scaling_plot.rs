//! Reads criterion's results of the `throughput` bench and prints the table of BENCHMARKS.md;
//! with `--svg <file>` it also draws time against number of agents (log–log), agentgen beside
//! the `include_str!` floor, as a small dependency-free SVG.
//!
//! ```sh
//! cargo bench -p agentgen-compiler --bench throughput
//! cargo run -p agentgen-compiler --example scaling_plot -- --svg docs/scaling.svg
//! ```
//!
//! Figures are criterion's medians (`new/estimates.json` under `target/criterion`, or
//! `$CARGO_TARGET_DIR/criterion`). Missing results are shown as `–` and left out of the plot.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// One measured benchmark: median time in nanoseconds and bytes processed per iteration.
#[derive(Debug, Clone, Copy)]
struct Measured {
    nanos: f64,
    bytes: f64,
}

fn criterion_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("criterion"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion"),
    }
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// `<criterion>/<group>/<function>[/<parameter>]/new/`.
fn measured(group: &str, function: &str, parameter: Option<usize>) -> Option<Measured> {
    let mut dir = criterion_dir().join(group).join(function);
    if let Some(parameter) = parameter {
        dir = dir.join(parameter.to_string());
    }
    let dir = dir.join("new");
    let estimates = read_json(&dir.join("estimates.json"))?;
    let nanos = estimates.get("median")?.get("point_estimate")?.as_f64()?;
    let benchmark = read_json(&dir.join("benchmark.json"))?;
    let bytes = benchmark
        .get("throughput")
        .and_then(|t| t.get("Bytes"))
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    Some(Measured { nanos, bytes })
}

fn ms(m: Option<Measured>) -> String {
    m.map_or("–".to_owned(), |m| format!("{:.2} ms", m.nanos / 1e6))
}

fn ratio(a: Option<Measured>, b: Option<Measured>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if b.nanos > 0.0 => format!("{:.2}×", a.nanos / b.nanos),
        _ => "–".to_owned(),
    }
}

fn row(out: &mut String, label: &str, agents: usize, group: &str, parameter: Option<usize>) {
    let agentgen = measured(group, "agentgen", parameter);
    let floor = measured(group, "floor", parameter);
    let embed = measured(group, "floor_embed", parameter);
    let build_rs = measured(group, "build_rs", parameter);
    let (per_agent, throughput, size) = match agentgen {
        Some(m) => (
            format!("{:.1} µs", m.nanos / 1e3 / agents as f64),
            format!("{:.1}", m.bytes / 1e6 / (m.nanos / 1e9)),
            format!("{:.2}", m.bytes / 1e6),
        ),
        None => ("–".into(), "–".into(), "–".into()),
    };
    let _ = writeln!(
        out,
        "| {label} | {agents} | {size} | {} | {per_agent} | {throughput} | {} | {} | {} | {} |",
        ms(agentgen),
        ms(floor),
        ratio(agentgen, floor),
        if embed.is_some() {
            format!("{} ({})", ms(embed), ratio(agentgen, embed))
        } else {
            "–".into()
        },
        ms(build_rs),
    );
}

const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

fn table() -> String {
    let mut out = String::new();
    out.push_str("| catalog | agents | MB | agentgen (read + validate + generate) | per agent | MB/s | floor (`include_str!`) | ratio to floor | floor with embedded text (ratio) | build.rs path (+ prettyplease) |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    row(&mut out, "bundled `agents/`", 11, "bundled", None);
    row(&mut out, "shared corpus", 697, "corpus", None);
    for agents in SIZES {
        row(&mut out, "synthetic", agents, "scaling", Some(agents));
    }
    out
}

/// One line of the chart: bench function, colour, (agents, milliseconds) points.
type Series = (&'static str, &'static str, Vec<(f64, f64)>);

/// A log–log line chart of time (ms) against agents, agentgen and the floor.
fn svg() -> Option<String> {
    let series: Vec<Series> = [("agentgen", "#d6336c"), ("floor", "#1c7ed6")]
        .into_iter()
        .map(|(function, colour)| {
            let points = SIZES
                .iter()
                .filter_map(|&n| {
                    measured("scaling", function, Some(n)).map(|m| (n as f64, m.nanos / 1e6))
                })
                .collect();
            (function, colour, points)
        })
        .collect();
    let all: Vec<(f64, f64)> = series.iter().flat_map(|s| s.2.iter().copied()).collect();
    if all.is_empty() {
        return None;
    }
    let (width, height, left, right, top, bottom) = (640.0, 400.0, 70.0, 20.0, 40.0, 50.0);
    let (x_min, x_max) = (10f64.log10(), 10_000f64.log10());
    let y_lo = all.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let y_hi = all.iter().map(|p| p.1).fold(0.0, f64::max);
    let (y_min, y_max) = (
        y_lo.log10().floor(),
        y_hi.log10().ceil().max(y_lo.log10().floor() + 1.0),
    );
    let x = |v: f64| left + (v.log10() - x_min) / (x_max - x_min) * (width - left - right);
    let y = |v: f64| top + (y_max - v.log10()) / (y_max - y_min) * (height - top - bottom);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{width}" height="{height}" fill="white"/>"#
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="22" text-anchor="middle" font-size="14">Generation time vs catalog size (criterion medians, log–log)</text>"#,
        width / 2.0
    );
    for n in SIZES {
        let px = x(n as f64);
        let _ = writeln!(
            out,
            r##"<line x1="{px:.1}" y1="{top}" x2="{px:.1}" y2="{}" stroke="#ddd"/><text x="{px:.1}" y="{}" text-anchor="middle">{n}</text>"##,
            height - bottom,
            height - bottom + 18.0
        );
    }
    let mut exponent = y_min;
    while exponent <= y_max {
        let value = 10f64.powf(exponent);
        let py = y(value);
        let _ = writeln!(
            out,
            r##"<line x1="{left}" y1="{py:.1}" x2="{}" y2="{py:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{} ms</text>"##,
            width - right,
            left - 6.0,
            py + 4.0,
            value
        );
        exponent += 1.0;
    }
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">agents in the catalog</text>"#,
        (left + width - right) / 2.0,
        height - 12.0
    );
    for (index, (name, colour, points)) in series.iter().enumerate() {
        let path: Vec<String> = points
            .iter()
            .map(|&(n, t)| format!("{:.1},{:.1}", x(n), y(t)))
            .collect();
        let _ = writeln!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
            path.join(" ")
        );
        for &(n, t) in points {
            let _ = writeln!(
                out,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"/>"#,
                x(n),
                y(t)
            );
        }
        let legend_y = top + 16.0 + 18.0 * index as f64;
        let label = if *name == "floor" {
            "floor: read + include_str! token per file"
        } else {
            "agentgen: read + validate + generate"
        };
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="14" height="4" fill="{colour}"/><text x="{}" y="{}">{label}</text>"#,
            left + 12.0,
            legend_y - 4.0,
            left + 32.0,
            legend_y
        );
    }
    out.push_str("</svg>\n");
    Some(out)
}

fn main() -> std::process::ExitCode {
    print!("{}", table());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(position) = args.iter().position(|a| a == "--svg") {
        let Some(path) = args.get(position + 1) else {
            eprintln!("usage: scaling_plot [--svg <file>]");
            return std::process::ExitCode::from(2);
        };
        let Some(svg) = svg() else {
            eprintln!(
                "no scaling results under {}: run the bench first",
                criterion_dir().display()
            );
            return std::process::ExitCode::FAILURE;
        };
        if let Err(e) = std::fs::write(path, svg) {
            eprintln!("cannot write {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
        eprintln!("wrote {path}");
    }
    std::process::ExitCode::SUCCESS
}
