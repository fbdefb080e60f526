//! The text encoding of a delimited file: detecting it, and decoding it
//! strictly as a stream, so that memory does not grow with the file and an
//! undecodable byte is an error naming its line, never a silent U+FFFD.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use encoding_rs::{Decoder, DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// The encoding the clerk asked for (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// A byte-order mark decides; else UTF-16 if the bytes look like it;
    /// else UTF-8 if the whole file is valid UTF-8; else GB18030.
    #[default]
    Auto,
    Utf8,
    /// GB18030, the superset of GBK and GB2312 that Chinese Excel and WPS write.
    Gbk,
    /// UTF-16, as Excel's "Unicode text" writes it (little-endian unless a BOM says otherwise).
    Utf16,
}

/// An undecodable byte, found on `line` of the file.
#[derive(Debug)]
pub struct Undecodable {
    pub line: usize,
    pub encoding: &'static str,
}

impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {} is not valid {}", self.line, self.encoding)
    }
}

impl std::error::Error for Undecodable {}

/// The encoding of a file, and the length of its byte-order mark.
#[derive(Debug, Clone, Copy)]
pub struct Detected {
    encoding: &'static Encoding,
    bom_length: usize,
}

/// Decides a file's encoding: a byte-order mark wins over `choice`.
pub fn detect(path: &Path, choice: TextEncoding) -> io::Result<Detected> {
    let mut head = vec![0u8; 4096];
    let head_len = read_up_to(&mut File::open(path)?, &mut head)?;
    head.truncate(head_len);
    let (encoding, bom_length) = match Encoding::for_bom(&head) {
        Some((encoding, length)) => (encoding, length),
        None => match choice {
            TextEncoding::Utf8 => (UTF_8, 0),
            TextEncoding::Gbk => (GB18030, 0),
            TextEncoding::Utf16 => (utf16_by_zeros(&head).unwrap_or(UTF_16LE), 0),
            TextEncoding::Auto => match utf16_by_zeros(&head) {
                Some(encoding) => (encoding, 0),
                None if is_utf8(File::open(path)?)? => (UTF_8, 0),
                None => (GB18030, 0),
            },
        },
    };
    Ok(Detected {
        encoding,
        bom_length,
    })
}

/// The bytes of a file in a detected encoding, as a stream of UTF-8 without the BOM.
pub fn decoding(mut reader: impl Read + 'static, detected: Detected) -> io::Result<Box<dyn Read>> {
    io::copy(
        &mut (&mut reader).take(detected.bom_length as u64),
        &mut io::sink(),
    )?;
    Ok(Box::new(StrictDecoder::new(reader, detected.encoding)))
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Text in UTF-16 without a BOM shows itself by its zero bytes: Chinese
/// sheets still have ASCII digits, commas, tabs and line ends, whose high
/// byte is zero. Mostly-zero odd bytes mean little-endian.
fn utf16_by_zeros(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether a whole stream is valid UTF-8, read in chunks.
fn is_utf8(mut reader: impl Read) -> io::Result<bool> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut carried = 0;
    loop {
        let n = reader.read(&mut buf[carried..])?;
        if n == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + n;
        match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => carried = 0,
            // A character cut at the end of the chunk goes on in the next one.
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// Decodes a byte stream to UTF-8, failing at the first malformed sequence.
struct StrictDecoder<R> {
    inner: R,
    decoder: Decoder,
    encoding: &'static str,
    input: Vec<u8>,
    start: usize,
    end: usize,
    input_done: bool,
    output: Vec<u8>,
    position: usize,
    finished: bool,
    newlines: usize,
}

impl<R: Read> StrictDecoder<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        StrictDecoder {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            encoding: encoding.name(),
            input: vec![0; 32 * 1024],
            start: 0,
            end: 0,
            input_done: false,
            output: Vec::new(),
            position: 0,
            finished: false,
            newlines: 0,
        }
    }

    fn decode_more(&mut self) -> io::Result<()> {
        if self.start == self.end && !self.input_done {
            self.start = 0;
            self.end = self.inner.read(&mut self.input)?;
            self.input_done = self.end == 0;
        }
        let pending = &self.input[self.start..self.end];
        let room = self
            .decoder
            .max_utf8_buffer_length_without_replacement(pending.len())
            .unwrap_or(pending.len() * 3 + 16)
            .max(16);
        self.output.resize(room, 0);
        let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
            pending,
            &mut self.output,
            self.input_done,
        );
        self.start += read;
        self.output.truncate(written);
        self.position = 0;
        self.newlines += self.output.iter().filter(|&&b| b == b'\n').count();
        match result {
            DecoderResult::InputEmpty => self.finished = self.input_done,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    Undecodable {
                        line: self.newlines + 1,
                        encoding: self.encoding,
                    },
                ));
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for StrictDecoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.position == self.output.len() {
            if self.finished {
                return Ok(0);
            }
            self.decode_more()?;
        }
        let n = buf.len().min(self.output.len() - self.position);
        buf[..n].copy_from_slice(&self.output[self.position..self.position + n]);
        self.position += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(bytes: &[u8], encoding: &'static Encoding) -> io::Result<String> {
        let mut text = String::new();
        StrictDecoder::new(bytes, encoding).read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn gbk_decodes_across_chunk_boundaries() {
        let text = "姓名,单位\n".repeat(10_000);
        let (bytes, _, _) = GB18030.encode(&text);
        assert_eq!(decode_all(&bytes, GB18030).unwrap(), text);
    }

    #[test]
    fn a_malformed_byte_names_its_line() {
        let mut bytes = GB18030.encode("第一行\n第二行\n").0.into_owned();
        bytes.extend_from_slice(b"\xff\xff\n");
        let error = decode_all(&bytes, GB18030).unwrap_err();
        let undecodable = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<Undecodable>())
            .unwrap();
        assert_eq!(undecodable.line, 3);
    }

    #[test]
    fn utf16_is_recognised_by_its_zero_bytes() {
        let little: Vec<u8> = "姓名\t1950-03-01\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16_by_zeros(&little), Some(UTF_16LE));
        let big: Vec<u8> = "name\tbirth\r\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(utf16_by_zeros(&big), Some(UTF_16BE));
        assert_eq!(utf16_by_zeros("姓名,出生年月\n".as_bytes()), None);
    }

    #[test]
    fn utf8_validity_is_checked_across_chunks() {
        let text = "汉".repeat(50_000);
        assert!(is_utf8(text.as_bytes()).unwrap());
        let mut bytes = text.into_bytes();
        bytes.push(0xff);
        assert!(!is_utf8(bytes.as_slice()).unwrap());
    }
}
