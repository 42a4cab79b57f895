//! The document packed and written: unreferenced objects pruned (what
//! printpdf wrote that the finished file does not use), objects numbered
//! 1, 2, 3… in order, streams deflated on all cores, and the dictionaries
//! in compressed object streams with a cross-reference stream.

use lopdf::{Object, ObjectId};

/// Prunes, numbers, deflates and writes the document.
pub fn save(
    mut doc: lopdf::Document,
    mut small: super::compact::Objects,
    ahead: &Packed,
) -> Result<Vec<u8>, String> {
    prune(&mut doc, &mut small);
    renumber(&mut doc, &mut small);
    compress(&mut doc, ahead);
    // Dictionaries (fonts, pages, links, outline, structure) go into
    // compressed object streams and the cross-reference table becomes a
    // stream (PDF 1.5): a sixth of the sample's size.
    let mut z = compressor();
    Ok(super::file::write(&doc, &small, &mut |plain| {
        pack(&mut z, plain)
    }))
}

/// Deflate level. lopdf's own `compress` uses 9, at twice the time of 6;
/// on the sample's streams 6 is 2% larger than 9, 5 is 6% larger. The
/// streams go through libdeflate, a quarter of miniz_oxide's time at the
/// same level and slightly smaller.
const DEFLATE_LEVEL: u8 = 6;

/// Deflate level of the font programs, packed ahead on the second core
/// while the first writes pages. On the sample's seven subsets (53 KB)
/// level 6 gives 35,738 bytes for 4.8 M instructions; 10 (near-optimal
/// parsing) 273 bytes fewer for 17.5 M and a 9 MB compressor; 8-9 80
/// bytes fewer than 6 for 0.5 M more; 1 is 810 bytes more. Level 6 is
/// also the pages' level, so fonts and pages share compressors.
const FONT_DEFLATE_LEVEL: u8 = DEFLATE_LEVEL;

/// Every object reference inside `o` (not following them).
fn references(o: &Object, out: &mut Vec<ObjectId>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|x| references(x, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, v)| references(v, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, v)| references(v, out)),
        _ => {}
    }
}

/// Removes the objects nothing refers to (printpdf's Info dictionary, the
/// per-font CMaps the shared one replaced). lopdf's `prune_objects` looks
/// each reference up in a list, quadratic in the objects: 3.8 G of 11 G
/// instructions for a summary with 20,000 note references (one link each).
pub fn prune(doc: &mut lopdf::Document, small: &mut super::compact::Objects) {
    let mut seen = std::collections::HashSet::new();
    let mut todo = Vec::new();
    doc.trailer
        .iter()
        .for_each(|(_, v)| references(v, &mut todo));
    while let Some(id) = todo.pop() {
        if seen.insert(id) {
            if let Some(o) = doc.objects.get(&id) {
                references(o, &mut todo);
            } else if let Some(o) = small.get(&id) {
                o.refs(&mut todo);
            }
        }
    }
    doc.objects.retain(|id, _| seen.contains(id));
    small.retain(|id, _| seen.contains(id));
}

fn renumber_in(o: &mut Object, map: &std::collections::HashMap<ObjectId, ObjectId>) {
    match o {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                *id = *new;
            }
        }
        Object::Array(a) => a.iter_mut().for_each(|x| renumber_in(x, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, v)| renumber_in(v, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, v)| renumber_in(v, map)),
        _ => {}
    }
}

/// Numbers the objects 1, 2, 3… in their present order (lopdf's
/// `renumber_objects` is quadratic like its pruning: 2 G instructions in
/// the case above).
fn renumber(doc: &mut lopdf::Document, small: &mut super::compact::Objects) {
    // Both kinds in one order, as they were numbered.
    let mut all: Vec<ObjectId> = doc.objects.keys().chain(small.keys()).copied().collect();
    all.sort_unstable();
    let map: std::collections::HashMap<ObjectId, ObjectId> = all
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, (i as u32 + 1, 0)))
        .collect();
    let old = std::mem::take(&mut doc.objects);
    for (id, mut o) in old {
        renumber_in(&mut o, &map);
        doc.objects.insert(map[&id], o);
    }
    let old = std::mem::take(small);
    for (id, mut o) in old {
        o.renumber(&map);
        small.insert(map[&id], o);
    }
    doc.trailer
        .iter_mut()
        .for_each(|(_, v)| renumber_in(v, &map));
    doc.max_id = map.len() as u32;
}

