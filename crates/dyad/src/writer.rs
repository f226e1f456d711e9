//! A store writer on its own thread, so that SQLite inserts of one batch overlap the analysis
//! of the next. Batches are committed in the order they are sent; the channel holds at most two,
//! which keeps memory bounded.

use dyad_core::Analysis;
use dyad_store::{BatchOutcome, Store};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::thread::JoinHandle;

/// Totals of a writer's work.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    /// New articles.
    pub stored: usize,
    /// Articles already there.
    pub duplicates: usize,
    /// Events stored.
    pub events: usize,
    /// Seconds spent in SQLite.
    pub seconds: f64,
}

/// The sending side of a writer thread.
pub struct StoreWriter {
    sender: Option<SyncSender<Vec<Analysis>>>,
    handle: Option<JoinHandle<anyhow::Result<Written>>>,
}

impl StoreWriter {
    /// Starts a writer that owns `store`.
    pub fn start(mut store: Store) -> Self {
        let (sender, receiver) = sync_channel::<Vec<Analysis>>(2);
        let handle = std::thread::spawn(move || -> anyhow::Result<Written> {
            let mut written = Written::default();
            for batch in receiver {
                let started = std::time::Instant::now();
                let BatchOutcome {
                    stored,
                    duplicates,
                    events,
                } = store.store_batch(&batch)?;
                written.seconds += started.elapsed().as_secs_f64();
                written.stored += stored;
                written.duplicates += duplicates;
                written.events += events;
            }
            Ok(written)
        });
        StoreWriter {
            sender: Some(sender),
            handle: Some(handle),
        }
    }

    /// Queues a batch; fails when the writer has stopped on an error (reported by `finish`).
    pub fn send(&self, batch: Vec<Analysis>) -> anyhow::Result<()> {
        let sender = self.sender.as_ref().expect("writer is running");
        if sender.send(batch).is_err() {
            anyhow::bail!("the store writer stopped");
        }
        Ok(())
    }

    /// Waits for every queued batch to be committed.
    pub fn finish(mut self) -> anyhow::Result<Written> {
        drop(self.sender.take());
        match self.handle.take().expect("writer is running").join() {
            Ok(result) => result,
            Err(_) => anyhow::bail!("the store writer panicked"),
        }
    }
}
