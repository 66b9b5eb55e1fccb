//! Bit tricks of SIM's improvement reads: 64 comparison bytes packed into a word, a 64 x 64
//! bit matrix transposed, and a group's improvement masks from one sort.

/// The 64 bytes `gt` (each 0 or 1) as the bits of a word, byte i as bit i.
#[inline(always)]
pub(crate) fn pack_bytes(gt: &[u8; 64]) -> u64 {
    let mut word = 0u64;
    for (c, chunk) in gt.chunks_exact(8).enumerate() {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        // The multiplier gathers the low bit of each byte into the top byte, byte i as bit i.
        word |= (u64::from_le_bytes(b).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * c);
    }
    word
}

/// Transposes the 64 x 64 bit matrix `a` in place: bit c of `a[r]` moves to bit r of `a[c]`.
#[inline]
pub(crate) fn transpose(a: &mut [u64; 64]) {
    let mut j = 32;
    let mut m: u64 = 0x0000_0000_FFFF_FFFF;
    while j != 0 {
        let mut k = 0;
        while k < 64 {
            for r in k..k + j {
                let t = ((a[r] >> j) ^ a[r + j]) & m;
                a[r + j] ^= t;
                a[r] ^= t << j;
            }
            k += 2 * j;
        }
        j >>= 1;
        m ^= m << j;
    }
}

/// For the group of states `base | t << lo` (t below 2^k, at most 64), sets `out[l]` to the
/// mask of the local patterns t in `reach[l]` whose state is feasible with a higher entry of
/// `column` than pattern l's: the group's entries are sorted once, and each pattern's mask is
/// the patterns ranked strictly above it.
pub(crate) fn group_masks<T: Copy + Into<u32>>(
    column: &[T],
    none: T,
    base: u64,
    lo: usize,
    k: usize,
    reach: &[u64],
    out: &mut [u64; 64],
) {
    let n = (1usize << k).min(64);
    let none = u64::from(none.into());
    let mut keys = [0u64; 64];
    for (t, key) in keys[..n].iter_mut().enumerate() {
        let v = column
            .get((base | (t as u64) << lo) as usize)
            .map_or(none, |&v| u64::from(v.into()));
        *key = v << 6 | t as u64;
    }
    let keys = &mut keys[..n];
    keys.sort_unstable();
    // From the top: `above` holds the feasible patterns ranked above the current run of equal
    // entries.
    let mut above = 0u64;
    let mut end = n;
    while end > 0 {
        let v = keys[end - 1] >> 6;
        let mut start = end - 1;
        while start > 0 && keys[start - 1] >> 6 == v {
            start -= 1;
        }
        let mut run = 0u64;
        for &key in &keys[start..end] {
            let t = (key & 63) as usize;
            run |= 1u64 << t;
            out[t] = above & reach.get(t).copied().unwrap_or(0);
        }
        if v != none {
            above |= run;
        }
        end = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpose_matches_naive() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut a = [0u64; 64];
        for w in a.iter_mut() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            *w = seed;
        }
        let mut t = a;
        transpose(&mut t);
        for (r, &row) in a.iter().enumerate() {
            for (c, &col) in t.iter().enumerate() {
                assert_eq!(row >> c & 1, col >> r & 1);
            }
        }
    }

    #[test]
    fn pack_bytes_orders_bits() {
        let mut gt = [0u8; 64];
        for (i, g) in gt.iter_mut().enumerate() {
            *g = u8::from(i % 3 == 0 || i == 63);
        }
        let w = pack_bytes(&gt);
        for (i, &g) in gt.iter().enumerate() {
            assert_eq!(w >> i & 1, u64::from(g));
        }
    }
}
