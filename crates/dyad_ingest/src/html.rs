//! Main-content extraction from HTML pages (dom_smoothie, a Readability port), with a paragraph
//! fallback, plus metadata: title, publication date, outlet and URL.

use dom_smoothie::{Config, Readability, TextMode};

/// What an HTML page yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HtmlArticle {
    /// Main text, paragraphs separated by blank lines.
    pub text: String,
    /// Title (og:title, JSON-LD headline or `<title>`).
    pub title: Option<String>,
    /// Publication time as given (`article:published_time`, JSON-LD `datePublished` ...).
    pub published: Option<String>,
    /// Outlet (`og:site_name` or JSON-LD publisher).
    pub outlet: Option<String>,
    /// Canonical URL, if the page gives one.
    pub url: Option<String>,
}

/// Below this many characters the Readability result is not trusted and the fallback runs.
const MIN_MAIN_TEXT: usize = 200;

/// Extracts the article from an HTML page. Errors when the page has no body text at all.
pub fn extract(html: &str, url: Option<&str>) -> Result<HtmlArticle, String> {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut out = HtmlArticle::default();
    let document = dom_query::Document::from(html);
    let paragraphs = fallback_paragraphs(&document);
    if let Ok(mut readability) = Readability::with_document(document, url, Some(config)) {
        if let Ok(article) = readability.parse() {
            out.text = normalize_blocks(&article.text_content);
            out.title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
            out.published = article.published_time.filter(|t| !t.trim().is_empty());
            out.outlet = article.site_name.filter(|t| !t.trim().is_empty());
            out.url = article.url.filter(|t| !t.trim().is_empty());
        }
    }
    if out.text.len() < MIN_MAIN_TEXT && paragraphs.len() > out.text.len() {
        out.text = paragraphs;
    } else if out.text.len() < MIN_MAIN_TEXT
        && paragraphs.is_empty()
        && out.text.split_whitespace().count() < 12
    {
        // No paragraph anywhere and only a few words (a menu, a title): not an article.
        out.text.clear();
    }
    if out.text.trim().is_empty() {
        return Err("HTML page has no body text".to_string());
    }
    Ok(out)
}

/// Text of `<p>` elements outside navigation, headers, footers and asides.
fn fallback_paragraphs(document: &dom_query::Document) -> String {
    let mut blocks = Vec::new();
    for node in document.select("p").nodes() {
        let inside_chrome = node.ancestors(None).iter().any(|a| {
            a.node_name().is_some_and(|n| {
                matches!(
                    n.as_ref(),
                    "nav" | "footer" | "aside" | "header" | "script" | "style"
                )
            })
        });
        if !inside_chrome {
            let text = node.text();
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                blocks.push(text);
            }
        }
    }
    blocks.join("\n\n")
}

/// Trims each line, collapses runs of blank lines to one, and runs of spaces inside a line.
fn normalize_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Navies drill | Example News</title>
<meta property="og:title" content="Navies drill in the Yellow Sea">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-02T08:00:00Z">
<script>var tracking = "Share this article";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Navies drill in the Yellow Sea</h1>
<p>The navies of two neighbouring states began a three-day exercise in the Yellow Sea on Tuesday, officials said, in a drill both capitals described as routine.</p>
<p>Some twelve warships and four submarines are taking part, according to a statement from the defense ministry, which gave no further details about the exercise area.</p>
<p>The drill follows a visit to the region by a senior commander earlier this month.</p></article>
<aside><h3>Most read</h3><ul><li><a href="/x">Minister resigns over scandal</a></li></ul></aside>
<footer><p>Copyright 2023 Example News</p></footer></body></html>"#;

    #[test]
    fn main_content_and_metadata() {
        let article = extract(PAGE, Some("https://example.com/a")).unwrap();
        assert!(
            article.text.contains("three-day exercise"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("Most read"));
        assert!(!article.text.contains("tracking"));
        assert!(!article.text.contains("Home"));
        assert_eq!(article.published.as_deref(), Some("2023-05-02T08:00:00Z"));
        assert_eq!(article.outlet.as_deref(), Some("Example News"));
        assert_eq!(
            article.title.as_deref(),
            Some("Navies drill in the Yellow Sea")
        );
    }

    #[test]
    fn no_body_is_an_error() {
        assert!(extract(
            "<html><head><title>x</title></head><body></body></html>",
            None
        )
        .is_err());
        assert!(extract(
            "<html><head><title>only a title</title></head></html>",
            None
        )
        .is_err());
    }
}