/// Deflates every stream not compressed yet (with libdeflate), on all
/// cores: a large cost of writing (fonts and page contents), and each
/// stream is independent. Streams are dealt out largest first to the least
/// loaded worker.
fn compress(doc: &mut lopdf::Document, ahead: &Packed) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => Some(s),
            _ => None,
        })
        .filter_map(|s| {
            let Some((_, packed)) = ahead.iter().find(|(plain, _)| *plain == s.content) else {
                return Some(s);
            };
            if let Some(packed) = packed {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(packed.clone());
            }
            None
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(streams.len())
        .max(1);
    let mut shares: Vec<(usize, Vec<&mut lopdf::Stream>)> =
        (0..workers).map(|_| (0, Vec::new())).collect();
    for s in streams {
        let least = shares
            .iter_mut()
            .min_by_key(|(load, _)| *load)
            .expect("at least one worker");
        least.0 += s.content.len();
        least.1.push(s);
    }
    let deflate = |share: Vec<&mut lopdf::Stream>| {
        let mut z = compressor();
        for s in share {
            deflate(&mut z, s);
        }
    };
    let mut shares = shares.into_iter().map(|(_, s)| s);
    let first = shares.next().unwrap_or_default();
    std::thread::scope(|scope| {
        for share in shares {
            scope.spawn(move || deflate(share));
        }
        deflate(first);
    });
}

fn compressor() -> Pooled {
    compressor_at(DEFLATE_LEVEL)
}

/// A compressor at `level`, from the process's pool when one is free: a
/// libdeflate compressor is 650 KB from the C heap (a fresh mapping each,
/// its hash tables faulted in page by page), so the few a build uses at
/// once are made once and reused by every thread, every stream and, in
/// watch mode, every build.
fn compressor_at(level: u8) -> Pooled {
    let mut pool = COMPRESSORS.lock().unwrap_or_else(|p| p.into_inner());
    let kept = pool
        .iter()
        .position(|(l, _)| *l == level)
        .map(|i| pool.swap_remove(i).1);
    drop(pool);
    let z = kept.unwrap_or_else(|| {
        libdeflater::Compressor::new(
            libdeflater::CompressionLvl::new(i32::from(level)).unwrap_or_default(),
        )
    });
    Pooled(level, Some(z))
}

/// Compressors not in use, with their levels: at most one per thread that
/// deflated at the same time, two on this machine.
static COMPRESSORS: std::sync::Mutex<Vec<(u8, libdeflater::Compressor)>> =
    std::sync::Mutex::new(Vec::new());

/// A compressor borrowed from the pool, returned to it when dropped.
struct Pooled(u8, Option<libdeflater::Compressor>);

impl std::ops::Deref for Pooled {
    type Target = libdeflater::Compressor;
    fn deref(&self) -> &Self::Target {
        self.1.as_ref().expect("held until dropped")
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.1.as_mut().expect("held until dropped")
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        if let Some(z) = self.1.take() {
            let mut pool = COMPRESSORS.lock().unwrap_or_else(|p| p.into_inner());
            pool.push((self.0, z));
        }
    }
}

/// Deflates a stream not compressed yet, when that makes it smaller.
fn deflate(z: &mut libdeflater::Compressor, s: &mut lopdf::Stream) {
    if s.dict.has(b"Filter") || !s.allows_compression {
        return;
    }
    if let Some(packed) = pack(z, &s.content) {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(packed);
    }
}

/// `plain` deflated, when that makes the stream smaller (the filter entry
/// costs 19 bytes).
fn pack(z: &mut libdeflater::Compressor, plain: &[u8]) -> Option<Vec<u8>> {
    let mut packed = vec![0; z.zlib_compress_bound(plain.len())];
    let n = z.zlib_compress(plain, &mut packed).ok()?;
    packed.truncate(n);
    (packed.len() + 19 < plain.len()).then_some(packed)
}

/// Streams deflated ahead of [`finish`]: the bytes printpdf writes (a font
/// program) and what [`deflate`] makes of them.
pub type Packed<'a> = Vec<(&'a [u8], Option<Vec<u8>>)>;

/// Deflates the given streams' bytes now, on this thread.
pub fn pack_ahead<'a>(plain: impl Iterator<Item = &'a [u8]>) -> Packed<'a> {
    let mut z = compressor_at(FONT_DEFLATE_LEVEL);
    plain.map(|p| (p, pack(&mut z, p))).collect()
}
