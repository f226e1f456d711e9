//! Store tests: migrations, duplicates, queries.

use super::*;
use dyad_core::{Article, Pipeline};

fn analysed(key: &str, text: &str) -> Analysis {
    let mut article = Article::from_text(key, text);
    article.published = Some("2023-04-17".into());
    Pipeline::new().analyze(article)
}

const TEXT: &str = "Chinese Defense Minister Li Shangfu met Russian President Vladimir Putin in Moscow on Sunday.\n\nThe two sides agreed to hold joint naval drills next month.\n";

#[test]
fn migrations_2_and_3_fold_sentence_and_mention_rows_into_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "{}; PRAGMA user_version = 1;",
        migrations::MIGRATIONS[0]
    ))
    .unwrap();
    conn.execute_batch(
        "INSERT INTO articles (id, key, source, format, text, clean_text)
           VALUES ('a1', 'k', 's', 'text', 'Title\n\nOne. Two.', 'Title One. Two.');
         INSERT INTO sentences VALUES ('a1', 1, 12, 16, 'body');
         INSERT INTO sentences VALUES ('a1', 0, 0, 5, 'heading');
         INSERT INTO sentences VALUES ('a1', 2, 7, 11, 'body');
         INSERT INTO mentions VALUES ('a1', '[[12,15,\"Two\",null,null,null,\"person\",\"kb\"]]');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    let (row, sentences) = store.article("a1").unwrap().unwrap();
    assert_eq!(row.sentences, 3);
    let got: Vec<_> = sentences
        .iter()
        .map(|s| (s.index, s.start, s.end, s.kind.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (0, 0, 5, "heading", "Title"),
            (1, 12, 16, "body", "Two."),
            (2, 7, 11, "body", "One.")
        ]
    );
    // Migration 3 moved the mentions into the article row.
    let mentions: String = store
        .conn()
        .query_row("SELECT mentions FROM articles WHERE id = 'a1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(mentions.contains("\"Two\""), "{mentions}");
}

#[test]
fn migrations_are_idempotent_and_versioned() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        migrations::MIGRATIONS.len() as i64
    );
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}

#[test]
fn same_article_is_stored_once() {
    let mut store = Store::open_in_memory().unwrap();
    let a = analysed("a.txt", TEXT);
    // The same text with other boilerplate and spacing is the same article.
    let b = analysed(
        "b.txt",
        &format!(
            "Share this article\n{}\n\nComments are closed.\n",
            TEXT.replace("  ", " ")
        ),
    );
    assert_eq!(a.id, b.id);
    let first = store.store_batch(std::slice::from_ref(&a)).unwrap();
    assert_eq!((first.stored, first.duplicates), (1, 0));
    let second = store.store_batch(&[a, b]).unwrap();
    assert_eq!((second.stored, second.duplicates), (0, 2));
    assert_eq!(store.articles(&ArticleFilter::default()).unwrap().len(), 1);
}

#[test]
fn a_transaction_of_several_parts_commits_them_all_and_registers_new_articles_once() {
    let mut store = Store::open_in_memory().unwrap();
    let a = analysed("a.txt", TEXT);
    let b = analysed(
        "b.txt",
        "Turkish Foreign Minister Hakan Fidan visited Baghdad on Monday.\n",
    );
    let (first, new_first) = store.insert(std::slice::from_ref(&a)).unwrap();
    assert_eq!((first.stored, new_first), (1, vec![true]));
    // The second part repeats the first's article: not new, not registered again.
    let second_part = [a.clone(), b.clone()];
    let (second, new_second) = store.insert(&second_part).unwrap();
    assert_eq!((second.stored, second.duplicates), (1, 1));
    assert_eq!(new_second, vec![false, true]);
    // Nothing is committed, or registered, before `commit`.
    assert!(store
        .actors(Some("Li Shangfu"), None, None)
        .unwrap()
        .is_empty());
    store.commit([&a, &b]).unwrap();
    assert_eq!(store.articles(&ArticleFilter::default()).unwrap().len(), 2);
    let li = store.actors(Some("Li Shangfu"), None, None).unwrap();
    assert_eq!(li[0].roles[0].articles, 1);
    assert_eq!(
        store.actors(Some("Hakan Fidan"), None, None).unwrap().len(),
        1
    );
    // A commit with no transaction open does nothing.
    store.commit([&a]).unwrap();
    assert_eq!(
        store.actors(Some("Li Shangfu"), None, None).unwrap()[0].roles[0].articles,
        1
    );
}

