//! A deterministic, seedable generator of realistic synthetic news articles in all four input
//! formats, for benchmarks. Same seed and N, same bytes.

use anyhow::Context;
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `dyad generate`.
#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// Articles per format.
    #[arg(long, default_value_t = 1000)]
    pub n: usize,
    /// Random seed.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Output directory.
    #[arg(long, default_value = "bench-out/corpus")]
    pub out: PathBuf,
    /// Formats to write (text, html, jsonl, warc).
    #[arg(long, value_delimiter = ',', default_value = "text,html,jsonl,warc")]
    pub formats: Vec<String>,
}

/// SplitMix64: tiny, fast and deterministic, which is all a corpus generator needs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A value below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// One element.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const STATES: &[(&str, &str, &str)] = &[
    ("China", "Chinese", "Beijing"),
    ("Russia", "Russian", "Moscow"),
    ("the United States", "U.S.", "Washington"),
    ("Iran", "Iranian", "Tehran"),
    ("Syria", "Syrian", "Damascus"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("India", "Indian", "New Delhi"),
    ("Japan", "Japanese", "Tokyo"),
    ("South Korea", "South Korean", "Seoul"),
    ("Turkey", "Turkish", "Ankara"),
    ("Egypt", "Egyptian", "Cairo"),
    ("Vietnam", "Vietnamese", "Hanoi"),
    ("Indonesia", "Indonesian", "Jakarta"),
    ("Brazil", "Brazilian", "Brasilia"),
    ("France", "French", "Paris"),
    ("Germany", "German", "Berlin"),
    ("Afghanistan", "Afghan", "Kabul"),
    ("Saudi Arabia", "Saudi", "Riyadh"),
];
const FIRST: &[&str] = &[
    "Wang", "Zhao", "Ivan", "Mikhail", "John", "Maria", "Ahmed", "Reza", "Kenji", "Min-jun", "Ali",
    "Elena", "Omar", "Raj",
];
const LAST: &[&str] = &[
    "Chen", "Petrov", "Smith", "Haddad", "Karimi", "Tanaka", "Park", "Yilmaz", "Khan", "Nguyen",
    "Costa", "Weber",
];
const OFFICES: &[&str] = &[
    "Defense Minister",
    "Foreign Minister",
    "President",
    "Prime Minister",
    "navy commander",
    "chief of general staff",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const OUTLETS: &[(&str, &str)] = &[
    ("Example Wire", "wire.example.com"),
    ("Daily Ledger", "ledger.example.org"),
    ("Regional Tribune", "tribune.example.net"),
    ("Defense Weekly", "defweekly.example.com"),
];

/// Boilerplate lines that end scraped articles.
const NOISE_LINES: &[&str] = &[
    "Share this article\n",
    "Comments are closed for this story.\n",
    "(Editing by staff)\n",
    "PW/ML 4\n",
];

/// One generated article: (title, body paragraphs, published date, outlet, domain).
pub struct Generated {
    /// Headline.
    pub title: String,
    /// Body with noise lines.
    pub body: String,
    /// YYYY-MM-DD.
    pub published: String,
    /// Outlet name.
    pub outlet: &'static str,
    /// Outlet domain.
    pub domain: &'static str,
}

/// Writes one synthetic article.
pub fn article(rng: &mut Rng, index: usize) -> Generated {
    let (a, adj_a, cap_a) = *rng.pick(STATES);
    let (mut b, mut adj_b, mut cap_b) = *rng.pick(STATES);
    if b == a {
        (b, adj_b, cap_b) =
            STATES[(STATES.iter().position(|s| s.0 == a).unwrap_or(0) + 1) % STATES.len()];
    }
    let person = |rng: &mut Rng| format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let (p1, p2) = (person(rng), person(rng));
    let (o1, o2) = (*rng.pick(OFFICES), *rng.pick(OFFICES));
    let day = *rng.pick(WEEKDAYS);
    let month = 1 + rng.below(12);
    let published = format!(
        "20{:02}-{month:02}-{:02}",
        15 + rng.below(10),
        1 + rng.below(28)
    );
    let (outlet, domain) = *rng.pick(OUTLETS);
    let sentences = [
        format!("{adj_a} {o1} {p1} met his {adj_b} counterpart {p2} in {cap_b} on {day}, the two sides said in a joint statement."),
        format!("The two officials agreed to expand joint military exercises and personnel training, according to a statement from the {adj_a} Defense Ministry."),
        format!("{a} will send a naval task group to {b} for a port call next month, {p1} told reporters after the talks."),
        format!("\u{201c}Our cooperation has reached a new level, and we are ready to deepen it further,\u{201d} {p2} said."),
        format!("In {}, {a} and {b} signed a defense cooperation agreement worth ${}.{} billion.", 2010 + rng.below(12), 1 + rng.below(9), rng.below(10)),
        format!("{cap_a} has denied reports that it delivered air defense systems to {b} earlier this year."),
        format!("Analysts said the visit could signal a shift in {adj_b} policy toward {cap_a}, though details remained scarce."),
        format!("The {adj_b} {o2} also held a phone call with officials in {cap_a} on the situation in the region."),
        format!("Protesters gathered outside the {adj_a} embassy in {cap_b} on {day} to denounce the agreement."),
        format!("Officials in {cap_b} accused {a} of violating its airspace twice last week, a charge {cap_a} rejected."),
    ];
    let mut body = String::with_capacity(2400);
    let count = 6 + rng.below(5);
    let start = rng.below(sentences.len());
    for k in 0..count {
        body.push_str(&sentences[(start + k) % sentences.len()]);
        body.push_str(if rng.below(3) == 0 { " " } else { "\n\n" });
        if k == 2 && rng.below(2) == 0 {
            body.push_str("Related: ");
            body.push_str(&format!(
                "{a} and {b} hold talks on trade (story {index})\n\n"
            ));
        }
    }
    let noise: &&str = rng.pick(NOISE_LINES);
    body.push_str(noise);
    let title = format!("{a} and {b} agree to deepen military ties");
    Generated {
        title,
        body,
        published,
        outlet,
        domain,
    }
}

fn html_page(g: &Generated, index: usize) -> String {
    let paragraphs: String = g
        .body
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            format!(
                "<p>{}</p>\n",
                p.trim().replace('&', "&amp;").replace('<', "&lt;")
            )
        })
        .collect();
    format!(
        "<!doctype html><html><head><title>{title} | {outlet}</title>\n<meta property=\"og:title\" content=\"{title}\">\n<meta property=\"og:site_name\" content=\"{outlet}\">\n<meta property=\"article:published_time\" content=\"{published}T08:00:00Z\">\n<script>window.dataLayer=[];function track(){{}}</script><style>body{{font-family:serif}}</style></head>\n<body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/defense\">Defense</a></li></ul></nav>\n<div class=\"cookie\">We use cookies to improve your experience.</div>\n<article><h1>{title}</h1><p class=\"byline\">By Staff Reporter</p>\n{paragraphs}</article>\n<aside><h3>Most read</h3><ul><li><a href=\"/a{index}\">Markets close higher</a></li><li><a href=\"/b{index}\">Storm hits coast</a></li></ul></aside>\n<footer><p>&copy; {outlet}</p></footer></body></html>\n",
        title = g.title,
        outlet = g.outlet,
        published = g.published,
    )
}

