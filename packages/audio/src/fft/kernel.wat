;; WebAssembly SIMD kernel of @mirkit/audio: FFTs, STFT-like frame loops and FIR filters (float64, split real/imaginary
;; arrays, two lanes = two consecutive indices). Assembled by bench/gen-fft-kernel.mjs into kernel-wasm.ts; edit this
;; file, then re-run that script. All pointers are byte offsets into the exported memory.
(module
  (memory (export "memory") 1)

  ;; Radix-4 decimation-in-time stages on (re, im) of n points: spans M = m, 4m, 16m, … while M < n (n = m·4^s,
  ;; m ≥ 2). Before the stage of span M the data hold n/M transforms of size M in consecutive blocks (the caller
  ;; did the digit-reversal permutation and the first stage). Per stage the twiddle table at tw holds, for each pair
  ;; k, k+1, six f64x2: Re w^k, Im w^k, Re w^2k, Im w^2k, Re w^3k, Im w^3k with w = exp(−2πi / 4M) (6·M doubles,
  ;; one stream); stages follow each other.
  (func $stages (export "stages") (param $re i32) (param $im i32) (param $tw i32) (param $n i32) (param $m i32)
    (local $mb i32) (local $mb2 i32) (local $mb3 i32) (local $end i32) (local $g i32) (local $pr i32) (local $pi i32) (local $t i32)
    (local $stop i32)
    (local $xr v128) (local $xi v128) (local $wr v128) (local $wi v128)
    (local $b1r v128) (local $b1i v128) (local $b2r v128) (local $b2i v128) (local $b3r v128) (local $b3i v128)
    (local $t0r v128) (local $t0i v128) (local $t1r v128) (local $t1i v128)
    (local $t2r v128) (local $t2i v128) (local $t3r v128) (local $t3i v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $stage
        (br_if $done (i32.ge_u (local.get $m) (local.get $n)))
        (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
        (local.set $mb2 (i32.shl (local.get $mb) (i32.const 1)))
        (local.set $mb3 (i32.add (local.get $mb2) (local.get $mb)))
        (local.set $g (i32.const 0))
        (loop $group
          (local.set $pr (i32.add (local.get $re) (local.get $g)))
          (local.set $pi (i32.add (local.get $im) (local.get $g)))
          (local.set $stop (i32.add (local.get $pr) (local.get $mb)))
          (local.set $t (local.get $tw))
          (loop $bfly
            ;; b1 = x[p + M]·w^k
            (local.set $xr (v128.load (i32.add (local.get $pr) (local.get $mb))))
            (local.set $xi (v128.load (i32.add (local.get $pi) (local.get $mb))))
            (local.set $wr (v128.load (local.get $t)))
            (local.set $wi (v128.load offset=16 (local.get $t)))
            (local.set $b1r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
            (local.set $b1i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
            ;; b2 = x[p + 2M]·w^2k
            (local.set $xr (v128.load (i32.add (local.get $pr) (local.get $mb2))))
            (local.set $xi (v128.load (i32.add (local.get $pi) (local.get $mb2))))
            (local.set $wr (v128.load offset=32 (local.get $t)))
            (local.set $wi (v128.load offset=48 (local.get $t)))
            (local.set $b2r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
            (local.set $b2i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
            ;; b3 = x[p + 3M]·w^3k
            (local.set $xr (v128.load (i32.add (local.get $pr) (local.get $mb3))))
            (local.set $xi (v128.load (i32.add (local.get $pi) (local.get $mb3))))
            (local.set $wr (v128.load offset=64 (local.get $t)))
            (local.set $wi (v128.load offset=80 (local.get $t)))
            (local.set $b3r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
            (local.set $b3i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
            ;; butterflies
            (local.set $xr (v128.load (local.get $pr)))
            (local.set $xi (v128.load (local.get $pi)))
            (local.set $t0r (f64x2.add (local.get $xr) (local.get $b2r)))
            (local.set $t0i (f64x2.add (local.get $xi) (local.get $b2i)))
            (local.set $t1r (f64x2.sub (local.get $xr) (local.get $b2r)))
            (local.set $t1i (f64x2.sub (local.get $xi) (local.get $b2i)))
            (local.set $t2r (f64x2.add (local.get $b1r) (local.get $b3r)))
            (local.set $t2i (f64x2.add (local.get $b1i) (local.get $b3i)))
            (local.set $t3r (f64x2.sub (local.get $b1r) (local.get $b3r)))
            (local.set $t3i (f64x2.sub (local.get $b1i) (local.get $b3i)))
            ;; y0 = t0 + t2, y2 = t0 − t2, y1 = t1 − i·t3, y3 = t1 + i·t3
            (v128.store (local.get $pr) (f64x2.add (local.get $t0r) (local.get $t2r)))
            (v128.store (local.get $pi) (f64x2.add (local.get $t0i) (local.get $t2i)))
            (v128.store (i32.add (local.get $pr) (local.get $mb2)) (f64x2.sub (local.get $t0r) (local.get $t2r)))
            (v128.store (i32.add (local.get $pi) (local.get $mb2)) (f64x2.sub (local.get $t0i) (local.get $t2i)))
            (v128.store (i32.add (local.get $pr) (local.get $mb)) (f64x2.add (local.get $t1r) (local.get $t3i)))
            (v128.store (i32.add (local.get $pi) (local.get $mb)) (f64x2.sub (local.get $t1i) (local.get $t3r)))
            (v128.store (i32.add (local.get $pr) (local.get $mb3)) (f64x2.sub (local.get $t1r) (local.get $t3i)))
            (v128.store (i32.add (local.get $pi) (local.get $mb3)) (f64x2.add (local.get $t1i) (local.get $t3r)))
            (local.set $pr (i32.add (local.get $pr) (i32.const 16)))
            (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
            (local.set $t (i32.add (local.get $t) (i32.const 96)))
            (br_if $bfly (i32.lt_u (local.get $pr) (local.get $stop))))
          (local.set $g (i32.add (local.get $g) (i32.shl (local.get $mb) (i32.const 2))))
          (br_if $group (i32.lt_u (local.get $g) (local.get $end))))
        (local.set $tw (i32.add (local.get $tw) (i32.mul (local.get $mb) (i32.const 6))))
        (local.set $m (i32.shl (local.get $m) (i32.const 2)))
        (br $stage))))

  ;; First stage with the digit-reversal gather: for each quad p, inputs x[perm[p + j]] (j < 4; perm holds i32
  ;; element indices), a twiddle-free radix-4 butterfly into (re, im)[p + j]. n is a multiple of 4.
  (func $first4 (export "first4") (param $re i32) (param $im i32) (param $xr i32) (param $xi i32) (param $perm i32) (param $n i32)
    (local $p i32) (local $end i32) (local $q i32) (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local $t0r f64) (local $t0i f64) (local $t1r f64) (local $t1i f64) (local $t2r f64) (local $t2i f64) (local $t3r f64) (local $t3i f64)
    (local $x0r f64) (local $x0i f64) (local $x1r f64) (local $x1i f64) (local $x2r f64) (local $x2i f64) (local $x3r f64) (local $x3i f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $q (i32.add (local.get $perm) (i32.shr_u (local.get $p) (i32.const 1))))
        (local.set $i0 (i32.shl (i32.load (local.get $q)) (i32.const 3)))
        (local.set $i1 (i32.shl (i32.load offset=4 (local.get $q)) (i32.const 3)))
        (local.set $i2 (i32.shl (i32.load offset=8 (local.get $q)) (i32.const 3)))
        (local.set $i3 (i32.shl (i32.load offset=12 (local.get $q)) (i32.const 3)))
        (local.set $x0r (f64.load (i32.add (local.get $xr) (local.get $i0))))
        (local.set $x0i (f64.load (i32.add (local.get $xi) (local.get $i0))))
        (local.set $x1r (f64.load (i32.add (local.get $xr) (local.get $i1))))
        (local.set $x1i (f64.load (i32.add (local.get $xi) (local.get $i1))))
        (local.set $x2r (f64.load (i32.add (local.get $xr) (local.get $i2))))
        (local.set $x2i (f64.load (i32.add (local.get $xi) (local.get $i2))))
        (local.set $x3r (f64.load (i32.add (local.get $xr) (local.get $i3))))
        (local.set $x3i (f64.load (i32.add (local.get $xi) (local.get $i3))))
        (local.set $t0r (f64.add (local.get $x0r) (local.get $x2r)))
        (local.set $t0i (f64.add (local.get $x0i) (local.get $x2i)))
        (local.set $t1r (f64.sub (local.get $x0r) (local.get $x2r)))
        (local.set $t1i (f64.sub (local.get $x0i) (local.get $x2i)))
        (local.set $t2r (f64.add (local.get $x1r) (local.get $x3r)))
        (local.set $t2i (f64.add (local.get $x1i) (local.get $x3i)))
        (local.set $t3r (f64.sub (local.get $x1r) (local.get $x3r)))
        (local.set $t3i (f64.sub (local.get $x1i) (local.get $x3i)))
        (local.set $q (i32.add (local.get $re) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $t0r) (local.get $t2r)))
        (f64.store offset=8 (local.get $q) (f64.add (local.get $t1r) (local.get $t3i)))
        (f64.store offset=16 (local.get $q) (f64.sub (local.get $t0r) (local.get $t2r)))
        (f64.store offset=24 (local.get $q) (f64.sub (local.get $t1r) (local.get $t3i)))
        (local.set $q (i32.add (local.get $im) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $t0i) (local.get $t2i)))
        (f64.store offset=8 (local.get $q) (f64.sub (local.get $t1i) (local.get $t3r)))
        (f64.store offset=16 (local.get $q) (f64.sub (local.get $t0i) (local.get $t2i)))
        (f64.store offset=24 (local.get $q) (f64.add (local.get $t1i) (local.get $t3r)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $each))))

  ;; Radix-2 variant of first4 (pairs p, p + 1).
  (func $first2 (export "first2") (param $re i32) (param $im i32) (param $xr i32) (param $xi i32) (param $perm i32) (param $n i32)
    (local $p i32) (local $end i32) (local $q i32) (local $i0 i32) (local $i1 i32)
    (local $ar f64) (local $ai f64) (local $br f64) (local $bi f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $q (i32.add (local.get $perm) (i32.shr_u (local.get $p) (i32.const 1))))
        (local.set $i0 (i32.shl (i32.load (local.get $q)) (i32.const 3)))
        (local.set $i1 (i32.shl (i32.load offset=4 (local.get $q)) (i32.const 3)))
        (local.set $ar (f64.load (i32.add (local.get $xr) (local.get $i0))))
        (local.set $ai (f64.load (i32.add (local.get $xi) (local.get $i0))))
        (local.set $br (f64.load (i32.add (local.get $xr) (local.get $i1))))
        (local.set $bi (f64.load (i32.add (local.get $xi) (local.get $i1))))
        (local.set $q (i32.add (local.get $re) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $ar) (local.get $br)))
        (f64.store offset=8 (local.get $q) (f64.sub (local.get $ar) (local.get $br)))
        (local.set $q (i32.add (local.get $im) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $ai) (local.get $bi)))
        (f64.store offset=8 (local.get $q) (f64.sub (local.get $ai) (local.get $bi)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $each))))

  ;; First stage of a real FFT of size 2n packed as z[i] = x[2i] + i·x[2i+1], x[j] = y[start + j]·window[j]:
  ;; like first4, with off[p] = 2·perm[p] (i32) and the window pre-permuted (wr[p] = window[off[p]],
  ;; wi[p] = window[off[p] + 1]); y is f64, start an element index. n is a multiple of 4.
  (func $packed4 (export "packed4") (param $re i32) (param $im i32) (param $y i32) (param $off i32) (param $wr i32) (param $wi i32) (param $n i32)
    (local $p i32) (local $end i32) (local $q i32) (local $w i32) (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local $t0r f64) (local $t0i f64) (local $t1r f64) (local $t1i f64) (local $t2r f64) (local $t2i f64) (local $t3r f64) (local $t3i f64)
    (local $x0r f64) (local $x0i f64) (local $x1r f64) (local $x1i f64) (local $x2r f64) (local $x2i f64) (local $x3r f64) (local $x3i f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $q (i32.add (local.get $off) (i32.shr_u (local.get $p) (i32.const 1))))
        (local.set $i0 (i32.add (local.get $y) (i32.shl (i32.load (local.get $q)) (i32.const 3))))
        (local.set $i1 (i32.add (local.get $y) (i32.shl (i32.load offset=4 (local.get $q)) (i32.const 3))))
        (local.set $i2 (i32.add (local.get $y) (i32.shl (i32.load offset=8 (local.get $q)) (i32.const 3))))
        (local.set $i3 (i32.add (local.get $y) (i32.shl (i32.load offset=12 (local.get $q)) (i32.const 3))))
        (local.set $w (i32.add (local.get $wr) (local.get $p)))
        (local.set $x0r (f64.mul (f64.load (local.get $i0)) (f64.load (local.get $w))))
        (local.set $x1r (f64.mul (f64.load (local.get $i1)) (f64.load offset=8 (local.get $w))))
        (local.set $x2r (f64.mul (f64.load (local.get $i2)) (f64.load offset=16 (local.get $w))))
        (local.set $x3r (f64.mul (f64.load (local.get $i3)) (f64.load offset=24 (local.get $w))))
        (local.set $w (i32.add (local.get $wi) (local.get $p)))
        (local.set $x0i (f64.mul (f64.load offset=8 (local.get $i0)) (f64.load (local.get $w))))
        (local.set $x1i (f64.mul (f64.load offset=8 (local.get $i1)) (f64.load offset=8 (local.get $w))))
        (local.set $x2i (f64.mul (f64.load offset=8 (local.get $i2)) (f64.load offset=16 (local.get $w))))
        (local.set $x3i (f64.mul (f64.load offset=8 (local.get $i3)) (f64.load offset=24 (local.get $w))))
        (local.set $t0r (f64.add (local.get $x0r) (local.get $x2r)))
        (local.set $t0i (f64.add (local.get $x0i) (local.get $x2i)))
        (local.set $t1r (f64.sub (local.get $x0r) (local.get $x2r)))
        (local.set $t1i (f64.sub (local.get $x0i) (local.get $x2i)))
        (local.set $t2r (f64.add (local.get $x1r) (local.get $x3r)))
        (local.set $t2i (f64.add (local.get $x1i) (local.get $x3i)))
        (local.set $t3r (f64.sub (local.get $x1r) (local.get $x3r)))
        (local.set $t3i (f64.sub (local.get $x1i) (local.get $x3i)))
        (local.set $q (i32.add (local.get $re) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $t0r) (local.get $t2r)))
        (f64.store offset=8 (local.get $q) (f64.add (local.get $t1r) (local.get $t3i)))
        (f64.store offset=16 (local.get $q) (f64.sub (local.get $t0r) (local.get $t2r)))
        (f64.store offset=24 (local.get $q) (f64.sub (local.get $t1r) (local.get $t3i)))
        (local.set $q (i32.add (local.get $im) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $t0i) (local.get $t2i)))
        (f64.store offset=8 (local.get $q) (f64.sub (local.get $t1i) (local.get $t3r)))
        (f64.store offset=16 (local.get $q) (f64.sub (local.get $t0i) (local.get $t2i)))
        (f64.store offset=24 (local.get $q) (f64.add (local.get $t1i) (local.get $t3r)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (br $each))))

  ;; Radix-2 variant of packed4.
  (func $packed2 (export "packed2") (param $re i32) (param $im i32) (param $y i32) (param $off i32) (param $wr i32) (param $wi i32) (param $n i32)
    (local $p i32) (local $end i32) (local $q i32) (local $w i32) (local $i0 i32) (local $i1 i32)
    (local $ar f64) (local $ai f64) (local $br f64) (local $bi f64)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $q (i32.add (local.get $off) (i32.shr_u (local.get $p) (i32.const 1))))
        (local.set $i0 (i32.add (local.get $y) (i32.shl (i32.load (local.get $q)) (i32.const 3))))
        (local.set $i1 (i32.add (local.get $y) (i32.shl (i32.load offset=4 (local.get $q)) (i32.const 3))))
        (local.set $w (i32.add (local.get $wr) (local.get $p)))
        (local.set $ar (f64.mul (f64.load (local.get $i0)) (f64.load (local.get $w))))
        (local.set $br (f64.mul (f64.load (local.get $i1)) (f64.load offset=8 (local.get $w))))
        (local.set $w (i32.add (local.get $wi) (local.get $p)))
        (local.set $ai (f64.mul (f64.load offset=8 (local.get $i0)) (f64.load (local.get $w))))
        (local.set $bi (f64.mul (f64.load offset=8 (local.get $i1)) (f64.load offset=8 (local.get $w))))
        (local.set $q (i32.add (local.get $re) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $ar) (local.get $br)))
        (f64.store offset=8 (local.get $q) (f64.sub (local.get $ar) (local.get $br)))
        (local.set $q (i32.add (local.get $im) (local.get $p)))
        (f64.store (local.get $q) (f64.add (local.get $ai) (local.get $bi)))
        (f64.store offset=8 (local.get $q) (f64.sub (local.get $ai) (local.get $bi)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $each))))

  ;; |X[k]|² (k = 0 … h) of a real FFT of size 2h from Z = FFT_h(x[2m] + i·x[2m+1]) in (re, im):
  ;; X[k] = (Z[k] + conj Z[h−k]) / 2 + (c_k + i·s_k)·(Z[k] − conj Z[h−k]) / 2i with c_k = cos(πk/h),
  ;; s_k = −sin(πk/h) from (cs, sn). Writes h + 1 doubles to out; `mag` ≠ 0 writes |X[k]| instead. Two lanes
  ;; = bins k, k+1 (Z[h−k], Z[h−k−1] loaded as one vector and swapped); bins 0 and h are written last.
  (func $power (export "power") (param $re i32) (param $im i32) (param $cs i32) (param $sn i32) (param $out i32) (param $h i32) (param $mag i32)
    (local $k i32) (local $end i32) (local $j i32)
    (local $ar v128) (local $ai v128) (local $br v128) (local $bi v128) (local $dr v128) (local $di v128)
    (local $xr v128) (local $xi v128) (local $c v128) (local $s v128) (local $half v128) (local $p v128)
    (local $r0 f64) (local $i0 f64) (local $e0 f64) (local $e1 f64)
    (local.set $end (i32.shl (local.get $h) (i32.const 3)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        ;; j = h − k − 1 (bytes); at k = 0 lane 0 reads element h (padding), overwritten below
        (local.set $j (i32.sub (i32.sub (local.get $end) (local.get $k)) (i32.const 8)))
        (local.set $ar (v128.load (i32.add (local.get $re) (local.get $k))))
        (local.set $ai (v128.load (i32.add (local.get $im) (local.get $k))))
        (local.set $br (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (v128.load (i32.add (local.get $re) (local.get $j))) (v128.const i64x2 0 0)))
        (local.set $bi (f64x2.neg (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (v128.load (i32.add (local.get $im) (local.get $j))) (v128.const i64x2 0 0))))
        (local.set $dr (f64x2.mul (local.get $half) (f64x2.sub (local.get $ar) (local.get $br))))
        (local.set $di (f64x2.mul (local.get $half) (f64x2.sub (local.get $ai) (local.get $bi))))
        (local.set $c (v128.load (i32.add (local.get $cs) (local.get $k))))
        (local.set $s (v128.load (i32.add (local.get $sn) (local.get $k))))
        (local.set $xr (f64x2.add (f64x2.add (f64x2.mul (local.get $half) (f64x2.add (local.get $ar) (local.get $br)))
          (f64x2.mul (local.get $c) (local.get $di))) (f64x2.mul (local.get $s) (local.get $dr))))
        (local.set $xi (f64x2.add (f64x2.sub (f64x2.mul (local.get $half) (f64x2.add (local.get $ai) (local.get $bi)))
          (f64x2.mul (local.get $c) (local.get $dr))) (f64x2.mul (local.get $s) (local.get $di))))
        (local.set $p (f64x2.add (f64x2.mul (local.get $xr) (local.get $xr)) (f64x2.mul (local.get $xi) (local.get $xi))))
        (if (local.get $mag) (then (local.set $p (f64x2.sqrt (local.get $p)))))
        (v128.store (i32.add (local.get $out) (local.get $k)) (local.get $p))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $each)))
    ;; DC and Nyquist
    (local.set $r0 (f64.load (local.get $re)))
    (local.set $i0 (f64.load (local.get $im)))
    (local.set $e0 (f64.add (local.get $r0) (local.get $i0)))
    (local.set $e1 (f64.sub (local.get $r0) (local.get $i0)))
    (local.set $e0 (f64.mul (local.get $e0) (local.get $e0)))
    (local.set $e1 (f64.mul (local.get $e1) (local.get $e1)))
    (if (local.get $mag) (then (local.set $e0 (f64.sqrt (local.get $e0))) (local.set $e1 (f64.sqrt (local.get $e1)))))
    (f64.store (local.get $out) (local.get $e0))
    (f64.store (i32.add (local.get $out) (local.get $end)) (local.get $e1)))

  ;; out[b·stride] (f32, stride in bytes) = Σ_j w[j]·spec[start[b] + j] over band b's run of len[b] weights
  ;; (weights back to back, f64; start, len i32), for b < bands.
  (func $spmv (export "spmv") (param $spec i32) (param $start i32) (param $len i32) (param $w i32) (param $out i32) (param $bands i32) (param $stride i32)
    (local $b i32) (local $k i32) (local $e i32) (local $acc f64)
    (block $done
      (loop $band
        (br_if $done (i32.ge_u (local.get $b) (local.get $bands)))
        (local.set $k (i32.add (local.get $spec) (i32.shl (i32.load (i32.add (local.get $start) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 3))))
        (local.set $e (i32.add (local.get $w) (i32.shl (i32.load (i32.add (local.get $len) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 3))))
        (local.set $acc (f64.const 0))
        (block $inner_done
          (loop $inner
            (br_if $inner_done (i32.ge_u (local.get $w) (local.get $e)))
            (local.set $acc (f64.add (local.get $acc) (f64.mul (f64.load (local.get $w)) (f64.load (local.get $k)))))
            (local.set $w (i32.add (local.get $w) (i32.const 8)))
            (local.set $k (i32.add (local.get $k) (i32.const 8)))
            (br $inner)))
        (f32.store (i32.add (local.get $out) (i32.mul (local.get $b) (local.get $stride))) (f32.demote_f64 (local.get $acc)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $band))))

  ;; `count` frames hop bytes apart in y: packed first stage (radix-2 when $r2), remaining stages from span m with
  ;; twiddles tw, |X|² (or |X|) into spec, filterbank values (f32) of frame i, band b at out + 4i + b·stride.
  (func (export "frames") (param $count i32) (param $y i32) (param $hop i32) (param $re i32) (param $im i32)
    (param $off i32) (param $wr i32) (param $wi i32) (param $h i32) (param $r2 i32) (param $tw i32) (param $m i32)
    (param $cs i32) (param $sn i32) (param $spec i32) (param $mag i32)
    (param $start i32) (param $len i32) (param $w i32) (param $out i32) (param $bands i32) (param $stride i32)
    (local $i i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (if (local.get $r2)
          (then (call $packed2 (local.get $re) (local.get $im) (local.get $y) (local.get $off) (local.get $wr) (local.get $wi) (local.get $h)))
          (else (call $packed4 (local.get $re) (local.get $im) (local.get $y) (local.get $off) (local.get $wr) (local.get $wi) (local.get $h))))
        (call $stages (local.get $re) (local.get $im) (local.get $tw) (local.get $h) (local.get $m))
        (call $power (local.get $re) (local.get $im) (local.get $cs) (local.get $sn) (local.get $spec) (local.get $h) (local.get $mag))
        (call $spmv (local.get $spec) (local.get $start) (local.get $len) (local.get $w) (local.get $out) (local.get $bands) (local.get $stride))
        (local.set $y (i32.add (local.get $y) (local.get $hop)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; Polyphase FIR (torchaudio's sinc resampling): for f < frames and phase j < target,
  ;; out[f·target + j] (f32) = Σ_{m ∈ [lo[j], hi[j])} x[f·orig + m]·k[j·taps + m], x and k f32, accumulated in
  ;; f64 (two lanes = consecutive taps; f32 products are exact in f64). lo/hi are i32 per phase.
  (func (export "sinc") (param $x i32) (param $frames i32) (param $orig i32) (param $target i32) (param $taps i32)
    (param $k i32) (param $lo i32) (param $hi i32) (param $out i32)
    (local $f i32) (local $j i32) (local $px i32) (local $pk i32) (local $e i32) (local $m0 i32) (local $acc v128) (local $acc2 v128) (local $s f64)
    (block $done
      (loop $frame
        (br_if $done (i32.ge_u (local.get $f) (local.get $frames)))
        (local.set $j (i32.const 0))
        (loop $phase
          (local.set $m0 (i32.load (i32.add (local.get $lo) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $px (i32.add (local.get $x) (i32.shl (i32.add (i32.mul (local.get $f) (local.get $orig)) (local.get $m0)) (i32.const 2))))
          (local.set $pk (i32.add (local.get $k) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $taps)) (local.get $m0)) (i32.const 2))))
          ;; e = end of the even-length part
          (local.set $e (i32.add (local.get $px) (i32.shl (i32.and
            (i32.sub (i32.load (i32.add (local.get $hi) (i32.shl (local.get $j) (i32.const 2)))) (local.get $m0))
            (i32.const -2)) (i32.const 2))))
          (local.set $acc (v128.const f64x2 0 0))
          (local.set $acc2 (v128.const f64x2 0 0))
          ;; four taps per step while at least four remain, then pairs
          (block $quads_done
            (loop $quads
              (br_if $quads_done (i32.gt_u (i32.add (local.get $px) (i32.const 16)) (local.get $e)))
              (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul
                (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $px)))
                (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $pk))))))
              (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul
                (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $px)))
                (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $pk))))))
              (local.set $px (i32.add (local.get $px) (i32.const 16)))
              (local.set $pk (i32.add (local.get $pk) (i32.const 16)))
              (br $quads)))
          (local.set $acc (f64x2.add (local.get $acc) (local.get $acc2)))
          (block $pairs_done
            (loop $pairs
              (br_if $pairs_done (i32.ge_u (local.get $px) (local.get $e)))
              (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul
                (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $px)))
                (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $pk))))))
              (local.set $px (i32.add (local.get $px) (i32.const 8)))
              (local.set $pk (i32.add (local.get $pk) (i32.const 8)))
              (br $pairs)))
          (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
          ;; odd tap count: one more
          (if (i32.and (i32.sub (i32.load (i32.add (local.get $hi) (i32.shl (local.get $j) (i32.const 2)))) (local.get $m0)) (i32.const 1))
            (then (local.set $s (f64.add (local.get $s) (f64.mul
              (f64.promote_f32 (f32.load (local.get $px))) (f64.promote_f32 (f32.load (local.get $pk))))))))
          (f32.store (local.get $out) (f32.demote_f64 (local.get $s)))
          (local.set $out (i32.add (local.get $out) (i32.const 4)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $phase (i32.lt_u (local.get $j) (local.get $target))))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br $frame))))

  ;; Last stage of a size-3·M transform (three blocks of M, each already transformed): radix-3 butterflies with
  ;; twiddles w^k, w^2k (w = exp(−2πi/3M)) laid out per pair k, k+1 as Re w^k, Im w^k, Re w^2k, Im w^2k.
  (func $radix3 (export "radix3") (param $re i32) (param $im i32) (param $tw i32) (param $m i32)
    (local $k i32) (local $mb i32) (local $pr i32) (local $pi i32) (local $t i32)
    (local $xr v128) (local $xi v128) (local $wr v128) (local $wi v128)
    (local $a1r v128) (local $a1i v128) (local $a2r v128) (local $a2i v128) (local $tr v128) (local $ti v128)
    (local $dr v128) (local $di v128) (local $ur v128) (local $ui v128) (local $vr v128) (local $vi v128) (local $h v128)
    (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
    (local.set $h (f64x2.splat (f64.const 0x1.bb67ae8584caap-1)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $k) (local.get $mb)))
        (local.set $pr (i32.add (local.get $re) (local.get $k)))
        (local.set $pi (i32.add (local.get $im) (local.get $k)))
        (local.set $t (i32.add (local.get $tw) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $xr (v128.load (i32.add (local.get $pr) (local.get $mb))))
        (local.set $xi (v128.load (i32.add (local.get $pi) (local.get $mb))))
        (local.set $wr (v128.load (local.get $t)))
        (local.set $wi (v128.load offset=16 (local.get $t)))
        (local.set $a1r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
        (local.set $a1i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
        (local.set $xr (v128.load (i32.add (local.get $pr) (i32.shl (local.get $mb) (i32.const 1)))))
        (local.set $xi (v128.load (i32.add (local.get $pi) (i32.shl (local.get $mb) (i32.const 1)))))
        (local.set $wr (v128.load offset=32 (local.get $t)))
        (local.set $wi (v128.load offset=48 (local.get $t)))
        (local.set $a2r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
        (local.set $a2i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
        (local.set $tr (f64x2.add (local.get $a1r) (local.get $a2r)))
        (local.set $ti (f64x2.add (local.get $a1i) (local.get $a2i)))
        (local.set $dr (f64x2.sub (local.get $a1r) (local.get $a2r)))
        (local.set $di (f64x2.sub (local.get $a1i) (local.get $a2i)))
        (local.set $xr (v128.load (local.get $pr)))
        (local.set $xi (v128.load (local.get $pi)))
        (local.set $ur (f64x2.sub (local.get $xr) (f64x2.mul (f64x2.splat (f64.const 0.5)) (local.get $tr))))
        (local.set $ui (f64x2.sub (local.get $xi) (f64x2.mul (f64x2.splat (f64.const 0.5)) (local.get $ti))))
        (v128.store (local.get $pr) (f64x2.add (local.get $xr) (local.get $tr)))
        (v128.store (local.get $pi) (f64x2.add (local.get $xi) (local.get $ti)))
        ;; v = −i·(√3/2)·d
        (local.set $vr (f64x2.mul (local.get $h) (local.get $di)))
        (local.set $vi (f64x2.neg (f64x2.mul (local.get $h) (local.get $dr))))
        (v128.store (i32.add (local.get $pr) (local.get $mb)) (f64x2.add (local.get $ur) (local.get $vr)))
        (v128.store (i32.add (local.get $pi) (local.get $mb)) (f64x2.add (local.get $ui) (local.get $vi)))
        (v128.store (i32.add (local.get $pr) (i32.shl (local.get $mb) (i32.const 1))) (f64x2.sub (local.get $ur) (local.get $vr)))
        (v128.store (i32.add (local.get $pi) (i32.shl (local.get $mb) (i32.const 1))) (f64x2.sub (local.get $ui) (local.get $vi)))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $each))))

  ;; Stages after the first: radix-4 stages from span m on blocks of n4 points (one block, or three followed by
  ;; the radix-3 stage when tw3 ≠ 0).
  (func $rest (export "rest") (param $re i32) (param $im i32) (param $tw i32) (param $n4 i32) (param $m i32) (param $tw3 i32)
    (local $nb i32)
    (if (i32.eqz (local.get $tw3))
      (then (call $stages (local.get $re) (local.get $im) (local.get $tw) (local.get $n4) (local.get $m)) (return)))
    (local.set $nb (i32.shl (local.get $n4) (i32.const 3)))
    (call $stages (local.get $re) (local.get $im) (local.get $tw) (local.get $n4) (local.get $m))
    (call $stages (i32.add (local.get $re) (local.get $nb)) (i32.add (local.get $im) (local.get $nb)) (local.get $tw) (local.get $n4) (local.get $m))
    (call $stages (i32.add (local.get $re) (i32.shl (local.get $nb) (i32.const 1))) (i32.add (local.get $im) (i32.shl (local.get $nb) (i32.const 1)))
      (local.get $tw) (local.get $n4) (local.get $m))
    (call $radix3 (local.get $re) (local.get $im) (local.get $tw3) (local.get $n4)))

  ;; Complex spectrum X[k] (k = 0 … h) of a real FFT of size 2h from Z in (re, im) (as `power`), rounded to
  ;; complex64, into (xr, xi) (h + 1 doubles each).
  (func $untangle (param $re i32) (param $im i32) (param $cs i32) (param $sn i32) (param $xr i32) (param $xi i32) (param $h i32)
    (local $k i32) (local $end i32) (local $j i32)
    (local $ar v128) (local $ai v128) (local $br v128) (local $bi v128) (local $dr v128) (local $di v128)
    (local $c v128) (local $s v128) (local $half v128) (local $r0 f64) (local $i0 f64)
    (local.set $end (i32.shl (local.get $h) (i32.const 3)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $j (i32.sub (i32.sub (local.get $end) (local.get $k)) (i32.const 8)))
        (local.set $ar (v128.load (i32.add (local.get $re) (local.get $k))))
        (local.set $ai (v128.load (i32.add (local.get $im) (local.get $k))))
        (local.set $br (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (v128.load (i32.add (local.get $re) (local.get $j))) (v128.const i64x2 0 0)))
        (local.set $bi (f64x2.neg (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          (v128.load (i32.add (local.get $im) (local.get $j))) (v128.const i64x2 0 0))))
        (local.set $dr (f64x2.mul (local.get $half) (f64x2.sub (local.get $ar) (local.get $br))))
        (local.set $di (f64x2.mul (local.get $half) (f64x2.sub (local.get $ai) (local.get $bi))))
        (local.set $c (v128.load (i32.add (local.get $cs) (local.get $k))))
        (local.set $s (v128.load (i32.add (local.get $sn) (local.get $k))))
        (v128.store (i32.add (local.get $xr) (local.get $k)) (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.add (f64x2.mul (local.get $half) (f64x2.add (local.get $ar) (local.get $br)))
            (f64x2.mul (local.get $c) (local.get $di))) (f64x2.mul (local.get $s) (local.get $dr))))))
        (v128.store (i32.add (local.get $xi) (local.get $k)) (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero
          (f64x2.add (f64x2.sub (f64x2.mul (local.get $half) (f64x2.add (local.get $ai) (local.get $bi)))
            (f64x2.mul (local.get $c) (local.get $dr))) (f64x2.mul (local.get $s) (local.get $di))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $each)))
    (local.set $r0 (f64.load (local.get $re)))
    (local.set $i0 (f64.load (local.get $im)))
    (f64.store (local.get $xr) (f64.promote_f32 (f32.demote_f64 (f64.add (local.get $r0) (local.get $i0)))))
    (f64.store (local.get $xi) (f64.const 0))
    (f64.store (i32.add (local.get $xr) (local.get $end)) (f64.promote_f32 (f32.demote_f64 (f64.sub (local.get $r0) (local.get $i0)))))
    (f64.store (i32.add (local.get $xi) (local.get $end)) (f64.const 0)))

  ;; CQT frames: `count` frames hop bytes apart in y (f64, zero-padded by the caller), rectangular window (wr/wi
  ;; all ones, pre-permuted), real FFT of size 2h as in `frames`, complex64 spectrum, then per CQT bin b the
  ;; complex dot product with its sparse complex weights (interleaved re, im from w; start/len i32 in bins) and
  ;; its magnitude √(re² + im²) into f64 rows (bands per frame) from out on.
  (func (export "cqtFrames") (param $count i32) (param $y i32) (param $hop i32) (param $re i32) (param $im i32)
    (param $off i32) (param $wr i32) (param $wi i32) (param $h i32) (param $r2 i32) (param $tw i32) (param $m i32)
    (param $cs i32) (param $sn i32) (param $xr i32) (param $xi i32)
    (param $start i32) (param $len i32) (param $w i32) (param $out i32) (param $bands i32) (param $stride i32)
    (local $i i32) (local $b i32) (local $k i32) (local $p i32) (local $e i32)
    (local $ar f64) (local $ai f64) (local $vr f64) (local $vi f64) (local $gr f64) (local $gi f64)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (if (local.get $r2)
          (then (call $packed2 (local.get $re) (local.get $im) (local.get $y) (local.get $off) (local.get $wr) (local.get $wi) (local.get $h)))
          (else (call $packed4 (local.get $re) (local.get $im) (local.get $y) (local.get $off) (local.get $wr) (local.get $wi) (local.get $h))))
        (call $stages (local.get $re) (local.get $im) (local.get $tw) (local.get $h) (local.get $m))
        (call $untangle (local.get $re) (local.get $im) (local.get $cs) (local.get $sn) (local.get $xr) (local.get $xi) (local.get $h))
        (local.set $b (i32.const 0))
        (local.set $p (local.get $w))
        (block $bands_done
          (loop $band
            (br_if $bands_done (i32.ge_u (local.get $b) (local.get $bands)))
            (local.set $k (i32.shl (i32.load (i32.add (local.get $start) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 3)))
            (local.set $e (i32.add (local.get $p) (i32.shl (i32.load (i32.add (local.get $len) (i32.shl (local.get $b) (i32.const 2)))) (i32.const 4))))
            (local.set $ar (f64.const 0))
            (local.set $ai (f64.const 0))
            (block $inner_done
              (loop $inner
                (br_if $inner_done (i32.ge_u (local.get $p) (local.get $e)))
                (local.set $gr (f64.load (local.get $p)))
                (local.set $gi (f64.load offset=8 (local.get $p)))
                (local.set $vr (f64.load (i32.add (local.get $xr) (local.get $k))))
                (local.set $vi (f64.load (i32.add (local.get $xi) (local.get $k))))
                (local.set $ar (f64.add (local.get $ar) (f64.sub (f64.mul (local.get $gr) (local.get $vr)) (f64.mul (local.get $gi) (local.get $vi)))))
                (local.set $ai (f64.add (local.get $ai) (f64.add (f64.mul (local.get $gr) (local.get $vi)) (f64.mul (local.get $gi) (local.get $vr)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $k (i32.add (local.get $k) (i32.const 8)))
                (br $inner)))
            (f64.store (local.get $out) (f64.sqrt (f64.add (f64.mul (local.get $ar) (local.get $ar)) (f64.mul (local.get $ai) (local.get $ai)))))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $band)))
        (local.set $y (i32.add (local.get $y) (local.get $hop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; (dr, di) ← conj((ar + i·ai)·(br + i·bi)) elementwise over n points (n even).
  (func $mulconj (export "mulconj") (param $dr i32) (param $di i32) (param $ar i32) (param $ai i32) (param $br i32) (param $bi i32) (param $n i32)
    (local $o i32) (local $end i32) (local $xr v128) (local $xi v128) (local $yr v128) (local $yi v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $xr (v128.load (i32.add (local.get $ar) (local.get $o))))
        (local.set $xi (v128.load (i32.add (local.get $ai) (local.get $o))))
        (local.set $yr (v128.load (i32.add (local.get $br) (local.get $o))))
        (local.set $yi (v128.load (i32.add (local.get $bi) (local.get $o))))
        (v128.store (i32.add (local.get $dr) (local.get $o))
          (f64x2.sub (f64x2.mul (local.get $xr) (local.get $yr)) (f64x2.mul (local.get $xi) (local.get $yi))))
        (v128.store (i32.add (local.get $di) (local.get $o))
          (f64x2.neg (f64x2.add (f64x2.mul (local.get $xr) (local.get $yi)) (f64x2.mul (local.get $xi) (local.get $yr)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))
  ;; BeatNet/madmom frames through Bluestein: `count` pairs of real frames of length n (frame 2i at y + 2i·hop,
  ;; frame 2i+1 one hop later; y f64, zero-padded by the caller), windowed, chirp-multiplied into one complex
  ;; signal (a + i·b)·chirp in (xr, xi), zero-padded to size, convolved with the chirp spectrum (kr, ki) by two
  ;; transforms (first stage + remaining stages, as `first4`/`first2` + `rest`), untangled into both frames'
  ;; spectra, rounded to complex64, |·| rounded to float32 into mags (2 × bins doubles), then projected on the
  ;; filterbank into f32 rows (frame 2i at out + 2i·bands·4).
  (func (export "bluestein") (param $count i32) (param $y i32) (param $hop i32) (param $win i32) (param $cr i32) (param $ci i32)
    (param $n i32) (param $xr i32) (param $xi i32) (param $re i32) (param $im i32) (param $perm i32) (param $tw i32)
    (param $size i32) (param $m0 i32) (param $r2 i32) (param $kr i32) (param $ki i32) (param $mags i32) (param $bins i32)
    (param $start i32) (param $len i32) (param $w i32) (param $out i32) (param $bands i32) (param $n4 i32) (param $tw3 i32)
    (local $i i32) (local $k i32) (local $end i32) (local $j i32) (local $ya i32) (local $yb i32)
    (local $a f64) (local $b f64) (local $c f64) (local $s f64)
    (local $pr f64) (local $pi f64) (local $zr f64) (local $zi f64) (local $qr f64) (local $qi f64) (local $vr f64) (local $vi f64)
    (local $u f64) (local $v f64)
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        ;; chirp-multiplied, windowed input
        (local.set $ya (local.get $y))
        (local.set $yb (i32.add (local.get $y) (local.get $hop)))
        (local.set $end (i32.shl (local.get $n) (i32.const 3)))
        (local.set $k (i32.const 0))
        (loop $fill
          (local.set $a (f64.mul (f64.load (i32.add (local.get $ya) (local.get $k))) (f64.load (i32.add (local.get $win) (local.get $k)))))
          (local.set $b (f64.mul (f64.load (i32.add (local.get $yb) (local.get $k))) (f64.load (i32.add (local.get $win) (local.get $k)))))
          (local.set $c (f64.load (i32.add (local.get $cr) (local.get $k))))
          (local.set $s (f64.load (i32.add (local.get $ci) (local.get $k))))
          (f64.store (i32.add (local.get $xr) (local.get $k)) (f64.sub (f64.mul (local.get $a) (local.get $c)) (f64.mul (local.get $b) (local.get $s))))
          (f64.store (i32.add (local.get $xi) (local.get $k)) (f64.add (f64.mul (local.get $a) (local.get $s)) (f64.mul (local.get $b) (local.get $c))))
          (local.set $k (i32.add (local.get $k) (i32.const 8)))
          (br_if $fill (i32.lt_u (local.get $k) (local.get $end))))
        (memory.fill (i32.add (local.get $xr) (local.get $end)) (i32.const 0) (i32.sub (i32.shl (local.get $size) (i32.const 3)) (local.get $end)))
        (memory.fill (i32.add (local.get $xi) (local.get $end)) (i32.const 0) (i32.sub (i32.shl (local.get $size) (i32.const 3)) (local.get $end)))
        ;; convolution with the chirp: transform, multiply by the conjugated kernel spectrum, transform
        (if (local.get $r2)
          (then (call $first2 (local.get $re) (local.get $im) (local.get $xr) (local.get $xi) (local.get $perm) (local.get $size)))
          (else (call $first4 (local.get $re) (local.get $im) (local.get $xr) (local.get $xi) (local.get $perm) (local.get $size))))
        (call $rest (local.get $re) (local.get $im) (local.get $tw) (local.get $n4) (local.get $m0) (local.get $tw3))
        (call $mulconj (local.get $xr) (local.get $xi) (local.get $re) (local.get $im) (local.get $kr) (local.get $ki) (local.get $size))
        (if (local.get $r2)
          (then (call $first2 (local.get $re) (local.get $im) (local.get $xr) (local.get $xi) (local.get $perm) (local.get $size)))
          (else (call $first4 (local.get $re) (local.get $im) (local.get $xr) (local.get $xi) (local.get $perm) (local.get $size))))
        (call $rest (local.get $re) (local.get $im) (local.get $tw) (local.get $n4) (local.get $m0) (local.get $tw3))
        ;; untangle: Z[k] = conj(Y[k])·chirp[k]; A = (Z[k] + conj Z[n−k]) / 2, B = (Z[k] − conj Z[n−k]) / 2i
        (local.set $k (i32.const 0))
        (local.set $end (i32.shl (local.get $bins) (i32.const 3)))
        (loop $split
          (local.set $j (select (i32.const 0) (i32.sub (i32.shl (local.get $n) (i32.const 3)) (local.get $k)) (i32.eqz (local.get $k))))
          (local.set $pr (f64.load (i32.add (local.get $re) (local.get $k))))
          (local.set $pi (f64.neg (f64.load (i32.add (local.get $im) (local.get $k)))))
          (local.set $c (f64.load (i32.add (local.get $cr) (local.get $k))))
          (local.set $s (f64.load (i32.add (local.get $ci) (local.get $k))))
          (local.set $zr (f64.sub (f64.mul (local.get $pr) (local.get $c)) (f64.mul (local.get $pi) (local.get $s))))
          (local.set $zi (f64.add (f64.mul (local.get $pr) (local.get $s)) (f64.mul (local.get $pi) (local.get $c))))
          (local.set $qr (f64.load (i32.add (local.get $re) (local.get $j))))
          (local.set $qi (f64.neg (f64.load (i32.add (local.get $im) (local.get $j)))))
          (local.set $c (f64.load (i32.add (local.get $cr) (local.get $j))))
          (local.set $s (f64.load (i32.add (local.get $ci) (local.get $j))))
          (local.set $vr (f64.sub (f64.mul (local.get $qr) (local.get $c)) (f64.mul (local.get $qi) (local.get $s))))
          (local.set $vi (f64.neg (f64.add (f64.mul (local.get $qr) (local.get $s)) (f64.mul (local.get $qi) (local.get $c)))))
          ;; frame A: complex64 rounding, float32 magnitude
          (local.set $u (f64.promote_f32 (f32.demote_f64 (f64.mul (f64.const 0.5) (f64.add (local.get $zr) (local.get $vr))))))
          (local.set $v (f64.promote_f32 (f32.demote_f64 (f64.mul (f64.const 0.5) (f64.add (local.get $zi) (local.get $vi))))))
          (f64.store (i32.add (local.get $mags) (local.get $k))
            (f64.promote_f32 (f32.demote_f64 (f64.sqrt (f64.add (f64.mul (local.get $u) (local.get $u)) (f64.mul (local.get $v) (local.get $v)))))))
          ;; frame B
          (local.set $u (f64.promote_f32 (f32.demote_f64 (f64.mul (f64.const 0.5) (f64.sub (local.get $zi) (local.get $vi))))))
          (local.set $v (f64.promote_f32 (f32.demote_f64 (f64.mul (f64.const -0.5) (f64.sub (local.get $zr) (local.get $vr))))))
          (f64.store (i32.add (i32.add (local.get $mags) (local.get $end)) (local.get $k))
            (f64.promote_f32 (f32.demote_f64 (f64.sqrt (f64.add (f64.mul (local.get $u) (local.get $u)) (f64.mul (local.get $v) (local.get $v)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 8)))
          (br_if $split (i32.lt_u (local.get $k) (local.get $end))))
        (call $spmv (local.get $mags) (local.get $start) (local.get $len) (local.get $w) (local.get $out) (local.get $bands) (i32.const 4))
        (call $spmv (i32.add (local.get $mags) (local.get $end)) (local.get $start) (local.get $len) (local.get $w)
          (i32.add (local.get $out) (i32.shl (local.get $bands) (i32.const 2))) (local.get $bands) (i32.const 4))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $hop) (i32.const 1))))
        (local.set $out (i32.add (local.get $out) (i32.shl (local.get $bands) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $pair))))
)