#[test]
fn article_events_and_actor_queries() {
    let mut store = Store::open_in_memory().unwrap();
    let a = analysed("a.txt", TEXT);
    let id = a.id.clone();
    let events_in = a.events.len();
    assert!(events_in >= 2, "{:#?}", a.events);
    store.store_batch(&[a]).unwrap();
    let (row, sentences) = store.article("a.txt").unwrap().unwrap();
    assert_eq!(row.id, id);
    assert_eq!(sentences.len(), 2);
    assert!(sentences[0].text.starts_with("Chinese Defense Minister"));
    let all = store.events(&EventFilter::default()).unwrap();
    assert_eq!(all.len(), events_in);
    let dyad = EventFilter {
        dyad: Some(("CHN".into(), "RUS".into())),
        ..Default::default()
    };
    assert_eq!(store.events(&dyad).unwrap().len(), events_in);
    let none = EventFilter {
        country: Some("USA".into()),
        ..Default::default()
    };
    assert!(store.events(&none).unwrap().is_empty());
    let (event, text) = store.event(&all[0].id).unwrap().unwrap();
    assert_eq!(
        &text[event.evidence.start..event.evidence.end],
        event.evidence.text
    );
    let li = store.actors(Some("Li Shangfu"), None, None).unwrap();
    assert_eq!(li.len(), 1);
    assert_eq!(li[0].roles[0].office, "defense minister");
    assert_eq!(li[0].roles[0].first_seen.as_deref(), Some("2023-04-17"));
}

#[test]
fn a_person_keeps_roles_from_different_years() {
    let mut store = Store::open_in_memory().unwrap();
    let mut old = Article::from_text(
        "old.txt",
        "Li Shangfu inspected a factory in Beijing on Monday.\n",
    );
    old.published = Some("2018-09-20".into());
    let mut new = Article::from_text(
        "new.txt",
        "Li Shangfu arrived in Moscow on Sunday for talks.\n",
    );
    new.published = Some("2023-04-16".into());
    let pipeline = Pipeline::new();
    store
        .store_batch(&[pipeline.analyze(old), pipeline.analyze(new)])
        .unwrap();
    let li = store.actors(Some("Li Shangfu"), None, None).unwrap();
    let offices: Vec<(&str, Option<&str>)> = li[0]
        .roles
        .iter()
        .map(|r| (r.office.as_str(), r.first_seen.as_deref()))
        .collect();
    assert_eq!(offices.len(), 2, "{offices:?}");
    assert_eq!(offices[1], ("defense minister", Some("2023-04-16")));
}

#[test]
fn events_read_back_equal_the_events_stored() {
    // Every text article of the dev corpus: dates, ranges, places, groups, quotes.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/dev");
    let pipeline = Pipeline::new();
    let mut batch = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            // (Some are Latin-1 on purpose: decoding is the ingest crate's job.)
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let key = path.file_name().unwrap().to_string_lossy().to_string();
            batch.push(pipeline.analyze(Article::from_text(&key, &text)));
        }
    }
    let mut expected: Vec<dyad_core::Event> = batch.iter().flat_map(|a| a.events.clone()).collect();
    assert!(expected.len() > 100, "{}", expected.len());
    assert!(expected.iter().any(|e| e.location.is_some()));
    assert!(expected.iter().any(|e| e.end_date.is_some()));
    let mut store = Store::open_in_memory().unwrap();
    store.store_batch(&batch).unwrap();
    let mut got = store.events(&EventFilter::default()).unwrap();
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    got.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g, e);
    }
    let (one, _) = store.event(&expected[0].id).unwrap().unwrap();
    assert_eq!(one, expected[0]);
}

#[test]
fn records_of_older_stores_still_read() {
    // Stores written before the record left out its column fields kept a whole event in it.
    let mut store = Store::open_in_memory().unwrap();
    store.store_batch(&[analysed("a.txt", TEXT)]).unwrap();
    let before = store.events(&EventFilter::default()).unwrap();
    for event in &before {
        let mut old = event.clone();
        old.evidence.text.clear();
        for p in old.actor.iter_mut().chain(old.recipient.iter_mut()) {
            p.text.clear();
        }
        store
            .conn()
            .execute(
                "UPDATE events SET record = ?1 WHERE id = ?2",
                params![serde_json::to_string(&old).unwrap(), event.id],
            )
            .unwrap();
    }
    assert_eq!(store.events(&EventFilter::default()).unwrap(), before);
}
