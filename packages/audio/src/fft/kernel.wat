;; SIMD kernels for src/fft/complex-fft.ts (float64, split real/imaginary arrays, two lanes = two consecutive
;; indices). Assembled by bench/gen-fft-kernel.mjs into kernel-wasm.ts; edit this file, then re-run that script.
;; All pointers are byte offsets into the exported memory; array lengths are multiples of 2.
(module
  (memory (export "memory") 1)

  ;; Radix-4 decimation-in-time stages on (re, im) of n points: spans M = m, 4m, 16m, … while M < n (n = m·4^s,
  ;; m ≥ 2). Before the stage of span M the data hold n/M transforms of size M in consecutive blocks (the caller
  ;; did the digit-reversal permutation and the first stage). Per stage the twiddle table at tw holds, for each pair
  ;; k, k+1, six f64x2: Re w^k, Im w^k, Re w^2k, Im w^2k, Re w^3k, Im w^3k with w = exp(−2πi / 4M) (6·M doubles,
  ;; one stream); stages follow each other.
  (func (export "stages") (param $re i32) (param $im i32) (param $tw i32) (param $n i32) (param $m i32)
    (local $mb i32) (local $end i32) (local $g i32) (local $k i32) (local $pr i32) (local $pi i32) (local $t i32)
    (local $xr v128) (local $xi v128) (local $wr v128) (local $wi v128)
    (local $b1r v128) (local $b1i v128) (local $b2r v128) (local $b2i v128) (local $b3r v128) (local $b3i v128)
    (local $t0r v128) (local $t0i v128) (local $t1r v128) (local $t1i v128)
    (local $t2r v128) (local $t2i v128) (local $t3r v128) (local $t3i v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $stage
        (br_if $done (i32.ge_u (local.get $m) (local.get $n)))
        (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
        (local.set $g (i32.const 0))
        (loop $group
          (local.set $k (i32.const 0))
          (loop $bfly
            (local.set $pr (i32.add (local.get $re) (i32.add (local.get $g) (local.get $k))))
            (local.set $pi (i32.add (local.get $im) (i32.add (local.get $g) (local.get $k))))
            (local.set $t (i32.add (local.get $tw) (i32.mul (local.get $k) (i32.const 6))))
            ;; b1 = x[p + M]·w^k
            (local.set $xr (v128.load (i32.add (local.get $pr) (local.get $mb))))
            (local.set $xi (v128.load (i32.add (local.get $pi) (local.get $mb))))
            (local.set $wr (v128.load (local.get $t)))
            (local.set $wi (v128.load offset=16 (local.get $t)))
            (local.set $b1r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
            (local.set $b1i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
            ;; b2 = x[p + 2M]·w^2k
            (local.set $xr (v128.load (i32.add (local.get $pr) (i32.shl (local.get $mb) (i32.const 1)))))
            (local.set $xi (v128.load (i32.add (local.get $pi) (i32.shl (local.get $mb) (i32.const 1)))))
            (local.set $wr (v128.load offset=32 (local.get $t)))
            (local.set $wi (v128.load offset=48 (local.get $t)))
            (local.set $b2r (f64x2.sub (f64x2.mul (local.get $xr) (local.get $wr)) (f64x2.mul (local.get $xi) (local.get $wi))))
            (local.set $b2i (f64x2.add (f64x2.mul (local.get $xr) (local.get $wi)) (f64x2.mul (local.get $xi) (local.get $wr))))
            ;; b3 = x[p + 3M]·w^3k
            (local.set $xr (v128.load (i32.add (local.get $pr) (i32.mul (local.get $mb) (i32.const 3)))))
            (local.set $xi (v128.load (i32.add (local.get $pi) (i32.mul (local.get $mb) (i32.const 3)))))
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
            (v128.store (i32.add (local.get $pr) (i32.shl (local.get $mb) (i32.const 1))) (f64x2.sub (local.get $t0r) (local.get $t2r)))
            (v128.store (i32.add (local.get $pi) (i32.shl (local.get $mb) (i32.const 1))) (f64x2.sub (local.get $t0i) (local.get $t2i)))
            (v128.store (i32.add (local.get $pr) (local.get $mb)) (f64x2.add (local.get $t1r) (local.get $t3i)))
            (v128.store (i32.add (local.get $pi) (local.get $mb)) (f64x2.sub (local.get $t1i) (local.get $t3r)))
            (v128.store (i32.add (local.get $pr) (i32.mul (local.get $mb) (i32.const 3))) (f64x2.sub (local.get $t1r) (local.get $t3i)))
            (v128.store (i32.add (local.get $pi) (i32.mul (local.get $mb) (i32.const 3))) (f64x2.add (local.get $t1i) (local.get $t3r)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br_if $bfly (i32.lt_u (local.get $k) (local.get $mb))))
          (local.set $g (i32.add (local.get $g) (i32.shl (local.get $mb) (i32.const 2))))
          (br_if $group (i32.lt_u (local.get $g) (local.get $end))))
        (local.set $tw (i32.add (local.get $tw) (i32.mul (local.get $mb) (i32.const 6))))
        (local.set $m (i32.shl (local.get $m) (i32.const 2)))
        (br $stage))))

  ;; (dr, di) ← conj((ar + i·ai)·(br + i·bi)) elementwise over n points (n even).
  (func (export "mulconj") (param $dr i32) (param $di i32) (param $ar i32) (param $ai i32) (param $br i32) (param $bi i32) (param $n i32)
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
        (br $each)))))
