//! Turns raw bytes into UTF-8 text: BOMs (UTF-8, UTF-16), valid UTF-8, else Windows-1252
//! (Latin-1), and refuses binary data.

use encoding_rs::{UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How the bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without BOM).
    Utf8,
    /// UTF-16 with a BOM.
    Utf16,
    /// Not valid UTF-8: read as Windows-1252, the usual Latin-1 superset.
    Latin1,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or only white space.
    Empty,
    /// NUL bytes or many control characters: not a text file.
    Binary {
        /// Offset of the first NUL or control byte seen.
        offset: usize,
    },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty input"),
            DecodeError::Binary { offset } => {
                write!(f, "binary data, not text (control byte at byte {offset})")
            }
        }
    }
}

/// Decodes `bytes` to text.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let encoding = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (text, _, _) = encoding.decode(bytes);
        return non_empty(text.into_owned(), Encoding::Utf16);
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(text) => non_empty(text.to_string(), Encoding::Utf8),
        Err(_) => {
            // Mostly UTF-8 with a few stray bytes is more likely broken UTF-8 than Latin-1.
            let (lossy, _, _) = UTF_8.decode(bytes);
            let replaced = lossy.matches('\u{FFFD}').count();
            let high_bytes = bytes.iter().filter(|b| **b >= 0x80).count();
            if replaced * 4 < high_bytes && high_bytes > 8 {
                return non_empty(lossy.into_owned(), Encoding::Utf8);
            }
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            non_empty(text.into_owned(), Encoding::Latin1)
        }
    }
}

fn non_empty(text: String, encoding: Encoding) -> Result<(String, Encoding), DecodeError> {
    if text.trim().is_empty() {
        Err(DecodeError::Empty)
    } else {
        Ok((text, encoding))
    }
}

/// A NUL byte, or more than 1% control bytes in the first 8 KiB, means binary data.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(pos) = head.iter().position(|b| *b == 0) {
        return Some(pos);
    }
    let is_control = |b: &u8| *b < 0x20 && !matches!(*b, b'\n' | b'\r' | b'\t' | 0x0C);
    let controls = head.iter().filter(|b| is_control(b)).count();
    if controls * 100 > head.len().max(1) {
        return head.iter().position(is_control);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"plain").unwrap(), ("plain".into(), Encoding::Utf8));
        assert_eq!(
            decode(b"\xEF\xBB\xBFbom").unwrap(),
            ("bom".into(), Encoding::Utf8)
        );
        assert_eq!(
            decode(b"M\xfcller said").unwrap(),
            ("Müller said".into(), Encoding::Latin1)
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kabul".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), ("Kabul".into(), Encoding::Utf16));
        assert_eq!(decode(b"  \n"), Err(DecodeError::Empty));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00"),
            Err(DecodeError::Binary { offset: 7 })
        ));
    }
}