/// Writes N articles per requested format under `out`; returns the paths written per format.
pub fn write_corpus(
    out: &Path,
    n: usize,
    seed: u64,
    formats: &[String],
) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut written = Vec::new();
    for format in formats {
        let mut rng = Rng::new(seed);
        let dir = out.join(format);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        match format.as_str() {
            "text" | "html" => {
                for i in 0..n {
                    let g = article(&mut rng, i);
                    let sub = dir.join(format!("{:03}", i / 1000));
                    if i % 1000 == 0 {
                        std::fs::create_dir_all(&sub)?;
                    }
                    if format == "text" {
                        let text = format!("{}\n\n{}\n\n{}", g.title, g.published, g.body);
                        std::fs::write(sub.join(format!("a{i:06}.txt")), text)?;
                    } else {
                        std::fs::write(sub.join(format!("a{i:06}.html")), html_page(&g, i))?;
                    }
                }
            }
            "jsonl" => {
                let mut file =
                    std::io::BufWriter::new(std::fs::File::create(dir.join("articles.jsonl"))?);
                for i in 0..n {
                    let g = article(&mut rng, i);
                    let record = serde_json::json!({"id": format!("gen-{i}"), "url": format!("https://{}/{i}", g.domain), "title": g.title, "published": g.published, "outlet": g.outlet, "text": g.body});
                    serde_json::to_writer(&mut file, &record)?;
                    file.write_all(b"\n")?;
                }
                file.flush()?;
            }
            "warc" => {
                let file = std::fs::File::create(dir.join("crawl.warc.gz"))?;
                let mut gz = GzEncoder::new(std::io::BufWriter::new(file), Compression::fast());
                for i in 0..n {
                    let g = article(&mut rng, i);
                    let page = html_page(&g, i);
                    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}", page.len());
                    write!(
                        gz,
                        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{i:012}>\r\nWARC-Date: {}T09:00:00Z\r\nWARC-Target-URI: https://{}/{i}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
                        g.published,
                        g.domain,
                        block.len()
                    )?;
                }
                gz.finish()?.flush()?;
            }
            other => anyhow::bail!("unknown format {other:?} (text, html, jsonl, warc)"),
        }
        written.push((format.clone(), dir));
    }
    Ok(written)
}

/// `dyad generate`.
pub fn run(args: GenerateArgs) -> anyhow::Result<std::process::ExitCode> {
    let written = write_corpus(&args.out, args.n, args.seed, &args.formats)?;
    for (format, dir) in written {
        eprintln!(
            "dyad: wrote {} {format} articles to {}",
            args.n,
            dir.display()
        );
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_articles() {
        let a = article(&mut Rng::new(7), 0);
        let b = article(&mut Rng::new(7), 0);
        assert_eq!(a.body, b.body);
        assert_ne!(a.body, article(&mut Rng::new(8), 0).body);
    }
}
