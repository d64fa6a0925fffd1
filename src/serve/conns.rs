//! The server's connections: which are open and which of them are idle, so that at the cap the one idle
//! longest can be closed for a new one; a response's body that keeps its connection busy until it is handed
//! over; and a socket whose writes give up when the client stops reading.

use std::collections::HashMap;
use std::convert::Infallible;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::Notify;

/// The open connections, so that at the cap the one idle longest can be closed for a new one.
#[derive(Default)]
pub(super) struct Open {
    next: AtomicU64,
    conns: Mutex<HashMap<u64, Arc<Conn>>>,
}

/// What the server knows of one connection.
pub(super) struct Conn {
    pub(super) id: u64,
    /// When it was last seen doing nothing: since then it has only waited for a request or received part of one.
    idle_since: Mutex<Instant>,
    /// Responses under way: from a request's header until its body is handed to hyper.
    answering: AtomicUsize,
    /// Bytes handed to the socket and not yet flushed.
    writing: AtomicBool,
    /// Told to close, once.
    closed: AtomicBool,
    pub(super) closing: Notify,
}

impl Conn {
    fn idle(&self) -> bool {
        self.answering.load(Ordering::Acquire) == 0 && !self.writing.load(Ordering::Acquire)
    }
}

impl Open {
    pub(super) fn add(&self) -> Arc<Conn> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Conn {
            id,
            idle_since: Mutex::new(Instant::now()),
            answering: AtomicUsize::new(0),
            writing: AtomicBool::new(false),
            closed: AtomicBool::new(false),
            closing: Notify::new(),
        });
        self.lock().insert(id, Arc::clone(&conn));
        conn
    }

    pub(super) fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Conn>>> {
        self.conns.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Closes the connection idle longest (the first opened, of two idle as long), if one is idle.
    pub(super) fn close_idlest(&self) {
        let conns = self.lock();
        let idlest = conns
            .values()
            .filter(|c| c.idle() && !c.closed.load(Ordering::Acquire))
            .map(|c| (*c.idle_since.lock().unwrap_or_else(PoisonError::into_inner), c.id, c))
            .min_by_key(|(since, id, _)| (*since, *id));
        if let Some((_, _, conn)) = idlest {
            conn.closed.store(true, Ordering::Release);
            // A stored permit: the connection's task sees it even if it is not waiting yet.
            conn.closing.notify_one();
        }
    }
}

/// A response under way on a connection; when dropped (its body has been handed over whole, or the request
/// was abandoned), the connection is idle again unless it is still writing.
pub(super) struct Busy(Arc<Conn>);

impl Busy {
    pub(super) fn start(conn: &Arc<Conn>) -> Busy {
        conn.answering.fetch_add(1, Ordering::AcqRel);
        Busy(Arc::clone(conn))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.idle_since.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.0.answering.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response's body that keeps its connection busy until hyper has taken all of it.
pub(super) struct Tracked {
    pub(super) body: Full<Bytes>,
    pub(super) _busy: Busy,
}

impl Body for Tracked {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// A connection whose writes give up after `limit` without progress, so a client that stops reading cannot
/// hold its connection (and a slot) for ever. It tells `conn` while it has bytes not yet flushed.
pub(super) struct Stalling {
    stream: TcpStream,
    limit: Duration,
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    conn: Arc<Conn>,
}

impl Stalling {
    pub(super) fn new(stream: TcpStream, limit: Duration, conn: Arc<Conn>) -> Stalling {
        Stalling { stream, limit, deadline: None, conn }
    }

    /// `poll` (a write) as it is, unless it has made no progress for `limit`.
    fn bounded<T>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if poll.is_ready() {
            self.deadline = None;
            return poll;
        }
        let limit = self.limit;
        let deadline = self.deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.deadline = None;
                Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "the client does not read the response")))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for Stalling {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Stalling {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.conn.writing.store(true, Ordering::Release);
        let poll = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.bounded(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.conn.writing.store(true, Ordering::Release);
        let poll = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.bounded(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_flush(cx);
        if matches!(poll, Poll::Ready(Ok(()))) && self.conn.writing.swap(false, Ordering::AcqRel) {
            *self.conn.idle_since.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        }
        self.bounded(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.stream).poll_shutdown(cx);
        self.bounded(cx, poll)
    }
}
