//! A second handle on a connection's socket, beside the one russh reads:
//! to close the connection whatever russh is doing, and to notice that the
//! client hung up while russh is not reading.
//!
//! russh reads the socket in one loop that also runs our callbacks. While a
//! callback waits (for room in a session's input queue), nothing reads, so
//! a client that hangs up would go unnoticed until the queued input had been
//! worked through. The kernel knows at once, and tells any handle.

use std::io;
use tokio::io::Interest;
use tokio::net::TcpStream;

/// The watching handle.
pub struct Peer {
    socket: TcpStream,
}

impl Peer {
    /// Splits an accepted connection into the stream for russh and a watch
    /// on the same socket.
    pub fn split(stream: TcpStream) -> io::Result<(TcpStream, Peer)> {
        let std = stream.into_std()?;
        let watch = std.try_clone()?;
        Ok((
            TcpStream::from_std(std)?,
            Peer {
                socket: TcpStream::from_std(watch)?,
            },
        ))
    }

    /// Resolves once the client has hung up (it sent FIN or RST), even
    /// while unread input is still queued in the socket.
    pub async fn gone(&self) {
        loop {
            match self.socket.ready(Interest::READABLE).await {
                Ok(ready) if ready.is_read_closed() || ready.is_error() => return,
                // Readable only means input arrived, which russh reads.
                // Forget this readiness, so the wait ends on the next event
                // rather than at once.
                Ok(_) => {
                    let _ = self.socket.try_io(Interest::READABLE, || {
                        Err::<(), _>(io::ErrorKind::WouldBlock.into())
                    });
                }
                Err(_) => return,
            }
        }
    }

    /// Closes the connection in both directions: russh's next read ends,
    /// and so does the connection, whatever stage it is at.
    pub fn cut(&self) {
        let _ = socket2::SockRef::from(&self.socket).shutdown(std::net::Shutdown::Both);
    }
}
