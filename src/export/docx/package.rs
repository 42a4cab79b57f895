//! The package: a ZIP archive of the document's parts, written the same
//! way every time. Parts keep the order they are given, every entry
//! carries one fixed time (from `SOURCE_DATE_EPOCH` or the briefing's
//! date), and nothing else that varies (no extra fields, no host system
//! attributes) goes in, so one input always gives the same bytes.

/// One part of the package: its name in the archive and its bytes.
pub struct Entry {
    pub name: String,
    pub data: Vec<u8>,
    /// Deflated when true; stored as is otherwise (a PNG is already
    /// compressed, and deflating it again only costs time).
    pub deflate: bool,
}

/// ZIP's "version needed to extract" for deflate: 2.0.
const VERSION: u16 = 20;
/// The compression level: libdeflater's best; a document of a few
/// hundred kilobytes compresses in milliseconds at it.
const LEVEL: i32 = 12;
/// The earliest time a ZIP entry can carry (MS-DOS time starts in 1980).
const DOS_EPOCH: i64 = 315_532_800;

/// The archive of `entries`, in their order, each dated `unix` (seconds;
/// times before 1980 are written as 1980-01-01 00:00).
pub fn zip(entries: &[Entry], unix: i64) -> Vec<u8> {
    let (time, date) = dos_time(unix);
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut z =
        libdeflater::Compressor::new(libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default());
    for e in entries {
        let crc = libdeflater::crc32(&e.data);
        let (method, body) = if e.deflate {
            let mut buf = vec![0; z.deflate_compress_bound(e.data.len())];
            match z.deflate_compress(&e.data, &mut buf) {
                Ok(n) => {
                    buf.truncate(n);
                    (8u16, buf)
                }
                Err(_) => (0u16, e.data.clone()),
            }
        } else {
            (0u16, e.data.clone())
        };
        let offset = out.len() as u32;
        let name = e.name.as_bytes();
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, VERSION);
        put16(&mut out, 0); // flags: sizes known, names ASCII
        put16(&mut out, method);
        put16(&mut out, time);
        put16(&mut out, date);
        put32(&mut out, crc);
        put32(&mut out, body.len() as u32);
        put32(&mut out, e.data.len() as u32);
        put16(&mut out, name.len() as u16);
        put16(&mut out, 0); // no extra field
        out.extend_from_slice(name);
        out.extend_from_slice(&body);
        // Its central directory record.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, VERSION); // made by: MS-DOS, version 2.0
        put16(&mut central, VERSION);
        put16(&mut central, 0);
        put16(&mut central, method);
        put16(&mut central, time);
        put16(&mut central, date);
        put32(&mut central, crc);
        put32(&mut central, body.len() as u32);
        put32(&mut central, e.data.len() as u32);
        put16(&mut central, name.len() as u16);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0); // external attributes
        put32(&mut central, offset);
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    // End of central directory.
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, entries.len() as u16);
    put16(&mut out, entries.len() as u16);
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0);
    out
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A Unix time as a civil date and time (UTC): year, month, day, hours,
/// minutes, seconds.
pub fn civil(unix: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400) as u32;
    // Days to a proleptic Gregorian date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, secs / 3600, secs / 60 % 60, secs % 60)
}

/// Unix seconds at midnight UTC of a date.
pub fn unix_of(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// MS-DOS time and date words for a Unix time, clamped to what they can
/// hold (1980 to 2107).
fn dos_time(unix: i64) -> (u16, u16) {
    let (y, mo, d, h, mi, s) = civil(unix.max(DOS_EPOCH));
    if y > 2107 {
        return (0xBF7D, 0xFF9F); // 2107-12-31 23:59:58
    }
    let time = (h << 11) | (mi << 5) | (s / 2);
    let date = ((y as u32 - 1980) << 9) | (mo << 5) | d;
    (time as u16, date as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(civil(997_660_800), (2001, 8, 13, 0, 0, 0));
        assert_eq!(unix_of(2001, 8, 13), 997_660_800);
        assert_eq!(civil(unix_of(2024, 2, 29) + 3723), (2024, 2, 29, 1, 2, 3));
        assert_eq!(dos_time(0), (0, (1 << 5) | 1));
    }

    #[test]
    fn the_archive_is_well_formed() {
        let z = zip(
            &[Entry {
                name: "a.txt".into(),
                data: b"hello hello hello".to_vec(),
                deflate: true,
            }],
            997_660_800,
        );
        assert_eq!(&z[..4], b"PK\x03\x04");
        assert_eq!(&z[z.len() - 22..z.len() - 18], b"PK\x05\x06");
    }
}
