//! A small PNG writer for the tests' images (8-bit RGB or RGBA, one
//! zlib stream through libdeflater), so no test needs an image crate or a
//! binary fixture.

/// An RGBA image `w` × `h` from `pixel(x, y)`; `alpha` keeps the alpha
/// channel (colour type 6), else RGB (colour type 2).
pub fn png(w: u32, h: u32, alpha: bool, pixel: impl Fn(u32, u32) -> [u8; 4]) -> Vec<u8> {
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0); // filter: none
        for x in 0..w {
            let p = pixel(x, y);
            raw.extend_from_slice(if alpha { &p[..] } else { &p[..3] });
        }
    }
    let mut z = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let mut packed = vec![0; z.zlib_compress_bound(raw.len())];
    let n = z.zlib_compress(&raw, &mut packed).expect("deflate");
    packed.truncate(n);
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, if alpha { 6 } else { 2 }, 0, 0, 0]);
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &packed);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    let mut crc = libdeflater::Crc::new();
    crc.update(&body);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

/// A test picture: a colour gradient with a transparent disc in its
/// middle.
pub fn transparent_png(w: u32, h: u32) -> Vec<u8> {
    png(w, h, true, |x, y| {
        let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
        let a = if d < h as f32 / 4.0 { 0 } else { 255 };
        [
            (x * 255 / w.max(1)) as u8,
            (y * 255 / h.max(1)) as u8,
            140,
            a,
        ]
    })
}
