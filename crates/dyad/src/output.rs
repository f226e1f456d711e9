//! Listing output: aligned tables for people, JSON and CSV for programs.

use serde::Serialize;
use std::io::Write;

/// How listings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ListFormat {
    /// Aligned columns.
    #[default]
    Table,
    /// A JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Prints rows in the chosen format. `cells` gives the table/CSV columns of a row; JSON prints
/// the whole serialized row.
pub fn print_rows<T: Serialize>(
    format: ListFormat,
    headers: &[&str],
    rows: &[T],
    cells: impl Fn(&T) -> Vec<String>,
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        ListFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(headers)?;
            for row in rows {
                writer.write_record(cells(row))?;
            }
            writer.flush()?;
        }
        ListFormat::Table => {
            let table: Vec<Vec<String>> = rows.iter().map(&cells).collect();
            write!(out, "{}", render_table(headers, &table))?;
        }
    }
    Ok(())
}

/// Aligns columns; long cells are cut at 60 characters.
pub fn render_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    const MAX: usize = 60;
    let cut = |s: &str| -> String {
        let s = s.replace('\n', " ");
        if s.chars().count() > MAX {
            s.chars().take(MAX - 1).collect::<String>() + "…"
        } else {
            s
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            s.push_str(cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(pad + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(headers.to_vec());
    for row in &rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// An optional value as a table cell.
pub fn cell(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}
